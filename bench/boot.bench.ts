// Boots through the compute API in `immediate` progression, the server in its own process
// (node dist/bundle/main.mjs) so that its CPU is read from /proc apart from the client's:
//  - compute/boots: N boots (8 in flight, ten per project) until all ACTIVE: servers/s (goal
//    >= 1,000) and server CPU per boot (goal <= 2 ms), beside a bare Fastify answering the same
//    POSTs from the same client in the same run (its req/s and CPU per request: the floor);
//  - scale/... (opt-in: `npm run bench -- scale`; minutes to hours): 10,000 hosts and 100,000
//    servers created through the API in one process: RSS (goal <= 1 GiB), GET
//    /servers/detail?limit=1000 p50 (goal <= 50 ms), GET /allocation_candidates p50 at 10,000
//    providers (goal <= 30 ms), beside GET /placement/ (the version document) in the same run.
//    BENCH_SCALE_HOSTS, BENCH_SCALE_SERVERS size it, BENCH_SCALE_MAX_SECONDS bounds the boots,
//    BENCH_SCALE_PER_REQUEST (default 10) is the servers per POST (multi-create, min_count =
//    max_count, one project each: nova schedules the request with one candidates search).
import { loadavg } from 'node:os';
import type { BenchCase, BenchMetric } from './lib/bench-case.js';
import { startBareFastify, startBundle } from './lib/bundle-server.js';
import { generateLoad } from './lib/load-generator.js';
import { bootServers, computeCaller, countServers, resetHosts, type ComputeCaller } from './lib/server-load.js';
import { summarise } from './lib/latency-stats.js';
import type { ServerProcess } from './lib/server-process.js';

const QUICK = Boolean(process.env.BENCH_QUICK);
const PORT = Number(process.env.BENCH_BOOT_PORT ?? 18750);
const BOOTS = Number(process.env.BENCH_BOOTS ?? (QUICK ? 300 : 1000));
const CONCURRENCY = 8;
// V8 (node 20) optimizes a function after ticks of a byte budget: code a boot runs once reaches
// TurboFan only after hundreds of boots, so the first figure (after 50) is mostly warm-up, the
// one a CI job with a few hundred boots sees; the second is the same server after WARM more.
const WARM = Number(process.env.BENCH_BOOTS_WARM ?? 3000);
const load = () => loadavg()[0]!.toFixed(2);

/** N POSTs from the same kind of client to the bare Fastify: req/s and its CPU per request. */
async function baselinePosts(fastify: ServerProcess, n: number): Promise<{ perSec: number; cpuMs: number }> {
  const body = JSON.stringify({ server: { name: 'perf', flavorRef: '1', imageRef: 'x', networks: 'none' } });
  const c0 = fastify.cpuMs();
  const r = await generateLoad(fastify.mainUrl, '/compute/v2.1/servers', {
    connections: CONCURRENCY, requests: n, method: 'POST', body, headers: { 'content-type': 'application/json', 'x-auth-token': 'perf-user:p' },
  });
  return { perSec: r.reqPerSec, cpuMs: (fastify.cpuMs() - c0) / n };
}

/** N boots to ACTIVE: wall clock from the first POST until /_mock/idle answered; the server's CPU meanwhile. */
async function timedBoots(server: ServerProcess, c: ComputeCaller, n: number, first: number, maxSeconds = 600): Promise<{ perSec: number; cpuMs: number; created: number; stoppedBecause?: string }> {
  const c0 = server.cpuMs();
  const t0 = performance.now();
  const r = await bootServers(c, n, { first, concurrency: CONCURRENCY, maxSeconds });
  const seconds = (performance.now() - t0) / 1000;
  return { perSec: r.created / seconds, cpuMs: (server.cpuMs() - c0) / Math.max(1, r.created), created: r.created, stoppedBecause: r.stoppedBecause };
}

