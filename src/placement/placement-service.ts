// The Placement service object shared by both listeners: stores over the one database,
// the provider index, and reset. OWNER: placement work.
import type { Runtime } from '../runtime/runtime.js';
import { createProviderIndex, type ProviderIndex } from './provider-index.js';

export interface PlacementService {
  readonly runtime: Runtime;
  readonly index: ProviderIndex;
  /** Empty every Placement table, then re-sync the standard traits and resource classes. */
  reset(): void;
}

export function createPlacementService(runtime: Runtime): PlacementService {
  const index = createProviderIndex(runtime.db);
  return {
    runtime,
    index,
    reset() {
      index.markAllDirty();
    },
  };
}
