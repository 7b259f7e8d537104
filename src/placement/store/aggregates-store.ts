// Provider <-> aggregate associations (placement_aggregates, resource_provider_aggregates).
// An aggregate row is created the first time a provider joins it. SQL only.
import type { Db } from '../../db/open-database.js';
import type { ProviderIndex } from '../provider-index.js';

export interface AggregatesStore {
  /** Aggregate uuids of a provider, in association order. */
  ofProvider(providerId: number): string[];
  /** Replace a provider's aggregates (objects/resource_provider.py _set_aggregates). */
  setForProvider(providerId: number, aggregateUuids: readonly string[]): void;
}

export function createAggregatesStore(db: Db, index: ProviderIndex): AggregatesStore {
  const list = db.prepare(`SELECT a.uuid FROM resource_provider_aggregates rpa JOIN placement_aggregates a ON a.id = rpa.aggregate_id
    WHERE rpa.resource_provider_id = ? ORDER BY a.id`).pluck();
  const existing = db.prepare(`SELECT a.id, a.uuid FROM resource_provider_aggregates rpa JOIN placement_aggregates a ON a.id = rpa.aggregate_id
    WHERE rpa.resource_provider_id = ?`);
  const findAgg = db.prepare('SELECT id FROM placement_aggregates WHERE uuid = ?').pluck();
  const insertAgg = db.prepare('INSERT INTO placement_aggregates (uuid) VALUES (?)');
  const link = db.prepare('INSERT OR IGNORE INTO resource_provider_aggregates (resource_provider_id, aggregate_id) VALUES (?, ?)');
  const unlink = db.prepare('DELETE FROM resource_provider_aggregates WHERE resource_provider_id = ? AND aggregate_id = ?');

  return {
    ofProvider: (providerId) => list.all(providerId) as string[],
    setForProvider(providerId, uuids) {
      const want = new Set(uuids);
      const have = existing.all(providerId) as { id: number; uuid: string }[];
      const haveUuids = new Set(have.map((h) => h.uuid));
      for (const uuid of want) {
        if (haveUuids.has(uuid)) continue;
        const aggId = (findAgg.get(uuid) as number | undefined) ?? Number(insertAgg.run(uuid).lastInsertRowid);
        link.run(providerId, aggId);
      }
      for (const h of have) if (!want.has(h.uuid)) unlink.run(providerId, h.id);
      index.markDirty(providerId);
    },
  };
}
