// Candidates for ONE request group, following placement's research_context.py and
// allocation_candidate.py (_get_by_one_request and the two _alloc_candidates_* paths) step for
// step, over the in-memory snapshot instead of SQL. The quirks are kept on purpose (they decide
// which candidates exist): e.g. in a multi-provider group the traits count only on providers
// that supply resources, member_of on a root covers its whole tree, in_tree is ignored by a
// resourceless group, and identical candidates reached through different anchors collapse into
// the first one.
import { canAllocate, type IndexedProvider, type ProviderSnapshot } from './provider-snapshot.js';
import { UnknownNameError, type RequestGroup } from './candidate-request.js';

export const SHARES_VIA_AGGREGATE = 'MISC_SHARES_VIA_AGGREGATE';

export interface ResourceRequest {
  readonly providerId: number;
  readonly resourceClass: string;
  /** Mutable on purpose: see consolidate() in find-allocation-candidates.ts. */
  amount: number;
}

/**
 * placement's AllocationRequest for one group. A class, and usable as a whole-request candidate
 * by itself (parts = [this]) so the one-group case allocates nothing more per candidate.
 */
export class GroupCandidate {
  constructor(
    readonly anchorRootId: number,
    readonly useSameProvider: boolean,
    readonly suffix: string,
    readonly resources: readonly ResourceRequest[],
    /** The providers that satisfied the group (its `mappings` entry), unique. */
    readonly providers: readonly number[],
    /**
     * True when equal copies exist under other anchors (a sharing provider's candidate): only
     * combinations made of such copies can repeat across anchors and need de-duplicating.
     */
    readonly copied = false,
  ) {}

  get parts(): readonly GroupCandidate[] { return [this]; }
}

/** Request-wide search state shared by the groups (RequestWideSearchContext). */
export interface WideContext {
  readonly snap: ProviderSnapshot;
  /** Roots allowed by root_required, or null when not filtering. */
  readonly anchorRootIds: ReadonlySet<number> | null;
  /**
   * Providers with MISC_SHARES_VIA_AGGREGATE. Mutable on purpose: placement narrows this one
   * shared set in place when a multi-provider group has member_of (get_rps_with_shared_capacity).
   */
  readonly sharing: Set<number>;
}

interface PreparedGroup {
  readonly group: RequestGroup;
  /** Providers in every member_of set, or null without member_of. */
  readonly rpsInAggs: ReadonlySet<number> | null;
  readonly treeRootId: number | null;
  /** resource class -> providers (in tree) with room for the amount; computed on first use */
  rpsWithResource(): ReadonlyMap<string, readonly number[]>;
  /** The capacity (and in_tree) test behind those lists, for one provider. */
  fits(id: number, rc: string, amount: number): boolean;
  /** fits() for every class of the group, on a provider in hand. */
  fitsAll(p: IndexedProvider): boolean;
}

/**
 * RequestGroupSearchContext.__init__: validates names and collects providers per resource.
 * Returns null when nothing can match (placement's ResourceProviderNotFound: empty answer).
 */
