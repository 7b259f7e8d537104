// The read-only view of Placement data that the searches run over, and the mutable state the
// provider index keeps it in. Besides the providers themselves it holds the derived sets that
// make searches cheap: providers per trait, per aggregate, per resource class with inventory,
// tree membership and children. Roots are derived from the parent links (not trusted from a
// column) so a re-parented provider drags its whole subtree along even if only it was marked.
//
// Tests build snapshots by hand with createSnapshotState(); the index fills the same structure
// from SQLite, so the engine sees one shape in both.
import type { InventoryLimits } from '../inventory-limits.js';

export type IndexedInventory = InventoryLimits;

export interface IndexedProvider {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly generation: number;
  readonly parentId: number | null;
  /** Derived from the parent chain. */
  readonly rootId: number;
  /** resource class name -> inventory */
  readonly inventories: ReadonlyMap<string, IndexedInventory>;
  /** resource class name -> used (sum of allocations) */
  readonly usages: ReadonlyMap<string, number>;
  /** In trait id order (the order placement lists them in provider summaries). */
  readonly traits: ReadonlySet<string>;
  /** aggregate uuids */
  readonly aggregates: ReadonlySet<string>;
}

/** What a loader supplies per provider; rootId is computed by the state. */
export type ProviderRecord = Omit<IndexedProvider, 'rootId'>;

/** Name lookups (traits and resource classes exist independently of providers). */
export interface NameCatalog {
  traitExists(name: string): boolean;
  resourceClassExists(name: string): boolean;
  /** The class's internal id (placement orders some lists by it), or null when unknown. */
  resourceClassId(name: string): number | null;
}

const EMPTY: ReadonlySet<number> = new Set();

export interface ProviderSnapshot extends NameCatalog {
  readonly providers: ReadonlyMap<number, IndexedProvider>;
  providerByUuid(uuid: string): IndexedProvider | undefined;
  /** Every provider of the tree rooted at rootId (the root included). */
  treeMembers(rootId: number): ReadonlySet<number>;
  withTrait(name: string): ReadonlySet<number>;
  inAggregate(uuid: string): ReadonlySet<number>;
  withInventory(resourceClass: string): ReadonlySet<number>;
  /** True when some provider has a parent (Placement's _has_provider_trees). */
  readonly hasTrees: boolean;
  /**
   * The providers with room for every (class, amount) (canAllocate of each) that `accept` takes
   * (null: all), by ascending id, the first `limit` of them.
   */
  providersWithRoom(amounts: readonly (readonly [string, number])[], accept: ((p: IndexedProvider) => boolean) | null, limit: number): IndexedProvider[];
}

export interface SnapshotState extends ProviderSnapshot {
  /** Insert or replace providers, then fix roots of anything whose ancestry changed. */
  apply(upserts: readonly ProviderRecord[], removals: readonly number[]): void;
  clear(): void;
}

function addTo<K>(map: Map<K, Set<number>>, key: K, id: number): void {
  let s = map.get(key);
  if (!s) { s = new Set(); map.set(key, s); }
  s.add(id);
}
function removeFrom<K>(map: Map<K, Set<number>>, key: K, id: number): void {
  const s = map.get(key);
  if (!s) return;
  s.delete(id);
  if (s.size === 0) map.delete(key);
}

/**
 * One resource class's capacity test inputs by provider slot, STRIDE numbers a slot: capacity
 * ((total - reserved) * allocation_ratio, as canAllocate computes it), used, min_unit, max_unit,
 * step_size; capacity NaN where the slot's provider has no inventory of the class (so no amount
 * fits). A scan reads these instead of two Map lookups per class and provider.
 */
const STRIDE = 5;

function writeSlot(col: Float64Array, slot: number, p: IndexedProvider | undefined, rc: string): void {
  const at = slot * STRIDE;
  const inv = p?.inventories.get(rc);
  if (!inv) { col[at] = NaN; return; }
  col[at] = (inv.total - inv.reserved) * inv.allocationRatio;
  col[at + 1] = p!.usages.get(rc) ?? 0;
  col[at + 2] = inv.minUnit;
  col[at + 3] = inv.maxUnit;
  col[at + 4] = inv.stepSize;
}

