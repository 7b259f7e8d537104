// Cinder v3 as an encapsulated Fastify plugin, mounted at /volume (main port) or / (standalone
// listener, VOLUME_STANDALONE_PORT). linkPrefix is what links carry.
//
// The pipeline follows cinder's paste stack: request id -> auth (noauth tokens, keystonemiddleware's
// 401) -> microversion negotiation (400/406) -> routes (webob's HTML 404 for unknown URLs; JSON 404
// outside a version window) -> "Malformed request url" when the URL's project is not the token's ->
// body parse and schema -> handler. Errors are rendered in cinder's fault envelope (errors.ts).
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { ApiError } from '../http/api-error.js';
import { takeRawBodies } from '../http/raw-bodies.js';
import type { Microversion } from '../http/microversion.js';
import { authFromHeaders } from '../http/auth-context.js';
import { pyRepr } from '../http/python/repr.js';
import { bestFailure } from '../http/python/json-schema-check.js';
import type { BlockStorageService, Caller } from './block-storage-service.js';
import { faultBody } from './errors.js';
import { MAX_VERSION, MIN_VERSION, negotiateVersion, SERVICE_TYPE } from './versions.js';
import { ROUTES } from './routes/index.js';
import { NoBody, operationNames } from '../http/openapi.js';
import { CinderFault } from './schemas/faults.js';
import type { BlockStorageCall, RouteDeclaration } from './routes/route-declaration.js';
import { fastifyPath, mountRouteTable } from '../http/route-table.js';

export interface BlockStoragePluginOptions {
  linkPrefix: string;
  service: BlockStorageService;
}

interface RequestState { volumeVersion: Microversion | null; volumeCaller: Caller | null; volumeUnrouted: boolean }
const state = (req: FastifyRequest) => req as unknown as RequestState;

/** webob's HTTPNotFound page, as the routes mapper answers an unknown URL or method. */
const WEBOB_404 = '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>';

const isServiceToken = (req: FastifyRequest) => typeof req.headers['x-service-token'] === 'string' && req.headers['x-service-token'] !== '';

function sendFault(reply: FastifyReply, status: number, message: string, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(status).header('content-type', 'application/json').send(JSON.stringify(faultBody(status, message)));
}

/** python's "%s" of a value inside cinder's validation message. */
const pyStrOf = (v: unknown) => (typeof v === 'string' ? v : pyRepr(v));

function parseBody(raw: unknown): unknown {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  if (text.trim() === '') throw new ApiError(400, null, 'Missing required element in request body.');
  try { return JSON.parse(text); } catch { throw new ApiError(400, null, 'Malformed request body'); }
}

/** cinder.api.validation _SchemaValidator.validate wording. */
function validate(schema: TSchema, value: unknown): void {
  const f = bestFailure(schema, value);
  if (!f) return;
  if (f.path.length) throw new ApiError(400, null, `Invalid input for field/attribute ${f.path[f.path.length - 1]}. Value: ${pyStrOf(f.instance)}. ${f.message}`);
  throw new ApiError(400, null, f.message);
}

