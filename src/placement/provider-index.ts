// In-memory index of the Placement data the searches read (allocation candidates,
// GET /resource_providers?resources=...). Stores mark what they changed dirty inside their
// write; a read refreshes only dirty providers from SQLite, so searches never run
// per-provider queries on the hot path. Marking too much is harmless; marking too little
// is a bug, so every write path in placement/store must mark.
//
// OWNER: allocation-candidates work. Stores only call markDirty/markAllDirty.
import type { Db } from '../db/open-database.js';

export interface IndexedInventory {
  readonly total: number;
  readonly reserved: number;
  readonly minUnit: number;
  readonly maxUnit: number;
  readonly stepSize: number;
  readonly allocationRatio: number;
}

export interface IndexedProvider {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly generation: number;
  readonly parentId: number | null;
  readonly rootId: number;
  /** resource class name -> inventory */
  readonly inventories: ReadonlyMap<string, IndexedInventory>;
  /** resource class name -> used */
  readonly usages: ReadonlyMap<string, number>;
  readonly traits: ReadonlySet<string>;
  /** aggregate uuids */
  readonly aggregates: ReadonlySet<string>;
}

export interface ProviderIndex {
  markDirty(providerId: number): void;
  markAllDirty(): void;
  /** Refresh what is dirty, then return the providers by id. */
  providers(): ReadonlyMap<number, IndexedProvider>;
}

/** Placeholder until the real index lands: rebuilds everything on any change. */
export function createProviderIndex(db: Db): ProviderIndex {
  let dirty = true;
  let cache = new Map<number, IndexedProvider>();
  return {
    markDirty: () => { dirty = true; },
    markAllDirty: () => { dirty = true; },
    providers() {
      if (dirty) { cache = loadAll(db); dirty = false; }
      return cache;
    },
  };
}

function loadAll(db: Db): Map<number, IndexedProvider> {
  const out = new Map<number, IndexedProvider>();
  const rows = db.prepare('SELECT id, uuid, name, generation, parent_provider_id, root_provider_id FROM resource_providers').all() as {
    id: number; uuid: string; name: string; generation: number; parent_provider_id: number | null; root_provider_id: number;
  }[];
  for (const r of rows) {
    out.set(r.id, { id: r.id, uuid: r.uuid, name: r.name, generation: r.generation, parentId: r.parent_provider_id, rootId: r.root_provider_id,
      inventories: new Map(), usages: new Map(), traits: new Set(), aggregates: new Set() });
  }
  return out;
}
