// The double's own control plane under /_mock: reset, hosts, faults, audit. OWNER: compute engine work.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';

export interface MockControlOptions {
  services: Services;
}

export const mockControlPlugin: FastifyPluginAsync<MockControlOptions> = async (app, opts) => {
  app.get('/status', async () => ({ status: 'ok' }));
  void opts;
};
