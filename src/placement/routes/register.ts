// Turns the route table into Fastify routes. For each URL: the declared methods dispatch by
// microversion window; every other method answers 405 with an Allow header listing the
// declared methods (handler.py make_map/handle_405). Unknown URLs fall to the plugin's 404.
// Only the declared methods are Fastify routes (36, not 7 per URL): a request no route takes
// reaches the plugin's not-found handler, which asks `methodNotAllowed` whether its path is a
// URL of the table under another method. Registering a 405 route for every other method cost
// ~90 find-my-way inserts (one tree per method, a compiled matcher per node) at every start.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/api-error.js';
import type { PlacementService } from '../placement-service.js';
import { authorize, type PolicyTarget } from '../policy.js';
import { extractJson } from '../request-body.js';
import { pyJsonDumps } from '../../http/python/json-dumps.js';
import { validateJson } from '../../http/python/json-schema-check.js';
import { parseQueryString } from '../query-string.js';
import { schemaFor, type VersionedSchemas } from '../schemas/versioned.js';
import { NoBody, operationNames } from '../../http/openapi.js';
import { Type, type TSchema } from 'typebox';
import { PlacementErrors } from '../schemas/errors.js';
import { acceptsJson, effectiveAccept } from '../error-response.js';
import type { PlacementCall, PlacementResponse, RouteDeclaration } from './route-declaration.js';
import { fastifyPath, groupRoutes } from '../../http/route-table.js';
import { createResponseBufferPool, type ResponseBufferPool } from '../../http/response-buffers.js';

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

export interface RouteContext {
  service: PlacementService;
  linkPrefix: string;
}

function makeCall(req: FastifyRequest, reply: FastifyReply, ctx: RouteContext, bodies: ResponseBufferPool): PlacementCall {
  const version = req.microversion;
  // The plugin's onRequest hook has set both before any route runs.
  const auth = req.auth!;
  const { pairs: queryPairs, decodeError } = parseQueryString(req.url);
  const query: Record<string, string> = {};
  for (const [k, v] of queryPairs) query[k] = v;
  const profile = ctx.service.runtime.settings.policyProfile;
  const pick = (schemas: VersionedSchemas) => {
    const schema = schemaFor(schemas, version);
    if (!schema) throw new Error(`no schema for ${req.method} ${req.url} at ${version}`);
    return schema;
  };
  return {
    req, reply, version, auth, service: ctx.service, linkPrefix: ctx.linkPrefix,
    params: (req.params ?? {}) as Record<string, string>,
    queryPairs, query,
    can: (action: string, target?: PolicyTarget) => authorize(profile, action, auth, target),
    responseBuffer: (size: number) => bodies.take(size, reply.raw),
    json: <T>(schemas: VersionedSchemas) => extractJson(req.body, pick(schemas)) as T,
    validateQuery: (schemas: VersionedSchemas) => {
      // webob fails to decode the query before jsonschema sees it; placement reports that.
      if (decodeError !== null) throw new ApiError(400, null, `Invalid query string parameters: ${decodeError}`);
      const problem = validateJson(pick(schemas), query);
      if (problem !== null) throw new ApiError(400, null, `Invalid query string parameters: ${problem}`);
    },
  };
}

/**
 * webob makes a relative Location absolute against the request URL before sending it, so
 * placement's Location headers are `scheme://host/path`.
 */
function absoluteLocation(req: FastifyRequest, location: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return location;
  return `${req.protocol}://${req.headers.host ?? `${req.hostname}`}${location}`;
}

function send(req: FastifyRequest, reply: FastifyReply, res: PlacementResponse): FastifyReply {
  for (const [k, v] of Object.entries(res.headers ?? {})) reply.header(k, k === 'location' ? absoluteLocation(req, v) : v);
  reply.code(res.status);
  // Test rawJson before touching body: a route may expose body as a lazy getter over it.
  const raw = res.rawJson;
  if (raw !== undefined) return reply.header('content-type', 'application/json').send(typeof raw === 'string' ? Buffer.from(raw) : raw);
  if (res.body === undefined) return reply.send();
  return reply.header('content-type', 'application/json').send(Buffer.from(pyJsonDumps(res.body)));
}

/** util.check_accept and util.require_content. */
function checkHeaders(decl: RouteDeclaration, req: FastifyRequest): void {
  if (decl.checkAccept && req.headers.accept) {
    if (!acceptsJson(effectiveAccept(req))) {
      throw new ApiError(406, null, 'Only application/json is provided');
    }
  }
  if (decl.requireContent) {
    const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (ct !== decl.requireContent) {
      throw new ApiError(415, null, `The media type ${req.headers['content-type'] ? ct : 'None'} is not supported, use ${decl.requireContent}`);
    }
  }
}

/** Routes matches a {param} only when it is non-empty: '/resource_providers/' is no route. */
function hasEmptyParam(req: FastifyRequest): boolean {
  return Object.values((req.params ?? {}) as Record<string, string>).some((v) => v === '');
}

