// Migration 160's provider_usage (kept by triggers on allocations) against the sums it stands
// for, and the provider index's generation-and-usages refresh against a full load, over random
// writes.
import { beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase, type Db } from '../../../src/db/open-database.js';
import { createProviderIndex } from '../../../src/placement/provider-index.js';
import { seededRandom as rng } from '../../../src/runtime/seeded-random.js';

const NOW = '2026-01-01T00:00:00Z';
let db: Db;


function setUp(providers: number, classes: number): { rps: number[]; rcs: number[] } {
  const rcs = Array.from({ length: classes }, (_, i) => Number(db.prepare('INSERT INTO resource_classes (name, created_at) VALUES (?, ?)').run(`CUSTOM_C${i}`, NOW).lastInsertRowid));
  const rps = Array.from({ length: providers }, (_, i) => {
    const id = Number(db.prepare('INSERT INTO resource_providers (uuid, name, created_at) VALUES (?, ?, ?)').run(`uuid-${i}`, `rp-${i}`, NOW).lastInsertRowid);
    db.prepare('UPDATE resource_providers SET root_provider_id = ? WHERE id = ?').run(id, id);
    for (const rc of rcs) {
      db.prepare(`INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio, created_at)
        VALUES (?, ?, 1000, 0, 1, 1000, 1, 1.0, ?)`).run(id, rc, NOW);
    }
    return id;
  });
  return { rps, rcs };
}

const kept = () => db.prepare('SELECT resource_provider_id AS rp, resource_class_id AS rc, n, used FROM provider_usage ORDER BY 1, 2').all();
const summed = () => db.prepare(`SELECT resource_provider_id AS rp, resource_class_id AS rc, COUNT(*) AS n, SUM(used) AS used
  FROM allocations GROUP BY 1, 2 ORDER BY 1, 2`).all();

beforeEach(() => {
  db = openDatabase(':memory:');
});

describe('provider_usage', () => {
  it('equals the GROUP BY over allocations after every insert, delete, update and consumer wipe', () => {
    const { rps, rcs } = setUp(4, 3);
    const r = rng(160);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const insert = db.prepare('INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES (?, ?, ?, ?, ?)');
    for (let step = 0; step < 600; step++) {
      const ids = db.prepare('SELECT id FROM allocations').pluck().all() as number[];
      const op = r();
      if (op < 0.45 || ids.length === 0) insert.run(pick(rps), `consumer-${Math.floor(r() * 20)}`, pick(rcs), 1 + Math.floor(r() * 50), NOW);
      else if (op < 0.7) db.prepare('DELETE FROM allocations WHERE id = ?').run(pick(ids));
      else if (op < 0.8) db.prepare('DELETE FROM allocations WHERE consumer_id = ?').run(`consumer-${Math.floor(r() * 20)}`);
      else if (op < 0.9) db.prepare('UPDATE allocations SET used = ? WHERE id = ?').run(1 + Math.floor(r() * 50), pick(ids));
      else db.prepare('UPDATE allocations SET resource_provider_id = ?, resource_class_id = ? WHERE id = ?').run(pick(rps), pick(rcs), pick(ids));
      expect(kept(), `step ${step}`).toEqual(summed());
    }
    db.prepare('DELETE FROM allocations').run();
    expect(kept()).toEqual([]);
  });

  it('is filled from the allocations already there when the migration runs', () => {
    // the migrations before 160 on one database, allocations written, then 160 applied to it
    const all = fileURLToPath(new URL('../../../migrations/', import.meta.url));
    const before = mkdtempSync(join(tmpdir(), 'migrations-'));
    for (const f of readdirSync(all)) if (f < '160') copyFileSync(join(all, f), join(before, f));
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    const { rps, rcs } = setUp(2, 2);
    const insert = db.prepare('INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES (?, ?, ?, ?, ?)');
    insert.run(rps[0], 'c1', rcs[1], 7, NOW);
    insert.run(rps[0], 'c2', rcs[1], 5, NOW);
    insert.run(rps[1], 'c2', rcs[0], 2, NOW);
    expect(migrate(db, all)[0]).toBe('160_provider_usage.sql');
    expect(kept()).toEqual(summed());
    expect(kept()).toHaveLength(2);
    rmSync(before, { recursive: true });
  });
});

describe('provider index: generation and usages refresh', () => {
  it('shows what a full load shows, whichever way the providers were marked', () => {
    const { rps, rcs } = setUp(5, 3);
    const names = new Map(rcs.map((id, i) => [id, `CUSTOM_C${i}`]));
    const traitIds = ['CUSTOM_T1', 'CUSTOM_T2'].map((t) => Number(db.prepare('INSERT INTO traits (name, created_at) VALUES (?, ?)').run(t, NOW).lastInsertRowid));
    const index = createProviderIndex(db);
    index.snapshot();
    const r = rng(20);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let step = 0; step < 400; step++) {
      const rp = pick(rps);
      const op = r();
      if (op < 0.4) {
        db.prepare('INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(rp, `c-${step}`, pick(rcs), 1 + Math.floor(r() * 9), NOW);
        db.prepare('UPDATE resource_providers SET generation = generation + 1 WHERE id = ?').run(rp);
        index.markUsagesDirty(rp);
      } else if (op < 0.7) {
        const ids = db.prepare('SELECT id FROM allocations WHERE resource_provider_id = ?').pluck().all(rp) as number[];
        if (ids.length) db.prepare('DELETE FROM allocations WHERE id = ?').run(pick(ids));
        index.markUsagesDirty(rp);
      } else if (op < 0.85) {
        // a trait change marks the provider fully, its generation move marks usages: the full mark wins
        const t = pick(traitIds);
        if (db.prepare('DELETE FROM resource_provider_traits WHERE resource_provider_id = ? AND trait_id = ?').run(rp, t).changes === 0) {
          db.prepare('INSERT INTO resource_provider_traits VALUES (?, ?)').run(rp, t);
        }
        index.markDirty(rp);
        db.prepare('UPDATE resource_providers SET generation = generation + 1 WHERE id = ?').run(rp);
        index.markUsagesDirty(rp);
      } else {
        db.prepare('UPDATE inventories SET total = ? WHERE resource_provider_id = ? AND resource_class_id = ?').run(500 + Math.floor(r() * 500), rp, pick(rcs));
        index.markDirty(rp);
      }
      if (r() < 0.3) {
        const full = createProviderIndex(db).snapshot().providers;
        const seen = index.snapshot().providers;
        // (Map order is refresh order, as with any per-provider refresh)
        expect([...seen.keys()].sort(), `step ${step}`).toEqual([...full.keys()].sort());
        for (const [id, p] of full) {
          const q = seen.get(id)!;
          expect({ ...q, usages: [...q.usages], traits: [...q.traits], inventories: [...q.inventories], aggregates: [...q.aggregates] }, `step ${step} provider ${id}`)
            .toEqual({ ...p, usages: [...p.usages], traits: [...p.traits], inventories: [...p.inventories], aggregates: [...p.aggregates] });
        }
      }
    }
    expect(names.size).toBe(3);
  });
});
