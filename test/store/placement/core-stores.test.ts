// placement-core stores on :memory:: compare-and-swap generations, tree bookkeeping, and the
// rule that every write touching a provider marks it dirty in the provider index.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/db/open-database.js';
import type { ProviderIndex } from '../../../src/placement/provider-index.js';
import { createResourceProvidersStore, type ResourceProvidersStore } from '../../../src/placement/store/resource-providers-store.js';
import { createInventoriesStore, type InventoriesStore } from '../../../src/placement/store/inventories-store.js';
import { createTraitsStore, type TraitsStore } from '../../../src/placement/store/traits-store.js';
import { createAggregatesStore, type AggregatesStore } from '../../../src/placement/store/aggregates-store.js';
import { createResourceClassesStore, type ResourceClassesStore } from '../../../src/placement/store/resource-classes-store.js';

const NOW = '2026-01-01T00:00:00.000Z';

/** An index that only records what it was told. */
function spyIndex(): ProviderIndex & { dirty: number[]; all: number } {
  const spy = {
    dirty: [] as number[],
    all: 0,
    markDirty(id: number) { spy.dirty.push(id); },
    markUsagesDirty(id: number) { spy.dirty.push(id); },
    markAllDirty() { spy.all += 1; },
  };
  return spy as unknown as ProviderIndex & { dirty: number[]; all: number };
}

let db: Db;
let index: ReturnType<typeof spyIndex>;
let providers: ResourceProvidersStore;
let inventories: InventoriesStore;
let traits: TraitsStore;
let aggregates: AggregatesStore;
let classes: ResourceClassesStore;

beforeEach(() => {
  db = openDatabase(':memory:');
  index = spyIndex();
  providers = createResourceProvidersStore(db, index);
  inventories = createInventoriesStore(db, index);
  traits = createTraitsStore(db, index);
  aggregates = createAggregatesStore(db, index);
  classes = createResourceClassesStore(db);
  classes.syncStandard(NOW);
  traits.syncStandard(NOW);
});

describe('resource providers', () => {
  it('roots a provider at itself, a child at its parent\'s root', () => {
    const root = providers.create({ uuid: 'r', name: 'root', parentId: null, rootId: null }, NOW);
    const child = providers.create({ uuid: 'c', name: 'child', parentId: root.id, rootId: root.root_provider_id }, NOW);
    expect(root.root_provider_uuid).toBe('r');
    expect(child).toMatchObject({ parent_provider_uuid: 'r', root_provider_uuid: 'r' });
    expect(providers.subtreeIds(root.id)).toEqual([root.id, child.id]);
    expect(index.dirty).toEqual([root.id, child.id]);
  });
  it('bumps the generation only from the expected value', () => {
    const p = providers.create({ uuid: 'p', name: 'p', parentId: null, rootId: null }, NOW);
    expect(providers.incrementGeneration(p.id, 0, NOW)).toBe(true);
    expect(providers.incrementGeneration(p.id, 0, NOW)).toBe(false);
    expect(providers.byUuid('p')!.generation).toBe(1);
  });
  it('re-roots a whole subtree', () => {
    const a = providers.create({ uuid: 'a', name: 'a', parentId: null, rootId: null }, NOW);
    const b = providers.create({ uuid: 'b', name: 'b', parentId: a.id, rootId: a.id }, NOW);
    const c = providers.create({ uuid: 'c', name: 'c', parentId: b.id, rootId: a.id }, NOW);
    index.dirty.length = 0;
    providers.reparent(b.id, null, b.id, providers.subtreeIds(b.id), NOW);
    expect(providers.byUuid('c')).toMatchObject({ parent_provider_uuid: 'b', root_provider_uuid: 'b' });
    expect(index.dirty.sort()).toEqual([b.id, c.id].sort());
  });
  it('deletes a provider with its inventories, traits and aggregates', () => {
    const p = providers.create({ uuid: 'p', name: 'p', parentId: null, rootId: null }, NOW);
    inventories.insert(p.id, classes.idOf('VCPU')!, { total: 1, reserved: 0, min_unit: 1, max_unit: 1, step_size: 1, allocation_ratio: 1 }, NOW);
    traits.setForProvider(p.id, [traits.byName('HW_CPU_X86_AVX')!.id]);
    aggregates.setForProvider(p.id, ['agg-1']);
    index.dirty.length = 0;
    providers.delete(p.id);
    expect(providers.byUuid('p')).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) FROM inventories').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM resource_provider_traits').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM resource_provider_aggregates').pluck().get()).toBe(0);
    expect(index.dirty).toEqual([p.id]);
  });
});

describe('every provider write marks the index', () => {
  it('inventories, traits and aggregates', () => {
    const p = providers.create({ uuid: 'p', name: 'p', parentId: null, rootId: null }, NOW);
    const writes: [string, () => unknown][] = [
      ['insert inventory', () => inventories.insert(p.id, 0, { total: 1, reserved: 0, min_unit: 1, max_unit: 1, step_size: 1, allocation_ratio: 1 }, NOW)],
      ['update inventory', () => inventories.update(p.id, 0, { total: 2, reserved: 0, min_unit: 1, max_unit: 1, step_size: 1, allocation_ratio: 1 }, NOW)],
      ['delete inventory', () => inventories.delete(p.id, [0])],
      ['set traits', () => traits.setForProvider(p.id, [1])],
      ['clear traits', () => traits.deleteForProvider(p.id)],
      ['set aggregates', () => aggregates.setForProvider(p.id, ['agg'])],
      ['rename', () => providers.rename(p.id, 'q', NOW)],
    ];
    for (const [name, write] of writes) {
      index.dirty.length = 0;
      write();
      expect(index.dirty, name).toContain(p.id);
    }
  });
});

describe('resource classes', () => {
  it('keeps standard ids and numbers custom classes from 10000; the cache follows writes', () => {
    expect(classes.idOf('VCPU')).toBe(0);
    expect(classes.createCustom('CUSTOM_A', NOW).id).toBe(10000);
    expect(classes.createCustom('CUSTOM_B', NOW).id).toBe(10001);
    classes.rename(10000, 'CUSTOM_C', NOW);
    expect(classes.idOf('CUSTOM_C')).toBe(10000);
    expect(classes.idOf('CUSTOM_A')).toBeUndefined();
    db.prepare('DELETE FROM resource_classes').run();
    classes.syncStandard(NOW);
    expect(classes.idOf('VCPU')).toBe(0);
    expect(classes.idOf('CUSTOM_B')).toBeUndefined();
  });
});