async function p50Of(n: number, once: () => Promise<void>): Promise<ReturnType<typeof summarise>> {
  await once();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await once();
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

export const cases: BenchCase[] = [
  {
    kind: 'metric',
    name: 'compute/boots (immediate progression)',
    async measure({ progress }) {
      const server = await startBundle(PORT);
      const fastify = await startBareFastify(PORT + 1);
      const c = computeCaller(server.mainUrl);
      try {
        await resetHosts(c, 10);
        await bootServers(c, 50, { first: 0, concurrency: CONCURRENCY, maxSeconds: 120 }); // warm-up: routes built, code hot
        const loadBefore = load();
        const before = await baselinePosts(fastify, BOOTS);
        const boots = await timedBoots(server, c, BOOTS, 50);
        const after = await baselinePosts(fastify, BOOTS);
        const base = { perSec: (before.perSec + after.perSec) / 2, cpuMs: (before.cpuMs + after.cpuMs) / 2 };
        progress(`${boots.created} boots: ${boots.perSec.toFixed(0)}/s, ${boots.cpuMs.toFixed(2)} ms server CPU each; bare Fastify ${base.perSec.toFixed(0)} POST/s, ${base.cpuMs.toFixed(2)} ms CPU each`);
        const first = 50 + boots.created;
        const warmed = await bootServers(c, WARM, { first, concurrency: CONCURRENCY, maxSeconds: 300 });
        const steady = await timedBoots(server, c, BOOTS, first + warmed.created);
        const active = await countServers(c);
        const expected = first + warmed.created + steady.created;
        if (active !== expected) throw new Error(`${active} ACTIVE, expected ${expected}`);
        progress(`after ${first + warmed.created} boots: ${steady.perSec.toFixed(0)}/s, ${steady.cpuMs.toFixed(2)} ms server CPU each`);
        const note = `${boots.created} boots, ${CONCURRENCY} in flight, to ACTIVE (/_mock/idle); load ${loadBefore} -> ${load()}`;
        return [
          { name: 'bare Fastify, the same POSTs (baseline): req/s', value: base.perSec, unit: 'req/s', note: `CPU per request ${base.cpuMs.toFixed(2)} ms (10 ms ticks over ${BOOTS})` },
          { name: 'boots to ACTIVE per second', value: boots.perSec, unit: 'servers/s', above: 1000, note: `${(100 * boots.perSec / base.perSec).toFixed(1)}% of the bare Fastify's POST/s; ${note}` },
          { name: 'server CPU per boot to ACTIVE', value: boots.cpuMs, unit: 'ms', below: 2, note: `${(boots.cpuMs / base.cpuMs).toFixed(1)}x a bare Fastify POST's CPU; node dist/bundle/main.mjs` },
          { name: `boots to ACTIVE per second, once warm (after ${first + warmed.created} boots)`, value: steady.perSec, unit: 'servers/s', note: `${steady.created} boots; the same server, V8's optimizing compiler done with the boot's code` },
          { name: `server CPU per boot to ACTIVE, once warm (after ${first + warmed.created} boots)`, value: steady.cpuMs, unit: 'ms', note: `${(steady.cpuMs / base.cpuMs).toFixed(1)}x a bare Fastify POST's CPU; load ${load()}` },
        ];
      } finally {
        await c.close();
        await fastify.stop();
        await server.stop();
      }
    },
  },
  {
    kind: 'metric',
    name: 'scale/10,000 hosts + 100,000 servers',
    optIn: true,
    async measure({ progress }) {
      const hosts = Number(process.env.BENCH_SCALE_HOSTS ?? 10_000);
      const servers = Number(process.env.BENCH_SCALE_SERVERS ?? 100_000);
      const maxSeconds = Number(process.env.BENCH_SCALE_MAX_SECONDS ?? 3600);
      const perRequest = Number(process.env.BENCH_SCALE_PER_REQUEST ?? 10);
      const server = await startBundle(PORT + 2, { env: { LOG_LEVEL: 'warn' } });
      const c = computeCaller(server.mainUrl);
      const metrics: BenchMetric[] = [];
      try {
        const idleRss = server.rssMb().rssMb;
        let t0 = performance.now();
        await resetHosts(c, hosts);
        progress(`${hosts} hosts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        t0 = performance.now();
        const fillCpu0 = server.cpuMs();
        // in slices, so that progress shows while it runs
        let created = 0;
        let stopped: string | undefined;
        const slice = 1000;
        while (created < servers && stopped === undefined) {
          const left = maxSeconds - (performance.now() - t0) / 1000;
          const r = await bootServers(c, Math.min(slice, servers - created), { first: created, concurrency: CONCURRENCY, maxSeconds: left, perRequest });
          created += r.created;
          stopped = r.stoppedBecause;
          progress(`${created} servers in ${((performance.now() - t0) / 1000).toFixed(0)} s; RSS ${server.rssMb().rssMb.toFixed(0)} MB; load ${load()}`);
        }
        const bootSeconds = (performance.now() - t0) / 1000;
        const fillCpuMs = (server.cpuMs() - fillCpu0) / Math.max(1, created);
        const active = await countServers(c);
        const rss = server.rssMb();
        const size = `${hosts} hosts, ${active} ACTIVE servers${stopped ? ` (stopped: ${stopped}, of ${servers})` : ''}`;
        metrics.push({ name: 'boots per second while filling it', value: created / bootSeconds, unit: 'servers/s', above: 1000, note: `${created} boots in ${bootSeconds.toFixed(0)} s, ${perRequest} per POST (${perRequest > 1 ? 'multi-create' : 'one each'}), ${CONCURRENCY} POSTs in flight, to ACTIVE` });
        metrics.push({ name: 'server CPU per boot while filling it', value: fillCpuMs, unit: 'ms', note: `1,000 servers/s needs <= 1 ms on one core; load ${load()}` });
        metrics.push({ name: 'RSS at that size', value: rss.rssMb, unit: 'MB', below: 1024, note: `${size}; idle RSS at start ${idleRss.toFixed(0)} MB; peak ${rss.hwmMb.toFixed(0)} MB` });
        const loadBefore = load();
        const floor = await p50Of(20, async () => { await c.call('GET', '/placement/'); });
        const cpu0 = server.cpuMs();
        const detail = await p50Of(20, async () => {
          const page = await c.call('GET', '/compute/v2.1/servers/detail?all_tenants=1&limit=1000');
          if ((page.servers as unknown[]).length !== Math.min(1000, active)) throw new Error('short page');
        });
        const detailCpu = (server.cpuMs() - cpu0) / 21;
        // read as bytes, as perf_tool.py (and the allocation-candidates cases) read them: a 4.3 MB
        // answer decoded and parsed by the client costs more than the server's CPU for it
        const ac = (limit: string, count: number) => p50Of(20, async () => {
          const bytes = await c.bytes(`/placement/allocation_candidates?resources=VCPU:1,MEMORY_MB:512,DISK_GB:10${limit}`, 'admin', 'placement 1.39');
          let got = 0;
          for (let at = bytes.indexOf('{"allocations":'); at >= 0; at = bytes.indexOf('{"allocations":', at + 1)) got++;
          if (got !== count) throw new Error(`expected ${count} allocation requests, got ${got}`);
        });
        const acAll = await ac('', hosts);
        const ac1000 = await ac('&limit=1000', Math.min(1000, hosts));
        const note = `${size}; 20 requests, keep-alive; load ${loadBefore} -> ${load()}`;
        metrics.push({ name: 'GET /placement/ (version document, baseline): p50', value: floor.p50Ms, unit: 'ms', note });
        metrics.push({ name: 'GET /servers/detail?all_tenants=1&limit=1000: p50', value: detail.p50Ms, unit: 'ms', below: 50, note: `${(detail.p50Ms / floor.p50Ms).toFixed(0)}x the version document; p95 ${detail.p95Ms} ms` });
        metrics.push({ name: 'GET /servers/detail?all_tenants=1&limit=1000: server CPU per page', value: detailCpu, unit: 'ms', note: '21 pages, 10 ms ticks' });
        metrics.push({ name: `GET /allocation_candidates at ${hosts} providers: p50`, value: acAll.p50Ms, unit: 'ms', below: 30, note: `${(acAll.p50Ms / floor.p50Ms).toFixed(0)}x the version document; every provider a candidate; bytes read, not parsed; p95 ${acAll.p95Ms} ms` });
        metrics.push({ name: `GET /allocation_candidates at ${hosts} providers, limit=1000 (as nova asks): p50`, value: ac1000.p50Ms, unit: 'ms', note: `p95 ${ac1000.p95Ms} ms` });
        return metrics;
      } finally {
        await c.close();
        await server.stop();
      }
    },
  },
];
