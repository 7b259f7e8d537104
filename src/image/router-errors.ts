// An image URL the router refuses (bad %-escape): glance answers in webob's plain text.
import type { FastifyReply, FastifyRequest } from 'fastify';

export function sendImageRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(400).type('text/plain').send('400 Bad Request\n\nThe request URL is not valid: a %-escape does not decode to UTF-8.\n\n   ');
}
