// GET /allocation_candidates latency, measured through the HTTP layer (loopback socket):
//  - N = 10, 100, 1000 flat compute nodes loaded through the REST API like the conformance kit's
//    perf-load.sh, beside the real Placement's recorded figures (goal: >= 10x faster);
//  - N = 10000 flat compute nodes (goal: p50 < 100 ms), and 1000 nested compute trees sharing
//    two storage pools through an aggregate (the multi-provider path), both written straight
//    into SQLite for a fast untimed setup (the index then loads them in one bulk read).
import { randomUUID } from 'node:crypto';
import type { BenchCase, BenchFixture, BenchTarget } from './lib/bench-case.js';
import { PERF_INVENTORY, providersFixture } from './lib/placement-load.js';
import { realPlacementFigure } from './lib/real-placement-figures.js';

const QUERY = '/allocation_candidates?resources=VCPU:1,MEMORY_MB:512,DISK_GB:10';

/**
 * One request, body read in full as bytes (as the real Placement's figures were taken:
 * perf_tool.py stops the clock after r.read(), before decoding or json.loads). The count check
 * scans the bytes instead of decoding and parsing 4 MB.
 */
async function expectCandidates(t: BenchTarget, path: string, count: number): Promise<void> {
  const res = await t.http.placement('GET', path, { expect: [200] });
  let got = 0;
  for (let at = res.bytes.indexOf('{"allocations":'); at >= 0; at = res.bytes.indexOf('{"allocations":', at + 1)) got++;
  if (got !== count) throw new Error(`expected ${count} allocation requests, got ${got}`);
}

interface SqlProvider {
  name: string;
  parent?: number;
  inventory?: Record<string, { total: number; allocation_ratio: number; max_unit: number }>;
  traits?: string[];
  aggregates?: string[];
}

/** Insert providers (parents before children) in one transaction; returns their ids. */
function insertProviders(t: BenchTarget, providers: readonly SqlProvider[]): number[] {
  const db = t.services.runtime.db;
  const now = new Date().toISOString();
  const idOf = (table: string, name: string) => {
    const id = db.prepare(`SELECT id FROM ${table} WHERE name = ?`).pluck().get(name) as number | undefined;
    if (id === undefined) throw new Error(`${table} has no ${name} (standard names not synced?)`);
    return id;
  };
  const insRp = db.prepare('INSERT INTO resource_providers (uuid, name, generation, parent_provider_id, root_provider_id, created_at) VALUES (?, ?, 1, ?, ?, ?)');
  const setRoot = db.prepare('UPDATE resource_providers SET root_provider_id = ? WHERE id = ?');
  const insInv = db.prepare(`INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio, created_at)
    VALUES (?, ?, ?, 0, 1, ?, 1, ?, ?)`);
  const insTrait = db.prepare('INSERT INTO resource_provider_traits (resource_provider_id, trait_id) VALUES (?, ?)');
  const insAgg = db.prepare('INSERT OR IGNORE INTO placement_aggregates (uuid) VALUES (?)');
  const aggId = db.prepare('SELECT id FROM placement_aggregates WHERE uuid = ?').pluck();
  const insRpAgg = db.prepare('INSERT INTO resource_provider_aggregates (resource_provider_id, aggregate_id) VALUES (?, ?)');
  const ids: number[] = [];
  const roots: number[] = [];
  db.transaction(() => {
    for (const p of providers) {
      const parentId = p.parent === undefined ? null : ids[p.parent]!;
      const id = Number(insRp.run(randomUUID(), p.name, parentId, null, now).lastInsertRowid);
      const root = parentId === null ? id : roots[p.parent!]!;
      setRoot.run(root, id);
      ids.push(id);
      roots.push(root);
      for (const [rc, inv] of Object.entries(p.inventory ?? {})) insInv.run(id, idOf('resource_classes', rc), inv.total, inv.max_unit, inv.allocation_ratio, now);
      for (const trait of p.traits ?? []) insTrait.run(id, idOf('traits', trait));
      for (const agg of p.aggregates ?? []) { insAgg.run(agg); insRpAgg.run(id, aggId.get(agg)); }
    }
  })();
  t.services.placement.index.markAllDirty();
  return ids;
}

