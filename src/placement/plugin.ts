// Placement as an encapsulated Fastify plugin, mountable under /placement (main port) or at
// / (standalone port). linkPrefix is what links[].href and Location carry. OWNER: placement.
import type { FastifyPluginAsync } from 'fastify';
import type { PlacementService } from './placement-service.js';

export interface PlacementPluginOptions {
  linkPrefix: string;
  service: PlacementService;
}

export const placementPlugin: FastifyPluginAsync<PlacementPluginOptions> = async (app, opts) => {
  app.get('/', async () => ({
    versions: [{ id: 'v1.0', max_version: '1.39', min_version: '1.0', status: 'CURRENT', links: [{ rel: 'self', href: '' }] }],
  }));
  void opts;
};
