// GET /allocation_candidates as a pure function of (snapshot, parsed request), following
// placement's AllocationCandidates._get_by_requests: candidates per group, then merged per
// anchor root (itertools.product across groups, group_policy, same_subtree, consolidation,
// capacity re-check, de-duplication), then the pre-1.29 nested filter, then limit.
//
// Order: placement returns its candidates from a Python set (no stable order). Here the order
// is deterministic: anchors by ascending root id, and within an anchor the product order of
// each group's candidates (providers by ascending id). `limit` keeps the first N of that order.
import type { IndexedProvider, ProviderSnapshot } from './provider-snapshot.js';
import { capacityOf } from './provider-snapshot.js';
import type { CandidateRequest, RequestGroup, RequestWideParams } from './candidate-request.js';
import { UnknownNameError } from './candidate-request.js';
import {
  candidatesForGroup, firstSingleProviderCandidates, forEachCombination, loneCandidate, prepareGroup, SHARES_VIA_AGGREGATE,
  type GroupCandidate, type ResourceRequest, type WideContext,
} from './group-search.js';

export type { ResourceRequest } from './group-search.js';

export interface AllocationCandidate {
  /** One entry per (provider, resource class), in the order the groups produced them. */
  readonly resources: readonly ResourceRequest[];
  /** The group candidates it was merged from: their suffixes and providers are the mappings. */
  readonly parts: readonly GroupCandidate[];
}

export interface AllocationCandidates {
  readonly allocationRequests: readonly AllocationCandidate[];
  /** Providers to summarise, tree by tree (trees in order of first use, providers by id). */
  readonly summaryProviderIds: readonly number[];
  /**
   * Set when every candidate is one lone provider allocating the group's amounts (the shortcut
   * below): the same answer kept compact, since 10,000 candidates as objects cost more than
   * their rendering. allocationRequests and summaryProviderIds are then built only when read.
   */
  readonly lone?: LoneProviderCandidates;
}

/** Candidate i is loneCandidate(providers[i], group); the summaries are the same providers, in order. */
export interface LoneProviderCandidates {
  readonly providers: readonly IndexedProvider[];
  readonly group: RequestGroup;
}

const NOTHING: AllocationCandidates = { allocationRequests: [], summaryProviderIds: [] };

export function findAllocationCandidates(snap: ProviderSnapshot, req: CandidateRequest): AllocationCandidates {
  return firstCandidatesOnly(snap, req) ?? searchEveryCandidate(snap, req);
}

/** The general search (what firstCandidatesOnly must equal where it answers). */
export function searchEveryCandidate(snap: ProviderSnapshot, req: CandidateRequest): AllocationCandidates {
  const anchorRootIds = anchorRoots(snap, req.params);
  if (anchorRootIds !== null && anchorRootIds.size === 0) return NOTHING;
  const ctx: WideContext = { snap, anchorRootIds, sharing: new Set(snap.withTrait(SHARES_VIA_AGGREGATE)) };

  const perGroup = new Map<string, GroupCandidate[]>();
  for (const group of req.groups) {
    const prepared = prepareGroup(snap, group);
    // Any group without candidates empties the whole answer (and stops validating the rest).
    if (!prepared) return NOTHING;
    const found = candidatesForGroup(ctx, prepared);
    if (found.length === 0) return NOTHING;
    perGroup.set(group.suffix, found);
  }

  const excludeNested = !req.nestedAware && snap.hasTrees;
  // No early stop before 1.29 (the summaries depend on every surviving candidate), nor when
  // amounts are summed in place (later combinations change the amounts of earlier ones).
  const inPlace = perGroup.size > 1 && req.params.groupPolicy !== 'none';
  const stopAt = excludeNested || inPlace ? null : req.params.limit;
  const all = mergeCandidates(snap, perGroup, req.params, excludeNested, stopAt);
  if (all.length === 0) return NOTHING;
  const limit = req.params.limit;
  const kept = limit !== null && limit < all.length ? all.slice(0, limit) : all;
  return {
    allocationRequests: kept,
    summaryProviderIds: summaryProviders(snap, all, kept, excludeNested),
  };
}

