// nova/scheduler/client/report.py aggregate_add_host / aggregate_remove_host: a nova host
// aggregate is mirrored into Placement as a provider aggregate of the host's compute node
// provider (looked up by name, not from the cached tree): GET the provider's aggregates with
// their generation, then PUT the set with the one aggregate added or removed.
import type { PlacementClient } from './placement-client.js';

/** A mirroring failure nova names: ResourceProviderNotFound or ResourceProviderUpdateConflict. */
export class AggregateMirrorError extends Error {
  constructor(readonly kind: 'ResourceProviderNotFound' | 'ResourceProviderUpdateConflict', message: string) {
    super(message);
    this.name = kind;
  }
}

/** get_provider_by_name: exactly one provider of that name. */
async function providerByName(pc: PlacementClient, name: string): Promise<string> {
  const found = await pc.providersByName(name);
  if (found.length !== 1) throw new AggregateMirrorError('ResourceProviderNotFound', `No such resource provider ${name}.`);
  return found[0]!.uuid;
}

/** GET the provider's aggregates, let `change` edit the set (false = nothing to do), PUT it with the generation read. */
async function changeAggregates(pc: PlacementClient, rpUuid: string, change: (aggs: Set<string>) => boolean): Promise<void> {
  const { aggregates, generation } = await pc.providerAggregates(rpUuid);
  const next = new Set(aggregates);
  if (!change(next)) return;
  const r = await pc.setProviderAggregates(rpUuid, generation, [...next]);
  if (!r.ok) {
    throw new AggregateMirrorError('ResourceProviderUpdateConflict',
      `A conflict was encountered attempting to update resource provider ${rpUuid} (generation ${generation}): aggregates changed.`);
  }
}

/** aggregate_add_host: no retry; a member already is left alone. */
export async function aggregateAddHost(pc: PlacementClient, aggUuid: string, nodeName: string): Promise<void> {
  const rp = await providerByName(pc, nodeName);
  await changeAggregates(pc, rp, (aggs) => {
    if (aggs.has(aggUuid)) return false;
    aggs.add(aggUuid);
    return true;
  });
}

/** aggregate_remove_host: retried up to 4 times on a generation conflict (@retrying.retry). */
export async function aggregateRemoveHost(pc: PlacementClient, aggUuid: string, nodeName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const rp = await providerByName(pc, nodeName);
      await changeAggregates(pc, rp, (aggs) => aggs.delete(aggUuid));
      return;
    } catch (err) {
      if (!(err instanceof AggregateMirrorError && err.kind === 'ResourceProviderUpdateConflict') || attempt >= 4) throw err;
    }
  }
}
