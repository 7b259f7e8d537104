// Composition root: one Runtime, the transports compute reaches the other services with, the
// services graph built over them (services.ts), and the Fastify apps that expose them. buildApp
// is the main port (/placement, /compute, /_mock); buildPlacementApp is the standalone Placement
// listener (Placement at /, no prefix in links).
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Runtime } from './runtime/runtime.js';
import type { Config } from './config.js';
import { buildServices, type Services, type Transports } from './services.js';
import { placementPlugin } from './placement/plugin.js';
import { renderPlacementSocketError } from './placement/client-error.js';
import { sendPlacementRouterError } from './placement/framework-errors.js';
import { createHttpTransport as createPlacementHttp } from './placement-client/http-transport.js';
import { createInProcessTransport as createPlacementInProcess } from './placement-client/in-process-transport.js';
import { createHttpTransport as createNetworkingHttp } from './networking-client/http-transport.js';
import { createInProcessTransport as createNetworkingInProcess } from './networking-client/in-process-transport.js';
import { createHttpTransport as createVolumeHttp } from './block-storage-client/http-transport.js';
import { createInProcessTransport as createVolumeInProcess } from './block-storage-client/in-process-transport.js';
import { createHttpTransport as createImageHttp } from './image-client/http-transport.js';
import { createInProcessTransport as createImageInProcess } from './image-client/in-process-transport.js';
import { registerOpenApi } from './http/openapi.js';
import { installResponseContract, type ContractSink } from './http/response-contract.js';
import { renderNetworkingSocketError, sendNetworkingRouterError } from './networking/router-errors.js';
import { authResolutionPlugin } from './http/auth-resolution.js';
import { routerErrorHandler, type RouterErrorEntry } from './http/router-errors.js';
import { socketErrorHandler, trackRequestUrls } from './http/client-errors.js';
import { discardOversizedBodies } from './http/oversize-body.js';
import { lazySchemaController } from './http/lazy-schema-compilers.js';
import { requestLogController, requestLogger } from './http/request-log.js';
import { forwardedRequestId, mountLazily } from './http/lazy-mounts.js';
import { renderComputeSocketError, sendComputeRouterError } from './compute/router-errors.js';
import { renderIdentitySocketError, sendIdentityRouterError } from './identity/router-errors.js';
import { renderImageSocketError, sendImageRouterError } from './image/router-errors.js';
import { renderMockControlSocketError, sendMockControlRouterError } from './mock-control/router-errors.js';
import { renderBlockStorageSocketError, sendBlockStorageRouterError } from './block-storage/router-errors.js';

export type { Services } from './services.js';

/** The transports compute reaches the other services with: a configured URL is the real service's. */
export function pickTransports(config: Config): Transports {
  return {
    placement: (service) => (config.placementUrl ? createPlacementHttp(config.placementUrl) : createPlacementInProcess(service)),
    networking: (service) => (config.networkingUrl ? createNetworkingHttp(config.networkingUrl) : createNetworkingInProcess(service)),
    volumes: (service) => (config.volumeUrl ? createVolumeHttp(config.volumeUrl) : createVolumeInProcess(service)),
    images: (service) => (config.imageUrl ? createImageHttp(config.imageUrl) : createImageInProcess(service)),
  };
}

export function createServices(runtime: Runtime): Services {
  return buildServices(runtime, pickTransports(runtime.config));
}

