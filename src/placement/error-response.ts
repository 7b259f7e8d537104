// Placement's error envelope (placement/util.py json_error_formatter over webob.exc): one
// renderer for every error the service produces. The body format follows the Accept header
// as webob does (JSON, HTML or plain text); an absent or */* Accept means JSON, as
// placement's request log middleware arranges.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Microversion } from '../http/microversion.js';
import { ERROR_CODE_VERSION, MAX_VERSION, MIN_VERSION } from './versions.js';
import { ErrorCodes } from './error-codes.js';
import { pyJsonDumps } from '../http/python/json-dumps.js';

export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Request Entity Too Large', 415: 'Unsupported Media Type',
  500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};

const EXPLANATIONS: Readonly<Record<number, string>> = {
  400: 'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  401: 'This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.',
  403: 'Access was denied to this resource.',
  404: 'The resource could not be found.',
  409: 'There was a conflict when trying to complete your request.',
  413: 'The body of your request was too large for this server.',
  500: 'The server has either erred or is incapable of performing the requested operation.',
  501: 'This resource is not implemented.',
  503: 'The server is currently unavailable. Please try again at a later time.',
};

export type ErrorFormat = 'json' | 'html' | 'plain';

interface MediaRange { type: string; subtype: string; q: number }

function parseAccept(header: string): MediaRange[] | null {
  const out: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().split(';');
    if (!range) continue;
    const [type, subtype] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) return null;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k?.trim().toLowerCase() === 'q') q = Number(v);
    }
    out.push({ type, subtype, q: Number.isFinite(q) ? q : 0 });
  }
  return out;
}

/** webob's acceptable_offers: the offers with q > 0, best first (stable for ties). */
export function acceptableOffers(acceptHeader: string | undefined, offers: readonly string[]): string[] {
  if (acceptHeader === undefined || acceptHeader.trim() === '') return [...offers];
  const ranges = parseAccept(acceptHeader);
  if (!ranges) return [...offers];
  const scored: { offer: string; q: number; i: number }[] = [];
  offers.forEach((offer, i) => {
    const [t, s] = offer.split('/');
    let best: { spec: number; q: number } | null = null;
    for (const r of ranges) {
      const spec = r.type === t && r.subtype === s ? 3 : r.type === t && r.subtype === '*' ? 2 : r.type === '*' && r.subtype === '*' ? 1 : 0;
      if (spec && (!best || spec > best.spec)) best = { spec, q: r.q };
    }
    if (best && best.q > 0) scored.push({ offer, q: best.q, i });
  });
  return scored.sort((a, b) => b.q - a.q || a.i - b.i).map((x) => x.offer);
}

// Clients send the same Accept header over and over: util.check_accept's answer per header,
// bounded (the header is the client's to choose).
const acceptsJsonByHeader = new Map<string, boolean>();

/** util.check_accept: does this Accept header take application/json? */
export function acceptsJson(acceptHeader: string): boolean {
  let ok = acceptsJsonByHeader.get(acceptHeader);
  if (ok === undefined) {
    ok = acceptableOffers(acceptHeader, ['application/json']).length > 0;
    if (acceptsJsonByHeader.size >= 64) acceptsJsonByHeader.delete(acceptsJsonByHeader.keys().next().value!);
    acceptsJsonByHeader.set(acceptHeader, ok);
  }
  return ok;
}

/** The Accept header as placement's request log middleware leaves it. */
export function effectiveAccept(req: FastifyRequest): string {
  const a = req.headers.accept;
  return !a || a === '*/*' ? 'application/json' : a;
}

export function errorFormat(req: FastifyRequest): ErrorFormat {
  const best = acceptableOffers(effectiveAccept(req), ['text/html', 'application/json'])[0];
  return best === 'text/html' ? 'html' : best === 'application/json' ? 'json' : 'plain';
}

export interface ErrorSpec {
  status: number;
  /** The specific message; webob puts it after the status' generic explanation. */
  detail?: string;
  /** Placement error code; shown from 1.23 (default placement.undefined_code). */
  code?: string | null;
  headers?: Record<string, string>;
}

function strip(text: string): string {
  return text.replace(/\n/g, ' ').replace(/\r/g, '');
}

