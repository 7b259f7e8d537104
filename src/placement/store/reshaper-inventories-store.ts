// Inventory writes the reshaper makes inside its one transaction (objects/resource_provider.py
// _set_inventory: delete / add / update by class, generation +1). SQL only; the caller owns
// the transaction. OWNER: placement-allocations.
import type { Db } from '../../db/open-database.js';

export interface InventoryFields {
  readonly total: number;
  readonly reserved: number;
  readonly minUnit: number;
  readonly maxUnit: number;
  readonly stepSize: number;
  readonly allocationRatio: number;
}

export interface ReshaperInventoriesStore {
  /** The provider's inventories by resource class id, in table order. */
  current(providerId: number): Map<number, InventoryFields>;
  /** Resource class ids among `classIds` that have allocations on the provider, ascending. */
  classesInUse(providerId: number, classIds: readonly number[]): number[];
  remove(providerId: number, classIds: readonly number[]): void;
  add(providerId: number, classId: number, inv: InventoryFields, now: string): void;
  update(providerId: number, classId: number, inv: InventoryFields, now: string): void;
}

interface InvRow {
  resource_class_id: number; total: number; reserved: number; min_unit: number; max_unit: number; step_size: number; allocation_ratio: number;
}

export function createReshaperInventoriesStore(db: Db): ReshaperInventoriesStore {
  const current = db.prepare(`SELECT resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio
    FROM inventories WHERE resource_provider_id = ? ORDER BY id`);
  const inUse = db.prepare(`SELECT resource_class_id FROM allocations WHERE resource_provider_id = ?
    AND resource_class_id IN (SELECT value FROM json_each(?)) GROUP BY resource_class_id ORDER BY resource_class_id`).pluck();
  const remove = db.prepare('DELETE FROM inventories WHERE resource_provider_id = ? AND resource_class_id IN (SELECT value FROM json_each(?))');
  const add = db.prepare(`INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE inventories SET total = ?, reserved = ?, min_unit = ?, max_unit = ?, step_size = ?, allocation_ratio = ?, updated_at = ?
    WHERE resource_provider_id = ? AND resource_class_id = ?`);
  return {
    current(providerId) {
      return new Map((current.all(providerId) as InvRow[]).map((r) => [r.resource_class_id, {
        total: r.total, reserved: r.reserved, minUnit: r.min_unit, maxUnit: r.max_unit, stepSize: r.step_size, allocationRatio: r.allocation_ratio,
      }]));
    },
    classesInUse: (providerId, classIds) => inUse.all(providerId, JSON.stringify(classIds)) as number[],
    remove(providerId, classIds) { remove.run(providerId, JSON.stringify(classIds)); },
    add(providerId, classId, i, now) {
      add.run(providerId, classId, i.total, i.reserved, i.minUnit, i.maxUnit, i.stepSize, i.allocationRatio, now);
    },
    update(providerId, classId, i, now) {
      update.run(i.total, i.reserved, i.minUnit, i.maxUnit, i.stepSize, i.allocationRatio, now, providerId, classId);
    },
  };
}
