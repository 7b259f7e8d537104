// The GET /allocation_candidates body per microversion (handlers/allocation_candidate.py):
//   allocation_requests: list form before 1.12, dict form from 1.12, + mappings from 1.34
//   provider_summaries: requested classes only before 1.27 (all from 1.27), traits from 1.17,
//                       parent/root provider uuids from 1.29
import type { Microversion } from '../../http/microversion.js';
import type { CandidateRequest } from './candidate-request.js';
import type { AllocationCandidates } from './find-allocation-candidates.js';
import { capacityOf, type ProviderSnapshot } from './provider-snapshot.js';

interface SummaryResource { capacity: number; used: number }
interface ProviderSummary {
  resources: Record<string, SummaryResource>;
  traits?: string[];
  parent_provider_uuid?: string | null;
  root_provider_uuid?: string;
}

export interface AllocationCandidatesBody {
  allocation_requests: unknown[];
  provider_summaries: Record<string, ProviderSummary>;
}

export function renderAllocationCandidates(
  snap: ProviderSnapshot, found: AllocationCandidates, req: CandidateRequest, version: Microversion,
): AllocationCandidatesBody {
  const uuid = (id: number) => snap.providers.get(id)!.uuid;
  const dictForm = version.atLeast('1.12');
  const withMappings = version.atLeast('1.34');

  const allocationRequests: unknown[] = new Array(found.allocationRequests.length);
  let i = 0;
  for (const c of found.allocationRequests) {
    if (dictForm) {
      const allocations: Record<string, { resources: Record<string, number> }> = {};
      for (const r of c.resources) {
        const u = uuid(r.providerId);
        (allocations[u] ??= { resources: {} }).resources[r.resourceClass] = r.amount;
      }
      if (withMappings) {
        const mappings: Record<string, string[]> = {};
        for (const [suffix, ids] of c.mappings) mappings[suffix] = ids.map(uuid);
        allocationRequests[i++] = { allocations, mappings };
      } else {
        allocationRequests[i++] = { allocations };
      }
    } else {
      const byProvider = new Map<string, Record<string, number>>();
      for (const r of c.resources) {
        const u = uuid(r.providerId);
        let res = byProvider.get(u);
        if (!res) { res = {}; byProvider.set(u, res); }
        res[r.resourceClass] = r.amount;
      }
      allocationRequests[i++] = {
        allocations: [...byProvider].map(([u, resources]) => ({ resource_provider: { uuid: u }, resources })),
      };
    }
  }

  const allResources = version.atLeast('1.27');
  const requested = new Set<string>();
  if (!allResources) for (const g of req.groups) for (const rc of g.resources.keys()) requested.add(rc);
  const withTraits = version.atLeast('1.17');
  const nested = version.atLeast('1.29');
  const summaries: Record<string, ProviderSummary> = {};
  for (const id of found.summaryProviderIds) {
    const p = snap.providers.get(id)!;
    const resources: Record<string, SummaryResource> = {};
    for (const [rc, inv] of p.inventories) {
      if (!allResources && !requested.has(rc)) continue;
      resources[rc] = { capacity: capacityOf(inv), used: p.usages.get(rc) ?? 0 };
    }
    const s: ProviderSummary = { resources };
    if (withTraits) s.traits = [...p.traits].sort();
    if (nested) {
      s.parent_provider_uuid = p.parentId === null ? null : uuid(p.parentId);
      s.root_provider_uuid = uuid(p.rootId);
    }
    summaries[p.uuid] = s;
  }
  return { allocation_requests: allocationRequests, provider_summaries: summaries };
}
