// An identity URL the router refuses (bad %-escape): keystone's error envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';

export function sendIdentityRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(400).send({ error: { code: 400, title: 'Bad Request', message: 'The request URL is not valid: a %-escape does not decode to UTF-8.' } });
}
