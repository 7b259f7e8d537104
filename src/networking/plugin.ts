// Neutron v2.0 as an encapsulated Fastify plugin, mounted at /networking on the main port and
// at / of the standalone listener. Its error handler renders neutron's envelope for every
// failure (NeutronError, body parse errors, unknown URLs, unexpected errors as 500).
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { authFromHeaders } from '../http/auth-context.js';
import { NeutronError, badRequest, httpNotFound } from './errors.js';
import type { NetworkingService } from './networking-service.js';
import { networkingRoutes } from './routes/index.js';
import { operationNames } from '../http/openapi.js';
import { KeystoneUnauthorized, NeutronErrorBody } from './schemas/resources.js';
import type { NetworkingCall } from './routes/route-declaration.js';
import { fastifyPath, mountRouteTable } from '../http/route-table.js';

export interface NetworkingPluginOptions {
  service: NetworkingService;
  /** '/networking' on the main port, '' on the standalone listener. */
  linkPrefix: string;
}

function queryPairs(url: string): [string, string][] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return [...new URLSearchParams(url.slice(q + 1))];
}

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  reply.code(status);
  if (body === undefined) return reply.send();
  return reply.header('content-type', 'application/json').send(JSON.stringify(body));
}

// neutron's pecan app guesses the content type from an extension (guess_content_type_from_ext):
// `/v2.0/networks.json` and `/v2.0/quotas/{id}/details.json` (tempest's form) are the same
// resources. A path ending in a literal also answers with `.json`; a trailing parameter drops it.
const JSON_EXT = '.json';
function withoutJsonExt(params: Record<string, string>, last: string | undefined): Record<string, string> {
  const v = last === undefined ? undefined : params[last];
  return v !== undefined && v.endsWith(JSON_EXT) ? { ...params, [last!]: v.slice(0, -JSON_EXT.length) } : params;
}

/** The table's routes: each path also as `.json` unless it ends in a parameter or a slash. */
function mountRoutes(app: FastifyInstance, opts: NetworkingPluginOptions): void {
  mountRouteTable(app, networkingRoutes(), {
    urls: (path) => {
      const url = fastifyPath(path);
      return /\{(\w+)\}$/.test(path) || path.endsWith('/') ? [{ url, hidden: false }] : [{ url, hidden: false }, { url: `${url}${JSON_EXT}`, hidden: true }];
    },
    route: ([decl]) => {
      const lastParam = /\{(\w+)\}$/.exec(decl.path)?.[1];
      return {
        schema: { summary: decl.summary, ...operationNames('networking', decl.method, decl.path), ...(decl.schemas.body ? { body: decl.schemas.body } : {}), response: { ...decl.schemas.response, 401: KeystoneUnauthorized, default: NeutronErrorBody } },
        handler: async (req: FastifyRequest, reply: FastifyReply) => {
          const host = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
          const path = req.url.split('?')[0]!;
          const call: NetworkingCall = {
            req, auth: req.auth!, service: opts.service,
            params: withoutJsonExt((req.params ?? {}) as Record<string, string>, lastParam),
            queryPairs: queryPairs(req.url),
            selfUrl: `${host}${path}`,
            baseUrl: `${host}${opts.linkPrefix}`,
            body: req.body,
          };
          const res = decl.handler(call);
          if (res.html !== undefined) {
            const accept = req.headers.accept ?? '';
            if (res.text !== undefined && !accept.includes('html') && !accept.includes('*/*')) return reply.code(res.status).type('text/plain; charset=UTF-8').send(res.text);
            return reply.code(res.status).type('text/html; charset=UTF-8').send(res.html);
          }
          return send(reply, res.status, res.body);
        },
      };
    },
    // neutron answers an unrouted method on a known URL with 404, as an unknown URL
    unroutedMethods: { methods: ['GET', 'POST', 'PUT', 'DELETE'], handler: async (_req, reply) => send(reply, 404, httpNotFound().body()) },
  });
}

declare module 'fastify' {
  interface FastifyContextConfig { networking?: true }
}

export const networkingPlugin: FastifyPluginAsync<NetworkingPluginOptions> = async (app, opts) => {
  // Bodies are checked by the attribute maps (neutron's words), not by the schemas.
  app.setValidatorCompiler(() => () => true);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') { done(null, undefined); return; }
    try { done(null, JSON.parse(text)); } catch { done(badRequest('Body contains invalid data'), undefined); }
  });

  // a callback hook: an async one costs a promise per request. An answer sent here ends the
  // request without calling done (Fastify's rule for callback hooks).
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-openstack-request-id', req.id);
    const auth = authFromHeaders(req.headers);
    const path = req.url.split('?')[0]!.slice(opts.linkPrefix.length);
    if (!auth) {
      if (path === '/' || path === '') { done(); return; } // the version document is public
      reply.code(401).header('content-type', 'application/json').send(JSON.stringify({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }));
      return;
    }
    req.auth = auth;
    done();
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof NeutronError) return send(reply, err.status, err.body());
    const fe = err as { statusCode?: number; message?: string; code?: string };
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 413, new NeutronError(413, 'HTTPRequestEntityTooLarge', 'Request is too large.').body());
    if (fe.statusCode !== undefined && fe.statusCode < 500) return send(reply, 400, badRequest(fe.message ?? 'Bad request').body());
    req.log.error({ err }, 'networking request failed');
    return send(reply, 500, new NeutronError(500, 'HTTPInternalServerError', 'Request Failed: internal server error while processing your request.').body());
  });

  app.setNotFoundHandler((_req, reply) => send(reply, 404, httpNotFound().body()));

  mountRoutes(app, opts);
};