/**
 * One group (the request nova makes, with or without a limit) on a cloud of lone providers (no
 * trees, no sharing providers): every candidate is one provider anchored on itself, the merge
 * keeps them in id order and stops at `limit`, and the summaries are those of the kept ones, one
 * per candidate (each provider its own tree). So the same answer comes from scanning the
 * providers in id order until `limit` candidates are found, without the root_required set, the
 * merge's de-duplication or the tree walk of the summaries. Null: not such a request.
 */
function firstCandidatesOnly(snap: ProviderSnapshot, req: CandidateRequest): AllocationCandidates | null {
  const limit = req.params.limit;
  if ((limit !== null && limit < 1) || req.groups.length !== 1 || snap.hasTrees || snap.withTrait(SHARES_VIA_AGGREGATE).size > 0) return null;
  const anchored = anchorFilter(snap, req.params);
  // as anchorRoots: no root passes root_required -> nothing (before the group is looked at)
  if (anchored !== null) {
    let any = false;
    for (const p of snap.providers.values()) if (anchored(p)) { any = true; break; }
    if (!any) return NOTHING;
  }
  const ctx: WideContext = { snap, anchorRootIds: null, sharing: new Set() };
  const prepared = prepareGroup(snap, req.groups[0]!);
  if (!prepared) return NOTHING;
  const kept = firstSingleProviderCandidates(ctx, prepared, anchored, limit ?? Infinity);
  if (kept === null) return null;
  if (kept.length === 0) return NOTHING;
  return loneAnswer({ providers: kept, group: req.groups[0]! });
}

function loneAnswer(lone: LoneProviderCandidates): AllocationCandidates {
  let requests: AllocationCandidate[] | null = null;
  let summaries: number[] | null = null;
  return {
    lone,
    get allocationRequests() { return requests ??= lone.providers.map((p) => loneCandidate(p, lone.group)); },
    get summaryProviderIds() { return summaries ??= lone.providers.map((p) => p.id); },
  };
}

/** anchorRoots as a test of one provider (false unless a root; trait names validated the same way first). */
function anchorFilter(snap: ProviderSnapshot, params: RequestWideParams): ((root: IndexedProvider) => boolean) | null {
  const required = [...(params.anchorRequiredTraits ?? [])];
  const forbidden = [...(params.anchorForbiddenTraits ?? [])];
  if (required.length === 0 && forbidden.length === 0) return null;
  for (const t of required) if (!snap.traitExists(t)) throw new UnknownNameError('trait', t);
  for (const t of forbidden) if (!snap.traitExists(t)) throw new UnknownNameError('trait', t);
  return (p) => {
    if (p.parentId !== null) return false;
    for (const t of required) if (!p.traits.has(t)) return false;
    for (const t of forbidden) if (p.traits.has(t)) return false;
    return true;
  };
}

/** _process_anchor_traits / _get_roots_with_traits: null when root_required is absent. */
function anchorRoots(snap: ProviderSnapshot, params: RequestWideParams): Set<number> | null {
  const required = params.anchorRequiredTraits ?? new Set<string>();
  const forbidden = params.anchorForbiddenTraits ?? new Set<string>();
  if (required.size === 0 && forbidden.size === 0) return null;
  for (const t of required) if (!snap.traitExists(t)) throw new UnknownNameError('trait', t);
  for (const t of forbidden) if (!snap.traitExists(t)) throw new UnknownNameError('trait', t);
  const out = new Set<number>();
  for (const p of snap.providers.values()) {
    if (p.parentId !== null) continue;
    let ok = true;
    for (const t of required) if (!p.traits.has(t)) { ok = false; break; }
    if (ok) for (const t of forbidden) if (p.traits.has(t)) { ok = false; break; }
    if (ok) out.add(p.id);
  }
  return out;
}

type Merged = AllocationCandidate;

/**
 * _merge_candidates + exclude_nested_providers + the first-N part of limit_results. Stops as
 * soon as `limit` survivors exist: the ones after them could only be cut.
 */
