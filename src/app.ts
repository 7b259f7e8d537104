// Composition root: one Runtime, the services built over it, and the Fastify apps that
// expose them. buildApp is the main port (/placement, /compute, /_mock); buildPlacementApp
// is the standalone Placement listener (Placement at /, no prefix in links).
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Runtime } from './runtime/runtime.js';
import { createPlacementService, type PlacementService } from './placement/placement-service.js';
import { placementPlugin } from './placement/plugin.js';
import { placementClientErrorHandler } from './placement/client-error.js';
import { sendPlacementRouterError } from './placement/framework-errors.js';
import { createComputeService, type ComputeService } from './compute/compute-service.js';
import { computePlugin } from './compute/plugin.js';
import { mockControlPlugin } from './mock-control/plugin.js';
import { identityPlugin } from './identity/plugin.js';
import { imagePlugin } from './image/plugin.js';
import { registerOpenApi } from './http/openapi.js';
import { NetworkingService } from './networking/networking-service.js';
import { networkingPlugin } from './networking/plugin.js';
import { seedNetworking } from './networking/seed.js';
import { sendNetworkingRouterError } from './networking/router-errors.js';
import { routerErrorHandler, type RouterErrorEntry } from './http/router-errors.js';
import { sendComputeRouterError } from './compute/router-errors.js';
import { sendIdentityRouterError } from './identity/router-errors.js';
import { sendImageRouterError } from './image/router-errors.js';
import { sendMockControlRouterError } from './mock-control/router-errors.js';

export interface Services {
  readonly runtime: Runtime;
  readonly placement: PlacementService;
  readonly compute: ComputeService;
  readonly networking: NetworkingService;
}

export function createServices(runtime: Runtime): Services {
  const placement = createPlacementService(runtime);
  const networking = new NetworkingService(runtime);
  if (runtime.config.seed) seedNetworking(networking);
  const compute = createComputeService(runtime, placement, networking);
  return { runtime, placement, compute, networking };
}

function baseFastify(runtime: Runtime, extra: Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'> = {}): FastifyInstance {
  return Fastify({
    ...extra,
    loggerInstance: runtime.logger,
    bodyLimit: runtime.config.bodyLimit,
    genReqId: () => runtime.ids.requestId(),
    requestIdHeader: false,
    // Placement and Nova treat a trailing slash as a different URL; keep them distinct.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance;
}

/** URLs the router refuses (bad %-escape): each service answers in its own envelope. */
const ROUTER_ERRORS: readonly RouterErrorEntry[] = [
  { prefix: '/placement', send: (req, reply) => sendPlacementRouterError(req, reply, '/placement') },
  { prefix: '/compute', send: sendComputeRouterError },
  { prefix: '/identity', send: sendIdentityRouterError },
  { prefix: '/image', send: sendImageRouterError },
  { prefix: '/networking', send: sendNetworkingRouterError },
  { prefix: '/_mock', send: sendMockControlRouterError },
];

/** The main port: every service under its devstack prefix. */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const app = baseFastify(services.runtime, {
    frameworkErrors: routerErrorHandler(ROUTER_ERRORS, (req, reply, err) => {
      // outside every service: Fastify's own answer
      const status = err.statusCode ?? 400;
      return (reply as FastifyReply).code(status).send({ error: 'Bad Request', code: err.code, message: err.message, statusCode: status });
    }),
  });
  await registerOpenApi(app); // first: it documents the routes registered after it; UI at /docs
  await app.register(placementPlugin, { prefix: '/placement', linkPrefix: '/placement', service: services.placement });
  await app.register(computePlugin, { prefix: '/compute', linkPrefix: '/compute', service: services.compute });
  await app.register(identityPlugin, { prefix: '/identity', linkPrefix: '/identity', clock: services.runtime.clock });
  await app.register(imagePlugin, { prefix: '/image', linkPrefix: '/image' });
  await app.register(networkingPlugin, { prefix: '/networking', linkPrefix: '/networking', service: services.networking });
  await app.register(mockControlPlugin, { prefix: '/_mock', services });
  app.addHook('onClose', async () => { await services.compute.close(); });
  return app;
}

/** The standalone Placement listener: Placement at the root, as placement-api on :8778. */
export async function buildPlacementApp(services: Services): Promise<FastifyInstance> {
  const app = baseFastify(services.runtime, {
    clientErrorHandler: placementClientErrorHandler(() => services.runtime.ids.requestId()),
    frameworkErrors: (_err, req, reply) => sendPlacementRouterError(req, reply, ''),
  });
  await app.register(placementPlugin, { prefix: '', linkPrefix: '', service: services.placement });
  return app;
}

/** The standalone Neutron listener: Neutron at the root, as neutron-server on :9696. */
export async function buildNetworkingApp(services: Services): Promise<FastifyInstance> {
  const app = baseFastify(services.runtime, { frameworkErrors: (_err, req, reply) => sendNetworkingRouterError(req, reply) });
  await app.register(networkingPlugin, { prefix: '', linkPrefix: '', service: services.networking });
  return app;
}
