// nova-api as an encapsulated Fastify plugin under /compute. It owns what nova's wsgi stack
// does around a controller: noauth token check, request ids, microversion negotiation, body
// decoding, versioned schema validation, route version windows and the fault envelope.
// Routes come from the one table in routes/index.ts.
import { unexpectedErrorMessage } from './unexpected-error.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import '../http/request-context.js';
import { ApiError } from '../http/api-error.js';
import { computeAuthFromHeaders } from './compute-auth.js';
import { Microversion } from '../http/microversion.js';
import type { Compute } from './compute.js';
import { negotiateVersion, versionHeaders } from './versions.js';
import { faultBody } from './views/fault.js';
import { notFoundPage } from './views/not-found-page.js';
import { createLinks } from './views/links.js';
import { versionChoices, versionDocument, versionsIndex } from './views/versions.js';
import { COMPUTE_ROUTES } from './routes/index.js';
import { schemaFor, type ComputeRoute } from './routes/route-types.js';
import { assertValid } from './schemas/nova-validator.js';
import { JsonPieces, serializeBody } from '../http/python/json-dumps.js';
import { createResponseBufferPool, type ResponseBufferPool } from '../http/response-buffers.js';
import { openApiSchema } from './schemas/openapi-schema.js';
import { operationNames } from '../http/openapi.js';
import { VersionDocument, VersionsIndex } from './schemas/responses/versions.js';
import { ComputeFault } from './schemas/responses/fault.js';
import { InstanceNotFoundError, UnexpectedTaskStateError } from '../compute-db/instances-store.js';

export interface ComputePluginOptions {
  linkPrefix: string;
  service: Compute;
}

const JSON_TYPE = 'application/json';
const FAULT_TYPE = 'application/json; charset=UTF-8';
/** nova wsgi.get_supported_content_types */
const SUPPORTED_TYPES = new Set(['application/json', 'application/vnd.openstack.compute+json']);
const UNAUTHORIZED = { error: { code: 401, message: 'The request you have made requires authentication.' } };
/** What nova's legacy v2 requests are (wsgi.Request: APIVersionRequest('2.0')). */
const LEGACY_VERSION = new Microversion(2, 0);

/** webob's HTTPNotFound for an unrouted request, in the form the Accept header asks for. */
function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  const page = notFoundPage(req.headers.accept);
  // a Buffer: fastify would append a charset to a string's application/json
  return reply.code(404).header('content-type', page.contentType).send(Buffer.from(page.body));
}

