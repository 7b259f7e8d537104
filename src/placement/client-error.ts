// Requests Node's HTTP parser rejects never reach Fastify's routes. Placement (behind uwsgi)
// answers a non-integer Content-Length itself ("content-length header must be an integer"),
// so the standalone listener writes that envelope instead of Fastify's generic 400.
import type { Socket } from 'node:net';

const EXPLANATION = 'The server could not comply with the request since it is either malformed or otherwise incorrect.';

export function placementClientErrorHandler(requestId: () => string) {
  return (err: Error & { code?: string }, socket: Socket): void => {
    if (!socket.writable) { socket.destroy(); return; }
    const badLength = err.code === 'HPE_INVALID_CONTENT_LENGTH' || err.code === 'HPE_UNEXPECTED_CONTENT_LENGTH';
    const detail = badLength ? 'content-length header must be an integer' : '';
    const id = requestId();
    const body = JSON.stringify({ errors: [{ status: 400, title: 'Bad Request', detail: `${EXPLANATION}\n\n ${detail}  `, request_id: id }] });
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
      + `x-openstack-request-id: ${id}\r\nConnection: close\r\n\r\n${body}`);
  };
}
