// Resource provider rows (placement/objects/resource_provider.py), with parent and root
// uuids joined in. Generations are compare-and-swap. Every write marks the provider index
// dirty. SQL only; the caller owns the transaction.
import type { Db } from '../../db/open-database.js';
import type { ProviderIndex } from '../provider-index.js';

export interface ProviderRow {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly generation: number;
  readonly parent_provider_id: number | null;
  readonly root_provider_id: number;
  readonly parent_provider_uuid: string | null;
  readonly root_provider_uuid: string;
  readonly created_at: string;
  readonly updated_at: string | null;
}

export interface ResourceProvidersStore {
  byUuid(uuid: string): ProviderRow | undefined;
  byName(name: string): ProviderRow | undefined;
  byIds(ids: readonly number[]): ProviderRow[];
  all(): ProviderRow[];
  /** Insert; root = parent's root, or itself. */
  create(p: { uuid: string; name: string; parentId: number | null; rootId: number | null }, now: string): ProviderRow;
  rename(id: number, name: string, now: string): void;
  /** Set the parent and move the provider's whole subtree to `rootId`. */
  reparent(id: number, parentId: number | null, rootId: number, subtreeIds: readonly number[], now: string): void;
  /** CAS generation + 1; false when someone else changed it. */
  incrementGeneration(id: number, expected: number, now: string): boolean;
  /** Ids of the provider and all its descendants. */
  subtreeIds(id: number): number[];
  hasChildren(id: number): boolean;
  allocationCount(id: number): number;
  /** Delete the provider with its inventories, traits and aggregate links. */
  delete(id: number): void;
}

const SELECT = `SELECT rp.id, rp.uuid, rp.name, rp.generation, rp.parent_provider_id, rp.root_provider_id,
  parent.uuid AS parent_provider_uuid, root.uuid AS root_provider_uuid, rp.created_at, rp.updated_at
  FROM resource_providers rp
  JOIN resource_providers root ON root.id = rp.root_provider_id
  LEFT JOIN resource_providers parent ON parent.id = rp.parent_provider_id`;

export function createResourceProvidersStore(db: Db, index: ProviderIndex): ResourceProvidersStore {
  const byUuidStmt = db.prepare(`${SELECT} WHERE rp.uuid = ?`);
  const byNameStmt = db.prepare(`${SELECT} WHERE rp.name = ?`);
  const byIdStmt = db.prepare(`${SELECT} WHERE rp.id = ?`);
  const byIdList = db.prepare(`${SELECT} WHERE rp.id IN (SELECT value FROM json_each(?)) ORDER BY rp.id`);
  const allStmt = db.prepare(`${SELECT} ORDER BY rp.id`);
  const insert = db.prepare('INSERT INTO resource_providers (uuid, name, generation, parent_provider_id, root_provider_id, created_at) VALUES (?, ?, 0, ?, ?, ?)');
  // Placement sets a new root's root_provider_id in a second flush, an UPDATE that stamps
  // updated_at (onupdate): a root provider is never "never updated" (PUT's Last-Modified).
  const setRoot = db.prepare('UPDATE resource_providers SET root_provider_id = ?, updated_at = ? WHERE id = ?');
  const renameStmt = db.prepare('UPDATE resource_providers SET name = ?, updated_at = ? WHERE id = ?');
  const setParent = db.prepare('UPDATE resource_providers SET parent_provider_id = ?, root_provider_id = ?, updated_at = ? WHERE id = ?');
  const setRootOnly = db.prepare('UPDATE resource_providers SET root_provider_id = ?, updated_at = ? WHERE id = ?');
  const cas = db.prepare('UPDATE resource_providers SET generation = generation + 1, updated_at = ? WHERE id = ? AND generation = ?');
  const children = db.prepare('SELECT id FROM resource_providers WHERE parent_provider_id = ?').pluck();
  const hasChild = db.prepare('SELECT 1 FROM resource_providers WHERE parent_provider_id = ? LIMIT 1').pluck();
  const allocCount = db.prepare('SELECT COUNT(*) FROM allocations WHERE resource_provider_id = ?').pluck();
  const delInv = db.prepare('DELETE FROM inventories WHERE resource_provider_id = ?');
  const delAggs = db.prepare('DELETE FROM resource_provider_aggregates WHERE resource_provider_id = ?');
  const delTraits = db.prepare('DELETE FROM resource_provider_traits WHERE resource_provider_id = ?');
  const clearSelfRoot = db.prepare('UPDATE resource_providers SET root_provider_id = NULL WHERE id = ? AND root_provider_id = ?');
  const del = db.prepare('DELETE FROM resource_providers WHERE id = ?');

  const subtreeIds = (id: number): number[] => {
    const out = [id];
    for (let i = 0; i < out.length; i++) out.push(...(children.all(out[i]) as number[]));
    return out;
  };

  return {
    byUuid: (uuid) => byUuidStmt.get(uuid) as ProviderRow | undefined,
    byName: (name) => byNameStmt.get(name) as ProviderRow | undefined,
    byIds(ids) {
      const rows = new Map((byIdList.all(JSON.stringify(ids)) as ProviderRow[]).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id)).filter((r): r is ProviderRow => r !== undefined);
    },
    all: () => allStmt.all() as ProviderRow[],
    create(p, now) {
      const id = Number(insert.run(p.uuid, p.name, p.parentId, p.rootId, now).lastInsertRowid);
      if (p.rootId === null) setRoot.run(id, now, id);
      index.markDirty(id);
      return byIdStmt.get(id) as ProviderRow;
    },
    rename(id, name, now) { renameStmt.run(name, now, id); index.markDirty(id); },
    reparent(id, parentId, rootId, subtree, now) {
      setParent.run(parentId, rootId, now, id);
      for (const sub of subtree) if (sub !== id) setRootOnly.run(rootId, now, sub);
      for (const sub of subtree) index.markDirty(sub);
    },
    incrementGeneration(id, expected, now) {
      const ok = cas.run(now, id, expected).changes === 1;
      // the row's generation; a write that changes more marks that through its own store
      if (ok) index.markUsagesDirty(id);
      return ok;
    },
    subtreeIds,
    hasChildren: (id) => hasChild.get(id) !== undefined,
    allocationCount: (id) => allocCount.get(id) as number,
    delete(id) {
      delInv.run(id);
      delAggs.run(id);
      delTraits.run(id);
      clearSelfRoot.run(id, id);
      del.run(id);
      index.markDirty(id);
    },
  };
}
