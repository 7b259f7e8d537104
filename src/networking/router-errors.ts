// A URL Fastify's router refuses (bad %-escape, undecodable path): neutron's routes match no
// such resource, so the answer is its 404 in the NeutronError envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawAnswer } from '../http/client-errors.js';
import { NeutronError, httpNotFound } from './errors.js';

export function sendNetworkingRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).header('content-type', 'application/json').send(JSON.stringify(httpNotFound().body()));
}

/** Socket-level answers (408, 431, an unparsable request) in the NeutronError envelope. */
export function renderNetworkingSocketError(status: number, message: string): RawAnswer {
  const type = status === 408 ? 'HTTPRequestTimeout' : status === 431 ? 'HTTPRequestHeaderFieldsTooLarge' : status === 413 ? 'HTTPRequestEntityTooLarge' : 'HTTPBadRequest';
  return { contentType: 'application/json', body: JSON.stringify(new NeutronError(status, type, message).body()) };
}