export function createSnapshotState(names: NameCatalog): SnapshotState {
  const providers = new Map<number, IndexedProvider>();
  const byUuid = new Map<string, number>();
  const children = new Map<number, Set<number>>();
  const trees = new Map<number, Set<number>>();
  const traits = new Map<string, Set<number>>();
  const aggs = new Map<string, Set<number>>();
  const inventories = new Map<string, Set<number>>();
  let nestedCount = 0;
  // Slots: each provider id keeps one from its first link until clear(), so a provider
  // replaced (unlink + link) stays in place; `slotsInIdOrder` while each new id was the
  // highest yet (a bulk load links by id), so slot order is id order and a scan can stop early.
  const slotOf = new Map<number, number>();
  const bySlot: (IndexedProvider | undefined)[] = [];
  let slotsInIdOrder = true;
  // Capacity columns of the classes searched so far (built on first use, then kept by link/unlink).
  const columns = new Map<string, Float64Array>();

  let highestId = -Infinity;

  function slotFor(id: number): number {
    let slot = slotOf.get(id);
    if (slot === undefined) {
      slot = bySlot.length;
      if (id < highestId) slotsInIdOrder = false;
      highestId = Math.max(highestId, id);
      slotOf.set(id, slot);
      bySlot.push(undefined);
    }
    return slot;
  }

  function setSlot(p: IndexedProvider | undefined, id: number): void {
    const slot = slotFor(id);
    bySlot[slot] = p;
    for (const [rc, col] of columns) {
      if ((slot + 1) * STRIDE > col.length) {
        const grown = new Float64Array(Math.max(col.length * 2, (slot + 1) * STRIDE));
        grown.set(col);
        columns.set(rc, grown);
        writeSlot(grown, slot, p, rc);
      } else {
        writeSlot(col, slot, p, rc);
      }
    }
  }

  function column(rc: string): Float64Array {
    let col = columns.get(rc);
    if (col === undefined) {
      col = new Float64Array(Math.max(bySlot.length, 64) * STRIDE);
      for (let slot = 0; slot < bySlot.length; slot++) writeSlot(col, slot, bySlot[slot], rc);
      columns.set(rc, col);
    }
    return col;
  }

  function unlink(p: IndexedProvider): void {
    setSlot(undefined, p.id);
    providers.delete(p.id);
    if (byUuid.get(p.uuid) === p.id) byUuid.delete(p.uuid);
    if (p.parentId !== null) { removeFrom(children, p.parentId, p.id); nestedCount--; }
    removeFrom(trees, p.rootId, p.id);
    for (const t of p.traits) removeFrom(traits, t, p.id);
    for (const a of p.aggregates) removeFrom(aggs, a, p.id);
    for (const rc of p.inventories.keys()) removeFrom(inventories, rc, p.id);
  }

  function link(p: IndexedProvider): void {
    setSlot(p, p.id);
    providers.set(p.id, p);
    byUuid.set(p.uuid, p.id);
    if (p.parentId !== null) { addTo(children, p.parentId, p.id); nestedCount++; }
    addTo(trees, p.rootId, p.id);
    for (const t of p.traits) addTo(traits, t, p.id);
    for (const a of p.aggregates) addTo(aggs, a, p.id);
    for (const rc of p.inventories.keys()) addTo(inventories, rc, p.id);
  }

  /** Root of id following parent links through `pending` (new records) or the current map. */
  function rootFor(id: number, pending: Map<number, ProviderRecord>): number {
    let cur = id;
    for (let guard = 0; guard < 10_000; guard++) {
      const rec = pending.get(cur) ?? providers.get(cur);
      if (!rec || rec.parentId === null || (!pending.has(rec.parentId) && !providers.has(rec.parentId))) return cur;
      cur = rec.parentId;
    }
    return cur; // a cycle cannot be stored by Placement; stop rather than spin
  }

  function setRoot(id: number, rootId: number): void {
    const p = providers.get(id);
    if (!p || p.rootId === rootId) return;
    removeFrom(trees, p.rootId, id);
    const moved: IndexedProvider = { ...p, rootId };
    providers.set(id, moved);
    bySlot[slotOf.get(id)!] = moved;
    addTo(trees, rootId, id);
  }

  const state: SnapshotState = {
    providers,
    get hasTrees() { return nestedCount > 0; },
    providerByUuid(uuid) {
      const id = byUuid.get(uuid);
      return id === undefined ? undefined : providers.get(id);
    },
    treeMembers: (rootId) => trees.get(rootId) ?? EMPTY,
    withTrait: (name) => traits.get(name) ?? EMPTY,
    inAggregate: (uuid) => aggs.get(uuid) ?? EMPTY,
    withInventory: (rc) => inventories.get(rc) ?? EMPTY,
    traitExists: (name) => names.traitExists(name),
    resourceClassExists: (name) => names.resourceClassExists(name),
    resourceClassId: (name) => names.resourceClassId(name),

    apply(upserts, removals) {
      let ancestryChanged = false;
      for (const id of removals) {
        const old = providers.get(id);
        if (!old) continue;
        if (children.has(id)) ancestryChanged = true;
        unlink(old);
      }
      const pending = new Map<number, ProviderRecord>();
      for (const rec of upserts) pending.set(rec.id, rec);
      for (const rec of upserts) {
        const old = providers.get(rec.id);
        // New providers get their root from rootFor; only a moved provider moves a subtree.
        if (old && old.parentId !== rec.parentId) ancestryChanged = true;
        if (old) unlink(old);
      }
      for (const rec of upserts) link({ ...rec, rootId: rootFor(rec.id, pending) });
      if (!ancestryChanged) return;
      // Re-derive roots top-down from every root so moved subtrees follow their new parent.
      for (const p of providers.values()) {
        if (p.parentId === null || !providers.has(p.parentId)) fixSubtree(p.id, p.id);
      }
    },

    clear() {
      providers.clear(); byUuid.clear(); children.clear(); trees.clear();
      traits.clear(); aggs.clear(); inventories.clear(); nestedCount = 0;
      slotOf.clear(); bySlot.length = 0; columns.clear(); slotsInIdOrder = true; highestId = -Infinity;
    },

    providersWithRoom(amounts, accept, limit) {
      // Loops, not .map(): TurboFan's inlined Array.prototype.map makes arrays of another map
      // (elements kind) than the builtin's, so optimized code reading its result deopts ("wrong
      // map") the first time it meets the other kind, and the function is compiled again.
      const cols: Float64Array[] = [];
      const want: number[] = [];
      for (const [rc, amount] of amounts) { cols.push(column(rc)); want.push(amount); }
      const out: IndexedProvider[] = [];
      const n = bySlot.length;
      next: for (let slot = 0; slot < n; slot++) {
        for (let k = 0; k < cols.length; k++) {
          const col = cols[k]!;
          const at = slot * STRIDE;
          const amount = want[k]!;
          // canAllocate's test, on the same numbers (NaN capacity: no inventory, fails)
          if (!(col[at + 1]! + amount <= col[at]! && col[at + 2]! <= amount && col[at + 3]! >= amount && amount % col[at + 4]! === 0)) continue next;
        }
        const p = bySlot[slot];
        if (p === undefined || (accept !== null && !accept(p))) continue;
        out.push(p);
        if (slotsInIdOrder && out.length >= limit) break;
      }
      if (!slotsInIdOrder) {
        out.sort((a, b) => a.id - b.id);
        if (out.length > limit) out.length = limit;
      }
      return out;
    },
  };

  function fixSubtree(id: number, rootId: number): void {
    const stack: number[] = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      setRoot(cur, rootId);
      const kids = children.get(cur);
      if (kids) for (const k of kids) stack.push(k);
    }
  }

  return state;
}

/** Capacity as Placement reports it: int((total - reserved) * allocation_ratio). */
export function capacityOf(inv: IndexedInventory): number {
  return Math.trunc((inv.total - inv.reserved) * inv.allocationRatio);
}

/**
 * Placement's SQL capacity filter (_capacity_check_clause): the amount fits the free space
 * (not truncated) and respects min_unit, max_unit and step_size.
 */
export function canAllocate(p: IndexedProvider, rc: string, amount: number): boolean {
  const inv = p.inventories.get(rc);
  if (!inv) return false;
  const used = p.usages.get(rc) ?? 0;
  return used + amount <= (inv.total - inv.reserved) * inv.allocationRatio
    && inv.minUnit <= amount && inv.maxUnit >= amount && amount % inv.stepSize === 0;
}
