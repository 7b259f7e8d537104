// A block-storage URL the router refuses (bad %-escape): cinder keeps such an escape literal and
// then finds no such resource, so the answer is its 404 fault.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { faultBody } from './errors.js';

export function sendBlockStorageRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).header('content-type', 'application/json').send(JSON.stringify(faultBody(404, 'The resource could not be found.')));
}
