// In-process Placement. The calls the report client makes (known URLs, a good microversion,
// JSON bodies) go straight to the route table's handlers with what Placement's plugin would
// have given them (admin noauth context, negotiated version, the query as webob reads it, the
// body as text) and their errors rendered by Placement's own renderer: the same status and
// body as over HTTP, without light-my-request's fake request and response (about 9% of a boot).
// Anything off that path (an unknown URL or method, a percent-escaped path, a version outside
// the route's window, a missing body where one is required) goes through app.inject on a
// private Fastify with the same Placement plugin, so its 404/405/400 answers stay exactly HTTP's.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlacementService } from '../placement/placement-service.js';
import { inProcessApp } from '../http/in-process-app.js';
import { placementPlugin } from '../placement/plugin.js';
import { lazySchemaController } from '../http/lazy-schema-compilers.js';
import { ApiError } from '../http/api-error.js';
import type { Microversion } from '../http/microversion.js';
import { authFromHeaders } from '../http/auth-context.js';
import { validateJson } from '../http/python/json-schema-check.js';
import { negotiateVersion } from '../placement/versions.js';
import { ROUTES } from '../placement/routes/index.js';
import type { PlacementCall, PlacementResponse as HandlerResponse, RouteDeclaration } from '../placement/routes/route-declaration.js';
import { authorize } from '../placement/policy.js';
import { extractJson } from '../placement/request-body.js';
import { parseQueryString } from '../placement/query-string.js';
import { schemaFor, type VersionedSchemas } from '../placement/schemas/versioned.js';
import { sendPlacementError } from '../placement/error-response.js';
import { groupRoutes } from '../http/route-table.js';
import { parseJson, placementHeaders, type PlacementResponse, type PlacementTransport } from './transport.js';

interface CompiledPath {
  path: string;
  re: RegExp;
  names: string[];
  /** Literal segments: find-my-way prefers a static segment to a parameter. */
  statics: number;
  methods: Map<string, RouteDeclaration[]>;
}

// Paths with only these characters need no decoding: their parameters are taken as they are.
const PLAIN_PATH = /^[A-Za-z0-9_\-./~]*$/;

const COMPILED: CompiledPath[] = [...groupRoutes(ROUTES)].map(([path, methods]) => {
  const names: string[] = [];
  const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => { names.push(name); return '([^/]+)'; });
  return { path, re: new RegExp(`^${pattern}$`), names, statics: path.split('/').length - 1 - names.length, methods: methods as Map<string, RouteDeclaration[]> };
}).sort((a, b) => b.statics - a.statics);

/** A path's first segment ('' for the root). */
function firstSegment(path: string): string {
  const end = path.indexOf('/', 1);
  return end < 0 ? path.slice(1) : path.slice(1, end);
}

/**
 * COMPILED by first segment, each list in COMPILED's order (a route whose first segment is a
 * parameter is in every list, and in ANY_FIRST for the others): a path is tried only against
 * the routes that can match it, the first match the same as over the whole list.
 */
const ANY_FIRST: CompiledPath[] = [];
const BY_FIRST = new Map<string, CompiledPath[]>();
for (const c of COMPILED) {
  const seg = firstSegment(c.path);
  if (seg.startsWith('{')) { ANY_FIRST.push(c); for (const list of BY_FIRST.values()) list.push(c); continue; }
  let list = BY_FIRST.get(seg);
  if (!list) { list = [...ANY_FIRST]; BY_FIRST.set(seg, list); }
  list.push(c);
}

function matchPath(pathname: string): { c: CompiledPath; params: Record<string, string> } | null {
  if (!PLAIN_PATH.test(pathname)) return null;
  for (const c of BY_FIRST.get(firstSegment(pathname)) ?? ANY_FIRST) {
    const m = c.re.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    c.names.forEach((n, i) => { params[n] = m[i + 1]!; });
    return { c, params };
  }
  return null;
}

/** What sendPlacementError reads of a request and writes to a reply, without Fastify. */
function renderError(method: string, headers: Record<string, string>, id: string, err: ApiError, version: Microversion): PlacementResponse {
  let status = err.status;
  let payload: unknown = '';
  const reply = {
    header() { return reply; },
    code(s: number) { status = s; return reply; },
    send(p?: unknown) { payload = p ?? ''; return reply; },
  };
  sendPlacementError({ method, headers, id } as unknown as FastifyRequest, reply as unknown as FastifyReply,
    { status: err.status, detail: err.detail, code: err.code, headers: err.headers }, version);
  return { status, body: parseJson(Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload)) };
}

