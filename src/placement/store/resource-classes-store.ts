// Resource classes (placement/objects/resource_class.py): the standard ones keep their
// os-resource-classes index as id, custom ones start at 10000. Names are cached in memory
// (placement's rc_cache) and the cache is dropped on every write. SQL only; the caller owns
// any transaction.
import type { Db } from '../../db/open-database.js';
import { STANDARD_RESOURCE_CLASSES } from '../data/standard-names.js';

export const MIN_CUSTOM_RESOURCE_CLASS_ID = 10000;

export interface ResourceClassRow {
  readonly id: number;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string | null;
}

export interface ResourceClassesStore {
  /** Insert the standard classes that are missing (deploy.update_database). */
  syncStandard(now: string): void;
  all(): readonly ResourceClassRow[];
  byName(name: string): ResourceClassRow | undefined;
  /** id for a name, or undefined (rc_cache.id_from_string without the raise). */
  idOf(name: string): number | undefined;
  /** name for an id (rc_cache.string_from_id). */
  nameOf(id: number): string | undefined;
  /** Insert a custom class with the next custom id; returns the row. */
  createCustom(name: string, now: string): ResourceClassRow;
  rename(id: number, name: string, now: string): void;
  delete(id: number): boolean;
  /** Inventories that use this class (ResourceClassInUse). */
  inventoryCount(id: number): number;
}

export function createResourceClassesStore(db: Db): ResourceClassesStore {
  const selectAll = db.prepare('SELECT id, name, created_at, updated_at FROM resource_classes ORDER BY id');
  const insert = db.prepare('INSERT INTO resource_classes (id, name, created_at) VALUES (?, ?, ?)');
  const maxId = db.prepare('SELECT MAX(id) AS m FROM resource_classes').pluck();
  const renameStmt = db.prepare('UPDATE resource_classes SET name = ?, updated_at = ? WHERE id = ?');
  const deleteStmt = db.prepare('DELETE FROM resource_classes WHERE id = ?');
  const invCount = db.prepare('SELECT COUNT(*) FROM inventories WHERE resource_class_id = ?').pluck();

  let cache: { rows: ResourceClassRow[]; byName: Map<string, ResourceClassRow>; byId: Map<number, ResourceClassRow> } | null = null;
  const load = () => {
    if (!cache) {
      const rows = selectAll.all() as ResourceClassRow[];
      cache = { rows, byName: new Map(rows.map((r) => [r.name, r])), byId: new Map(rows.map((r) => [r.id, r])) };
    }
    return cache;
  };

  return {
    syncStandard(now) {
      cache = null;
      const have = load().byName;
      STANDARD_RESOURCE_CLASSES.forEach((name, id) => { if (!have.has(name)) insert.run(id, name, now); });
      cache = null;
    },
    all: () => load().rows,
    byName: (name) => load().byName.get(name),
    idOf: (name) => load().byName.get(name)?.id,
    nameOf: (id) => load().byId.get(id)?.name,
    createCustom(name, now) {
      const m = maxId.get() as number | null;
      const id = m === null || m < MIN_CUSTOM_RESOURCE_CLASS_ID ? MIN_CUSTOM_RESOURCE_CLASS_ID : m + 1;
      insert.run(id, name, now);
      cache = null;
      return { id, name, created_at: now, updated_at: null };
    },
    rename(id, name, now) { renameStmt.run(name, now, id); cache = null; },
    delete(id) { const n = deleteStmt.run(id).changes; cache = null; return n === 1; },
    inventoryCount: (id) => invCount.get(id) as number,
  };
}
