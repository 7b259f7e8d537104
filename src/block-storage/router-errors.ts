// Block-storage URLs the router refuses (bad %-escape) and socket-level answers (408, 431, ...):
// cinder keeps such an escape literal and then finds no such resource, so the router case is its
// 404 fault; socket answers are faults of their status.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawAnswer } from '../http/client-errors.js';
import { faultBody } from './errors.js';

export function sendBlockStorageRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).header('content-type', 'application/json').send(JSON.stringify(faultBody(404, 'The resource could not be found.')));
}

export function renderBlockStorageSocketError(status: number, message: string): RawAnswer {
  return { contentType: 'application/json', body: JSON.stringify(faultBody(status, message)) };
}