export const computePlugin: FastifyPluginAsync<ComputePluginOptions> = async (app, opts) => {
  // large API bodies (a /servers/detail page of 1,000 servers is 1.6 MB) go out of reused buffers
  const bodies = createResponseBufferPool();
  const { service } = opts;
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
  const endpoint = (req: FastifyRequest) => `${origin(req)}${opts.linkPrefix}`;

  app.decorateRequest('microversion', null as unknown as Microversion);
  app.decorateRequest('auth', null);

  // nova decodes every body as JSON itself (wsgi.Resource._process_stack): keep it raw here.
  // Fastify's schemas here only document the routes; validation is nova's, per version, in runRoute.
  app.setValidatorCompiler(() => () => true);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  // a callback hook: an async one costs a promise per request. An answer sent here ends the
  // request without calling done (Fastify's rule for callback hooks).
  app.addHook('onRequest', (req, reply, done) => {
    // The version index at the root carries no request id (nova's versions app).
    if (!isRoot(req.url, opts.linkPrefix)) {
      reply.header('x-openstack-request-id', req.id);
      reply.header('x-compute-request-id', req.id);
    }
    req.auth = computeAuthFromHeaders(req.headers);
    // nova's api-paste.ini maps /, /v2 and /v2.1 outside the auth pipeline (the matched route
    // says so; /v2/ and /v2.1/ are the API's own root and need a token)
    if (!req.auth && req.routeOptions.config.public !== true) { sendJson(reply.code(401), UNAUTHORIZED); return; }
    // webob decodes %2F before nova routes, so such a segment is two segments no route has
    if (/%2f/i.test(req.url.split('?')[0]!)) { sendNotFound(req, reply); return; }
    done();
  });

  app.setNotFoundHandler((req, reply) => sendNotFound(req, reply));

  app.setErrorHandler((err, req, reply) => {
    let status: number;
    let message: string;
    let name: string | null = null;
    if (err instanceof ApiError) {
      status = err.status;
      message = err.detail;
      name = err.code;
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
    } else if (err instanceof InstanceNotFoundError) {
      // a server deleted between the route's lookup and the engine's write
      status = 404;
      message = err.message;
    } else if (err instanceof UnexpectedTaskStateError) {
      status = 409;
      message = err.message;
    } else if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      message = 'Request is too large.';
    } else if ((err as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      message = 'Unsupported Content-Type';
    } else {
      status = 500;
      message = unexpectedErrorMessage(err instanceof Error ? err.name : 'Error');
      req.log.error({ err, requestId: req.id }, 'unexpected compute API error');
    }
    reply.code(status).type(FAULT_TYPE).send(faultBody(status, message, name));
  });

  // Version documents. GET /compute (no slash) is nova's "multiple choices" answer.
  if (opts.linkPrefix) {
    app.get('', { prefixTrailingSlash: 'no-slash', config: { public: true }, schema: { hide: true } }, async (req, reply) =>
      sendJson(reply.code(300), versionChoices(origin(req), opts.linkPrefix)));
  }
  app.get('/', { prefixTrailingSlash: 'slash', config: { public: true }, schema: { summary: 'List API versions', ...operationNames('compute', 'GET', '/'), response: { 200: VersionsIndex, default: ComputeFault } } }, async (req, reply) =>
    sendJson(reply, versionsIndex(endpoint(req))));
  for (const url of ['/v2', '/v2/']) {
    app.get(url, { config: { public: !url.endsWith('/') }, schema: { summary: 'Show the v2.0 version document', ...operationNames('compute', 'GET', url), response: { 200: VersionDocument, default: ComputeFault }, hide: url.endsWith('/') } }, async (req, reply) =>
      sendJson(reply, versionDocument(endpoint(req), '2.0')));
  }
  for (const url of ['/v2.1', '/v2.1/']) {
    app.get(url, { config: { public: !url.endsWith('/') }, schema: { summary: 'Show the v2.1 version document', ...operationNames('compute', 'GET', url), response: { 200: VersionDocument, default: ComputeFault }, hide: url.endsWith('/') } }, async (req, reply) => {
      negotiate(req, reply);
      return sendJson(reply, versionDocument(endpoint(req), '2.1'));
    });
  }

  for (const route of COMPUTE_ROUTES) {
    // The test clients call /v2.1//servers: nova's router treats it as /v2.1/servers. The same
    // controllers also serve the legacy v2 API under /v2 (api-paste's openstack_compute_api_v21_legacy_v2_compatible).
    for (const [prefix, legacy] of [['/v2.1', false], ['/v2', true]] as const) {
      for (const url of [`${prefix}${route.url}`, `${prefix}/${route.url}`]) {
        app.route({
          method: route.method,
          url,
          // nova's router has no HEAD: it is a 404 there
          exposeHeadRoute: false,
          schema: openApiSchema(route, legacy || url.includes('//')),
          // nova's router never matches an empty {id} segment (/os-simple-tenant-usage/)
          handler: (req, reply) => (hasEmptyParam(req) ? sendNotFound(req, reply) : runRoute(route, req, reply, legacy)),
        });
      }
    }
  }

  /** Negotiate and set the version headers; throws nova's 400/406. */
  function negotiate(req: FastifyRequest, reply: FastifyReply): Microversion {
    const n = negotiateVersion(req.headers);
    if (n.kind === 'malformed') throw new ApiError(400, null, n.message);
    if (n.kind === 'unsupported') {
      reply.headers(versionHeaders(n.requested));
      throw new ApiError(406, null, n.message);
    }
    reply.headers(versionHeaders(n.version.toString()));
    req.microversion = n.version;
    return n.version;
  }

  async function runRoute(route: ComputeRoute, req: FastifyRequest, reply: FastifyReply, legacy: boolean): Promise<FastifyReply> {
    // the legacy v2 API has no microversions: it is 2.0, without version headers
    const version = legacy ? LEGACY_VERSION : negotiate(req, reply);
    if (legacy) req.microversion = version;
    if (!version.within(route.min, route.max)) throw new ApiError(404, null, 'The resource could not be found.');
    const body = route.method === 'POST' || route.method === 'PUT' ? decodeBody(req) : null;
    const query = queryLists(req.query as Record<string, unknown>);
    const bodySchema = schemaFor(route.body, version, legacy);
    if (bodySchema) assertValid(bodySchema.schema, body, 'body', legacy);
    const querySchema = schemaFor(route.query, version, legacy);
    if (querySchema) assertValid(querySchema.schema, query, 'query', legacy);
    const result = await route.handler({
      req, version, legacy, auth: req.auth!, requestId: req.id, params: req.params as Record<string, string>, query, body,
      links: createLinks(endpoint(req), legacy ? 'v2' : 'v2.1'), service,
    });
    reply.code(result.status);
    if (result.headers) reply.headers(result.headers);
    if (result.body === undefined) return reply.send();
    return sendJson(reply, result.body, bodies);
  }
};

