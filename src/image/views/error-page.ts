// The body of a webob HTTP exception (WSGIHTTPException.generate_response), as glance sends
// every error: HTML, JSON or plain text after the Accept header (text/html, then
// application/json are offered; nothing acceptable = text/plain; a missing header accepts
// nothing, an unparseable one accepts everything).
import { escapeNonAscii } from '../../http/python/json-dumps.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 410: 'Gone', 411: 'Length Required', 413: 'Request Entity Too Large',
  415: 'Unsupported Media Type', 416: 'Request Range Not Satisfiable', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** webob's standard sentence per status (the `explanation` class attribute). */
const EXPLANATIONS: Record<number, string> = {
  400: 'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  401: 'This server could not verify that you are authorized to access the document you requested.  Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.',
  403: 'Access was denied to this resource.',
  404: 'The resource could not be found.',
  409: 'There was a conflict when trying to complete your request.',
  413: 'The request is larger than the server is willing or able to process.',
  416: 'The Range requested is not available.',
  500: 'The server has either erred or is incapable of performing the requested operation.',
  501: 'The server has not implemented the functionality requested.',
  503: 'The server is currently unavailable. Please try again at a later time.',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

type Offer = 'text/html' | 'application/json' | 'text/plain';

/** AcceptValidHeader.acceptable_offers over text/html, application/json. */
function bestOffer(accept: string | undefined): Offer {
  if (accept === undefined) return 'text/plain';
  const offers = ['text/html', 'application/json'] as const;
  const ranges: { type: string; sub: string; q: number }[] = [];
  for (const item of accept.split(',')) {
    if (item.trim() === '') continue;
    const [media, ...params] = item.split(';').map((s) => s.trim());
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\/([!#$%&'*+.^_`|~0-9A-Za-z-]+)$/.exec(media ?? '');
    if (!m) return 'text/html';
    let q = 1;
    for (const p of params) {
      const kv = /^q\s*=\s*([0-9.]+)$/i.exec(p);
      if (kv) q = Number(kv[1]);
    }
    ranges.push({ type: m[1]!.toLowerCase(), sub: m[2]!.toLowerCase(), q });
  }
  let best: { offer: Offer; q: number } | null = null;
  for (const offer of offers) {
    const [type, sub] = offer.split('/') as [string, string];
    let spec = 0;
    let q = 0;
    for (const r of ranges) {
      const s = r.type === type && r.sub === sub ? 3 : r.type === type && r.sub === '*' ? 2 : r.type === '*' && r.sub === '*' ? 1 : 0;
      if (s > spec) { spec = s; q = r.q; }
    }
    if (spec > 0 && q > 0 && (!best || q > best.q)) best = { offer, q };
  }
  return best?.offer ?? 'text/plain';
}

export interface ErrorPage {
  readonly contentType: string;
  readonly body: string;
}

/**
 * status, optional explanation (replaces the standard sentence) and detail, rendered as
 * webob renders them for this Accept header.
 */
export function errorPage(status: number, explanation: string | null, detail: string, accept: string | undefined,
  request: { method: string; contentType?: string | undefined } = { method: 'GET' }): ErrorPage {
  const title = reasonPhrase(status);
  const statusLine = `${status} ${title}`;
  const offer = bestOffer(accept);
  // Some exceptions have their own templates (webob.exc).
  if (status === 405) {
    const line = `The method ${request.method} is not allowed for this resource. `;
    return render(offer, statusLine, title, `${line}<br /><br />\n${detail}`, `${line}\n\n ${detail} `);
  }
  if (status === 415) {
    const line = explanation ?? `The request media type ${request.contentType ?? ''} is not supported by this server.`;
    return render(offer, statusLine, title, `${line}\n<br /><br />\n${detail}`, `${line}\n\n ${detail}`);
  }
  const exp = explanation ?? EXPLANATIONS[status] ?? '';
  return render(offer, statusLine, title, { exp, detail }, null);
}

/** json.dumps as webob's json_formatter sends it (ASCII only, Python separators). */
function pyDumps(fields: Record<string, string>): string {
  const str = (v: string) => escapeNonAscii(JSON.stringify(v));
  return `{${Object.entries(fields).map(([k, v]) => `${str(k)}: ${str(v)}`).join(', ')}}`;
}

/**
 * body: the body template's parts, or (for the exceptions with their own template) the
 * whole body. plain: the text/plain body where it differs from the template's.
 */
function render(offer: Offer, statusLine: string, title: string, body: string | { exp: string; detail: string }, plain: string | null): ErrorPage {
  // body_template: '${explanation}<br /><br />\n${detail}\n${html_comment}\n'
  const htmlBody = typeof body === 'string' ? body : `${escapeHtml(body.exp)}<br /><br />\n${escapeHtml(body.detail)}\n\n`;
  const jsonBody = typeof body === 'string' ? body : `${body.exp}<br /><br />\n${body.detail}\n\n`;
  if (offer === 'text/html') {
    return {
      contentType: 'text/html; charset=UTF-8',
      body: `<html>\n <head>\n  <title>${statusLine}</title>\n </head>\n <body>\n  <h1>${statusLine}</h1>\n  ${htmlBody}\n </body>\n</html>`,
    };
  }
  if (offer === 'application/json') {
    return { contentType: 'application/json', body: pyDumps({ message: jsonBody, code: statusLine, title }) };
  }
  // plain text: the tags stripped, newlines turned to spaces, each <br /> a newline
  const text = plain ?? (typeof body === 'string' ? body : `${body.exp}\n\n ${body.detail.replace(/\n/g, ' ')}  `);
  return { contentType: 'text/plain; charset=UTF-8', body: `${statusLine}\n\n${text}` };
}
