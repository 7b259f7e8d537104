// The Placement service object shared by both listeners: the stores over the one database,
// the provider index, and reset. Handlers reach everything through `service`.
import type { Runtime } from '../runtime/runtime.js';
import { createProviderIndex, type ProviderIndex } from './provider-index.js';
import { createResourceClassesStore, type ResourceClassesStore } from './store/resource-classes-store.js';
import { createTraitsStore, type TraitsStore } from './store/traits-store.js';
import { createResourceProvidersStore, type ResourceProvidersStore } from './store/resource-providers-store.js';
import { createInventoriesStore, type InventoriesStore } from './store/inventories-store.js';
import { createAggregatesStore, type AggregatesStore } from './store/aggregates-store.js';

export interface PlacementStores {
  readonly resourceClasses: ResourceClassesStore;
  readonly traits: TraitsStore;
  readonly providers: ResourceProvidersStore;
  readonly inventories: InventoriesStore;
  readonly aggregates: AggregatesStore;
}

export interface PlacementService {
  readonly runtime: Runtime;
  readonly index: ProviderIndex;
  readonly stores: PlacementStores;
  /** ISO timestamp from the injected clock, for created_at/updated_at. */
  now(): string;
  /** Empty every Placement table, then re-sync the standard traits and resource classes. */
  reset(): void;
}

/** Placement's tables, children first, so deleting in this order satisfies the foreign keys. */
const TABLES_CHILDREN_FIRST = [
  'allocations', 'consumers', 'projects', 'users', 'consumer_types',
  'resource_provider_traits', 'resource_provider_aggregates', 'placement_aggregates', 'inventories',
  'resource_providers', 'traits', 'resource_classes',
];

export function createPlacementService(runtime: Runtime): PlacementService {
  const { db } = runtime;
  const index = createProviderIndex(db);
  const stores: PlacementStores = {
    resourceClasses: createResourceClassesStore(db),
    traits: createTraitsStore(db, index),
    providers: createResourceProvidersStore(db, index),
    inventories: createInventoriesStore(db, index),
    aggregates: createAggregatesStore(db, index),
  };
  const now = () => runtime.clock.now().toISOString();
  const syncStandard = () => {
    stores.traits.syncStandard(now());
    stores.resourceClasses.syncStandard(now());
  };
  // deploy.update_database: standard traits and classes exist from the first request on.
  db.transaction(syncStandard)();
  const detachTree = db.prepare('UPDATE resource_providers SET parent_provider_id = NULL, root_provider_id = NULL');
  const emptyTables = TABLES_CHILDREN_FIRST.map((table) => db.prepare(`DELETE FROM ${table}`));
  return {
    runtime,
    index,
    stores,
    now,
    reset() {
      db.transaction(() => {
        detachTree.run();
        for (const empty of emptyTables) empty.run();
        syncStandard();
      })();
      index.markAllDirty();
    },
  };
}
