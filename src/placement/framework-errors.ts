// URLs Fastify's router refuses before any plugin runs (a bad %-escape, a path parameter over
// maxParamLength). Placement's WSGI server would decode such a path and simply find nothing,
// so under Placement's prefix they get the pipeline's answers: 401 without a token, the
// microversion errors, else a 404 in Placement's envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authFromHeaders } from '../http/auth-context.js';
import type { ApiError } from '../http/api-error.js';
import { negotiateVersion, SERVICE_TYPE } from './versions.js';
import { sendPlacementError, sendUnauthorized } from './error-response.js';

export function sendPlacementRouterError(req: FastifyRequest, reply: FastifyReply, linkPrefix: string): FastifyReply {
  reply.header('x-openstack-request-id', req.id);
  const path = req.url.split('?')[0]!.slice(linkPrefix.length);
  if (!authFromHeaders(req.headers) && path !== '/') return sendUnauthorized(req, reply);
  let version;
  try {
    version = negotiateVersion(req.headers['openstack-api-version']);
  } catch (err) {
    return sendPlacementError(req, reply, { status: (err as ApiError).status, detail: (err as ApiError).detail }, null);
  }
  reply.header('openstack-api-version', `${SERVICE_TYPE} ${version}`);
  return sendPlacementError(req, reply, { status: 404 }, version);
}
