// Image URLs the router refuses (bad %-escape) and socket-level answers: glance answers in
// webob's plain text.
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawAnswer } from '../http/client-errors.js';

const plain = (status: number, detail: string) => `${status} ${STATUS_CODES[status] ?? 'Error'}\n\n${detail}\n\n   `;

export function sendImageRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(400).type('text/plain').send(plain(400, 'The request URL is not valid: a %-escape does not decode to UTF-8.'));
}

export function renderImageSocketError(status: number, message: string): RawAnswer {
  return { contentType: 'text/plain; charset=UTF-8', body: plain(status, message) };
}
