// nova-api as an encapsulated Fastify plugin under /compute. OWNER: compute API work.
import type { FastifyPluginAsync } from 'fastify';
import type { ComputeService } from './compute-service.js';

export interface ComputePluginOptions {
  linkPrefix: string;
  service: ComputeService;
}

export const computePlugin: FastifyPluginAsync<ComputePluginOptions> = async (app, opts) => {
  void app;
  void opts;
};