/** The `detail` text webob's json formatter produces for this status and message. */
export function errorDetail(req: FastifyRequest, status: number, detail: string | undefined): string {
  const d = detail ? strip(detail) : '';
  switch (status) {
    case 405: return `The method ${req.method} is not allowed for this resource. \n\n ${d}`;
    case 406: return `The resource could not be generated that was acceptable to your browser (content of type ${effectiveAccept(req)}. \n\n ${d}`;
    case 415: return `The request media type ${req.headers['content-type'] || 'None'} is not supported by this server. \n\n ${d}`;
    default: return `${EXPLANATIONS[status] ?? ''}\n\n ${d}  `;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

/** Send an error in Placement's envelope. `version` is null when negotiation failed. */
export function sendPlacementError(req: FastifyRequest, reply: FastifyReply, spec: ErrorSpec, version: Microversion | null): FastifyReply {
  const { status } = spec;
  const title = STATUS_TITLES[status] ?? 'Error';
  for (const [k, v] of Object.entries(spec.headers ?? {})) reply.header(k, v);
  reply.code(status);
  // webob answers HEAD with its default (HTML) content type and no body.
  if (req.method === 'HEAD') return reply.header('content-type', 'text/html; charset=UTF-8').send();
  const format = errorFormat(req);
  if (format === 'json') {
    const error: Record<string, unknown> = { status, title, detail: errorDetail(req, status, spec.detail) };
    if (version && version.atLeast(ERROR_CODE_VERSION)) error.code = spec.code ?? ErrorCodes.DEFAULT;
    error.request_id = req.id;
    if (status === 406 && !version) { error.max_version = MAX_VERSION; error.min_version = MIN_VERSION; }
    return reply.header('content-type', 'application/json').send(Buffer.from(pyJsonDumps({ errors: [error] })));
  }
  const statusLine = `${status} ${title}`;
  if (format === 'html') return reply.header('content-type', 'text/html; charset=UTF-8').send(htmlBody(req, status, statusLine, spec.detail ?? ''));
  return reply.header('content-type', 'text/plain; charset=UTF-8').send(`${statusLine}\n\n${errorDetail(req, status, spec.detail)}`);
}

/** webob's HTML error page; 405, 406 and 415 have their own explanation templates. */
function htmlBody(req: FastifyRequest, status: number, statusLine: string, detail: string): string {
  const d = escapeHtml(detail);
  let body: string;
  switch (status) {
    case 405: body = `The method ${req.method} is not allowed for this resource. <br /><br />\n${d}`; break;
    case 406: body = `The resource could not be generated that was acceptable to your browser\n(content of type ${escapeHtml(effectiveAccept(req))}. <br /><br />\n${d}`; break;
    case 415: body = `The request media type ${escapeHtml(req.headers['content-type'] || 'None')} is not supported by this server.\n<br /><br />\n${d}`; break;
    default: body = `${EXPLANATIONS[status] ?? ''}<br /><br />\n${d}\n\n`;
  }
  return `<html>\n <head>\n  <title>${statusLine}</title>\n </head>\n <body>\n  <h1>${statusLine}</h1>\n  ${body}\n </body>\n</html>`;
}

/** noauth2's 401 comes from outside placement's formatter: webob's own JSON shape. */
export function sendUnauthorized(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.code(401);
  const format = errorFormat(req);
  const explanation = EXPLANATIONS[401]!;
  if (format === 'json') {
    return reply.header('content-type', 'application/json')
      .send(Buffer.from(pyJsonDumps({ message: `${explanation}<br /><br />\n\n\n`, code: '401 Unauthorized', title: 'Unauthorized' })));
  }
  if (format === 'html') {
    return reply.header('content-type', 'text/html; charset=UTF-8')
      .send(`<html>\n <head>\n  <title>401 Unauthorized</title>\n </head>\n <body>\n  <h1>401 Unauthorized</h1>\n  ${explanation}<br /><br />\n\n\n\n </body>\n</html>`);
  }
  return reply.header('content-type', 'text/plain; charset=UTF-8').send(`401 Unauthorized\n\n${explanation}\n\n\n`);
}