export function prepareGroup(snap: ProviderSnapshot, group: RequestGroup): PreparedGroup | null {
  for (const rc of group.resources.keys()) {
    if (!snap.resourceClassExists(rc)) throw new UnknownNameError('resource_class', rc);
  }
  let rpsInAggs: Set<number> | null = null;
  if (group.memberOf.length > 0) {
    rpsInAggs = providersInEveryAggregateSet(snap, group.memberOf);
    if (rpsInAggs.size === 0) return null;
  }
  for (const anyOf of group.requiredTraits) assertTraits(snap, anyOf);
  assertTraits(snap, group.forbiddenTraits);
  let treeRootId: number | null = null;
  if (group.inTree !== null) {
    const p = snap.providerByUuid(group.inTree);
    if (!p) return null;
    treeRootId = p.rootId;
  }
  // Placement gives up here when some class has no provider with room. Finding one is enough
  // for that; the full lists are built only by the path that needs them.
  const fitsOn = (p: IndexedProvider, rc: string, amount: number) =>
    (treeRootId === null || p.rootId === treeRootId) && canAllocate(p, rc, amount);
  const fits = (id: number, rc: string, amount: number) => fitsOn(snap.providers.get(id)!, rc, amount);
  for (const [rc, amount] of group.resources) {
    let any = false;
    for (const id of snap.withInventory(rc)) if (fits(id, rc, amount)) { any = true; break; }
    if (!any) return null;
  }
  let lists: Map<string, number[]> | null = null;
  const rpsWithResource = () => {
    if (lists) return lists;
    lists = new Map();
    for (const [rc, amount] of group.resources) {
      const ids: number[] = [];
      for (const id of snap.withInventory(rc)) if (fits(id, rc, amount)) ids.push(id);
      lists.set(rc, ids);
    }
    return lists;
  };
  const amounts = [...group.resources];
  const fitsAll = (p: IndexedProvider) => {
    for (let k = 0; k < amounts.length; k++) if (!fitsOn(p, amounts[k]![0], amounts[k]![1])) return false;
    return true;
  };
  return { group, rpsInAggs, treeRootId, rpsWithResource, fits, fitsAll };
}

function assertTraits(snap: ProviderSnapshot, names: Iterable<string>): void {
  for (const t of names) if (!snap.traitExists(t)) throw new UnknownNameError('trait', t);
}

/** provider_ids_matching_aggregates: members of (any of set 1) and (any of set 2) and ... */
export function providersInEveryAggregateSet(snap: ProviderSnapshot, sets: readonly ReadonlySet<string>[]): Set<number> {
  let out: Set<number> | null = null;
  for (const anyOf of sets) {
    const members = providersInAnyAggregate(snap, anyOf);
    out = out === null ? members : intersect(out, members);
    if (out.size === 0) return out;
  }
  return out ?? new Set();
}

export function providersInAnyAggregate(snap: ProviderSnapshot, aggs: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const a of aggs) for (const id of snap.inAggregate(a)) out.add(id);
  return out;
}

/** provider_ids_matching_required_traits: each provider individually has every OR-set. */
export function providersWithTraitSets(snap: ProviderSnapshot, sets: readonly ReadonlySet<string>[]): Set<number> {
  let out: Set<number> | null = null;
  for (const anyOf of sets) {
    const members = providersWithAnyTrait(snap, anyOf);
    out = out === null ? members : intersect(out, members);
    if (out.size === 0) return out;
  }
  return out ?? new Set();
}

export function providersWithAnyTrait(snap: ProviderSnapshot, traits: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const t of traits) for (const id of snap.withTrait(t)) out.add(id);
  return out;
}

function intersect(a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<number>();
  for (const x of small) if (big.has(x)) out.add(x);
  return out;
}

const byNumber = (a: number, b: number) => a - b;

/** _get_by_one_request */
export function candidatesForGroup(ctx: WideContext, pg: PreparedGroup): GroupCandidate[] {
  const g = pg.group;
  if (!g.useSameProvider && (ctx.sharing.size > 0 || ctx.snap.hasTrees)) {
    if (g.requiredTraits.length > 0) {
      // Quick exit: nobody has any of the named traits at all.
      const flat = new Set<string>();
      for (const s of g.requiredTraits) for (const t of s) flat.add(t);
      if (providersWithAnyTrait(ctx.snap, flat).size === 0) return [];
    }
    return multipleProviderCandidates(ctx, pg, treesMatchingAll(ctx, pg));
  }
  return singleProviderCandidates(ctx, pg, providerIdsMatching(ctx.snap, pg));
}

// ---------------------------------------------------------------------------------------------
// Single-provider path (numbered groups, or no sharing and no trees)