function mergeCandidates(
  snap: ProviderSnapshot, perGroup: ReadonlyMap<string, GroupCandidate[]>,
  params: RequestWideParams, excludeNested: boolean, stopAt: number | null,
): Merged[] {
  if (perGroup.size === 1) return mergeOneGroup(snap, [...perGroup.values()][0], excludeNested, stopAt);
  const suffixes = [...perGroup.keys()];
  const numGranular = suffixes.filter((s) => s !== '').length;
  const byAnchor = new Map<number, Map<string, GroupCandidate[]>>();
  for (const [suffix, list] of perGroup) {
    for (const c of list) {
      let bySuffix = byAnchor.get(c.anchorRootId);
      if (!bySuffix) { bySuffix = new Map(); byAnchor.set(c.anchorRootId, bySuffix); }
      let l = bySuffix.get(suffix);
      if (!l) { l = []; bySuffix.set(suffix, l); }
      l.push(c);
    }
  }
  const anchors = [...byAnchor.keys()].sort((a, b) => a - b);
  const out: Merged[] = [];
  const seen = new Set<string>();
  const limit = stopAt;
  const ancestors = new Map<number, Set<number>>();
  // Without group_policy=none amounts are summed into shared objects (see consolidate), so an
  // amount can have grown since its candidate was checked: re-check every combination then.
  const inPlace = params.groupPolicy !== 'none';
  for (const anchor of anchors) {
    const bySuffix = byAnchor.get(anchor)!;
    if (bySuffix.size !== suffixes.length) continue;
    forEachCombination(suffixes.map((s) => bySuffix.get(s)!), (combo) => {
      if (!satisfiesGroupPolicy(combo, params.groupPolicy, numGranular)) return;
      if (!satisfiesSameSubtree(snap, combo, params.sameSubtrees, ancestors)) return;
      const { merged, summed } = consolidate(combo, inPlace);
      // Each resource was checked alone already; only summed (or grown) amounts can exceed now.
      if ((summed || inPlace) && exceedsCapacity(snap, merged)) return;
      // Equal combinations under another anchor exist only if every part is such a copy.
      if (combo.every((c) => c.copied)) {
        const key = candidateKey(merged);
        if (seen.has(key)) return;
        seen.add(key);
      }
      if (excludeNested && usesTwoProvidersOfOneTree(snap, merged)) return;
      out.push(merged);
      if (limit !== null && out.length >= limit) return false;
    });
    if (limit !== null && out.length >= limit) break;
  }
  return out;
}

/** _satisfies_group_policy: with isolate, each numbered group on its own provider. */
function satisfiesGroupPolicy(combo: readonly GroupCandidate[], policy: RequestWideParams['groupPolicy'], numGranular: number): boolean {
  if (policy !== 'isolate') return true;
  const used = new Set<number>();
  for (const c of combo) if (c.useSameProvider) for (const id of c.providers) used.add(id);
  return used.size === numGranular;
}

/** _satisfies_same_subtree: the providers of each listed group set hang under one of them. */
function satisfiesSameSubtree(
  snap: ProviderSnapshot, combo: readonly GroupCandidate[], sameSubtrees: RequestWideParams['sameSubtrees'],
  ancestorCache: Map<number, Set<number>>,
): boolean {
  for (const suffixes of sameSubtrees) {
    const ids = new Set<number>();
    for (const c of combo) if (suffixes.has(c.suffix)) for (const id of c.providers) ids.add(id);
    if (ids.size <= 1) continue;
    let common: Set<number> | undefined;
    for (const id of ids) {
      let anc = ancestorCache.get(id);
      if (!anc) { anc = ancestorsOf(snap, id); ancestorCache.set(id, anc); }
      if (common === undefined) { common = new Set(anc); continue; }
      for (const x of common) if (!anc.has(x)) common.delete(x);
    }
    if (![...ids].some((id) => common!.has(id))) return false;
  }
  return true;
}

function ancestorsOf(snap: ProviderSnapshot, id: number): Set<number> {
  const out = new Set<number>();
  let cur: number | null = id;
  while (cur !== null && !out.has(cur)) {
    out.add(cur);
    cur = snap.providers.get(cur)?.parentId ?? null;
  }
  return out;
}

/**
 * _consolidate_allocation_requests: sum amounts per (provider, class); the parts keep the
 * mappings. Placement copies a resource request before adding to it only with
 * group_policy=none (copy_arr_if_needed); otherwise it adds INTO the group candidate's own
 * object, so the amount also grows in every candidate already merged from it and in the next
 * combinations (an upstream bug whose candidates can even exceed max_unit). Kept, with
 * `inPlace`, because clients see those amounts.
 */
