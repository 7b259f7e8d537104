// Answers Node writes before or instead of a route: a request that did not arrive in time
// (408), headers too large (431), a request line or header Node cannot parse (400). Fastify's
// default writes its own JSON; here each service's envelope is used, picked by the prefix of
// the request being received on that socket (known once its headers were read), as for the
// router's errors (router-errors.ts).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { longestPrefixEntry, pathOf, type SocketErrorRenderer } from './router-errors.js';

export type { RawAnswer, SocketErrorRenderer } from './router-errors.js';

export interface SocketErrorEntry {
  readonly prefix: string;
  readonly socket: SocketErrorRenderer;
}

const urls = new WeakMap<Socket, string>();

/** Remember the URL of the request each socket is receiving (a root onRequest hook). */
export function trackRequestUrls(app: FastifyInstance): void {
  // callback hooks: an async one costs a promise per request and per hook
  app.addHook('onRequest', (req, _reply, done) => { urls.set(req.raw.socket, req.url); done(); });
  app.addHook('onResponse', (req, _reply, done) => { urls.delete(req.raw.socket); done(); });
}

function classify(err: Error & { code?: string }): { status: number; message: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'The request was not received in time.' };
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'The request headers are too large.' };
  if (err.code === 'HPE_INVALID_CONTENT_LENGTH' || err.code === 'HPE_UNEXPECTED_CONTENT_LENGTH') {
    return { status: 400, message: 'content-length header must be an integer' };
  }
  return { status: 400, message: 'The request could not be parsed.' };
}

/** A Fastify clientErrorHandler over a per-prefix table. */
export function socketErrorHandler(table: readonly SocketErrorEntry[], fallback: SocketErrorRenderer, requestId: () => string) {
  const entryFor = longestPrefixEntry(table);
  return (err: Error & { code?: string }, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    if (!socket.writable) { socket.destroy(); return; }
    const { status, message } = classify(err);
    const url = urls.get(socket);
    const path = url === undefined ? null : pathOf(url);
    const entry = entryFor(path);
    const id = requestId();
    const { contentType, body } = (entry?.socket ?? fallback)(status, message, id);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: ${contentType}\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nx-openstack-request-id: ${id}\r\nConnection: close\r\n\r\n${body}`);
    // the pending request (if any) can never complete: free the socket once the answer is out
    socket.destroySoon();
  };
}