/** get_provider_ids_for_traits_and_aggs: null means "nothing can match". */
function traitAndAggregateFilter(snap: ProviderSnapshot, pg: PreparedGroup): { filtered: Set<number>; forbidden: Set<number> } | null {
  const g = pg.group;
  // An empty `filtered` means "not filtered yet", as in placement.
  let filtered = new Set<number>();
  if (g.requiredTraits.length > 0) {
    filtered = providersWithTraitSets(snap, g.requiredTraits);
    if (filtered.size === 0) return null;
  }
  if (pg.rpsInAggs) {
    filtered = filtered.size > 0 ? intersect(filtered, pg.rpsInAggs) : new Set(pg.rpsInAggs);
    if (filtered.size === 0) return null;
  }
  const forbidden = new Set<number>();
  for (const bad of [
    g.forbiddenAggs.size > 0 ? providersInAnyAggregate(snap, g.forbiddenAggs) : null,
    g.forbiddenTraits.size > 0 ? providersWithAnyTrait(snap, g.forbiddenTraits) : null,
  ]) {
    if (!bad) continue;
    for (const id of bad) forbidden.add(id);
    if (filtered.size > 0) {
      for (const id of bad) filtered.delete(id);
      if (filtered.size === 0) return null;
    }
  }
  return { filtered, forbidden };
}

/** get_provider_ids_matching: providers that alone satisfy the whole group, by id. */
function providerIdsMatching(snap: ProviderSnapshot, pg: PreparedGroup): number[] {
  const f = traitAndAggregateFilter(snap, pg);
  if (!f) return [];
  const amounts = [...pg.group.resources];
  const out: number[] = [];
  if (amounts.length === 0) {
    // A resourceless group with neither traits nor aggregates matches nobody: placement keeps
    // only ids in the (empty) filter set.
    out.push(...f.filtered);
  } else {
    // Same set as placement's per-class intersections: providers in the filter (or, without
    // one, not forbidden) with room for every class. Scan the smallest inventory set.
    let scan: Iterable<number> = f.filtered.size > 0 ? f.filtered : snap.withInventory(amounts[0][0]);
    if (f.filtered.size === 0) {
      for (const [rc] of amounts) if (snap.withInventory(rc).size < (scan as ReadonlySet<number>).size) scan = snap.withInventory(rc);
    }
    next: for (const id of scan) {
      if (f.filtered.size === 0 && f.forbidden.has(id)) continue;
      for (const [rc, amount] of amounts) if (!pg.fits(id, rc, amount)) continue next;
      out.push(id);
    }
  }
  let sorted = true;
  for (let i = 1; i < out.length; i++) if (out[i] < out[i - 1]) { sorted = false; break; }
  return sorted ? out : out.sort(byNumber);
}

/**
 * providerIdsMatching then singleProviderCandidates, keeping only the first `limit` candidates
 * in id order (what the merge of a lone group keeps), for a request whose every provider is a
 * root and shares nothing (each matching provider whose root `anchored` allows is one candidate,
 * anchored on itself, so `anchored` (null: any) is asked about the provider as a root). Stops scanning at
 * the `limit`-th: the rest could only be cut. Returns the candidates' providers (the candidates
 * themselves are loneCandidate of each).
 */
