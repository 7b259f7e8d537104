// Inventory rows of a provider (placement/objects/inventory.py + the inventory parts of
// resource_provider.py). SQL only; the caller owns the transaction and bumps the generation.
import type { Db } from '../../db/open-database.js';
import type { ProviderIndex } from '../provider-index.js';

export interface InventoryValues {
  readonly total: number;
  readonly reserved: number;
  readonly min_unit: number;
  readonly max_unit: number;
  readonly step_size: number;
  readonly allocation_ratio: number;
}

export interface InventoryRow extends InventoryValues {
  readonly resource_class_id: number;
  readonly resource_class: string;
  readonly created_at: string;
  readonly updated_at: string | null;
}

export interface InventoriesStore {
  ofProvider(providerId: number): InventoryRow[];
  insert(providerId: number, resourceClassId: number, v: InventoryValues, now: string): void;
  /** false when the provider has no inventory of that class. */
  update(providerId: number, resourceClassId: number, v: InventoryValues, now: string): boolean;
  delete(providerId: number, resourceClassIds: readonly number[]): number;
  /** Classes (ids) among `resourceClassIds` that have allocations on this provider, by class id. */
  classesInUse(providerId: number, resourceClassIds: readonly number[]): number[];
  /** Sum of allocations of one class on this provider (null when none). */
  used(providerId: number, resourceClassId: number): number | null;
}

export function createInventoriesStore(db: Db, index: ProviderIndex): InventoriesStore {
  const list = db.prepare(`SELECT i.resource_class_id, rc.name AS resource_class, i.total, i.reserved, i.min_unit, i.max_unit,
      i.step_size, i.allocation_ratio, i.created_at, i.updated_at
    FROM inventories i JOIN resource_classes rc ON rc.id = i.resource_class_id
    WHERE i.resource_provider_id = ? ORDER BY i.resource_class_id`);
  // (Placement's query has no ORDER BY; SQLite answers it from the (provider, class) index,
  // so rows come back by resource class id.)
  const insertStmt = db.prepare(`INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit,
      step_size, allocation_ratio, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateStmt = db.prepare(`UPDATE inventories SET total = ?, reserved = ?, min_unit = ?, max_unit = ?, step_size = ?,
      allocation_ratio = ?, updated_at = ? WHERE resource_provider_id = ? AND resource_class_id = ?`);
  // SUM(used) of the allocations (migration 160's provider_usage); no row = none, NULL as SUM gives it
  const usedStmt = db.prepare('SELECT used FROM provider_usage WHERE resource_provider_id = ? AND resource_class_id = ?').pluck();
  // Class id lists travel as one JSON array parameter, so these statements are prepared once.
  const deleteStmt = db.prepare('DELETE FROM inventories WHERE resource_provider_id = ? AND resource_class_id IN (SELECT value FROM json_each(?))');
  const inUseStmt = db.prepare(`SELECT resource_class_id FROM allocations
    WHERE resource_provider_id = ? AND resource_class_id IN (SELECT value FROM json_each(?))
    GROUP BY resource_class_id ORDER BY resource_class_id`).pluck();

  return {
    ofProvider: (providerId) => list.all(providerId) as InventoryRow[],
    insert(providerId, rcId, v, now) {
      insertStmt.run(providerId, rcId, v.total, v.reserved, v.min_unit, v.max_unit, v.step_size, v.allocation_ratio, now);
      index.markDirty(providerId);
    },
    update(providerId, rcId, v, now) {
      const n = updateStmt.run(v.total, v.reserved, v.min_unit, v.max_unit, v.step_size, v.allocation_ratio, now, providerId, rcId).changes;
      index.markDirty(providerId);
      return n === 1;
    },
    delete(providerId, rcIds) {
      if (!rcIds.length) return 0;
      const n = deleteStmt.run(providerId, JSON.stringify(rcIds)).changes;
      index.markDirty(providerId);
      return n;
    },
    classesInUse(providerId, rcIds) {
      if (!rcIds.length) return [];
      return inUseStmt.all(providerId, JSON.stringify(rcIds)) as number[];
    },
    used: (providerId, rcId) => (usedStmt.get(providerId, rcId) as number | undefined) ?? null,
  };
}