function consolidate(combo: readonly GroupCandidate[], inPlace: boolean): { merged: Merged; summed: boolean } {
  const resources: ResourceRequest[] = [];
  let summed = false;
  for (const c of combo) {
    next: for (const r of c.resources) {
      for (let i = 0; i < resources.length; i++) {
        const prev = resources[i];
        if (prev.providerId === r.providerId && prev.resourceClass === r.resourceClass) {
          if (inPlace) prev.amount += r.amount;
          else resources[i] = { providerId: r.providerId, resourceClass: r.resourceClass, amount: prev.amount + r.amount };
          summed = true;
          continue next;
        }
      }
      resources.push(r);
    }
  }
  return { merged: { resources, parts: combo }, summed };
}

/** RequestWideSearchContext.exceeds_capacity: against int capacity and max_unit only. */
function exceedsCapacity(snap: ProviderSnapshot, m: Merged): boolean {
  for (const r of m.resources) {
    const p = snap.providers.get(r.providerId)!;
    const inv = p.inventories.get(r.resourceClass);
    if (!inv) return true;
    if ((p.usages.get(r.resourceClass) ?? 0) + r.amount > capacityOf(inv)) return true;
    if (r.amount > inv.maxUnit) return true;
  }
  return false;
}

/** AllocationRequest equality: the set of (provider, class, amount) and the mappings. */
function candidateKey(m: Merged): string {
  const rs = m.resources.map((r) => `${r.providerId}|${r.resourceClass}|${r.amount}`);
  if (rs.length > 1) rs.sort();
  const ms: string[] = [];
  for (const p of m.parts) ms.push(`${p.suffix}=${p.providers.length > 1 ? [...p.providers].sort((a, b) => a - b).join(',') : p.providers[0]}`);
  if (ms.length > 1) ms.sort();
  return `${rs.join(';')}#${ms.join(';')}`;
}

/** exclude_nested_providers: before 1.29 a candidate may use only one provider per tree. */
function usesTwoProvidersOfOneTree(snap: ProviderSnapshot, m: Merged): boolean {
  const providers = new Set<number>();
  const roots = new Set<number>();
  for (const r of m.resources) {
    providers.add(r.providerId);
    roots.add(snap.providers.get(r.providerId)!.rootId);
  }
  return providers.size !== roots.size;
}

/**
 * The merge when there is one group, without the per-candidate work that cannot change
 * anything then: each candidate is its own combination, group_policy and same_subtree always
 * hold, and the capacity re-check repeats the group's own. Only the anchor order and the
 * de-duplication remain: copies of a sharing provider's candidate for other anchors share their
 * resources array, so identity finds them.
 */
function mergeOneGroup(snap: ProviderSnapshot, list: readonly GroupCandidate[], excludeNested: boolean, stopAt: number | null): Merged[] {
  let ordered = list;
  for (let i = 1; i < list.length; i++) {
    if (list[i].anchorRootId < list[i - 1].anchorRootId) { ordered = [...list].sort((a, b) => a.anchorRootId - b.anchorRootId); break; }
  }
  const out: Merged[] = [];
  const seen = new Set<readonly ResourceRequest[]>();
  for (const c of ordered) {
    if (seen.has(c.resources)) continue;
    seen.add(c.resources);
    if (excludeNested && usesTwoProvidersOfOneTree(snap, c)) continue;
    out.push(c);
    if (stopAt !== null && out.length >= stopAt) break;
  }
  return out;
}

/**
 * The providers in provider_summaries: every provider of each tree a kept candidate allocates
 * from. Before 1.29 with trees present: the providers any surviving candidate allocates from,
 * in the trees of the kept ones (exclude_nested_providers, then limit_results).
 */
function summaryProviders(snap: ProviderSnapshot, all: readonly Merged[], kept: readonly Merged[], onlyUsed: boolean): number[] {
  const out: number[] = [];
  const roots = new Set<number>();
  for (const m of kept) for (const r of m.resources) roots.add(snap.providers.get(r.providerId)!.rootId);
  if (onlyUsed) {
    const used = new Set<number>();
    for (const m of all) for (const r of m.resources) if (roots.has(snap.providers.get(r.providerId)!.rootId)) used.add(r.providerId);
    return [...used].sort((a, b) => a - b);
  }
  for (const root of roots) {
    const members = snap.treeMembers(root);
    if (members.size === 1) out.push(root);
    else out.push(...[...members].sort((a, b) => a - b));
  }
  return out;
}