function sqlFlatFixture(n: number): BenchFixture {
  return {
    name: `sql-providers-${n}`,
    async setup(t) {
      insertProviders(t, Array.from({ length: n }, (_, i) => ({ name: `perf-rp-${String(i).padStart(5, '0')}`, inventory: PERF_INVENTORY })));
    },
  };
}

/** 1000 trees: compute root (MEMORY_MB) -> 2 NUMA nodes (VCPU) -> 1 PF each (SRIOV_NET_VF); 2 shared DISK_GB pools. */
function nestedSharingFixture(trees: number): BenchFixture {
  return {
    name: `nested-sharing-${trees}`,
    async setup(t) {
      const agg = randomUUID();
      const list: SqlProvider[] = [];
      for (const s of [0, 1]) {
        list.push({ name: `shared-disk-${s}`, inventory: { DISK_GB: { total: 100000, allocation_ratio: 1, max_unit: 100000 } }, traits: ['MISC_SHARES_VIA_AGGREGATE'], aggregates: [agg] });
      }
      for (let i = 0; i < trees; i++) {
        const root = list.length;
        list.push({ name: `cn-${i}`, inventory: { MEMORY_MB: PERF_INVENTORY.MEMORY_MB }, aggregates: [agg] });
        for (const numa of [0, 1]) {
          const numaIdx = list.length;
          list.push({ name: `cn-${i}-numa${numa}`, parent: root, inventory: { VCPU: { total: 32, allocation_ratio: 16, max_unit: 32 } }, traits: ['HW_NUMA_ROOT'] });
          list.push({ name: `cn-${i}-numa${numa}-pf`, parent: numaIdx, inventory: { SRIOV_NET_VF: { total: 8, allocation_ratio: 1, max_unit: 8 } } });
        }
      }
      insertProviders(t, list);
    },
  };
}

export const cases: BenchCase[] = [
  ...[10, 100, 1000].map((n): BenchCase => ({
    kind: 'latency',
    name: `placement/GET /allocation_candidates/N=${n}`,
    fixture: providersFixture(n),
    iterations: 20,
    warmup: 2,
    reference: realPlacementFigure(n, 'GET /allocation_candidates'),
    targetSpeedup: 10,
    run: (t) => expectCandidates(t, QUERY, n),
  })),
  {
    kind: 'latency',
    name: 'placement/GET /allocation_candidates/N=10000',
    fixture: sqlFlatFixture(10_000),
    iterations: 20,
    warmup: 2,
    run: (t) => expectCandidates(t, QUERY, 10_000),
  },
  {
    kind: 'latency',
    name: 'placement/GET /allocation_candidates/N=10000 limit=1000',
    fixture: sqlFlatFixture(10_000),
    iterations: 20,
    warmup: 2,
    run: (t) => expectCandidates(t, `${QUERY}&limit=1000`, 1000),
  },
  {
    // 1000 trees x 2 NUMA nodes x 2 disk pools: 4000 candidates through the multi-provider path.
    kind: 'latency',
    name: 'placement/GET /allocation_candidates/nested+sharing 1000 trees',
    fixture: nestedSharingFixture(1000),
    iterations: 20,
    warmup: 2,
    run: (t) => expectCandidates(t, QUERY, 4000),
  },
  {
    // Granular: VCPU from a NUMA node with its PF's VF in the same subtree, disk shared.
    kind: 'latency',
    name: 'placement/GET /allocation_candidates/nested+sharing granular same_subtree',
    fixture: nestedSharingFixture(1000),
    iterations: 20,
    warmup: 2,
    run: (t) => expectCandidates(t,
      '/allocation_candidates?resources=MEMORY_MB:512,DISK_GB:10&resources_CPU=VCPU:1&resources_NET=SRIOV_NET_VF:1'
      + '&same_subtree=_CPU,_NET&group_policy=none', 4000),
  },
];
