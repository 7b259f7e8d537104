// In-memory index of the Placement data the searches read (allocation candidates,
// GET /resource_providers?resources=...). Stores mark what they changed dirty inside their
// write; a read refreshes only dirty providers from SQLite (a handful of indexed queries per
// dirty provider, or one bulk load when much is dirty), so searches never run per-provider
// queries on the hot path. Marking too much is harmless; marking too little is a bug, so
// every write path in placement/store must mark.
//
// Stores only call markDirty/markAllDirty.
import type { Db } from '../db/open-database.js';
import {
  createSnapshotState,
  type IndexedInventory,
  type IndexedProvider,
  type NameCatalog,
  type ProviderRecord,
  type ProviderSnapshot,
} from './allocation-candidates/provider-snapshot.js';

export type { IndexedInventory, IndexedProvider, ProviderSnapshot } from './allocation-candidates/provider-snapshot.js';

export interface ProviderIndex {
  /** Call inside any write that changes a provider, its inventory, usage, traits or aggregates. */
  markDirty(providerId: number): void;
  /**
   * Call inside a write that changes only the provider's generation and its usages (an
   * allocation write): the refresh re-reads those two and keeps the rest it has.
   */
  markUsagesDirty(providerId: number): void;
  markAllDirty(): void;
  /** Refresh what is dirty, then return the providers by id. */
  providers(): ReadonlyMap<number, IndexedProvider>;
  /** Refresh what is dirty, then return the searchable view (valid until the next write). */
  snapshot(): ProviderSnapshot;
}

/** Above this many dirty providers one bulk load beats per-provider refreshes. */
const BULK_THRESHOLD = 200;

interface InventoryRow {
  resource_provider_id: number; name: string; total: number; reserved: number;
  min_unit: number; max_unit: number; step_size: number; allocation_ratio: number;
}
interface ProviderRow { id: number; uuid: string; name: string; generation: number; parent_provider_id: number | null }
interface UsageRow { resource_provider_id: number; name: string; used: number }
interface NameRow { resource_provider_id: number; name: string }

export function createProviderIndex(db: Db): ProviderIndex {
  const sql = prepare(db);
  const names: NameCatalog = {
    traitExists: (name) => sql.traitExists.get(name) !== undefined,
    resourceClassExists: (name) => sql.rcId.get(name) !== undefined,
    resourceClassId: (name) => (sql.rcId.get(name) as number | undefined) ?? null,
  };
  const state = createSnapshotState(names);
  const dirty = new Set<number>();
  // marked for generation and usages only (not in `dirty`: a full mark wins)
  const usagesDirty = new Set<number>();
  let allDirty = true;

  function refresh(): void {
    if (allDirty || dirty.size + usagesDirty.size > BULK_THRESHOLD) {
      state.clear();
      state.apply(loadAll(sql), []);
      allDirty = false;
      dirty.clear();
      usagesDirty.clear();
      return;
    }
    if (dirty.size === 0 && usagesDirty.size === 0) return;
    const upserts: ProviderRecord[] = [];
    const removals: number[] = [];
    for (const id of dirty) {
      const rec = loadOne(sql, id);
      if (rec) upserts.push(rec); else removals.push(id);
    }
    for (const id of usagesDirty) {
      if (dirty.has(id)) continue;
      const known = state.providers.get(id);
      const rec = known ? reloadUsages(sql, known) : loadOne(sql, id);
      if (rec) upserts.push(rec); else removals.push(id);
    }
    dirty.clear();
    usagesDirty.clear();
    state.apply(upserts, removals);
  }

  return {
    markDirty(providerId) { if (!allDirty) dirty.add(providerId); },
    markUsagesDirty(providerId) { if (!allDirty) usagesDirty.add(providerId); },
    markAllDirty() { allDirty = true; dirty.clear(); usagesDirty.clear(); },
    providers() { refresh(); return state.providers; },
    snapshot() { refresh(); return state; },
  };
}

