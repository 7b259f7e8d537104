// Identity URLs the router refuses (bad %-escape) and socket-level answers: keystone's envelope.
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawAnswer } from '../http/client-errors.js';

const envelope = (code: number, message: string) => ({ error: { code, title: STATUS_CODES[code] ?? 'Error', message } });

export function sendIdentityRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(400).send(envelope(400, 'The request URL is not valid: a %-escape does not decode to UTF-8.'));
}

export function renderIdentitySocketError(status: number, message: string): RawAnswer {
  return { contentType: 'application/json', body: JSON.stringify(envelope(status, message)) };
}
