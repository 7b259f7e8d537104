// GET /resource_providers filtering (name, uuid, member_of, in_tree, required, resources),
// answered from the provider index like placement's _get_all_by_filters_from_db. Every filter
// looks at the provider itself (no tree or sharing logic, unlike allocation candidates).
// The placement routes call searchResourceProviders and
// nothing else for filtering. Unknown trait / resource class names throw Placement's 400s.
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import type { ProviderIndex } from '../provider-index.js';
import { canAllocate, type ProviderSnapshot } from './provider-snapshot.js';
import { providersInAnyAggregate, providersInEveryAggregateSet, providersWithAnyTrait, providersWithTraitSets } from './group-search.js';

export interface ResourceProviderFilters {
  name?: string;
  uuid?: string;
  /** member_of groups: each group is a set of aggregate uuids, any-of; `forbidden` ones must not match. */
  memberOf?: { anyOf: string[][]; forbidden: string[] };
  /** provider uuid whose whole tree is wanted */
  inTree?: string;
  /** required traits: allOf, anyOf groups, forbidden */
  required?: { allOf: string[]; anyOf: string[][]; forbidden: string[] };
  /** resource class -> amount that must fit (capacity - used >= amount, within min/max/step) */
  resources?: Record<string, number>;
}

/** Provider ids matching every filter, ordered by id. */
export function searchResourceProviders(index: ProviderIndex, f: ResourceProviderFilters): number[] {
  return searchSnapshot(index.snapshot(), f);
}

/** The same search over any snapshot (unit tests build them by hand). */
export function searchSnapshot(snap: ProviderSnapshot, f: ResourceProviderFilters): number[] {
  // Each step narrows `allowed` (null = everybody), in placement's order, which decides which
  // bad name is reported and when an empty answer wins over a later bad name.
  let allowed: Set<number> | null = null;
  const narrow = (ids: ReadonlySet<number>) => {
    if (allowed === null) { allowed = new Set(ids); return; }
    for (const id of allowed) if (!ids.has(id)) allowed.delete(id);
  };

  let treeRootId: number | null = null;
  if (f.inTree !== undefined) {
    const p = snap.providerByUuid(f.inTree);
    if (!p) return [];
    treeRootId = p.rootId;
  }
  const req = f.required;
  if (req) {
    const sets = [...req.allOf.map((t) => new Set([t])), ...req.anyOf.map((s) => new Set(s))];
    if (sets.length > 0) {
      for (const s of sets) for (const t of s) assertTrait(snap, t);
      const matching = providersWithTraitSets(snap, sets);
      if (matching.size === 0) return [];
      narrow(matching);
    }
    for (const t of req.forbidden) assertTrait(snap, t);
  }
  const forbiddenTraitHolders = req && req.forbidden.length > 0 ? providersWithAnyTrait(snap, req.forbidden) : null;
  if (f.memberOf && f.memberOf.anyOf.length > 0) {
    const inAggs = providersInEveryAggregateSet(snap, f.memberOf.anyOf.map((s) => new Set(s)));
    if (inAggs.size === 0) return [];
    narrow(inAggs);
  }
  const badAggMembers = f.memberOf && f.memberOf.forbidden.length > 0 ? providersInAnyAggregate(snap, f.memberOf.forbidden) : null;
  const resources = Object.entries(f.resources ?? {});
  for (const [rc, amount] of resources) {
    if (!snap.resourceClassExists(rc)) {
      throw new ApiError(400, ErrorCodes.DEFAULT, `Invalid resource class in resources parameter: No such resource class ${rc}.`);
    }
    const fits = new Set<number>();
    for (const id of snap.withInventory(rc)) if (canAllocate(snap.providers.get(id)!, rc, amount)) fits.add(id);
    narrow(fits);
  }

  const out: number[] = [];
  const candidates: Iterable<number> = allowed ?? snap.providers.keys();
  for (const id of candidates) {
    const p = snap.providers.get(id);
    if (!p) continue;
    if (f.name !== undefined && p.name !== f.name) continue;
    if (f.uuid !== undefined && p.uuid !== f.uuid) continue;
    if (treeRootId !== null && p.rootId !== treeRootId) continue;
    if (forbiddenTraitHolders?.has(id)) continue;
    if (badAggMembers?.has(id)) continue;
    out.push(id);
  }
  return out.sort((a, b) => a - b);
}

function assertTrait(snap: ProviderSnapshot, name: string): void {
  if (!snap.traitExists(name)) {
    throw new ApiError(400, ErrorCodes.DEFAULT, `Invalid trait(s) in "required" parameter: No such trait(s): ${name}.`);
  }
}
