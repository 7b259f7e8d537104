// The provider index over real SQLite: bulk load, per-provider refresh of what was marked
// dirty, roots derived from parent links, deletions, and the name lookups.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/db/open-database.js';
import { createProviderIndex, type ProviderIndex } from '../../../src/placement/provider-index.js';

let db: Db;
let index: ProviderIndex;
const NOW = '2026-01-01T00:00:00Z';

function rc(name: string): number {
  db.prepare('INSERT OR IGNORE INTO resource_classes (name, created_at) VALUES (?, ?)').run(name, NOW);
  return db.prepare('SELECT id FROM resource_classes WHERE name = ?').pluck().get(name) as number;
}
function trait(name: string): number {
  db.prepare('INSERT OR IGNORE INTO traits (name, created_at) VALUES (?, ?)').run(name, NOW);
  return db.prepare('SELECT id FROM traits WHERE name = ?').pluck().get(name) as number;
}
function provider(name: string, parent: number | null = null): number {
  const id = Number(db.prepare('INSERT INTO resource_providers (uuid, name, parent_provider_id, created_at) VALUES (?, ?, ?, ?)')
    .run(`uuid-${name}`, name, parent, NOW).lastInsertRowid);
  db.prepare('UPDATE resource_providers SET root_provider_id = ? WHERE id = ?').run(parent === null ? id : parent, id);
  return id;
}
function inventory(rp: number, name: string, total: number): void {
  db.prepare(`INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio, created_at)
    VALUES (?, ?, ?, 0, 1, ?, 1, 1.0, ?)`).run(rp, rc(name), total, total, NOW);
}
function allocate(rp: number, name: string, used: number): void {
  db.prepare('INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(rp, `consumer-${used}`, rc(name), used, NOW);
}

beforeEach(() => {
  db = openDatabase(':memory:');
  index = createProviderIndex(db);
});

describe('provider index', () => {
  it('loads everything on first read', () => {
    const cn = provider('cn');
    inventory(cn, 'VCPU', 8);
    allocate(cn, 'VCPU', 3);
    db.prepare('INSERT INTO resource_provider_traits VALUES (?, ?)').run(cn, trait('CUSTOM_B'));
    db.prepare('INSERT INTO resource_provider_traits VALUES (?, ?)').run(cn, trait('CUSTOM_A'));
    db.prepare('INSERT INTO placement_aggregates (uuid) VALUES (?)').run('agg-1');
    db.prepare('INSERT INTO resource_provider_aggregates VALUES (?, 1)').run(cn);
    const snap = index.snapshot();
    const p = snap.providers.get(cn)!;
    expect(p.inventories.get('VCPU')).toMatchObject({ total: 8, maxUnit: 8, allocationRatio: 1 });
    expect(p.usages.get('VCPU')).toBe(3);
    // trait id order, not name order
    expect([...p.traits]).toEqual(['CUSTOM_B', 'CUSTOM_A']);
    expect([...snap.inAggregate('agg-1')]).toEqual([cn]);
    expect([...snap.withInventory('VCPU')]).toEqual([cn]);
    expect(snap.traitExists('CUSTOM_A')).toBe(true);
    expect(snap.resourceClassExists('NOPE')).toBe(false);
  });

  it('refreshes only the providers marked dirty', () => {
    const a = provider('a');
    const b = provider('b');
    inventory(a, 'VCPU', 8);
    inventory(b, 'VCPU', 8);
    index.snapshot();
    allocate(a, 'VCPU', 2);
    allocate(b, 'VCPU', 5);
    index.markDirty(a);
    const snap = index.snapshot();
    expect(snap.providers.get(a)!.usages.get('VCPU')).toBe(2);
    // b was not marked: the index still shows its old state (marking is the stores' duty)
    expect(snap.providers.get(b)!.usages.get('VCPU')).toBeUndefined();
    index.markAllDirty();
    expect(index.snapshot().providers.get(b)!.usages.get('VCPU')).toBe(5);
  });

  it('derives roots from parents, so a moved provider carries its subtree', () => {
    const cn1 = provider('cn1');
    const cn2 = provider('cn2');
    const numa = provider('numa', cn1);
    const pf = provider('pf', numa);
    let snap = index.snapshot();
    expect(snap.providers.get(pf)!.rootId).toBe(cn1);
    expect(snap.hasTrees).toBe(true);
    // Re-parent numa under cn2; only numa is marked (pf's root column is not even updated).
    db.prepare('UPDATE resource_providers SET parent_provider_id = ?, root_provider_id = ? WHERE id = ?').run(cn2, cn2, numa);
    index.markDirty(numa);
    snap = index.snapshot();
    expect(snap.providers.get(numa)!.rootId).toBe(cn2);
    expect(snap.providers.get(pf)!.rootId).toBe(cn2);
    expect([...snap.treeMembers(cn2)].sort()).toEqual([cn2, numa, pf].sort());
    expect([...snap.treeMembers(cn1)]).toEqual([cn1]);
  });

  it('drops deleted providers from every derived set', () => {
    const cn = provider('cn');
    const child = provider('child', cn);
    inventory(child, 'VCPU', 4);
    db.prepare('INSERT INTO resource_provider_traits VALUES (?, ?)').run(child, trait('CUSTOM_X'));
    expect(index.snapshot().hasTrees).toBe(true);
    db.prepare('DELETE FROM inventories WHERE resource_provider_id = ?').run(child);
    db.prepare('DELETE FROM resource_provider_traits WHERE resource_provider_id = ?').run(child);
    db.prepare('DELETE FROM resource_providers WHERE id = ?').run(child);
    index.markDirty(child);
    const snap = index.snapshot();
    expect(snap.providers.has(child)).toBe(false);
    expect(snap.withInventory('VCPU').size).toBe(0);
    expect(snap.withTrait('CUSTOM_X').size).toBe(0);
    expect([...snap.treeMembers(cn)]).toEqual([cn]);
    expect(snap.hasTrees).toBe(false);
    expect(snap.providerByUuid('uuid-child')).toBeUndefined();
  });

  it('switches to one bulk load when much is dirty', () => {
    const ids = Array.from({ length: 300 }, (_, i) => provider(`p${i}`));
    index.snapshot();
    for (const id of ids) { inventory(id, 'DISK_GB', 100); index.markDirty(id); }
    expect(index.snapshot().withInventory('DISK_GB').size).toBe(300);
  });
});
