// Turns the route table into Fastify routes (http/route-table.ts): the caller is resolved (401
// with keystone's WWW-Authenticate when a route needs a token and there is none), then the
// handler's answer sent. A method a URL lacks is keystone's 404 (the plugin's not-found handler).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mountRouteTable } from '../../http/route-table.js';
import type { RouteDeclaration, IdentityCall } from './route-declaration.js';
import { operationNames } from '../../http/openapi.js';
import type { Identity } from '../identity.js';
import { authFromHeaders, type AuthContext } from '../../http/auth-context.js';
import { forbiddenAction, unauthorized } from '../identity-errors.js';
import { isAllowed, type PolicyTarget } from '../policy.js';

export interface RegisterOptions {
  identity: Identity;
  linkPrefix: string;
  /** The main port's root for the catalog (PUBLIC_URL, or from the request). */
  catalogBase(req: FastifyRequest): string;
}

const ANONYMOUS: AuthContext = { token: '', userId: '', projectId: '', roles: [], systemScope: null, isAdmin: false };

export function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`;
}

export function registerRoutes(app: FastifyInstance, routes: readonly RouteDeclaration[], opts: RegisterOptions): void {
  const { identity, linkPrefix } = opts;
  mountRouteTable(app, routes, {
    route: ([route]) => ({
      schema: { ...operationNames('identity', route.method, route.path), ...route.schema },
      handler: async (req, reply) => {
        const caller = authFromHeaders(req.headers);
        if (route.auth !== false && (!caller || caller.token === '')) {
          throw unauthorized();
        }
        const base = `${origin(req)}${linkPrefix}/v3`;
        const call: IdentityCall = {
          req, reply, core: identity.core, tokens: identity.tokens,
          caller: caller ?? ANONYMOUS,
          params: req.params as Record<string, string>,
          query: req.query as Record<string, string>,
          body: req.body,
          base: route.path === '/' ? `${origin(req)}${linkPrefix}/v3` : base,
          catalogBase: opts.catalogBase(req),
          selfUrl: `${origin(req)}${req.url}`,
          can: (action: string, target?: PolicyTarget) => {
            if (!isAllowed(action, caller ?? ANONYMOUS, target)) throw forbiddenAction(action);
          },
        };
        const res = await route.handler(call);
        reply.code(res.status);
        if (res.headers) reply.headers(res.headers);
        return res.body === undefined ? reply.send() : reply.send(res.body);
      },
    }),
  });
}
