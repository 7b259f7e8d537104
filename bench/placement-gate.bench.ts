// Placement's own gate benchmark (openstack/placement gate/perfload-runner.sh and
// perfload-nested-runner.sh), run side by side against novamock's Placement (standalone
// listener of `node dist/bundle/main.mjs`) and the real Placement 8.0.0 (the conformance kit's
// start-real-placement.sh: uwsgi, 1 process, SQLite) on the same machine, in the same run:
//  - flat: providers loaded as placeload does (POST, inventory, 1-3 of its 3 aggregates, and
//    the trait the gate's query requires: placeload 0.3.0's trait step, HW_CPU_X86_AVX2 on every
//    provider here), 99 allocations written from candidates as load_candidates does, then ab
//    -c 10 -n 500 of GET /allocation_candidates?resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&
//    member_of=<aggregate>&required=HW_CPU_X86_AVX2;
//  - nested: 1000 trees of 7 providers as gate/gabbits/nested-perfload.yaml builds one, 10
//    allocations, then ab -c 10 -n 500 of the same_subtree query of perfload-nested-runner.sh.
// req/s and p99 for both. BENCH_GATE_PROVIDERS, BENCH_GATE_TREES, BENCH_GATE_REQUESTS size it
// (--quick: 200, 100, 100); BENCH_GATE_REAL=0 leaves the real Placement out.
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import type { BenchCase, BenchHttp, BenchMetric } from './lib/bench-case.js';
import { createBenchHttp } from './lib/bench-http.js';
import { startBundle } from './lib/bundle-server.js';
import { generateLoad } from './lib/load-generator.js';

const QUICK = Boolean(process.env.BENCH_QUICK);
const PORT = Number(process.env.BENCH_GATE_PORT ?? 18760);
const REAL_PORT = Number(process.env.BENCH_GATE_REAL_PORT ?? PORT + 5);
const PROVIDERS = Number(process.env.BENCH_GATE_PROVIDERS ?? (QUICK ? 200 : 1000));
const TREES = Number(process.env.BENCH_GATE_TREES ?? (QUICK ? 100 : 1000));
const REQUESTS = Number(process.env.BENCH_GATE_REQUESTS ?? (QUICK ? 100 : 500));
const WITH_REAL = process.env.BENCH_GATE_REAL !== '0';
const KIT = process.env.BENCH_GATE_KIT ?? '/work/shared/conformance/placement';
const LOADERS = 10;

const AGGREGATES = ['14a5c8a3-5a99-4e8f-88be-00d85fcb1c17', '66d98e7c-3c25-485d-a0dc-1cea651884de', 'a59dbb28-fd98-4c6e-9ec5-ae5f3d04b0aa'];
const FLAT_QUERY = `/allocation_candidates?resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&member_of=${AGGREGATES[0]}&required=HW_CPU_X86_AVX2`;
const NESTED_QUERY = '/allocation_candidates?resources=DISK_GB:10&required=COMPUTE_VOLUME_MULTI_ATTACH&resources_COMPUTE=VCPU:1,MEMORY_MB:256'
  + '&required_COMPUTE=CUSTOM_FOO&resources_FPGA=FPGA:1&group_policy=none&same_subtree=_COMPUTE,_FPGA';
const HEADERS = { 'x-auth-token': 'admin', 'openstack-api-version': 'placement latest', accept: 'application/json' };

const latest = { version: 'latest', expect: [200, 201, 204] } as const;

async function inParallel(n: number, width: number, one: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => { while (next < n) await one(next++); }));
}

/** placeload: provider named by its uuid, inventory (generation 0), aggregates (1), trait (2). */
async function placeload(http: BenchHttp, count: number, first: number): Promise<void> {
  const inventories = {
    MEMORY_MB: { total: 8192, min_unit: 128, max_unit: 8192 },
    DISK_GB: { total: 8192, min_unit: 5, max_unit: 8192 },
    VCPU: { total: 32, min_unit: 1, max_unit: 16 },
  };
  await inParallel(count, LOADERS, async (i) => {
    const uuid = randomUUID();
    await http.placement('POST', '/resource_providers', { ...latest, body: { uuid, name: uuid } });
    await http.placement('PUT', `/resource_providers/${uuid}/inventories`, { ...latest, body: { resource_provider_generation: 0, inventories } });
    await http.placement('PUT', `/resource_providers/${uuid}/aggregates`, { ...latest, body: { resource_provider_generation: 1, aggregates: AGGREGATES.slice(0, ((first + i) % 3) + 1) } });
    await http.placement('PUT', `/resource_providers/${uuid}/traits`, { ...latest, body: { resource_provider_generation: 2, traits: ['HW_CPU_X86_AVX2'] } });
  });
}

/** One tree of gate/gabbits/nested-perfload.yaml (7 providers). */
async function nestedTree(http: BenchHttp): Promise<void> {
  const [cn, n0, f00, g00, n1, f10, f11] = Array.from({ length: 7 }, () => randomUUID());
  const rp = async (uuid: string, name: string, parent: string | undefined, inventories: Record<string, Record<string, number>>, traits?: string[]) => {
    await http.placement('POST', '/resource_providers', { ...latest, body: { uuid, name, ...(parent ? { parent_provider_uuid: parent } : {}) } });
    await http.placement('PUT', `/resource_providers/${uuid}/inventories`, { ...latest, body: { resource_provider_generation: 0, inventories } });
    if (traits) await http.placement('PUT', `/resource_providers/${uuid}/traits`, { ...latest, body: { resource_provider_generation: 1, traits } });
  };
  await rp(cn!, cn!, undefined, { DISK_GB: { total: 20480 } }, ['COMPUTE_VOLUME_MULTI_ATTACH']);
  await rp(n0!, `numa 0-${n0}`, cn, { VCPU: { total: 4, reserved: 2 }, MEMORY_MB: { total: 2048, min_unit: 512, step_size: 256 } }, ['HW_NUMA_ROOT']);
  await rp(f00!, `fpga0-0-${f00}`, n0, { FPGA: { total: 1 } });
  await rp(g00!, `pgpu0-0-${g00}`, n0, { VGPU: { total: 8 } });
  await rp(n1!, `numa 1-${n1}`, cn, { VCPU: { total: 4 }, MEMORY_MB: { total: 2048, min_unit: 256, max_unit: 1024 } }, ['HW_NUMA_ROOT', 'CUSTOM_FOO']);
  await rp(f10!, `fpga1-0-${f10}`, n1, { FPGA: { total: 1 } });
  await rp(f11!, `fpga1-1-${f11}`, n1, { FPGA: { total: 1 } });
}

