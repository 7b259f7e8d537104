// POST /reshaper (placement/handlers/reshaper.py).
import { allocationStoresOf } from '../allocations/allocation-stores.js';
import { reshape, type ReshapeContext } from '../allocations/reshape.js';
import type { ConsumerAllocationsRequest } from '../allocations/write-allocations.js';
import { RESHAPER_SCHEMAS, type ReshaperBody } from '../schemas/reshaper.js';
import type { PlacementCall, PlacementResponse, RouteDeclaration } from './route-declaration.js';

function reshapeHandler(call: PlacementCall): PlacementResponse {
  call.can('placement:reshaper:reshape');
  const body = call.json<ReshaperBody>(RESHAPER_SCHEMAS);
  const stores = allocationStoresOf(call.service);
  const ctx: ReshapeContext = {
    allocations: stores.allocations, consumers: stores.consumers,
    providers: call.service.stores.providers, resourceClasses: call.service.stores.resourceClasses,
    stores: call.service.stores,
    mode: 'reshape',
    now: call.service.runtime.clock.now().toISOString(),
    requireGeneration: true,
    requireType: call.version.atLeast('1.38'),
    markDirty: (id) => call.service.index.markDirty(id),
    markUsagesDirty: (id) => call.service.index.markUsagesDirty(id),
  };
  const inventories = Object.entries(body.inventories).map(([providerUuid, d]) => ({
    providerUuid, generation: d.resource_provider_generation, inventories: d.inventories,
  }));
  const allocations: ConsumerAllocationsRequest[] = Object.entries(body.allocations).map(([consumerUuid, b]) => ({
    consumerUuid, projectId: b.project_id, userId: b.user_id, consumerGeneration: b.consumer_generation, consumerType: b.consumer_type,
    allocations: Object.entries(b.allocations).map(([providerUuid, a]) => ({ providerUuid, resources: a.resources })),
  }));
  call.service.runtime.db.transaction(() => reshape(ctx, inventories, allocations))();
  return { status: 204 };
}

export const reshaperRoutes: readonly RouteDeclaration[] = [
  {
    path: '/reshaper', method: 'POST', minVersion: '1.30', outsideWindow: 404, requireContent: 'application/json',
    schemas: { body: RESHAPER_SCHEMAS, response: null },
    summary: 'Atomically move inventory and allocations between providers', handler: reshapeHandler,
  },
];
