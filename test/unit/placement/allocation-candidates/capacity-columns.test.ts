// The snapshot's capacity columns (providersWithRoom) must answer what canAllocate answers on the
// provider objects, in id order and cut to the limit, through every way the index changes them:
// bulk loads, usage and inventory updates, new providers with lower or higher ids, removals,
// clear and reload, and columns built before or after those changes.
import { describe, expect, it } from 'vitest';
import {
  canAllocate, createSnapshotState, type IndexedInventory, type IndexedProvider, type ProviderRecord, type SnapshotState,
} from '../../../../src/placement/allocation-candidates/provider-snapshot.js';
import { mulberry32 } from '../../../../src/runtime/seeded-random.js';

const next = mulberry32(20261208);
const rnd = (n: number) => next() % n;
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
const CLASSES = ['VCPU', 'MEMORY_MB', 'DISK_GB', 'CUSTOM_GPU'];

function randomRecord(id: number): ProviderRecord {
  const inventories = new Map<string, IndexedInventory>();
  const usages = new Map<string, number>();
  for (const rc of CLASSES) {
    if (rnd(4) === 0) continue;
    const total = 1 + rnd(64);
    inventories.set(rc, {
      total, reserved: rnd(3) === 0 ? rnd(total) : 0, minUnit: pick([1, 1, 2]), maxUnit: pick([total, 8, 1]),
      stepSize: pick([1, 1, 2, 4]), allocationRatio: pick([1, 1.5, 16, 0.9, 3.3]),
    });
    if (rnd(2)) usages.set(rc, rnd(total * 2));
  }
  // a usage of a class without inventory (left by a deleted inventory) is possible in placement
  if (rnd(10) === 0) usages.set(pick(CLASSES), rnd(4));
  return { id, uuid: `rp-${id}`, name: `rp-${id}`, generation: 0, parentId: null, inventories, usages, traits: new Set(), aggregates: new Set() };
}

function expected(state: SnapshotState, amounts: [string, number][], accept: ((p: IndexedProvider) => boolean) | null, limit: number): number[] {
  return [...state.providers.values()]
    .filter((p) => amounts.every(([rc, a]) => canAllocate(p, rc, a)) && (accept === null || accept(p)))
    .map((p) => p.id).sort((a, b) => a - b).slice(0, limit);
}

describe('capacity columns (providersWithRoom)', () => {
  it('equal canAllocate over random providers, changes and requests', () => {
    let checked = 0;
    let nonEmpty = 0;
    for (let round = 0; round < 60; round++) {
      const state = createSnapshotState({ traitExists: () => true, resourceClassExists: () => true, resourceClassId: () => 1 });
      let nextId = 100;
      const load = () => {
        const n = 1 + rnd(40);
        const recs: ProviderRecord[] = [];
        for (let i = 0; i < n; i++) recs.push(randomRecord(nextId += 1 + rnd(3)));
        state.apply(recs, []);
      };
      load();
      for (let step = 0; step < 30; step++) {
        const change = rnd(6);
        const ids = [...state.providers.keys()];
        if (change === 0 && ids.length) {
          // usages or inventories of some providers change (the index re-links them)
          state.apply(Array.from({ length: 1 + rnd(3) }, () => randomRecord(pick(ids))), []);
        } else if (change === 1) {
          // a new provider, with an id above or below the others
          state.apply([randomRecord(rnd(2) ? nextId += 1 + rnd(5) : 1 + rnd(99))], []);
        } else if (change === 2 && ids.length) {
          state.apply([], [pick(ids)]);
        } else if (change === 3 && rnd(4) === 0) {
          state.clear();
          nextId = 100;
          load();
        }
        const amounts: [string, number][] = [];
        for (const rc of CLASSES) if (rnd(2)) amounts.push([rc, 1 + rnd(12)]);
        if (amounts.length === 0) amounts.push(['VCPU', 1]);
        if (rnd(15) === 0) amounts.push(['CUSTOM_NOWHERE', 1]);
        const banned = new Set(ids.filter(() => rnd(5) === 0));
        const accept = rnd(2) ? null : (p: IndexedProvider) => !banned.has(p.id);
        const limit = rnd(3) === 0 ? Infinity : 1 + rnd(10);
        const got = state.providersWithRoom(amounts, accept, limit).map((p) => p.id);
        expect(got).toEqual(expected(state, amounts, accept, limit));
        // the objects handed out are the snapshot's current ones
        for (const id of got) expect(state.providers.get(id)).toBeDefined();
        checked++;
        if (got.length > 0) nonEmpty++;
      }
    }
    expect(checked).toBe(1800);
    expect(nonEmpty).toBeGreaterThan(600);
  });

  it('hands out the provider objects the snapshot holds, after a root change too', () => {
    const state = createSnapshotState({ traitExists: () => true, resourceClassExists: () => true, resourceClassId: () => 1 });
    const inv = new Map([['VCPU', { total: 4, reserved: 0, minUnit: 1, maxUnit: 4, stepSize: 1, allocationRatio: 1 }]]);
    const rec = (id: number, parentId: number | null): ProviderRecord => ({
      id, uuid: `u${id}`, name: `n${id}`, generation: 0, parentId, inventories: inv, usages: new Map(), traits: new Set(), aggregates: new Set(),
    });
    state.apply([rec(1, null), rec(2, null), rec(3, 2)], []);
    expect(state.providersWithRoom([['VCPU', 1]], () => true, Infinity).map((p) => p.rootId)).toEqual([1, 2, 2]);
    // 2 moves under 1: its subtree (3) follows
    state.apply([rec(2, 1)], []);
    const got = state.providersWithRoom([['VCPU', 1]], () => true, Infinity);
    expect(got.map((p) => p.rootId)).toEqual([1, 1, 1]);
    for (const p of got) expect(state.providers.get(p.id)).toBe(p);
  });
});
