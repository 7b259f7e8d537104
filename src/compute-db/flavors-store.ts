// SQL for flavors, their extra specs and access lists (nova/objects/flavor.py). No transactions here.
import type { Db } from '../db/open-database.js';
import type { FlavorRecord } from './records.js';

interface FlavorRow {
  id: number; flavorid: string; name: string; vcpus: number; memory_mb: number; root_gb: number;
  ephemeral_gb: number; swap: number; rxtx_factor: number; vcpu_weight: number | null; disabled: number;
  is_public: number; description: string | null; created_at: string; updated_at: string | null;
}

export interface NewFlavor {
  /** Explicit internal id (the seed uses 1..6); otherwise the next one. */
  id?: number;
  flavorid: string;
  name: string;
  vcpus: number;
  memoryMb: number;
  rootGb: number;
  ephemeralGb?: number;
  swap?: number;
  rxtxFactor?: number;
  isPublic?: boolean;
  description?: string | null;
  extraSpecs?: Record<string, string>;
}

export interface FlavorFilter {
  /** true: public only; false: private only; null: both (admin 'None'). Default: public + accessible. */
  isPublic?: boolean | null;
  /** Non-admin callers also see private flavors their project has access to. */
  projectId?: string;
  minRam?: number;
  minDisk?: number;
  /** Column name in nova terms: flavorid, name, memory_mb, vcpus, root_gb, id ... */
  sortKey?: string;
  sortDir?: 'asc' | 'desc';
}

const SORT_COLUMNS = new Set(['id', 'flavorid', 'name', 'memory_mb', 'vcpus', 'root_gb', 'ephemeral_gb', 'swap', 'rxtx_factor', 'created_at', 'updated_at', 'disabled', 'is_public', 'description']);

export function createFlavorsStore(db: Db, now: () => string) {
  const byId = db.prepare('SELECT * FROM flavors WHERE id = ?');
  const byFlavorid = db.prepare('SELECT * FROM flavors WHERE flavorid = ?');
  const byName = db.prepare('SELECT * FROM flavors WHERE name = ?');
  const specs = db.prepare('SELECT key, value FROM flavor_extra_specs WHERE flavor_id = ? ORDER BY key');
  const insert = db.prepare(`INSERT INTO flavors (id, flavorid, name, vcpus, memory_mb, root_gb, ephemeral_gb, swap, rxtx_factor, is_public, description, created_at)
    VALUES (@id, @flavorid, @name, @vcpus, @memoryMb, @rootGb, @ephemeralGb, @swap, @rxtxFactor, @isPublic, @description, @createdAt)`);
  const upsertSpec = db.prepare('INSERT INTO flavor_extra_specs (flavor_id, key, value) VALUES (?, ?, ?) ON CONFLICT (flavor_id, key) DO UPDATE SET value = excluded.value');
  const deleteSpec = db.prepare('DELETE FROM flavor_extra_specs WHERE flavor_id = ? AND key = ?');
  const deleteFlavor = db.prepare('DELETE FROM flavors WHERE id = ?');
  const setDescription = db.prepare('UPDATE flavors SET description = ?, updated_at = ? WHERE id = ?');
  const accessList = db.prepare('SELECT project_id FROM flavor_projects WHERE flavor_id = ? ORDER BY project_id');
  const addAccess = db.prepare('INSERT INTO flavor_projects (flavor_id, project_id) VALUES (?, ?)');
  const removeAccess = db.prepare('DELETE FROM flavor_projects WHERE flavor_id = ? AND project_id = ?');

  const toRecord = (r: FlavorRow): FlavorRecord => ({
    id: r.id, flavorid: r.flavorid, name: r.name, vcpus: r.vcpus, memoryMb: r.memory_mb, rootGb: r.root_gb,
    ephemeralGb: r.ephemeral_gb, swap: r.swap, rxtxFactor: r.rxtx_factor, vcpuWeight: r.vcpu_weight,
    disabled: r.disabled === 1, isPublic: r.is_public === 1, description: r.description,
    extraSpecs: Object.fromEntries((specs.all(r.id) as { key: string; value: string }[]).map((s) => [s.key, s.value])),
    createdAt: r.created_at, updatedAt: r.updated_at,
  });
  const one = (row: unknown) => (row ? toRecord(row as FlavorRow) : null);

  return {
    getById: (id: number): FlavorRecord | null => one(byId.get(id)),
    /** By API id (flavorid). */
    get: (flavorid: string): FlavorRecord | null => one(byFlavorid.get(flavorid)),
    getByName: (name: string): FlavorRecord | null => one(byName.get(name)),

    list(f: FlavorFilter = {}): FlavorRecord[] {
      const where: string[] = ['disabled = 0'];
      const args: unknown[] = [];
      if (f.isPublic === true) {
        if (f.projectId !== undefined) {
          where.push('(is_public = 1 OR id IN (SELECT flavor_id FROM flavor_projects WHERE project_id = ?))');
          args.push(f.projectId);
        } else where.push('is_public = 1');
      } else if (f.isPublic === false) where.push('is_public = 0');
      if (f.minRam !== undefined) { where.push('memory_mb >= ?'); args.push(f.minRam); }
      if (f.minDisk !== undefined) { where.push('root_gb >= ?'); args.push(f.minDisk); }
      const key = f.sortKey && SORT_COLUMNS.has(f.sortKey) ? f.sortKey : 'flavorid';
      const dir = f.sortDir === 'desc' ? 'DESC' : 'ASC';
      // nova sorts flavorid as a string column, with id as the tie-breaker
      const rows = db.prepare(`SELECT * FROM flavors WHERE ${where.join(' AND ')} ORDER BY ${key} ${dir}, id ${dir}`).all(...args);
      return rows.map((r) => toRecord(r as FlavorRow));
    },

    create(f: NewFlavor): FlavorRecord {
      const info = insert.run({
        id: f.id ?? null, flavorid: f.flavorid, name: f.name, vcpus: f.vcpus, memoryMb: f.memoryMb, rootGb: f.rootGb,
        ephemeralGb: f.ephemeralGb ?? 0, swap: f.swap ?? 0, rxtxFactor: f.rxtxFactor ?? 1.0,
        isPublic: f.isPublic === false ? 0 : 1, description: f.description ?? null, createdAt: now(),
      });
      const id = Number(info.lastInsertRowid);
      for (const [k, v] of Object.entries(f.extraSpecs ?? {})) upsertSpec.run(id, k, v);
      return toRecord(byId.get(id) as FlavorRow);
    },
    delete: (id: number): boolean => deleteFlavor.run(id).changes === 1,
    updateDescription(id: number, description: string | null): void { setDescription.run(description, now(), id); },
    setExtraSpecs(id: number, values: Record<string, string>): void {
      for (const [k, v] of Object.entries(values)) upsertSpec.run(id, k, v);
    },
    deleteExtraSpec: (id: number, key: string): boolean => deleteSpec.run(id, key).changes === 1,
    listAccess: (id: number): string[] => accessList.pluck().all(id) as string[],
    addAccess(id: number, projectId: string): boolean {
      try { addAccess.run(id, projectId); return true; } catch { return false; }
    },
    removeAccess: (id: number, projectId: string): boolean => removeAccess.run(id, projectId).changes === 1,
  };
}

export type FlavorsStore = ReturnType<typeof createFlavorsStore>;
