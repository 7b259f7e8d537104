// oslo.middleware CORS as placement deploys it when [cors] allowed_origin is set (the `cors`
// profile): a preflight (OPTIONS with Origin) is answered here with 200 whatever the origin;
// the allow headers are only added for an allowed origin, method and header list. Simple
// requests from an allowed origin get Access-Control-Allow-Origin on the way out.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** placement/wsgi.py _set_middleware_defaults + [cors] allow_headers=openstack-api-version. */
const ALLOW_HEADERS = ['openstack-api-version'];
const EXPOSE_HEADERS = ['X-Auth-Token', 'X-Openstack-Request-Id', 'X-Subject-Token', 'X-Service-Token', 'OpenStack-API-Version'];
const ALLOW_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'];
/** oslo.middleware cors defaults: allow_credentials=True, max_age=3600. */
const MAX_AGE = 3600;
/** CORS simple headers (always permitted in a preflight). */
const SIMPLE_HEADERS = ['cache-control', 'content-language', 'content-type', 'expires', 'last-modified', 'pragma'];

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** True when this was a preflight and the reply has been sent. */
export function handlePreflight(req: FastifyRequest, reply: FastifyReply, allowedOrigins: readonly string[]): boolean {
  const origin = header(req, 'origin');
  if (req.method !== 'OPTIONS' || origin === undefined) return false;
  reply.code(200);
  const requestMethod = header(req, 'access-control-request-method');
  const allowed = allowedOrigins.includes(origin) ? origin : allowedOrigins.includes('*') ? '*' : null;
  if (allowed !== null && requestMethod !== undefined && ALLOW_METHODS.includes(requestMethod)) {
    const requested = (header(req, 'access-control-request-headers') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const permitted = [...ALLOW_HEADERS, ...SIMPLE_HEADERS].map((h) => h.toUpperCase());
    if (requested.every((h) => permitted.includes(h.toUpperCase()))) {
      reply.header('vary', 'Origin');
      reply.header('access-control-allow-origin', allowed);
      reply.header('access-control-allow-credentials', 'true');
      reply.header('access-control-max-age', String(MAX_AGE));
      reply.header('access-control-allow-methods', requestMethod);
      if (requested.length) reply.header('access-control-allow-headers', requested.join(','));
    }
  }
  reply.send();
  return true;
}

/** Headers for a simple (non-preflight) request from an allowed origin. */
export function applySimpleCors(req: FastifyRequest, reply: FastifyReply, allowedOrigins: readonly string[]): void {
  const origin = header(req, 'origin');
  if (origin === undefined) return;
  const allowed = allowedOrigins.includes(origin) ? origin : allowedOrigins.includes('*') ? '*' : null;
  if (allowed === null) return;
  const vary = reply.getHeader('vary');
  reply.header('vary', vary ? `${String(vary)},Origin` : 'Origin');
  reply.header('access-control-allow-origin', allowed);
  reply.header('access-control-allow-credentials', 'true');
  reply.header('access-control-expose-headers', EXPOSE_HEADERS.join(','));
}
