// Turns the route table into Fastify routes: the caller is resolved (401 with keystone's
// WWW-Authenticate when a route needs a token and there is none), then the handler's answer sent.
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      schema: { ...operationNames('identity', route.method, route.path), ...route.schema },
      // a GET answers HEAD too, unless the table declares that HEAD itself
      ...(route.method === 'GET' ? { exposeHeadRoute: !routes.some((r) => r.method === 'HEAD' && r.path === route.path) } : {}),
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
    });
  }
}
