// Placement as an encapsulated Fastify plugin, mountable under /placement (main port) or at
// / (standalone port). linkPrefix is what links[].href and Location carry.
//
// The request pipeline mirrors placement's WSGI stack (deploy.py), outermost first:
//   request id -> CORS (cors profile) -> noauth2 (401 without a token, except at /) ->
//   microversion negotiation (400/406) -> content-length/content-type sanity (400) ->
//   route table (404 unknown URL, 405 + Allow, version windows) -> handler.
// Every error is rendered by error-response.ts in Placement's envelope.
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { PlacementService } from './placement-service.js';
import { ApiError } from '../http/api-error.js';
import { takeRawBodies } from '../http/raw-bodies.js';
import { RaisedError } from './raised-error.js';
import type { Microversion } from '../http/microversion.js';
import { authFromHeaders, type AuthContext } from '../http/auth-context.js';
import { negotiateVersion, SERVICE_TYPE } from './versions.js';
import { sendPlacementError, sendUnauthorized } from './error-response.js';
import { applySimpleCors, handlePreflight } from './cors.js';
import { ROUTES } from './routes/index.js';
import { registerRoutes } from './routes/register.js';

export interface PlacementPluginOptions {
  linkPrefix: string;
  service: PlacementService;
}

interface PlacementRequestState {
  microversion: Microversion | null;
  auth: AuthContext | null;
  /** Errors raised before a handler ran (dispatcher 404, header checks) carry no Vary. */
  placementNoVary: boolean;
}

function state(req: FastifyRequest): PlacementRequestState {
  return req as unknown as PlacementRequestState;
}

const ANONYMOUS: AuthContext = { token: '', userId: '', projectId: '', roles: [], systemScope: null, isAdmin: false };

export const placementPlugin: FastifyPluginAsync<PlacementPluginOptions> = async (app, opts) => {
  const { service, linkPrefix } = opts;
  const settings = service.runtime.settings;
  const corsOrigins = service.runtime.config.corsAllowedOrigins;

  app.decorateRequest('microversion', null as unknown as Microversion);
  app.decorateRequest('auth', null);
  app.decorateRequest('placementNoVary', false);

  // Placement reads every body itself (util.extract_json after util.require_content), so
  // bodies arrive as bytes whatever their media type, and schemas are checked by our
  // jsonschema-compatible validator: Fastify's own validation and serialization are off.
  takeRawBodies(app);

  // Callback hooks: an async one costs a promise per request and hook. An answer sent in
  // onRequest ends the request without calling done (Fastify's rule for callback hooks).
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-openstack-request-id', req.id);
    if (settings.policyProfile === 'cors' && handlePreflight(req, reply, corsOrigins)) return;

    const path = req.url.split('?')[0]!.slice(linkPrefix.length);
    const auth = authFromHeaders(req.headers);
    if (!auth && path !== '/') { sendUnauthorized(req, reply); return; }
    state(req).auth = auth ?? ANONYMOUS;

    try {
      state(req).microversion = negotiateVersion(req.headers['openstack-api-version']);
    } catch (err) {
      sendPlacementError(req, reply, { status: (err as ApiError).status, detail: (err as ApiError).detail }, null);
      return;
    }

    // handler.py: a body needs a content type, and Content-Length must be an integer.
    const clen = req.headers['content-length'];
    if (clen !== undefined && clen !== '') {
      if (!/^\s*[+-]?\d+\s*$/.test(clen)) {
        state(req).placementNoVary = true;
        done(new ApiError(400, null, 'content-length header must be an integer'));
        return;
      }
      if (Number(clen) > 0 && !req.headers['content-type']) {
        state(req).placementNoVary = true;
        done(new ApiError(400, null, 'content-type header required when content-length > 0'));
        return;
      }
    }
    done();
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    const version = state(req).microversion;
    if (version) {
      reply.header('openstack-api-version', `${SERVICE_TYPE} ${version}`);
      if (!state(req).placementNoVary) reply.header('vary', 'openstack-api-version');
    }
    if (settings.policyProfile === 'cors' && req.method !== 'OPTIONS') applySimpleCors(req, reply, corsOrigins);
    done(null, payload);
  });

  // A known URL under a method it lacks is a 405, answered here (see routes/register.ts).
  const methodNotAllowed = registerRoutes(app, ROUTES, { service, linkPrefix });

  app.setNotFoundHandler(async (req, reply) => {
    const allow = methodNotAllowed(req);
    if (allow !== null) {
      return sendPlacementError(req, reply, { status: 405, detail: 'The method specified is not allowed for this resource.', headers: { allow } }, state(req).microversion);
    }
    state(req).placementNoVary = true;
    return sendPlacementError(req, reply, { status: 404 }, state(req).microversion);
  });

  app.setErrorHandler(async (err: FastifyError | ApiError, req, reply: FastifyReply) => {
    const version = state(req).microversion;
    if (err instanceof RaisedError) state(req).placementNoVary = true;
    if (err instanceof ApiError) {
      return sendPlacementError(req, reply, { status: err.status, detail: err.detail, code: err.code, headers: err.headers }, version);
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendPlacementError(req, reply, { status, detail: err.message }, version);
    }
    req.log.error({ err, requestId: req.id }, 'placement: unexpected error');
    return sendPlacementError(req, reply, { status: 500, detail: err.message }, version);
  });

};
