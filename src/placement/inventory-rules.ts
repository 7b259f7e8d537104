// Inventory semantics shared by the inventory routes and the reshaper: defaults, capacity
// validation (1.26 lets reserved equal total) and the replace-all write of one provider
// (objects/resource_provider.py _set_inventory). Failures are typed so each caller can map
// them to its own status and wording, as placement's handlers do. Runs inside the caller's
// transaction; never opens one.
import type { Microversion } from '../http/microversion.js';
import { pyFloat, pyStr } from '../http/python/repr.js';
import type { PlacementStores } from './placement-service.js';
import type { ProviderRow } from './store/resource-providers-store.js';
import type { InventoryValues } from './store/inventories-store.js';

/** handlers/inventory.py INVENTORY_DEFAULTS (max_unit = db MAX_INT). */
export const INVENTORY_DEFAULTS = { reserved: 0, min_unit: 1, max_unit: 0x7fffffff, step_size: 1, allocation_ratio: 1.0 } as const;

export interface InventoryInput extends InventoryValues {
  readonly resource_class: string;
}

/** The body of one inventory with the defaults filled in. */
export function withDefaults(resourceClass: string, data: Partial<InventoryValues> & { total: number }): InventoryInput {
  return { ...INVENTORY_DEFAULTS, ...stripExtra(data), resource_class: resourceClass };
}

function stripExtra(d: Partial<InventoryValues> & { total: number }): InventoryValues {
  return {
    total: d.total,
    reserved: d.reserved ?? INVENTORY_DEFAULTS.reserved,
    min_unit: d.min_unit ?? INVENTORY_DEFAULTS.min_unit,
    max_unit: d.max_unit ?? INVENTORY_DEFAULTS.max_unit,
    step_size: d.step_size ?? INVENTORY_DEFAULTS.step_size,
    allocation_ratio: d.allocation_ratio ?? INVENTORY_DEFAULTS.allocation_ratio,
  };
}

/** Inventory.capacity: int((total - reserved) * allocation_ratio). */
export function capacity(v: InventoryValues): number {
  return Math.trunc((v.total - v.reserved) * v.allocation_ratio);
}

export class InventoryError extends Error {
  constructor(readonly kind: 'capacity' | 'rc_not_found' | 'in_use' | 'not_found' | 'concurrent' | 'duplicate', message: string) {
    super(message);
  }
}

/** _validate_inventory_capacity */
export function validateCapacity(version: Microversion, provider: ProviderRow, inventories: readonly InventoryInput[]): void {
  const reservedCanBeTotal = version.atLeast('1.26');
  for (const inv of inventories) {
    const cap = capacity(inv);
    // int(NaN) / int(inf) raise in Python (a 500 upstream); refuse the inventory instead.
    if (!Number.isFinite(cap)) {
      throw new InventoryError('capacity', `cannot convert float ${Number.isNaN(cap) ? 'NaN' : 'infinity'} to integer`);
    }
    if (reservedCanBeTotal ? cap < 0 : cap <= 0) {
      throw new InventoryError('capacity', reservedCanBeTotal
        ? `Invalid inventory for '${inv.resource_class}' on resource provider '${provider.uuid}'. The reserved value is greater than total.`
        : `Invalid inventory for '${inv.resource_class}' on resource provider '${provider.uuid}'. The reserved value is greater than or equal to total.`);
    }
  }
}

function classId(stores: PlacementStores, name: string): number {
  const id = stores.resourceClasses.idOf(name);
  if (id === undefined) throw new InventoryError('rc_not_found', `No such resource class ${name}.`);
  return id;
}

function bump(stores: PlacementStores, provider: ProviderRow, now: string): number {
  if (!stores.providers.incrementGeneration(provider.id, provider.generation, now)) {
    throw new InventoryError('concurrent', 'Another thread concurrently updated the resource provider data. Please retry your update');
  }
  return provider.generation + 1;
}

function inUseError(stores: PlacementStores, provider: ProviderRow, classIds: readonly number[]): InventoryError {
  const names = classIds.map((id) => stores.resourceClasses.nameOf(id)).join(', ');
  return new InventoryError('in_use', `Inventory for '${names}' on resource provider '${provider.uuid}' in use.`);
}

/** _set_inventory: delete, add and update so the provider has exactly `inventories`. Returns the new generation. */
export function setInventories(stores: PlacementStores, provider: ProviderRow, inventories: readonly InventoryInput[], now: string): number {
  const existing = new Set(stores.inventories.ofProvider(provider.id).map((i) => i.resource_class_id));
  const wanted = new Map<number, InventoryInput>();
  for (const inv of inventories) wanted.set(classId(stores, inv.resource_class), inv);
  const toDelete = [...existing].filter((id) => !wanted.has(id));
  if (toDelete.length) {
    const inUse = stores.inventories.classesInUse(provider.id, toDelete);
    if (inUse.length) throw inUseError(stores, provider, inUse);
    stores.inventories.delete(provider.id, toDelete);
  }
  for (const [id, inv] of wanted) {
    if (existing.has(id)) stores.inventories.update(provider.id, id, inv, now);
    else stores.inventories.insert(provider.id, id, inv, now);
  }
  return bump(stores, provider, now);
}

/** str(datetime) of an ISO timestamp: '2026-11-24 16:44:57.610532'. */
function pythonTimestamp(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?/.exec(iso);
  return m ? `${m[1]} ${m[2]}.${(m[3] ?? '').padEnd(6, '0').slice(0, 6)}` : iso;
}

/** _add_inventory: one new class (a duplicate is a conflict). */
export function addInventory(stores: PlacementStores, provider: ProviderRow, inv: InventoryInput, now: string): number {
  const id = classId(stores, inv.resource_class);
  if (stores.inventories.ofProvider(provider.id).some((i) => i.resource_class_id === id)) {
    // Placement lets the INSERT hit the unique key; its message is SQLAlchemy's, statement included.
    const params = [pyStr(pythonTimestamp(now)), provider.id, id, inv.total, inv.reserved, inv.min_unit, inv.max_unit, inv.step_size, pyFloat(inv.allocation_ratio)];
    throw new InventoryError('duplicate', '(sqlite3.IntegrityError) UNIQUE constraint failed: inventories.resource_provider_id, inventories.resource_class_id '
      + '[SQL: INSERT INTO inventories (created_at, resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio) '
      + `VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)] [parameters: (${params.join(', ')})] (Background on this error at: https://sqlalche.me/e/14/gkpj)`);
  }
  stores.inventories.insert(provider.id, id, inv, now);
  return bump(stores, provider, now);
}

/** _update_inventory: one existing class. */
export function updateInventory(stores: PlacementStores, provider: ProviderRow, inv: InventoryInput, now: string): number {
  const id = classId(stores, inv.resource_class);
  if (!stores.inventories.update(provider.id, id, inv, now)) {
    throw new InventoryError('not_found', `No inventory of class ${inv.resource_class} found.`);
  }
  return bump(stores, provider, now);
}

/** _delete_inventory: one class. */
export function deleteInventory(stores: PlacementStores, provider: ProviderRow, resourceClass: string, now: string): number {
  const id = classId(stores, resourceClass);
  const inUse = stores.inventories.classesInUse(provider.id, [id]);
  if (inUse.length) throw inUseError(stores, provider, inUse);
  if (!stores.inventories.delete(provider.id, [id])) {
    throw new InventoryError('not_found', `No inventory of class ${resourceClass} found for delete`);
  }
  return bump(stores, provider, now);
}