export const blockStoragePlugin: FastifyPluginAsync<BlockStoragePluginOptions> = async (app, opts) => {
  const { service, linkPrefix } = opts;
  app.decorateRequest('volumeVersion', null);
  app.decorateRequest('volumeCaller', null);
  app.decorateRequest('volumeUnrouted', false);
  takeRawBodies(app);

  // a callback hook: an async one costs a promise per request. An answer sent here ends the
  // request without calling done (Fastify's rule for callback hooks).
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-openstack-request-id', req.id);
    reply.header('x-compute-request-id', req.id);
    const path = req.url.split('?')[0]!.slice(linkPrefix.length);
    const isRoot = path === '/' || path === '' || path === '/v3' || path === '/v3/';
    const auth = authFromHeaders(req.headers);
    if (isRoot) {
      // the version documents need no token; they still echo the negotiated version
      try { state(req).volumeVersion = negotiateVersion(req.headers['openstack-api-version']); } catch { /* documents answer anyway */ }
      done();
      return;
    }
    if (!auth) {
      reply.code(401).header('www-authenticate', 'Keystone uri="/identity"').header('content-type', 'application/json')
        .send(JSON.stringify({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }));
      return;
    }
    state(req).volumeCaller = { userId: auth.userId, projectId: auth.projectId, isAdmin: auth.isAdmin, service: isServiceToken(req) };
    try {
      state(req).volumeVersion = negotiateVersion(req.headers['openstack-api-version']);
    } catch (err) {
      const e = err as ApiError;
      void sendFault(reply, e.status, e.detail, e.headers);
      return;
    }
    done();
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    const v = state(req).volumeVersion;
    if (v && !state(req).volumeUnrouted && !reply.hasHeader('openstack-api-version')) {
      reply.header('openstack-api-version', `${SERVICE_TYPE} ${v}`);
      reply.header('vary', 'OpenStack-API-Version');
    }
    done(null, payload);
  });

  app.setNotFoundHandler(async (req, reply) => { state(req).volumeUnrouted = true; return reply.code(404).header('content-type', 'text/html; charset=UTF-8').send(WEBOB_404); });

  app.setErrorHandler(async (err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) return sendFault(reply, err.status, err.detail, err.headers);
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) return sendFault(reply, status, err.message);
    req.log.error({ err, requestId: req.id }, 'block-storage: unexpected error');
    return sendFault(reply, 500, 'The server has either erred or is incapable of performing the requested operation.');
  });

  const root = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? req.hostname}${linkPrefix}`;
  const versionDoc = (req: FastifyRequest) => ({
    id: 'v3.0', status: 'CURRENT', version: MAX_VERSION, min_version: MIN_VERSION, updated: '2022-08-31T00:00:00Z',
    links: [{ rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }, { rel: 'self', href: `${root(req)}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
  });
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    return reply.code(300).header('content-type', 'application/json').send(JSON.stringify({ versions: [versionDoc(req)] }));
  });
  for (const url of ['/v3', '/v3/']) {
    app.get(url, { schema: { hide: true } }, async (req, reply) => reply.header('content-type', 'application/json').send(JSON.stringify({ versions: [versionDoc(req)] })));
  }

  mountRouteTable(app, ROUTES, {
    // The URL without a project id (3.67) is the same operation: served, not listed twice.
    urls: (path) => [{ url: `/v3/:project_id${fastifyPath(path)}`, hidden: false }, { url: `/v3${fastifyPath(path)}`, hidden: true }],
    route: (decls) => ({
      schema: {
        summary: decls[0].summary, ...operationNames('block-storage', decls[0].method, decls[0].path),
        ...(decls[0].operationName ? { operationId: `block-storage.${decls[0].operationName}` } : {}),
        ...(decls[0].body?.length ? { body: decls[0].body[decls[0].body.length - 1]!.schema } : {}),
        response: { '2XX': decls[0].response ?? NoBody, default: CinderFault },
      },
      handler: (req, reply) => run(decls, req, reply),
    }),
  });

  async function run(decls: readonly RouteDeclaration[], req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const version = state(req).volumeVersion!;
    const caller = state(req).volumeCaller!;
    const params = { ...(req.params as Record<string, string>) };
    const urlProject = params.project_id;
    delete params.project_id;
    if (Object.values(params).some((p) => p === '')) { reply.callNotFound(); return reply; }
    const decl = decls.find((d) => version.within(d.minVersion, d.maxVersion));
    if (!decl) throw new ApiError(404, null, 'The resource could not be found.');
    if (urlProject !== undefined && urlProject !== caller.projectId) throw new ApiError(400, null, 'Malformed request url');
    const query: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(req.url.split('?')[1] ?? '')) query[k] = v;
    const projectId = urlProject ?? caller.projectId;
    let parsed: { value: unknown } | null = null;
    const call: BlockStorageCall = {
      req, version, caller, projectId, service, params, query,
      links: { root: root(req), projectId },
      body<T>(schema: TSchema): T {
        parsed ??= { value: parseBody(req.body) };
        validate(schema, parsed.value);
        return parsed.value as T;
      },
    };
    const res = await decl.handler(call);
    for (const [k, v] of Object.entries(res.headers ?? {})) reply.header(k, v);
    reply.code(res.status);
    if (res.body === undefined) return reply.send();
    return reply.header('content-type', 'application/json').send(JSON.stringify(res.body));
  }
};
