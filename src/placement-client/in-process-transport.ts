// In-process Placement: the same Placement plugin as the HTTP listeners, mounted on a private
// Fastify instance and called with app.inject, so the semantics are exactly the HTTP ones.
import type { PlacementService } from '../placement/placement-service.js';
import { inProcessApp } from '../http/in-process-app.js';
import { placementPlugin } from '../placement/plugin.js';
import { lazySchemaController } from '../http/lazy-schema-compilers.js';
import { parseJson, placementHeaders, type PlacementTransport } from './transport.js';

export function createInProcessTransport(placement: PlacementService): PlacementTransport {
  // compiled at each route's first use, as the main app's (start-up time)
  const app = inProcessApp(placement.runtime, 'placement-in-process', (a) => a.register(placementPlugin, { prefix: '', linkPrefix: '', service: placement }),
    { schemaController: lazySchemaController() });
  return {
    async request(method, path, version, body) {
      const a = await app.get();
      const res = await a.inject({
        method: method as 'GET',
        url: path,
        headers: placementHeaders(version, body !== undefined),
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      return { status: res.statusCode, body: parseJson(res.body) };
    },
    close: () => app.close(),
  };
}
