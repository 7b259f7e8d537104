// A control-plane URL the router refuses: the admin check first, as for every /_mock route, then
// a 400 in the control plane's envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authFromHeaders } from '../http/auth-context.js';
import type { RawAnswer } from '../http/client-errors.js';

export function sendMockControlRouterError(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const auth = authFromHeaders(req.headers);
  if (!auth) return reply.code(401).send({ error: 'x-auth-token required' });
  if (!auth.isAdmin) return reply.code(403).send({ error: 'admin only' });
  return reply.code(400).send({ error: 'the request URL is not valid: a %-escape does not decode to UTF-8' });
}

/** Socket-level answers (408, 431, unparsable) in the control plane's envelope. */
export function renderMockControlSocketError(_status: number, message: string): RawAnswer {
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: message }) };
}
