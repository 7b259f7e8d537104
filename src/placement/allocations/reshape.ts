// POST /reshaper: move inventory and the allocations against it between providers in one
// transaction (handlers/reshaper.py + objects/reshaper.py). Inventory is set in two passes
// because inventory with allocations cannot be deleted and allocations cannot be made
// against missing inventory: first the union of old and new inventory, then the
// allocations, then the final inventory. Generations move exactly as upstream: +1 per
// interim set (skipped for an empty new inventory), +1 for the allocation write, +1 for the
// final set.
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import { InventoryError, setInventories, withDefaults, type InventoryInput } from '../inventory-rules.js';
import type { PlacementStores } from '../placement-service.js';
import { prepareAllocations, replaceAllocations, type ConsumerAllocationsRequest, type ProviderRef, type WriteContext } from './write-allocations.js';

export interface RawInventory {
  total: number;
  reserved?: number;
  min_unit?: number;
  max_unit?: number;
  step_size?: number;
  allocation_ratio?: number;
}

export interface ReshapeInventoriesRequest {
  readonly providerUuid: string;
  readonly generation: number;
  /** resource class name -> inventory, in body order */
  readonly inventories: Readonly<Record<string, RawInventory>>;
}

export interface ReshapeContext extends WriteContext {
  readonly stores: PlacementStores;
  /** Called for every provider whose inventories the reshape set. */
  markDirty(providerId: number): void;
}

interface ProviderInventories {
  provider: ProviderRef;
  wanted: InventoryInput[];
}

export function reshape(
  ctx: ReshapeContext,
  inventoryRequests: readonly ReshapeInventoriesRequest[],
  allocationRequests: readonly ConsumerAllocationsRequest[],
): void {
  const byProvider = inventoryRequests.map((r) => checkProvider(ctx, r));
  const prepared = prepareAllocations(ctx, allocationRequests);
  for (const p of byProvider) {
    if (p.wanted.length === 0) continue;
    // Interim: everything the provider has now, overwritten by what is wanted.
    const union = new Map<string, InventoryInput>();
    for (const inv of ctx.stores.inventories.ofProvider(p.provider.id)) union.set(inv.resource_class, withDefaults(inv.resource_class, inv));
    for (const inv of p.wanted) union.set(inv.resource_class, inv);
    setInventory(ctx, p.provider, [...union.values()]);
  }
  replaceAllocations(ctx, prepared);
  for (const p of byProvider) setInventory(ctx, p.provider, p.wanted);
}

/** The early checks of handlers/reshaper.py: the provider exists and the generation matches. */
function checkProvider(ctx: ReshapeContext, r: ReshapeInventoriesRequest): ProviderInventories {
  const provider = ctx.providers.byUuid(r.providerUuid);
  if (!provider) {
    throw new ApiError(400, ErrorCodes.RESOURCE_PROVIDER_NOT_FOUND,
      `Resource provider ${r.providerUuid} in inventories not found: No resource provider with uuid ${r.providerUuid} found`);
  }
  if (r.generation !== provider.generation) {
    throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE,
      `resource provider generation conflict for provider ${r.providerUuid}: actual: ${provider.generation}, given: ${r.generation}`);
  }
  return { provider, wanted: Object.entries(r.inventories).map(([rc, raw]) => withDefaults(rc, raw)) };
}

/**
 * rp.set_inventory inside the reshape, with handlers/reshaper.py's wording for its failures.
 * The provider is re-read first: earlier passes of this same reshape moved its generation.
 */
function setInventory(ctx: ReshapeContext, ref: ProviderRef, inventories: readonly InventoryInput[]): void {
  const provider = ctx.providers.byUuid(ref.uuid);
  if (!provider) throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, 'update conflict: Another thread concurrently updated the data. Please retry your update');
  try {
    setInventories(ctx.stores, provider, inventories, ctx.now);
  } catch (err) {
    if (!(err instanceof InventoryError)) throw err;
    switch (err.kind) {
      case 'rc_not_found': throw new ApiError(400, null, `malformed reshaper data: ${err.message}`);
      case 'in_use': throw new ApiError(409, ErrorCodes.INVENTORY_INUSE, `update conflict: ${err.message}`);
      case 'concurrent': throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, `update conflict: ${err.message}`);
      default: throw new ApiError(409, null, `Unable to allocate inventory: ${err.message}`);
    }
  }
  ctx.markDirty(provider.id);
}