/**
 * write_allocation: the first of 5 candidates back as a consumer's allocation. The gate's own
 * body lacks consumer_type, which `latest` (1.38+) requires, so there every write is a 400
 * that nobody checks; here it is added, so that the allocations do land.
 */
async function writeAllocations(http: BenchHttp, query: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const ac = (await http.placement('GET', `${query}&limit=5`, latest)).json<{ allocation_requests: Record<string, unknown>[] }>();
    await http.placement('PUT', `/allocations/${randomUUID()}`, {
      ...latest, body: { ...ac.allocation_requests[0], consumer_generation: null, project_id: randomUUID(), user_id: randomUUID(), consumer_type: 'INSTANCE' },
    });
  }
}

interface Side { label: string; url: string; stop(): Promise<void> }

async function startSides(): Promise<Side[]> {
  const ours = await startBundle(PORT, { placementStandalonePort: PORT + 1 });
  const sides: Side[] = [{ label: 'novamock', url: ours.placementUrl!, stop: () => ours.stop() }];
  if (WITH_REAL) {
    const env = { ...process.env, PLACEMENT_PORT: String(REAL_PORT), PLACEMENT_STATE_DIR: process.env.BENCH_GATE_REAL_STATE ?? `/tmp/placement-gate-${REAL_PORT}` };
    const r = spawnSync('bash', [`${KIT}/start-real-placement.sh`], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`start-real-placement.sh: ${r.stderr.trim().slice(-300)}`);
    sides.push({ label: 'real Placement 8.0.0', url: `http://127.0.0.1:${REAL_PORT}`, stop: async () => { spawnSync('bash', [`${KIT}/stop-real-placement.sh`], { env }); } });
  }
  return sides;
}

function gateCase(name: string, what: string, query: string, loadState: (http: BenchHttp) => Promise<void>, allocations: number): BenchCase {
  return {
    kind: 'metric',
    name,
    async measure({ progress }) {
      const sides = await startSides();
      try {
        const metrics: BenchMetric[] = [];
        const loaded: { side: Side; seconds: number }[] = [];
        for (const side of sides) {
          const http = createBenchHttp({ mainUrl: side.url, placementUrl: side.url, keepAlive: true });
          const t0 = performance.now();
          try {
            await loadState(http);
            await writeAllocations(http, query, allocations);
          } finally {
            await http.close();
          }
          loaded.push({ side, seconds: (performance.now() - t0) / 1000 });
          progress(`${side.label}: ${what} loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        }
        const loadBefore = loadavg()[0]!.toFixed(2);
        const results = [];
        for (const side of sides) {
          const r = await generateLoad(side.url, query, { connections: 10, requests: REQUESTS, headers: HEADERS, closeEach: true });
          if (r.non2xx > 0) throw new Error(`${side.label}: ${r.non2xx} of ${r.requests} answers were not 2xx`);
          results.push({ side, ...r });
          progress(`${side.label}: ${r.reqPerSec.toFixed(1)} req/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms`);
        }
        const note = `${what}; ab -c 10 -n ${REQUESTS} alike (no keep-alive); load ${loadBefore} -> ${loadavg()[0]!.toFixed(2)}`;
        const real = results.find((r) => r.side.label !== 'novamock');
        for (const r of results) {
          const vs = real && r !== real ? `; ${(r.reqPerSec / real.reqPerSec).toFixed(1)}x the real one's req/s, its p99 / ours ${(real.p99Ms / r.p99Ms).toFixed(1)}x` : '';
          metrics.push({ name: `${r.side.label}: req/s`, value: r.reqPerSec, unit: 'req/s', note: `${note}${vs}` });
          metrics.push({ name: `${r.side.label}: p99`, value: r.p99Ms, unit: 'ms', note: `p50 ${r.p50Ms.toFixed(1)} ms; loading took ${loaded.find((l) => l.side === r.side)!.seconds.toFixed(0)} s` });
        }
        if (!real) metrics.push({ name: 'real Placement 8.0.0', value: null, unit: 'req/s', note: 'BENCH_GATE_REAL=0: not run' });
        return metrics;
      } finally {
        for (const side of sides) await side.stop();
      }
    },
  };
}

export const cases: BenchCase[] = [
  gateCase('placement-gate/perfload (flat, side by side with the real Placement)', `${PROVIDERS} providers (placeload)`, FLAT_QUERY,
    async (http) => { await placeload(http, 10, 0); await placeload(http, PROVIDERS, 10); }, 99),
  gateCase('placement-gate/perfload nested (trees of 7, side by side with the real Placement)', `${TREES} trees of 7 providers`, NESTED_QUERY,
    async (http) => {
      await http.placement('PUT', '/traits/CUSTOM_FOO', latest);
      await inParallel(TREES, LOADERS, () => nestedTree(http));
    }, 10),
];
