// Requests Node's HTTP parser rejects (or that do not arrive in time) never reach Fastify's
// routes. Placement (behind uwsgi) answers a non-integer Content-Length itself ("content-length
// header must be an integer"); these answers use Placement's envelope for all of them.
import { STATUS_CODES } from 'node:http';
import type { RawAnswer } from '../http/client-errors.js';

const EXPLANATION = 'The server could not comply with the request since it is either malformed or otherwise incorrect.';

export function renderPlacementSocketError(status: number, message: string, requestId: string): RawAnswer {
  // a 400 reads as webob's HTTPBadRequest: its explanation, then the detail
  const detail = status === 400 ? `${EXPLANATION}\n\n ${message === 'content-length header must be an integer' ? message : ''}  ` : message;
  return {
    contentType: 'application/json',
    body: JSON.stringify({ errors: [{ status, title: STATUS_CODES[status] ?? 'Error', detail, request_id: requestId }] }),
  };
}
