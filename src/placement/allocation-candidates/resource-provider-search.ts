// GET /resource_providers filtering (name, uuid, member_of, in_tree, required, resources),
// answered from the provider index. OWNER: allocation-candidates work; the placement
// routes call searchResourceProviders and nothing else for filtering.
import type { ProviderIndex } from '../provider-index.js';

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

/** Provider ids matching every filter, ordered by id. Placeholder: only name/uuid. */
export function searchResourceProviders(index: ProviderIndex, f: ResourceProviderFilters): number[] {
  const out: number[] = [];
  for (const p of index.providers().values()) {
    if (f.name !== undefined && p.name !== f.name) continue;
    if (f.uuid !== undefined && p.uuid !== f.uuid) continue;
    out.push(p.id);
  }
  return out.sort((a, b) => a - b);
}