export function firstSingleProviderCandidates(
  ctx: WideContext, pg: PreparedGroup, anchored: ((root: IndexedProvider) => boolean) | null, limit: number,
): IndexedProvider[] | null {
  const g = pg.group;
  const amounts = [...g.resources];
  // a resourceless group matches its filter set as is (not in id order): the general path
  if (amounts.length === 0) return null;
  const f = traitAndAggregateFilter(ctx.snap, pg);
  if (!f) return [];
  const tree = pg.treeRootId;
  if (f.filtered.size === 0) {
    // Unfiltered: every provider with room, but the forbidden ones (the snapshot's capacity columns).
    const forbidden = f.forbidden;
    const accept = forbidden.size === 0 && tree === null && anchored === null ? null
      : (p: IndexedProvider) => !forbidden.has(p.id) && (tree === null || p.rootId === tree) && (anchored === null || anchored(p));
    return ctx.snap.providersWithRoom(amounts, accept, limit);
  }
  const ids = [...f.filtered];
  let sorted = true;
  for (let i = 1; i < ids.length; i++) if (ids[i] < ids[i - 1]) { sorted = false; break; }
  if (!sorted) ids.sort(byNumber);
  const out: IndexedProvider[] = [];
  const providers = ctx.snap.providers;
  for (const id of ids) {
    const p = providers.get(id)!;
    if (!pg.fitsAll(p) || (anchored !== null && !anchored(p))) continue;
    out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}

/** The candidate of one lone provider for a group: its amounts, anchored on the provider itself. */
export function loneCandidate(p: IndexedProvider, g: RequestGroup): GroupCandidate {
  const resources: ResourceRequest[] = [];
  for (const [rc, amount] of g.resources) resources.push({ providerId: p.id, resourceClass: rc, amount });
  return new GroupCandidate(p.rootId, g.useSameProvider, g.suffix, resources, [p.id], false);
}

/** _alloc_candidates_single_provider */
function singleProviderCandidates(ctx: WideContext, pg: PreparedGroup, ids: readonly number[]): GroupCandidate[] {
  const g = pg.group;
  const out: GroupCandidate[] = [];
  const amounts = [...g.resources];
  for (const id of ids) {
    const p = ctx.snap.providers.get(id)!;
    const resources: ResourceRequest[] = new Array(amounts.length);
    for (let k = 0; k < amounts.length; k++) resources[k] = { providerId: id, resourceClass: amounts[k][0], amount: amounts[k][1] };
    const providers = [id];
    const anchors: number[] = [];
    if (inAnchors(ctx, p.rootId)) anchors.push(p.rootId);
    // A sharing provider also anchors a candidate in every tree it shares with.
    if (p.traits.has(SHARES_VIA_AGGREGATE)) {
      for (const anchor of anchorsOfSharingProvider(ctx.snap, id)) {
        if (anchor !== p.rootId && inAnchors(ctx, anchor)) anchors.push(anchor);
      }
    }
    // Copies share their resources/providers arrays.
    for (const anchor of anchors) out.push(new GroupCandidate(anchor, g.useSameProvider, g.suffix, resources, providers, anchors.length > 1));
  }
  return out;
}

function inAnchors(ctx: WideContext, rootId: number): boolean {
  return ctx.anchorRootIds === null || ctx.anchorRootIds.has(rootId);
}

/** anchors_for_sharing_providers: roots of every provider sharing an aggregate with it. */
function anchorsOfSharingProvider(snap: ProviderSnapshot, id: number): number[] {
  const roots = new Set<number>();
  for (const agg of snap.providers.get(id)!.aggregates) {
    for (const member of snap.inAggregate(agg)) roots.add(snap.providers.get(member)!.rootId);
  }
  return [...roots].sort(byNumber);
}

// ---------------------------------------------------------------------------------------------
// Multi-provider path (the unsuffixed group when there are trees or sharing providers)

interface RpCandidate { readonly id: number; readonly rootId: number; readonly rc: string }

/** placement's RPCandidateList: a set of (provider, anchor root, resource class). */
class RpCandidateList {
  items = new Map<string, RpCandidate>();

  get size(): number { return this.items.size; }

  add(id: number, rootId: number, rc: string): void {
    const key = `${id}:${rootId}:${rc}`;
    if (!this.items.has(key)) this.items.set(key, { id, rootId, rc });
  }

  filter(keep: (c: RpCandidate) => boolean): void {
    for (const [k, c] of this.items) if (!keep(c)) this.items.delete(k);
  }

  trees(): Set<number> {
    const s = new Set<number>();
    for (const c of this.items.values()) s.add(c.rootId);
    return s;
  }

  rps(): Set<number> {
    const s = new Set<number>();
    for (const c of this.items.values()) s.add(c.id);
    return s;
  }

  mergeCommonTrees(other: RpCandidateList): void {
    if (this.size === 0) { this.items = new Map(other.items); return; }
    if (other.size === 0) return;
    const mine = this.trees();
    const both = new Set<number>();
    for (const t of other.trees()) if (mine.has(t)) both.add(t);
    for (const [k, c] of other.items) this.items.set(k, c);
    this.filter((c) => both.has(c.rootId));
  }
}

/** get_trees_matching_all */
function treesMatchingAll(ctx: WideContext, pg: PreparedGroup): RpCandidateList {
  const { snap } = ctx;
  const g = pg.group;
  const badAggs = g.forbiddenAggs.size > 0 ? providersInAnyAggregate(snap, g.forbiddenAggs) : null;
  const all = new RpCandidateList();
  for (const [rc, ids] of pg.rpsWithResource()) {
    const forRc = new RpCandidateList();
    for (const id of ids) forRc.add(id, snap.providers.get(id)!.rootId, rc);

    const sharing = sharingProvidersWithCapacity(ctx, pg, ids);
    if (sharing.length > 0 && pg.treeRootId === null) {
      for (const sp of sharing) for (const anchor of anchorsOfSharingProvider(snap, sp)) forRc.add(sp, anchor, rc);
    }
    if (ctx.anchorRootIds) {
      const anchors = ctx.anchorRootIds;
      forRc.filter((c) => anchors.has(c.rootId));
      if (forRc.size === 0) return new RpCandidateList();
    }
    if (pg.rpsInAggs) {
      // An aggregate on the root spans the whole tree.
      const inAggs = pg.rpsInAggs;
      forRc.filter((c) => inAggs.has(c.id) || inAggs.has(c.rootId));
      if (forRc.size === 0) return new RpCandidateList();
    }
    if (badAggs) {
      forRc.filter((c) => !badAggs.has(c.id) && !badAggs.has(c.rootId));
      if (forRc.size === 0) return new RpCandidateList();
    }
    all.mergeCommonTrees(forRc);
    if (all.size === 0) return all;
  }
  if ((g.requiredTraits.length === 0 && g.forbiddenTraits.size === 0) || ctx.sharing.size > 0) return all;
  const keep = treesWithTraits(snap, all.rps(), g.requiredTraits, g.forbiddenTraits);
  all.filter((c) => keep.get(c.id) === c.rootId);
  return all;
}

/** RequestGroupSearchContext.get_rps_with_shared_capacity (including its in-place narrowing). */
function sharingProvidersWithCapacity(ctx: WideContext, pg: PreparedGroup, ids: readonly number[]): number[] {
  const sharing = ctx.sharing;
  if (pg.rpsInAggs) for (const id of [...sharing]) if (!pg.rpsInAggs.has(id)) sharing.delete(id);
  if (sharing.size === 0) return [];
  return ids.filter((id) => sharing.has(id)).sort(byNumber);
}

/**
 * _get_trees_with_traits: keep every provider of the trees whose non-forbidden providers
 * together have all the required traits. Returns provider id -> root id.
 */
function treesWithTraits(
  snap: ProviderSnapshot, rpIds: ReadonlySet<number>,
  required: readonly ReadonlySet<string>[], forbidden: ReadonlySet<string>,
): Map<number, number> {
  const original = new Map<number, number>();
  for (const id of rpIds) original.set(id, snap.providers.get(id)!.rootId);
  const goodRoots = new Set<number>();
  const rootTraits = new Map<number, Set<string>>();
  for (const [id, root] of original) {
    const p = snap.providers.get(id)!;
    let bad = false;
    for (const t of forbidden) if (p.traits.has(t)) { bad = true; break; }
    if (bad) continue;
    goodRoots.add(root);
    let traits = rootTraits.get(root);
    if (!traits) { traits = new Set(); rootTraits.set(root, traits); }
    for (const t of p.traits) traits.add(t);
  }
  const out = new Map<number, number>();
  for (const [id, root] of original) {
    if (!goodRoots.has(root)) continue;
    if (required.length > 0) {
      const have = rootTraits.get(root)!;
      if (!required.every((anyOf) => [...anyOf].some((t) => have.has(t)))) continue;
    }
    out.set(id, root);
  }
  return out;
}

/** _alloc_candidates_multiple_providers */
function multipleProviderCandidates(ctx: WideContext, pg: PreparedGroup, cands: RpCandidateList): GroupCandidate[] {
  if (cands.size === 0) return [];
  const g = pg.group;
  // placement takes the classes in id order here (sorted(alloc_dict.items())).
  const rcOrder = [...g.resources.keys()].sort((a, b) => (ctx.snap.resourceClassId(a) ?? 0) - (ctx.snap.resourceClassId(b) ?? 0));
  // root -> resource class -> providers able to supply it in that tree
  const byTree = new Map<number, Map<string, number[]>>();
  const sorted = [...cands.items.values()].sort((a, b) => a.rootId - b.rootId || a.id - b.id);
  for (const c of sorted) {
    let perRc = byTree.get(c.rootId);
    if (!perRc) { perRc = new Map(); byTree.set(c.rootId, perRc); }
    let list = perRc.get(c.rc);
    if (!list) { list = []; perRc.set(c.rc, list); }
    list.push(c.id);
  }
  const out: GroupCandidate[] = [];
  const seen = new Set<string>();
  for (const [rootId, perRc] of byTree) {
    const rcs = rcOrder.filter((rc) => perRc.has(rc));
    const lists = rcs.map((rc) => perRc.get(rc)!);
    // One resource request object per (provider, class) of this tree, shared by every
    // combination using it, as placement's tree_dict holds them (the merge may add into them).
    const requests = lists.map((ids, i) => ids.map((id): ResourceRequest => ({ providerId: id, resourceClass: rcs[i], amount: g.resources.get(rcs[i])! })));
    forEachCombination(requests, (combo) => {
      const ids = combo.map((r) => r.providerId);
      if (!traitsSatisfied(ctx.snap, ids, g.requiredTraits, g.forbiddenTraits)) return;
      // Equal candidates (same providers and amounts) from another anchor are dropped, like
      // placement's set of AllocationRequest whose equality ignores the anchor.
      const key = ids.join(',');
      if (seen.has(key)) return;
      seen.add(key);
      out.push(new GroupCandidate(rootId, g.useSameProvider, g.suffix, combo, [...new Set(ids)]));
    });
  }
  return out;
}

/** _check_traits_for_alloc_request: the chosen providers together carry the traits. */
function traitsSatisfied(
  snap: ProviderSnapshot, ids: readonly number[],
  required: readonly ReadonlySet<string>[], forbidden: ReadonlySet<string>,
): boolean {
  for (const id of ids) {
    const traits = snap.providers.get(id)!.traits;
    for (const t of forbidden) if (traits.has(t)) return false;
  }
  return required.every((anyOf) => {
    for (const t of anyOf) for (const id of ids) if (snap.providers.get(id)!.traits.has(t)) return true;
    return false;
  });
}

/** itertools.product over lists, first list varying slowest. */
export function forEachCombination<T>(lists: readonly (readonly T[])[], visit: (combo: T[]) => void | boolean): void {
  if (lists.some((l) => l.length === 0)) return;
  const idx = new Array<number>(lists.length).fill(0);
  for (;;) {
    if (visit(lists.map((l, i) => l[idx[i]])) === false) return;
    let k = lists.length - 1;
    while (k >= 0) {
      idx[k]++;
      if (idx[k] < lists[k].length) break;
      idx[k] = 0;
      k--;
    }
    if (k < 0) return;
  }
}
