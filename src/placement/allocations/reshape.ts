// POST /reshaper: move inventory and the allocations against it between providers in one
// transaction (handlers/reshaper.py + objects/reshaper.py). Inventory is set in two passes
// because inventory with allocations cannot be deleted and allocations cannot be made
// against missing inventory: first the union of old and new inventory, then the
// allocations, then the final inventory. Generations move exactly as upstream: +1 per
// interim set (skipped for an empty new inventory), +1 for the allocation write, +1 for the
// final set. OWNER: placement-allocations.
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import type { InventoriesStore, InventoryValues } from '../store/inventories-store.js';
import { prepareAllocations, replaceAllocations, type ConsumerAllocationsRequest, type ProviderRef, type WriteContext } from './write-allocations.js';

/** handlers/inventory.py INVENTORY_DEFAULTS (db constants MAX_INT). */
const INVENTORY_DEFAULTS = { reserved: 0, min_unit: 1, max_unit: 2147483647, step_size: 1, allocation_ratio: 1.0 };

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
  readonly inventories: InventoriesStore;
}

interface ProviderInventories {
  provider: ProviderRef;
  /** resource class name -> values */
  wanted: Map<string, InventoryValues>;
}

export function reshape(
  ctx: ReshapeContext,
  inventoryRequests: readonly ReshapeInventoriesRequest[],
  allocationRequests: readonly ConsumerAllocationsRequest[],
): void {
  const byProvider = inventoryRequests.map((r) => checkProvider(ctx, r));
  const prepared = prepareAllocations(ctx, allocationRequests);
  for (const p of byProvider) {
    if (p.wanted.size === 0) continue;
    // Interim: everything the provider has now, overwritten by what is wanted.
    const union = new Map<string, InventoryValues>();
    for (const inv of ctx.inventories.ofProvider(p.provider.id)) union.set(inv.resource_class, inv);
    for (const [rc, inv] of p.wanted) union.set(rc, inv);
    setInventory(ctx, p.provider, union);
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
  const wanted = new Map<string, InventoryValues>();
  for (const [rc, raw] of Object.entries(r.inventories)) wanted.set(rc, { ...INVENTORY_DEFAULTS, ...raw });
  return { provider, wanted };
}

function className(ctx: ReshapeContext, rcId: number): string {
  return ctx.resourceClasses.nameOf(rcId) ?? String(rcId);
}

/** objects/resource_provider.py _set_inventory, then increment_generation. */
function setInventory(ctx: ReshapeContext, provider: ProviderRef, wanted: ReadonlyMap<string, InventoryValues>): void {
  const these = new Map<number, InventoryValues>();
  for (const [rc, inv] of wanted) {
    const id = ctx.resourceClasses.idOf(rc);
    if (id === undefined) throw new ApiError(400, null, `malformed reshaper data: No such resource class ${rc}.`);
    these.set(id, inv);
  }
  const existing = new Set(ctx.inventories.ofProvider(provider.id).map((i) => i.resource_class_id));
  const toDelete = [...existing].filter((id) => !these.has(id));
  if (toDelete.length > 0) {
    const inUse = ctx.inventories.classesInUse(provider.id, toDelete);
    if (inUse.length > 0) {
      throw new ApiError(409, ErrorCodes.INVENTORY_INUSE,
        `update conflict: Inventory for '${inUse.map((id) => className(ctx, id)).join(', ')}' on resource provider '${provider.uuid}' in use.`);
    }
    ctx.inventories.delete(provider.id, toDelete);
  }
  for (const [id, inv] of these) {
    if (existing.has(id)) ctx.inventories.update(provider.id, id, inv, ctx.now);
    else ctx.inventories.insert(provider.id, id, inv, ctx.now);
  }
  const current = ctx.providers.byUuid(provider.uuid);
  if (!current || !ctx.providers.incrementGeneration(current.id, current.generation, ctx.now)) {
    throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE,
      'update conflict: Another thread concurrently updated the resource provider data. Please retry your update');
  }
  ctx.markDirty(provider.id);
}
