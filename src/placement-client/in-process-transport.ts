// In-process Placement: the same Placement plugin as the HTTP listeners, mounted on a private
// Fastify instance and called with app.inject, so the semantics are exactly the HTTP ones.
import Fastify, { type FastifyInstance } from 'fastify';
import type { PlacementService } from '../placement/placement-service.js';
import { placementPlugin } from '../placement/plugin.js';
import { lazySchemaController } from '../http/lazy-schema-compilers.js';
import { parseJson, placementHeaders, type PlacementTransport } from './transport.js';

export function createInProcessTransport(placement: PlacementService): PlacementTransport {
  let app: FastifyInstance | null = null;
  let ready: Promise<FastifyInstance> | null = null;
  const getApp = (): Promise<FastifyInstance> => {
    ready ??= (async () => {
      const a = Fastify({
        loggerInstance: placement.runtime.logger.child({ component: 'placement-in-process' }, { level: 'warn' }),
        genReqId: () => placement.runtime.ids.requestId(),
        routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
        schemaController: lazySchemaController(),
      }) as unknown as FastifyInstance;
      await a.register(placementPlugin, { prefix: '', linkPrefix: '', service: placement });
      await a.ready();
      app = a;
      return a;
    })();
    return ready;
  };
  return {
    async request(method, path, version, body) {
      const a = await getApp();
      const res = await a.inject({
        method: method as 'GET',
        url: path,
        headers: placementHeaders(version, body !== undefined),
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      return { status: res.statusCode, body: parseJson(res.body) };
    },
    async close() {
      if (app) await app.close();
      app = null;
      ready = null;
    },
  };
}
