// Traits (placement/objects/trait.py) and their association with providers. The standard
// traits come from os-traits and are synced at start and on reset. SQL only.
import type { Db } from '../../db/open-database.js';
import { STANDARD_TRAITS } from '../data/standard-names.js';
import type { ProviderIndex } from '../provider-index.js';

export interface TraitRow {
  readonly id: number;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string | null;
}

export interface TraitFilters {
  nameIn?: readonly string[];
  prefix?: string;
  associated?: boolean;
}

export interface TraitsStore {
  syncStandard(now: string): void;
  list(filters: TraitFilters): TraitRow[];
  byName(name: string): TraitRow | undefined;
  create(name: string, now: string): TraitRow;
  delete(id: number): void;
  /** Providers that carry this trait (TraitInUse). */
  providerCount(id: number): number;
  ofProvider(providerId: number): TraitRow[];
  /** Replace a provider's traits; returns true when something changed. */
  setForProvider(providerId: number, traitIds: readonly number[]): boolean;
  deleteForProvider(providerId: number): void;
}

export function createTraitsStore(db: Db, index: ProviderIndex): TraitsStore {
  const cols = 't.id, t.name, t.created_at, t.updated_at';
  const byNameStmt = db.prepare(`SELECT ${cols} FROM traits t WHERE t.name = ?`);
  const insert = db.prepare('INSERT INTO traits (name, created_at) VALUES (?, ?)');
  const insertOrIgnore = db.prepare('INSERT OR IGNORE INTO traits (name, created_at) VALUES (?, ?)');
  const del = db.prepare('DELETE FROM traits WHERE id = ?');
  const count = db.prepare('SELECT COUNT(*) FROM resource_provider_traits WHERE trait_id = ?').pluck();
  const ofProviderStmt = db.prepare(`SELECT ${cols} FROM resource_provider_traits rpt JOIN traits t ON t.id = rpt.trait_id WHERE rpt.resource_provider_id = ? ORDER BY t.id`);
  const idsOfProvider = db.prepare('SELECT trait_id FROM resource_provider_traits WHERE resource_provider_id = ?').pluck();
  const link = db.prepare('INSERT OR IGNORE INTO resource_provider_traits (resource_provider_id, trait_id) VALUES (?, ?)');
  const unlink = db.prepare('DELETE FROM resource_provider_traits WHERE resource_provider_id = ? AND trait_id = ?');
  const unlinkAll = db.prepare('DELETE FROM resource_provider_traits WHERE resource_provider_id = ?');
  // One statement per row order; a NULL parameter switches its filter off. Row order as
  // placement's queries give it on SQLite: by name when the name index drives the lookup
  // (name IN ...), else by id. LIKE without escaping, as SQLAlchemy's like(prefix + '%').
  const FILTERS = `FROM traits t WHERE (@names IS NULL OR t.name IN (SELECT value FROM json_each(@names)))
    AND (@prefix IS NULL OR t.name LIKE @prefix || '%')
    AND (@assoc IS NULL OR (@assoc = 1) = EXISTS (SELECT 1 FROM resource_provider_traits r WHERE r.trait_id = t.id))`;
  const filteredByName = db.prepare(`SELECT ${cols} ${FILTERS} ORDER BY t.name`);
  const filteredById = db.prepare(`SELECT ${cols} ${FILTERS} ORDER BY t.id`);

  return {
    syncStandard(now) { for (const name of STANDARD_TRAITS) insertOrIgnore.run(name, now); },
    list(f) {
      if (f.nameIn && !f.nameIn.length) return [];
      const args = {
        names: f.nameIn ? JSON.stringify(f.nameIn) : null,
        prefix: f.prefix ?? null,
        assoc: f.associated === undefined ? null : f.associated ? 1 : 0,
      };
      return (f.nameIn ? filteredByName : filteredById).all(args) as TraitRow[];
    },
    byName: (name) => byNameStmt.get(name) as TraitRow | undefined,
    create(name, now) {
      const id = Number(insert.run(name, now).lastInsertRowid);
      return { id, name, created_at: now, updated_at: null };
    },
    delete(id) { del.run(id); },
    providerCount: (id) => count.get(id) as number,
    ofProvider: (providerId) => ofProviderStmt.all(providerId) as TraitRow[],
    setForProvider(providerId, traitIds) {
      const existing = new Set(idsOfProvider.all(providerId) as number[]);
      const want = new Set(traitIds);
      let changed = false;
      for (const id of existing) if (!want.has(id)) { unlink.run(providerId, id); changed = true; }
      for (const id of want) if (!existing.has(id)) { link.run(providerId, id); changed = true; }
      if (changed) index.markDirty(providerId);
      return changed;
    },
    deleteForProvider(providerId) { unlinkAll.run(providerId); index.markDirty(providerId); },
  };
}
