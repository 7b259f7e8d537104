// URLs Fastify's router refuses before any service plugin runs (a bad %-escape, a path that is
// not UTF-8 once decoded), and requests Node answers on the socket (client-errors.ts). They never
// reach the service's own error handler, so each service registers here how it answers them, in
// its own envelope, by URL prefix. A service added later adds its line to the table in app.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** An answer written straight to the socket (client-errors.ts). */
export interface RawAnswer { readonly contentType: string; readonly body: string }
/** Renders a socket-level answer in a service's envelope. */
export type SocketErrorRenderer = (status: number, message: string, requestId: string) => RawAnswer;

export type RouterErrorSender = (req: FastifyRequest, reply: FastifyReply, err: { code?: string; statusCode?: number; message: string }) => FastifyReply | void;

export interface RouterErrorEntry {
  /** The service's mount point, e.g. '/compute' ('' for a listener serving one service at /). */
  readonly prefix: string;
  readonly send: RouterErrorSender;
  /** The same service's envelope for answers written on the socket (408, 431, unparsable). */
  readonly socket: SocketErrorRenderer;
}

/** Whether the raw path only has well-formed %-escapes (a bad one stays literal in webob). */
export function hasMalformedEscape(path: string): boolean {
  return /%(?![0-9a-fA-F]{2})/.test(path);
}

/** The path of a URL without its query string. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** The entry of the longest prefix a path falls under ('' matches every path, and a null one). */
export function longestPrefixEntry<E extends { readonly prefix: string }>(table: readonly E[]): (path: string | null) => E | undefined {
  const sorted = [...table].sort((a, b) => b.prefix.length - a.prefix.length);
  return (path) => sorted.find((e) => e.prefix === '' || (path !== null && (path === e.prefix || path.startsWith(`${e.prefix}/`))));
}

/** The sender for the longest prefix the URL's path falls under, or the fallback. */
export function routerErrorHandler(table: readonly RouterErrorEntry[], fallback: RouterErrorSender) {
  const entryFor = longestPrefixEntry(table);
  return (err: { code?: string; statusCode?: number; message: string }, req: FastifyRequest, reply: FastifyReply) => {
    return (entryFor(pathOf(req.url))?.send ?? fallback)(req, reply, err);
  };
}