function baseFastify(runtime: Runtime, extra: Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'> = {}, genReqId: (raw: IncomingMessage) => string = () => runtime.ids.requestId()): FastifyInstance {
  const { headersTimeoutMs, requestTimeoutMs, idleTimeoutMs } = runtime.config;
  const app = Fastify({
    ...extra,
    // No connection is held forever: a client that stops sending (headers, or a body shorter than
    // its Content-Length) gets a 408 and the connection closes; so does one that goes quiet.
    requestTimeout: requestTimeoutMs,
    connectionTimeout: idleTimeoutMs,
    keepAliveTimeout: idleTimeoutMs,
    http: {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // Node checks both timeouts on this period (default 30 s): keep it a fraction of them
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
    loggerInstance: requestLogger(runtime.logger),
    logController: requestLogController(),
    bodyLimit: runtime.config.bodyLimit,
    genReqId,
    requestIdHeader: false,
    // Placement and Nova treat a trailing slash as a different URL; keep them distinct.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
    schemaController: lazySchemaController(),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance;
  // Response schemas document the answers (openapi/) and the contract test checks answers
  // against them; they never serialize: the services write their bodies themselves (Python's
  // float and key-order rules), and fast-json-stringify would drop undeclared fields. So no
  // route compiles a serializer, at start-up or at its first answer.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  return app;
}

/** URLs the router refuses (bad %-escape) and requests Node answers on the socket (408, 431,
 *  unparsable): each service answers in its own envelope. */
const ROUTER_ERRORS: readonly RouterErrorEntry[] = [
  { prefix: '/placement', send: (req, reply) => sendPlacementRouterError(req, reply, '/placement'), socket: renderPlacementSocketError },
  { prefix: '/compute', send: sendComputeRouterError, socket: renderComputeSocketError },
  { prefix: '/identity', send: sendIdentityRouterError, socket: renderIdentitySocketError },
  { prefix: '/image', send: sendImageRouterError, socket: renderImageSocketError },
  { prefix: '/networking', send: sendNetworkingRouterError, socket: renderNetworkingSocketError },
  { prefix: '/volume', send: sendBlockStorageRouterError, socket: renderBlockStorageSocketError },
  { prefix: '/_mock', send: sendMockControlRouterError, socket: renderMockControlSocketError },
];

/** Outside every service (or before the request line was read): a plain JSON error. */
const renderOtherSocketError = (status: number, message: string) => ({ contentType: 'application/json', body: JSON.stringify({ error: message, statusCode: status }) });

export interface BuildOptions {
  /** Sees every route as it is registered (the route table: the fuzzer reads it from here). Implies `eager`. */
  readonly onRoute?: (route: RouteOptions) => void;
  /**
   * Register every service (and the OpenAPI plugin) before the app is ready, as one Fastify app:
   * what reads the whole route table needs it (`app.swagger()`, onRoute). Otherwise only
   * Placement is built up front and every other prefix at its first request (lazy-mounts.ts).
   */
  readonly eager?: boolean;
  /** Tests only: check every answer against its route's declared response schema (http/response-contract.ts). */
  readonly responseContract?: ContractSink;
}

/** The main port's Fastify app; `forwarded`: a lazily built service's app, which reuses the
 *  request id its main app drew for the request. */
function mainPortFastify(services: Services, options: BuildOptions, forwarded = false): FastifyInstance {
  const ids = services.runtime.ids;
  const app = baseFastify(services.runtime, {
    clientErrorHandler: socketErrorHandler(ROUTER_ERRORS, renderOtherSocketError, () => ids.requestId()),
    frameworkErrors: routerErrorHandler(ROUTER_ERRORS, (req, reply, err) => {
      // outside every service: Fastify's own answer
      const status = err.statusCode ?? 400;
      return (reply as FastifyReply).code(status).send({ error: 'Bad Request', code: err.code, message: err.message, statusCode: status });
    }),
  }, forwarded ? (raw) => forwardedRequestId(raw) ?? ids.requestId() : undefined);
  // before any route: the hook reaches every service registered in this app
  if (options.responseContract) installResponseContract(app, options.responseContract);
  return app;
}

/** The hooks every request of the main port runs, before any service's own. */
async function registerRootHooks(app: FastifyInstance, services: Services): Promise<void> {
  trackRequestUrls(app);
  discardOversizedBodies(app, services.runtime.config.oversizeDiscardLimit);
}

/** Each service under its devstack prefix on the main port. The plugins other than Placement's
 *  are imported when registered: their routes, schemas and views are separate chunks of the
 *  bundle, loaded with the service's app (lazy-mounts.ts). */
function mainPortServices(services: Services): { prefix: string; register(app: FastifyInstance): Promise<unknown> }[] {
  return [
    { prefix: '/placement', register: async (app) => app.register(placementPlugin, { prefix: '/placement', linkPrefix: '/placement', service: services.placement }) },
    { prefix: '/compute', register: async (app) => app.register((await import('./compute/plugin.js')).computePlugin, { prefix: '/compute', linkPrefix: '/compute', service: services.compute }) },
    { prefix: '/identity', register: async (app) => app.register((await import('./identity/plugin.js')).identityPlugin, { prefix: '/identity', linkPrefix: '/identity', identity: services.identity, publicUrl: services.runtime.config.publicUrl }) },
    { prefix: '/image', register: async (app) => app.register((await import('./image/plugin.js')).imagePlugin, { prefix: '/image', linkPrefix: '/image', service: services.image }) },
    { prefix: '/networking', register: async (app) => app.register((await import('./networking/plugin.js')).networkingPlugin, { prefix: '/networking', linkPrefix: '/networking', service: services.networking }) },
    { prefix: '/volume', register: async (app) => app.register((await import('./block-storage/plugin.js')).blockStoragePlugin, { prefix: '/volume', linkPrefix: '/volume', service: services.blockStorage }) },
    { prefix: '/_mock', register: async (app) => app.register((await import('./mock-control/plugin.js')).mockControlPlugin, { prefix: '/_mock', services }) },
  ];
}

/** Every service and the OpenAPI document with its UI at /docs, in one app. */
async function registerEverything(app: FastifyInstance, services: Services): Promise<void> {
  await registerRootHooks(app, services);
  await registerOpenApi(app); // first: it documents the routes registered after it; UI at /docs
  await app.register(authResolutionPlugin, { resolver: services.identity.resolver }); // before every service's own auth hook
  for (const mount of mainPortServices(services)) await mount.register(app);
}

/** The main port: every service under its devstack prefix. */
export async function buildApp(services: Services, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = mainPortFastify(services, options);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  if (options.eager || options.onRoute) {
    await registerEverything(app, services);
  } else {
    const [placement, ...others] = mainPortServices(services);
    // A socket-level answer (408, 431) may come while a service's app is still being built:
    // the URL is known from here on (the service's app records it again, harmlessly).
    trackRequestUrls(app);
    // The forwarders before the other root hooks, so that those are not theirs: a forwarded
    // request runs them once, in its service's app.
    for (const mount of others) {
      await mountLazily(app, mount.prefix, async () => {
        const inner = mainPortFastify(services, options, true);
        await registerRootHooks(inner, services);
        await inner.register(authResolutionPlugin, { resolver: services.identity.resolver });
        await mount.register(inner);
        return inner;
      });
    }
    await mountLazily(app, '/docs', async () => {
      const inner = mainPortFastify(services, options, true);
      await registerEverything(inner, services);
      return inner;
    });
    discardOversizedBodies(app, services.runtime.config.oversizeDiscardLimit);
    await app.register(authResolutionPlugin, { resolver: services.identity.resolver });
    await placement!.register(app);
  }
  app.addHook('onClose', async () => { await services.compute.close(); await services.image.idle(); });
  return app;
}

/**
 * A service alone on its own listener, as on its classic port: at the root, no prefix in links,
 * socket-level and router errors in its envelope, and the main port's root hooks (request URLs
 * for those socket answers, oversized bodies discarded, the caller resolved).
 */
async function standaloneApp(
  services: Services,
  errors: Pick<RouterErrorEntry, 'send' | 'socket'>,
  register: (app: FastifyInstance) => Promise<unknown>,
  options: Pick<BuildOptions, 'responseContract'> = {},
): Promise<FastifyInstance> {
  const app = baseFastify(services.runtime, {
    clientErrorHandler: socketErrorHandler([{ prefix: '', socket: errors.socket }], errors.socket, () => services.runtime.ids.requestId()),
    frameworkErrors: (err, req, reply) => errors.send(req, reply, err),
  });
  if (options.responseContract) installResponseContract(app, options.responseContract);
  trackRequestUrls(app);
  discardOversizedBodies(app, services.runtime.config.oversizeDiscardLimit);
  await app.register(authResolutionPlugin, { resolver: services.identity.resolver });
  await register(app);
  return app;
}

/** The standalone Placement listener: Placement at the root, as placement-api on :8778. */
export async function buildPlacementApp(services: Services, options: Pick<BuildOptions, 'responseContract'> = {}): Promise<FastifyInstance> {
  return standaloneApp(services, { send: (req, reply) => sendPlacementRouterError(req, reply, ''), socket: renderPlacementSocketError },
    async (app) => app.register(placementPlugin, { prefix: '', linkPrefix: '', service: services.placement }), options);
}

/** The standalone Neutron listener: Neutron at the root, as neutron-server on :9696. */
export async function buildNetworkingApp(services: Services): Promise<FastifyInstance> {
  return standaloneApp(services, { send: sendNetworkingRouterError, socket: renderNetworkingSocketError },
    async (app) => app.register((await import('./networking/plugin.js')).networkingPlugin, { prefix: '', linkPrefix: '', service: services.networking }));
}

/** The standalone Identity listener: keystone at the root, as keystone on :5000. */
export async function buildIdentityApp(services: Services): Promise<FastifyInstance> {
  return standaloneApp(services, { send: sendIdentityRouterError, socket: renderIdentitySocketError },
    async (app) => app.register((await import('./identity/plugin.js')).identityPlugin, { prefix: '', linkPrefix: '', identity: services.identity, publicUrl: services.runtime.config.publicUrl, mainPort: services.runtime.config.port }));
}

/** The standalone image listener: glance v2 at the root, as glance-api on :9292. */
export async function buildImageApp(services: Services): Promise<FastifyInstance> {
  const app = await standaloneApp(services, { send: sendImageRouterError, socket: renderImageSocketError },
    async (app) => app.register((await import('./image/plugin.js')).imagePlugin, { prefix: '', linkPrefix: '', service: services.image }));
  app.addHook('onClose', async () => { await services.image.idle(); });
  return app;
}

/** The standalone block-storage listener: Cinder at the root, as cinder-api on :8776. */
export async function buildVolumeApp(services: Services): Promise<FastifyInstance> {
  return standaloneApp(services, { send: sendBlockStorageRouterError, socket: renderBlockStorageSocketError },
    async (app) => app.register((await import('./block-storage/plugin.js')).blockStoragePlugin, { prefix: '', linkPrefix: '', service: services.blockStorage }));
}
