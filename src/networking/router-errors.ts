// A URL Fastify's router refuses (bad %-escape, undecodable path): neutron's routes match no
// such resource, so the answer is its 404 in the NeutronError envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpNotFound } from './errors.js';

export function sendNetworkingRouterError(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).header('content-type', 'application/json').send(JSON.stringify(httpNotFound().body()));
}
