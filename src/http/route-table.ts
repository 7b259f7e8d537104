// Mounts a service's route table (its routes/index.ts) on Fastify: the declarations grouped by
// URL then method, each URL in its Fastify form (and any other form the service also answers,
// hidden from the documents), GET answering HEAD unless the table declares HEAD itself, and the
// methods a declared URL lacks answered as the service's router does. What a request runs (its
// call, policy, body parsing, answer) stays the service's: `route()` builds that per method.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

/** What every route table's entries have: a method and a path, '{name}' or ':name' parameters. */
export interface DeclaredRoute {
  readonly method: string;
  readonly path: string;
}

/** A URL a declared path is served at. */
export interface RouteUrl {
  readonly url: string;
  /** Served, not listed in the documents (an alias of a listed URL). */
  readonly hidden: boolean;
}

export interface RouteTableMount<R extends DeclaredRoute> {
  /** The URLs a declared path is served at; default: its Fastify form. */
  urls?(path: string): readonly RouteUrl[];
  /** The Fastify route of one method at one URL: every declaration of it (microversion windows), in table order. */
  route(decls: readonly [R, ...R[]], at: { readonly method: string; readonly path: string; readonly url: RouteUrl }): Pick<RouteOptions, 'schema' | 'config' | 'handler'>;
  /**
   * A method the table does not declare on a URL it knows: answered by `handler` (`allow`: the
   * declared methods, in table order), on the URL's Fastify form. Absent: the not-found handler.
   */
  readonly unroutedMethods?: {
    readonly methods: readonly string[];
    handler(req: FastifyRequest, reply: FastifyReply, allow: string): Promise<FastifyReply> | FastifyReply;
  };
}

/** '{name}' path parameters in Fastify's ':name' form. */
export function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** The declarations grouped by path then method, in table order. */
export function groupRoutes<R extends DeclaredRoute>(table: readonly R[]): Map<string, Map<R['method'], R[]>> {
  const byPath = new Map<string, Map<R['method'], R[]>>();
  for (const r of table) {
    let methods = byPath.get(r.path);
    if (!methods) { methods = new Map(); byPath.set(r.path, methods); }
    const list = methods.get(r.method) ?? [];
    list.push(r);
    methods.set(r.method, list);
  }
  return byPath;
}

export function mountRouteTable<R extends DeclaredRoute>(app: FastifyInstance, table: readonly R[], mount: RouteTableMount<R>): void {
  for (const [path, methods] of groupRoutes(table)) {
    for (const [method, decls] of methods) {
      for (const url of mount.urls?.(path) ?? [{ url: fastifyPath(path), hidden: false }]) {
        const { schema, ...rest } = mount.route(decls as [R, ...R[]], { method, path, url });
        app.route({
          method, url: url.url, ...rest,
          schema: url.hidden ? { ...schema, hide: true } : schema,
          ...(method === 'GET' ? { exposeHeadRoute: !methods.has('HEAD') } : {}),
        } as RouteOptions);
      }
    }
    const unrouted = mount.unroutedMethods;
    const missing = unrouted?.methods.filter((m) => !methods.has(m)) ?? [];
    if (!unrouted || !missing.length) continue;
    const allow = [...methods.keys()].join(', ');
    app.route({ method: missing, url: fastifyPath(path), schema: { hide: true }, handler: (req, reply) => unrouted.handler(req, reply, allow) });
  }
}
