// SQL for host aggregates (nova/objects/aggregate.py, the API database). The availability zone
// is the 'availability_zone' metadata key. Hosts and metadata are listed in insertion order
// (their row ids), as nova's joined loads return them.
import type { Db } from '../db/open-database.js';

export interface AggregateRecord {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly hosts: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

/** Aggregate.availability_zone: the metadata key, null when unset. */
export function aggregateZone(a: AggregateRecord): string | null {
  return a.metadata.availability_zone ?? null;
}

interface AggregateRow { id: number; uuid: string; name: string; created_at: string; updated_at: string | null }

export function createAggregatesStore(db: Db, now: () => string) {
  const byId = db.prepare('SELECT * FROM aggregates WHERE id = ?');
  const byName = db.prepare('SELECT * FROM aggregates WHERE name = ?');
  const all = db.prepare('SELECT * FROM aggregates ORDER BY id');
  const hostsOf = db.prepare('SELECT host FROM aggregate_hosts WHERE aggregate_id = ? ORDER BY id');
  const metadataOf = db.prepare('SELECT key, value FROM aggregate_metadata WHERE aggregate_id = ? ORDER BY id');
  const insert = db.prepare('INSERT INTO aggregates (uuid, name, created_at) VALUES (?, ?, ?)');
  const rename = db.prepare('UPDATE aggregates SET name = ?, updated_at = ? WHERE id = ?');
  const del = db.prepare('DELETE FROM aggregates WHERE id = ?');
  const delMetadata = db.prepare('DELETE FROM aggregate_metadata WHERE aggregate_id = ?');
  const hasHost = db.prepare('SELECT 1 FROM aggregate_hosts WHERE aggregate_id = ? AND host = ?');
  const addHost = db.prepare('INSERT INTO aggregate_hosts (aggregate_id, host) VALUES (?, ?)');
  const removeHost = db.prepare('DELETE FROM aggregate_hosts WHERE aggregate_id = ? AND host = ?');
  const setKey = db.prepare(`INSERT INTO aggregate_metadata (aggregate_id, key, value) VALUES (?, ?, ?)
    ON CONFLICT (aggregate_id, key) DO UPDATE SET value = excluded.value`);
  const delKey = db.prepare('DELETE FROM aggregate_metadata WHERE aggregate_id = ? AND key = ?');
  const idsOfHost = db.prepare('SELECT aggregate_id FROM aggregate_hosts WHERE host = ? ORDER BY aggregate_id');
  const keyValuesOfHosts = db.prepare(`SELECT h.host, m.value FROM aggregate_hosts h
    JOIN aggregates a ON a.id = h.aggregate_id JOIN aggregate_metadata m ON m.aggregate_id = h.aggregate_id AND m.key = ?
    WHERE h.host IN (SELECT value FROM json_each(?)) ORDER BY h.host, h.aggregate_id`);
  const idsWithKey = db.prepare('SELECT aggregate_id FROM aggregate_metadata WHERE key = ? ORDER BY aggregate_id');
  const idsWithKeyValue = db.prepare('SELECT aggregate_id FROM aggregate_metadata WHERE key = ? AND value = ? ORDER BY aggregate_id');

  const toRecord = (r: AggregateRow): AggregateRecord => ({
    id: r.id, uuid: r.uuid, name: r.name,
    hosts: hostsOf.pluck().all(r.id) as string[],
    metadata: Object.fromEntries((metadataOf.all(r.id) as { key: string; value: string }[]).map((m) => [m.key, m.value])),
    createdAt: r.created_at, updatedAt: r.updated_at,
  });
  const get = (id: number): AggregateRecord | null => {
    const r = byId.get(id) as AggregateRow | undefined;
    return r ? toRecord(r) : null;
  };
  const many = (ids: number[]): AggregateRecord[] => ids.map((id) => get(id)!).filter(Boolean);

  return {
    get,
    nameTaken: (name: string): boolean => byName.get(name) !== undefined,
    list: (): AggregateRecord[] => (all.all() as AggregateRow[]).map(toRecord),
    /** AggregateList.get_by_host (optionally only those with metadata `key`). */
    listByHost(host: string, key?: string): AggregateRecord[] {
      const found = many(idsOfHost.pluck().all(host) as number[]);
      return key === undefined ? found : found.filter((a) => key in a.metadata);
    },
    /**
     * listByHost(host, key)[0].metadata[key] of many hosts in one query: host -> the value in its
     * first aggregate (by id) that has the key; hosts without one left out.
     */
    firstValueOfHosts(hosts: readonly string[], key: string): Map<string, string> {
      const out = new Map<string, string>();
      for (const r of keyValuesOfHosts.all(key, JSON.stringify(hosts)) as { host: string; value: string }[]) if (!out.has(r.host)) out.set(r.host, r.value);
      return out;
    },
    /** AggregateList.get_by_metadata(key, value) / get_by_metadata_key(key). */
    listByMetadata(key: string, value?: string): AggregateRecord[] {
      return many((value === undefined ? idsWithKey.pluck().all(key) : idsWithKeyValue.pluck().all(key, value)) as number[]);
    },
    /** Returns null when the name is taken (AggregateNameExists). */
    create(a: { uuid: string; name: string; metadata?: Record<string, string> }): AggregateRecord | null {
      if (byName.get(a.name)) return null;
      const id = Number(insert.run(a.uuid, a.name, now()).lastInsertRowid);
      for (const [k, v] of Object.entries(a.metadata ?? {})) setKey.run(id, k, v);
      return get(id);
    },
    /** Aggregate.save of a new name (updated_at set); false when the name is taken. */
    rename(id: number, name: string): boolean {
      const other = byName.get(name) as AggregateRow | undefined;
      if (other && other.id !== id) return false;
      rename.run(name, now(), id);
      return true;
    },
    /** Aggregate.update_metadata: null values delete their key. */
    updateMetadata(id: number, updates: Readonly<Record<string, string | null>>): void {
      for (const [k, v] of Object.entries(updates)) {
        if (v === null) delKey.run(id, k);
        else setKey.run(id, k, v);
      }
    },
    /** False when the host is there already (AggregateHostExists). */
    addHost(id: number, host: string): boolean {
      if (hasHost.get(id, host)) return false;
      addHost.run(id, host);
      return true;
    },
    /** False when the host is not there (AggregateHostNotFound). */
    removeHost: (id: number, host: string): boolean => removeHost.run(id, host).changes === 1,
    delete(id: number): void { delMetadata.run(id); del.run(id); },
    /** InstanceList.get_count_by_hosts: live instances on any of these hosts. */
    instanceCountOnHosts(hosts: readonly string[]): number {
      if (hosts.length === 0) return 0;
      return db.prepare(`SELECT COUNT(*) FROM instances WHERE deleted = 0 AND host IN (${hosts.map(() => '?').join(', ')})`).pluck().get(...hosts) as number;
    },
  };
}

export type AggregatesStore = ReturnType<typeof createAggregatesStore>;
