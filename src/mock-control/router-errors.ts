// A control-plane URL the router refuses: the admin check first, as for every /_mock route, then
// a 400 in the control plane's envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authFromHeaders } from '../http/auth-context.js';

export function sendMockControlRouterError(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const auth = authFromHeaders(req.headers);
  if (!auth) return reply.code(401).send({ error: 'x-auth-token required' });
  if (!auth.isAdmin) return reply.code(403).send({ error: 'admin only' });
  return reply.code(400).send({ error: 'the request URL is not valid: a %-escape does not decode to UTF-8' });
}
