// The compute side (nova-api + conductor + scheduler + computes) as one service object.
// OWNER: compute engine work.
import type { Runtime } from '../runtime/runtime.js';
import type { PlacementService } from '../placement/placement-service.js';

export interface ComputeService {
  readonly runtime: Runtime;
  /** Seed (when configured) and start background work. */
  start(): Promise<void>;
  /** Stop workflows cleanly. */
  close(): Promise<void>;
}

export function createComputeService(runtime: Runtime, placement: PlacementService): ComputeService {
  void placement;
  return {
    runtime,
    async start() {},
    async close() {},
  };
}
