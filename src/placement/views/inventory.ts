// Inventory representations (handlers/inventory.py _serialize_inventory/_serialize_inventories).
import type { InventoryValues } from '../store/inventories-store.js';

export function renderInventory(inv: InventoryValues, generation?: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    total: inv.total, reserved: inv.reserved, min_unit: inv.min_unit, max_unit: inv.max_unit,
    step_size: inv.step_size, allocation_ratio: inv.allocation_ratio,
  };
  // `if generation:` upstream: a generation of 0 is left out.
  if (generation) out.resource_provider_generation = generation;
  return out;
}

export function renderInventories(inventories: readonly (InventoryValues & { resource_class: string })[], generation: number): Record<string, unknown> {
  return {
    resource_provider_generation: generation,
    inventories: Object.fromEntries(inventories.map((i) => [i.resource_class, renderInventory(i)])),
  };
}