function responseOf(res: HandlerResponse): PlacementResponse {
  const raw = res.rawJson;
  if (raw !== undefined) return { status: res.status, body: parseJson(typeof raw === 'string' ? raw : raw.toString('utf8')) };
  // over HTTP the body is serialized and the client parses it: a copy the caller may keep
  if (res.body === undefined) return { status: res.status, body: null };
  return { status: res.status, body: JSON.parse(JSON.stringify(res.body)) as unknown };
}

// direct()'s synchronous parts are these plain functions: as one async function it was one of
// TurboFan's largest compiles of a boot.
/** The route, version and caller of a call the direct path can take; null sends it through inject. */
function resolveDirect(method: string, path: string, version: string | null, body: unknown): {
  decl: RouteDeclaration; params: Record<string, string>; headers: Record<string, string>; mv: Microversion; auth: NonNullable<ReturnType<typeof authFromHeaders>>;
} | null {
  const q = path.indexOf('?');
  const found = matchPath(q < 0 ? path : path.slice(0, q));
  const decls = found?.c.methods.get(method);
  if (!found || !decls) return null;
  const headers = placementHeaders(version, body !== undefined);
  let mv: Microversion;
  try { mv = negotiateVersion(headers['openstack-api-version']); } catch { return null; }
  const decl = decls.find((d) => mv.within(d.minVersion, d.maxVersion));
  if (!decl) return null;
  // util.require_content; check_accept passes: the client accepts application/json
  if ((decl.requireContent || decls[0]!.requireContent) && body === undefined) return null;
  const auth = authFromHeaders(headers);
  if (!auth) return null;
  return { decl, params: found.params, headers, mv, auth };
}

/** webob's req.GET as a dict: the last value of each name. */
function queryObject(pairs: readonly [string, string][]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of pairs) query[k] = v;
  return query;
}

export function createInProcessTransport(placement: PlacementService): PlacementTransport {
  // compiled at each route's first use, as the main app's (start-up time)
  const app = inProcessApp(placement.runtime, 'placement-in-process', (a) => a.register(placementPlugin, { prefix: '', linkPrefix: '', service: placement }),
    { schemaController: lazySchemaController() });

  async function viaInject(method: string, path: string, version: string | null, body: unknown): Promise<PlacementResponse> {
    const a = await app.get();
    const res = await a.inject({
      method: method as 'GET',
      url: path,
      headers: placementHeaders(version, body !== undefined),
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    return { status: res.statusCode, body: parseJson(res.body) };
  }

  async function direct(method: string, path: string, version: string | null, body: unknown): Promise<PlacementResponse | null> {
    const route = resolveDirect(method, path, version, body);
    if (!route) return null;
    const { decl, params, headers, mv, auth } = route;
    // the request id Fastify's genReqId would have drawn (seeded ids stay in step)
    const id = placement.runtime.ids.requestId();
    const { pairs: queryPairs, decodeError } = parseQueryString(path);
    const query = queryObject(queryPairs);
    const profile = placement.runtime.settings.policyProfile;
    const text = body === undefined ? undefined : JSON.stringify(body);
    const pick = (schemas: VersionedSchemas) => {
      const schema = schemaFor(schemas, mv);
      if (!schema) throw new Error(`no schema for ${method} ${path} at ${mv}`);
      return schema;
    };
    const call: PlacementCall = {
      req: undefined as never, reply: undefined as never,
      version: mv, auth, service: placement, linkPrefix: '',
      params, queryPairs, query,
      can: (action, target) => authorize(profile, action, auth, target),
      // the body is parsed before the handler's answer is returned: an ordinary buffer
      responseBuffer: (size) => Buffer.allocUnsafe(size),
      json: <T>(schemas: VersionedSchemas) => extractJson(text, pick(schemas)) as T,
      validateQuery: (schemas: VersionedSchemas) => {
        if (decodeError !== null) throw new ApiError(400, null, `Invalid query string parameters: ${decodeError}`);
        const problem = validateJson(pick(schemas), query);
        if (problem !== null) throw new ApiError(400, null, `Invalid query string parameters: ${problem}`);
      },
    };
    try {
      return responseOf(await decl.handler(call));
    } catch (err) {
      if (err instanceof ApiError) return renderError(method, headers, id, err, mv);
      // the plugin's error handler: an unexpected error is a 500 in the envelope, and logged
      placement.runtime.logger.error({ err, requestId: id }, 'placement: unexpected error');
      return renderError(method, headers, id, new ApiError(500, null, (err as Error).message), mv);
    }
  }

  return {
    async request(method, path, version, body) {
      return (await direct(method, path, version, body)) ?? viaInject(method, path, version, body);
    },
    close: () => app.close(),
  };
}