function prepare(db: Db) {
  const invCols = `i.resource_provider_id, rc.name, i.total, i.reserved, i.min_unit, i.max_unit, i.step_size, i.allocation_ratio
    FROM inventories i JOIN resource_classes rc ON rc.id = i.resource_class_id`;
  // provider_usage holds SUM(used) per provider and class (migration 160), a row per class in use
  const useCols = `pu.resource_provider_id, rc.name, pu.used
    FROM provider_usage pu JOIN resource_classes rc ON rc.id = pu.resource_class_id`;
  const traitCols = `rpt.resource_provider_id, t.name FROM resource_provider_traits rpt JOIN traits t ON t.id = rpt.trait_id`;
  const aggCols = `rpa.resource_provider_id, pa.uuid AS name
    FROM resource_provider_aggregates rpa JOIN placement_aggregates pa ON pa.id = rpa.aggregate_id`;
  return {
    traitExists: db.prepare('SELECT 1 FROM traits WHERE name = ?').pluck(),
    rcId: db.prepare('SELECT id FROM resource_classes WHERE name = ?').pluck(),
    oneProvider: db.prepare('SELECT id, uuid, name, generation, parent_provider_id FROM resource_providers WHERE id = ?'),
    // Class id order within a provider, the order placement's summaries list them in.
    oneInventories: db.prepare(`SELECT ${invCols} WHERE i.resource_provider_id = ? ORDER BY i.resource_class_id`),
    oneUsages: db.prepare(`SELECT ${useCols} WHERE pu.resource_provider_id = ? ORDER BY pu.resource_class_id`),
    // Trait id order: placement lists a provider's traits in that order (standard traits first).
    oneTraits: db.prepare(`SELECT ${traitCols} WHERE rpt.resource_provider_id = ? ORDER BY t.id`),
    oneAggregates: db.prepare(`SELECT ${aggCols} WHERE rpa.resource_provider_id = ?`),
    allProviders: db.prepare('SELECT id, uuid, name, generation, parent_provider_id FROM resource_providers ORDER BY id'),
    allInventories: db.prepare(`SELECT ${invCols} ORDER BY i.resource_provider_id, i.resource_class_id`),
    allUsages: db.prepare(`SELECT ${useCols} ORDER BY pu.resource_provider_id, pu.resource_class_id`),
    allTraits: db.prepare(`SELECT ${traitCols} ORDER BY t.id`),
    allAggregates: db.prepare(`SELECT ${aggCols}`),
  };
}
type Statements = ReturnType<typeof prepare>;

function toInventory(r: InventoryRow): IndexedInventory {
  return {
    total: r.total, reserved: r.reserved, minUnit: r.min_unit, maxUnit: r.max_unit,
    stepSize: r.step_size, allocationRatio: r.allocation_ratio,
  };
}

interface Draft {
  row: ProviderRow;
  inventories: Map<string, IndexedInventory>;
  usages: Map<string, number>;
  traits: Set<string>;
  aggregates: Set<string>;
}

function record(d: Draft): ProviderRecord {
  return {
    id: d.row.id, uuid: d.row.uuid, name: d.row.name, generation: d.row.generation,
    parentId: d.row.parent_provider_id, inventories: d.inventories, usages: d.usages,
    traits: d.traits, aggregates: d.aggregates,
  };
}

function loadOne(sql: Statements, id: number): ProviderRecord | null {
  const row = sql.oneProvider.get(id) as ProviderRow | undefined;
  if (!row) return null;
  const d: Draft = { row, inventories: new Map(), usages: new Map(), traits: new Set(), aggregates: new Set() };
  for (const r of sql.oneInventories.all(id) as InventoryRow[]) d.inventories.set(r.name, toInventory(r));
  for (const r of sql.oneUsages.all(id) as UsageRow[]) d.usages.set(r.name, Number(r.used));
  for (const r of sql.oneTraits.all(id) as NameRow[]) d.traits.add(r.name);
  for (const r of sql.oneAggregates.all(id) as NameRow[]) d.aggregates.add(r.name);
  return record(d);
}

/** A known provider with its generation and usages read again (an allocation write moved only those). */
function reloadUsages(sql: Statements, known: ProviderRecord): ProviderRecord | null {
  const row = sql.oneProvider.get(known.id) as ProviderRow | undefined;
  if (!row) return null;
  const usages = new Map<string, number>();
  for (const r of sql.oneUsages.all(known.id) as UsageRow[]) usages.set(r.name, Number(r.used));
  return {
    id: row.id, uuid: row.uuid, name: row.name, generation: row.generation, parentId: row.parent_provider_id,
    inventories: known.inventories, usages, traits: known.traits, aggregates: known.aggregates,
  };
}

function loadAll(sql: Statements): ProviderRecord[] {
  const drafts = new Map<number, Draft>();
  for (const row of sql.allProviders.all() as ProviderRow[]) {
    drafts.set(row.id, { row, inventories: new Map(), usages: new Map(), traits: new Set(), aggregates: new Set() });
  }
  for (const r of sql.allInventories.all() as InventoryRow[]) drafts.get(r.resource_provider_id)?.inventories.set(r.name, toInventory(r));
  for (const r of sql.allUsages.all() as UsageRow[]) drafts.get(r.resource_provider_id)?.usages.set(r.name, Number(r.used));
  for (const r of sql.allTraits.all() as NameRow[]) drafts.get(r.resource_provider_id)?.traits.add(r.name);
  for (const r of sql.allAggregates.all() as NameRow[]) drafts.get(r.resource_provider_id)?.aggregates.add(r.name);
  return [...drafts.values()].map(record);
}
