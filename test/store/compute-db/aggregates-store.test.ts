// The aggregates store's SQL on :memory: — names, hosts and metadata in insertion order, zone
// lookups by host and by metadata, reused ids, reset.
import { beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/db/open-database.js';
import { createComputeStore, type ComputeStore } from '../../../src/compute-db/compute-store.js';
import { aggregateZone } from '../../../src/compute-db/aggregates-store.js';
import { hostAvailabilityZone, zoneForForcedHost } from '../../../src/compute-db/availability-zones.js';

let store: ComputeStore;
let n = 0;
beforeEach(() => {
  n = 0;
  store = createComputeStore(openDatabase(':memory:'), () => new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString());
});
const create = (name: string, zone?: string) => store.aggregates.create({ uuid: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, name, metadata: zone ? { availability_zone: zone } : {} })!;

describe('aggregates store', () => {
  test('names are unique (case-sensitive); rename keeps its own name', () => {
    const a = create('agg');
    expect(store.aggregates.create({ uuid: 'x', name: 'agg' })).toBeNull();
    expect(create('AGG').name).toBe('AGG');
    expect(store.aggregates.rename(a.id, 'AGG')).toBe(false);
    expect(store.aggregates.rename(a.id, 'agg')).toBe(true);
    expect(store.aggregates.get(a.id)!.updatedAt).not.toBeNull();
  });

  test('hosts and metadata keep insertion order; null deletes a key; duplicates refused', () => {
    const a = create('agg', 'az1');
    expect(store.aggregates.addHost(a.id, 'h2')).toBe(true);
    expect(store.aggregates.addHost(a.id, 'h1')).toBe(true);
    expect(store.aggregates.addHost(a.id, 'h1')).toBe(false);
    store.aggregates.updateMetadata(a.id, { z: '1', b: '2', availability_zone: 'az2' });
    store.aggregates.updateMetadata(a.id, { z: null, missing: null });
    const got = store.aggregates.get(a.id)!;
    expect(got.hosts).toEqual(['h2', 'h1']);
    expect(got.metadata).toEqual({ availability_zone: 'az2', b: '2' });
    expect(aggregateZone(got)).toBe('az2');
    expect(store.aggregates.removeHost(a.id, 'h2')).toBe(true);
    expect(store.aggregates.removeHost(a.id, 'h2')).toBe(false);
  });

  test('zone lookups: by host (first zoned aggregate), by metadata, default nova', () => {
    const plain = create('plain');
    const zoned = create('zoned', 'az1');
    store.aggregates.addHost(plain.id, 'h1');
    expect(hostAvailabilityZone(store, 'h1')).toBe('nova');
    store.aggregates.addHost(zoned.id, 'h1');
    expect(hostAvailabilityZone(store, 'h1')).toBe('az1');
    expect(store.aggregates.listByHost('h1').map((a) => a.name)).toEqual(['plain', 'zoned']);
    expect(store.aggregates.listByHost('h1', 'availability_zone').map((a) => a.name)).toEqual(['zoned']);
    expect(store.aggregates.listByMetadata('availability_zone', 'az1').map((a) => a.uuid)).toEqual([zoned.uuid]);
    expect(store.aggregates.listByMetadata('availability_zone', 'az2')).toEqual([]);
    // a forced host keeps the zone only if it is its own
    expect(zoneForForcedHost(store, 'az1', 'h1')).toBe('az1');
    expect(zoneForForcedHost(store, 'nova', 'h1')).toBeNull();
    expect(zoneForForcedHost(store, 'nova', 'h9')).toBe('nova');
    expect(zoneForForcedHost(store, 'az1', 'h9')).toBeNull();
  });

  test('the highest deleted id is reused (SQLite without AUTOINCREMENT, as nova\'s tables); reset empties', () => {
    create('a');
    const b = create('b');
    store.aggregates.delete(b.id);
    expect(create('c').id).toBe(b.id);
    store.clear();
    expect(store.aggregates.list()).toEqual([]);
    expect(create('d').id).toBe(1);
  });
});
