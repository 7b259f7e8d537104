// The stores the allocation, usage and reshaper routes use, built once per PlacementService
// over its database (prepared statements are per connection).
import type { PlacementService } from '../placement-service.js';
import { createAllocationsStore, type AllocationsStore } from '../store/allocations-store.js';
import { createConsumersStore, type ConsumersStore } from '../store/consumers-store.js';
import { createUsagesStore, type UsagesStore } from '../store/usages-store.js';

export interface AllocationStores {
  readonly allocations: AllocationsStore;
  readonly consumers: ConsumersStore;
  readonly usages: UsagesStore;
}

const cache = new WeakMap<PlacementService, AllocationStores>();

export function allocationStoresOf(service: PlacementService): AllocationStores {
  let stores = cache.get(service);
  if (!stores) {
    const db = service.runtime.db;
    stores = {
      allocations: createAllocationsStore(db), consumers: createConsumersStore(db), usages: createUsagesStore(db),
    };
    cache.set(service, stores);
  }
  return stores;
}