function hasEmptyParam(req: FastifyRequest): boolean {
  return Object.values(req.params as Record<string, string>).some((v) => v === '');
}

/**
 * nova answers `Content-Type: application/json` (no charset): a Buffer keeps Fastify from adding
 * one. A large body is written into a buffer of `bodies` (reused once the response is sent).
 */
function sendJson(reply: FastifyReply, body: unknown, bodies?: ResponseBufferPool): FastifyReply {
  if (bodies && body instanceof JsonPieces) {
    const { pieces } = body;
    let size = 0;
    for (const p of pieces) size += Buffer.byteLength(p);
    if (size >= 65536) {
      const buf = bodies.take(size, reply.raw);
      let at = 0;
      for (const p of pieces) at += buf.write(p, at, 'utf8');
      return reply.header('content-type', JSON_TYPE).send(buf);
    }
  }
  const text = serializeBody(body);
  // below 64 Ki characters the UTF-8 is below the pool's threshold anyway
  if (!bodies || text.length < 65536) return reply.header('content-type', JSON_TYPE).send(Buffer.from(text));
  const buf = bodies.take(Buffer.byteLength(text), reply.raw);
  buf.write(text, 0, 'utf8');
  return reply.header('content-type', JSON_TYPE).send(buf);
}

function isRoot(url: string, prefix: string): boolean {
  const path = url.split('?')[0]!;
  return path === `${prefix}/` || path === prefix;
}

/** nova wsgi: Content-Type (text/plain and none are taken as JSON), then jsonutils.loads. */
function decodeBody(req: FastifyRequest): unknown {
  const raw = typeof req.body === 'string' ? req.body : '';
  const type = req.headers['content-type'];
  if (type !== undefined) {
    const mime = type.split(';')[0]!.trim().toLowerCase();
    if (mime !== '' && mime !== 'text/plain' && !SUPPORTED_TYPES.has(mime)) throw new ApiError(415, null, 'Unsupported Content-Type');
  }
  if (raw.length === 0) return null;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, null, 'Malformed request body');
  }
}

/** name -> [values] as webob's GET.dict_of_lists(). */
function queryLists(q: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(q ?? {})) out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  return out;
}
