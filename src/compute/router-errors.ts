// A compute URL the router refuses: nova's pipeline checks the token first (401), then webob
// decodes the path; a path that is not UTF-8 is a bad request (nova itself fails there with a
// UnicodeDecodeError 500), a malformed escape stays literal and matches no route (the 404 page).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { computeAuthFromHeaders } from './compute-auth.js';
import { faultBody } from './views/fault.js';
import { notFoundPage } from './views/not-found-page.js';
import { hasMalformedEscape, pathOf } from '../http/router-errors.js';
import { serializeBody } from '../http/python/json-dumps.js';
import type { RawAnswer } from '../http/client-errors.js';

export function sendComputeRouterError(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('x-openstack-request-id', req.id).header('x-compute-request-id', req.id);
  if (!computeAuthFromHeaders(req.headers)) {
    return reply.code(401).header('content-type', 'application/json')
      .send(Buffer.from(serializeBody({ error: { code: 401, message: 'The request you have made requires authentication.' } })));
  }
  if (hasMalformedEscape(pathOf(req.url))) {
    const page = notFoundPage(req.headers.accept);
    return reply.code(404).header('content-type', page.contentType).send(Buffer.from(page.body));
  }
  return reply.code(400).header('content-type', 'application/json; charset=UTF-8')
    .send(Buffer.from(serializeBody(faultBody(400, 'The request URL is not valid: a %-escape does not decode to UTF-8.'))));
}

/** Socket-level answers (408, 431, unparsable) in nova's fault envelope. */
export function renderComputeSocketError(status: number, message: string): RawAnswer {
  return { contentType: 'application/json; charset=UTF-8', body: serializeBody(faultBody(status, message)) };
}
