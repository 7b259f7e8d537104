// report.py aggregate_add_host / aggregate_remove_host over a scripted Placement: GET then PUT
// with the generation read, nothing written when there is nothing to change, add not retried,
// remove retried up to 4 times on a generation conflict, a missing provider named as nova does.
import { describe, expect, test } from 'vitest';
import type { PlacementClient } from '../../../src/placement-client/placement-client.js';
import { AggregateMirrorError, aggregateAddHost, aggregateRemoveHost } from '../../../src/placement-client/aggregate-mirroring.js';

function fakePlacement(o: { providers?: string[]; aggregates?: string[]; conflicts?: number } = {}) {
  const state = { aggregates: [...(o.aggregates ?? [])], generation: 5, conflicts: o.conflicts ?? 0, puts: [] as { generation: number; aggregates: string[] }[] };
  const pc = {
    async providersByName(name: string) { return (o.providers ?? ['rp1']).map((uuid) => ({ uuid, name, generation: state.generation })); },
    async providerAggregates() { return { aggregates: [...state.aggregates], generation: state.generation }; },
    async setProviderAggregates(_uuid: string, generation: number, aggregates: readonly string[]) {
      state.puts.push({ generation, aggregates: [...aggregates] });
      if (state.conflicts > 0) { state.conflicts--; state.generation++; return { ok: false }; }
      state.aggregates = [...aggregates];
      state.generation++;
      return { ok: true, generation: state.generation };
    },
  } as unknown as PlacementClient;
  return { pc, state };
}

describe('aggregate mirroring', () => {
  test('add keeps the other aggregates and sends the generation it read; a member already is not written', async () => {
    const { pc, state } = fakePlacement({ aggregates: ['other'] });
    await aggregateAddHost(pc, 'agg', 'host1');
    expect(state.puts).toEqual([{ generation: 5, aggregates: ['other', 'agg'] }]);
    await aggregateAddHost(pc, 'agg', 'host1');
    expect(state.puts).toHaveLength(1);
  });

  test('add is not retried on a conflict', async () => {
    const { pc, state } = fakePlacement({ conflicts: 1 });
    await expect(aggregateAddHost(pc, 'agg', 'host1')).rejects.toMatchObject({ kind: 'ResourceProviderUpdateConflict' });
    expect(state.puts).toHaveLength(1);
  });

  test('remove retries a conflict (4 attempts in all), then gives up', async () => {
    const ok = fakePlacement({ aggregates: ['agg', 'other'], conflicts: 3 });
    await aggregateRemoveHost(ok.pc, 'agg', 'host1');
    expect(ok.state.aggregates).toEqual(['other']);
    expect(ok.state.puts.map((p) => p.generation)).toEqual([5, 6, 7, 8]);
    const stuck = fakePlacement({ aggregates: ['agg'], conflicts: 4 });
    await expect(aggregateRemoveHost(stuck.pc, 'agg', 'host1')).rejects.toBeInstanceOf(AggregateMirrorError);
    expect(stuck.state.puts).toHaveLength(4);
  });

  test('remove of an aggregate the provider is not in writes nothing; no provider is ResourceProviderNotFound', async () => {
    const { pc, state } = fakePlacement({ aggregates: ['other'] });
    await aggregateRemoveHost(pc, 'agg', 'host1');
    expect(state.puts).toEqual([]);
    const none = fakePlacement({ providers: [] });
    await expect(aggregateAddHost(none.pc, 'agg', 'host1')).rejects.toMatchObject({ kind: 'ResourceProviderNotFound' });
  });
});
