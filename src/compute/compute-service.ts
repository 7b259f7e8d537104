// The compute side (nova-api + conductor + scheduler + computes) as one service object.
// OWNER: compute engine work.
import type { Runtime } from '../runtime/runtime.js';
import type { PlacementService } from '../placement/placement-service.js';
import type { ResetBody } from '../mock-control/plugin.js';

export interface ComputeService {
  readonly runtime: Runtime;
  /** Seed (when configured) and start background work. */
  start(): Promise<void>;
  /** Stop workflows cleanly. */
  close(): Promise<void>;
  /** Back to the seed (or to body.hosts / body.config): called by POST /_mock/reset after placement.reset(). */
  reset(body: ResetBody): Promise<void>;
}

export function createComputeService(runtime: Runtime, placement: PlacementService): ComputeService {
  void placement;
  return {
    runtime,
    async start() {},
    async close() {},
    async reset() {},
  };
}