async function dispatch(decls: RouteDeclaration[], req: FastifyRequest, reply: FastifyReply, ctx: RouteContext, bodies: ResponseBufferPool): Promise<FastifyReply> {
  const version = req.microversion;
  if (hasEmptyParam(req)) { reply.callNotFound(); return reply; }
  if (decls[0]!.headerChecksFirst) checkHeaders(decls[0]!, req);
  const decl = decls.find((d) => version.within(d.minVersion, d.maxVersion));
  // version_handler: outside every window the URL (404) or the method (405) does not exist yet.
  if (!decl) throw new ApiError(decls[0]!.outsideWindow ?? 404, null, '');
  if (!decl.headerChecksFirst) checkHeaders(decl, req);
  return send(req, reply, await decl.handler(makeCall(req, reply, ctx, bodies)));
}

/**
 * The Allow header for a request no route took whose path is a URL of the table (a 405), or
 * null (a 404: an unknown URL, or a {param} left empty).
 */
export type MethodNotAllowed = (req: FastifyRequest) => string | null;

export function registerRoutes(app: FastifyInstance, table: readonly RouteDeclaration[], ctx: RouteContext): MethodNotAllowed {
  // A path matches at most one URL of the table, and which one is told by the methods it
  // matches under, the names of its parameters and its depth: find-my-way (through Fastify's
  // findRoute) answers no more than a match and its params.
  const allowByShape = new Map<string, string>();
  const depth = (path: string) => path.split('/').filter(Boolean).length;
  const bodies = createResponseBufferPool();
  const prefixDepth = depth(app.prefix);
  const shapeOf = (methods: Iterable<string>, params: Iterable<string>, segments: number) => `${[...methods].sort().join(',')} ${[...params].join(',')} ${segments}`;
  for (const [path, methods] of groupRoutes(table)) {
    const allow = [...methods.keys()].join(', ');
    const url = fastifyPath(path);
    const shape = shapeOf(methods.keys(), [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!), depth(url));
    if ((allowByShape.get(shape) ?? allow) !== allow) throw new Error(`placement routes: ${path} has the shape of another URL (${shape})`);
    allowByShape.set(shape, allow);
    for (const [method, decls] of methods) {
      app.route({
        method,
        url,
        exposeHeadRoute: false,
        // The schemas are documentation here: bodies are validated by call.json() with
        // placement's wording, and replies are already serialized.
        validatorCompiler: () => (data) => ({ value: data }),
        serializerCompiler: () => (data) => JSON.stringify(data),
        schema: openApiSchema(decls),
        handler: (req, reply) => dispatch(decls, req, reply, ctx, bodies),
      });
    }
  }
  const declared = ALL_METHODS.filter((m) => table.some((r) => r.method === m));
  const methodNotAllowed: MethodNotAllowed = (req) => {
    // Fastify serves a prefix's root route without the slash too, except a HEAD route: the 405
    // routes this replaces answered HEAD /placement with a 404, kept so.
    if (req.method === 'HEAD' && app.prefix && req.url.split('?')[0] === app.prefix) return null;
    const matched: string[] = [];
    let params: Record<string, string> = {};
    for (const method of declared) {
      const found = app.findRoute({ method, url: req.url });
      if (!found) continue;
      params = (found.params ?? {}) as Record<string, string>;
      // Routes matches a {param} only when it is non-empty.
      if (Object.values(params).some((v) => v === '')) return null;
      matched.push(method);
    }
    return matched.length ? allowByShape.get(shapeOf(matched, Object.keys(params), depth(req.url.split('?')[0]!) - prefixDepth)) ?? null : null;
  };
  // A method no URL of the table declares has no find-my-way tree of its own, so a malformed
  // path would skip the router's bad-URL answer: one hidden catch-all keeps that tree.
  const undeclared = ALL_METHODS.filter((m) => !declared.includes(m));
  if (undeclared.length) {
    app.route({
      method: undeclared, url: '/*', exposeHeadRoute: false, schema: { hide: true },
      handler: async (req, reply) => {
        const allow = methodNotAllowed(req);
        if (allow === null) { reply.callNotFound(); return reply; }
        throw new ApiError(405, null, 'The method specified is not allowed for this resource.', { allow });
      },
    });
  }
  return methodNotAllowed;
}

/**
 * Fastify/OpenAPI documentation of a route (validation is ours, see plugin.ts): request schemas
 * of the newest window, and every window's answer as one 2XX schema (anyOf when the body
 * changes with the version; "no body" where a window answers none, e.g. POST
 * /resource_providers before 1.20). Errors are placement's envelope.
 */
function openApiSchema(decls: readonly RouteDeclaration[]): Record<string, unknown> {
  const d = decls[0]!;
  const last = <T>(t: readonly T[] | null | undefined) => (t && t.length ? t[t.length - 1] : undefined);
  const body = last(d.schemas.body)?.schema;
  const query = last(d.schemas.query)?.schema;
  const answers: TSchema[] = [];
  for (const decl of decls) {
    const table = decl.schemas.response;
    if (!table || table.length === 0 || table[0]!.min !== (decl.minVersion ?? '1.0')) answers.push(NoBody);
    for (const row of table ?? []) answers.push(row.schema);
  }
  const unique = [...new Set(answers)];
  const success = unique.length === 1 ? unique[0]! : Type.Union(unique, { description: 'by microversion (see the operation summary)' });
  return {
    summary: d.summary,
    ...operationNames('placement', d.method, d.path),
    ...(body ? { body } : {}),
    ...(query ? { querystring: query } : {}),
    response: { '2XX': success, default: PlacementErrors },
  };
}
