// Throughput under concurrency (autocannon -c 10 style, keep-alive), against a bare Fastify in
// the same run: GET /placement/resource_providers with 10 providers (goal: >= 50% of the bare
// Fastify's req/s), the version document GET /placement/, and the same list with logging at
// info (goal: costs <= 10%). Servers run as `node dist/bundle/main.mjs` (npm start builds it
// first); the rounds alternate so that load falls on all alike. Each server's CPU per request
// (/proc) is printed beside the req/s: on a loaded machine req/s swings by x3 between rounds,
// CPU per request by far less.
// Neither server idles meanwhile: each gets one GET /placement/ a second while the others run.
// The server's idle GC (src/runtime/idle-gc.ts; after 30 s quiet, 5 s before) deoptimizes ~70-120
// optimized functions (V8 --trace-deopt-verbose: "marking dependent code ... reason: weak
// objects": maps only the requests' short-lived objects had, collected with them), and V8 shrinks
// the young generation to 1 MB after ~5 s of low allocation: the next run re-tiers ~200 functions
// and scavenges every ~60 requests, at up to 2x the CPU per request. With runs of 2 or 8 s in
// turns, the info server met every timed run in that state and the warn server, whose list run
// followed its version run, mostly did not: the info "cost" measured that (load 4.5: 636 against
// 203 µs per request), not the log line.
import { loadavg } from 'node:os';
import { request } from 'undici';
import type { BenchCase, BenchMetric } from './lib/bench-case.js';
import { createBenchHttp } from './lib/bench-http.js';
import { generateLoad } from './lib/load-generator.js';
import { loadProviders } from './lib/placement-load.js';
import { startBareFastify, startBundle } from './lib/bundle-server.js';
import type { ServerProcess } from './lib/server-process.js';

const PORT = Number(process.env.BENCH_THROUGHPUT_PORT ?? 18740);
const QUICK = Boolean(process.env.BENCH_QUICK);
const SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? (QUICK ? 2 : 8));
// quick: still 5 rounds (median) — one round's info-vs-warn ratio swung from -51% to +26% with the load
const ROUNDS = Number(process.env.BENCH_THROUGHPUT_ROUNDS ?? 5);
const CONNECTIONS = 10;
const HEADERS = { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.39', accept: 'application/json' };

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const cases: BenchCase[] = [
  {
    kind: 'metric',
    name: 'throughput/placement -c 10',
    async measure({ progress }) {
      // startBundle: its first call rebuilds dist/ when src/ changed (untimed)
      const servers: Record<'fastify' | 'warn' | 'info', ServerProcess> = {
        fastify: await startBareFastify(PORT),
        warn: await startBundle(PORT + 1, { env: { LOG_LEVEL: 'warn' } }),
        // info logs go to stdout, which the bench discards (a pipe read by nobody would fill)
        info: await startBundle(PORT + 2, { env: { LOG_LEVEL: 'info' } }),
      };
      try {
        for (const key of ['warn', 'info'] as const) {
          const http = createBenchHttp({ mainUrl: servers[key].mainUrl, placementUrl: `${servers[key].mainUrl}/placement`, keepAlive: true });
          await loadProviders(http, 10);
          await http.close();
        }
        const runs: { key: string; origin: string; path: string }[] = [
          { key: 'fastify', origin: servers.fastify.mainUrl, path: '/placement/resource_providers' },
          { key: 'version', origin: servers.warn.mainUrl, path: '/placement/' },
          { key: 'list', origin: servers.warn.mainUrl, path: '/placement/resource_providers' },
          { key: 'version-info', origin: servers.info.mainUrl, path: '/placement/' },
          { key: 'list-info', origin: servers.info.mainUrl, path: '/placement/resource_providers' },
        ];
        // the info cost is a ratio of two runs: they go back to back, in turns A B / B A so that a
        // load rising or falling through a round weighs on both alike, and each round gives its own
        // ratio (median of the rounds' ratios: one disturbed round does not move it). Each server
        // serves the version document and then the list, so both have the same history: V8 sizes
        // the young generation by it (a server that was quiet for ~5 s shrinks it to 1 MB at its
        // next scavenge and grows it back only slowly), and the warn server's list run used to come
        // right after its version run while the info server's came out of a quiet spell (young
        // generation 1 MB through the run: a scavenge every ~60 requests against every ~400).
        const [fastifyRun, versionRun, listRun, versionInfoRun, listInfoRun] = runs as [typeof runs[0], typeof runs[0], typeof runs[0], typeof runs[0], typeof runs[0]];
        const order = (round: number) => (round % 2 === 1
          ? [fastifyRun, versionRun, listRun, versionInfoRun, listInfoRun]
          : [fastifyRun, versionInfoRun, listInfoRun, versionRun, listRun]);
        const rps = new Map<string, number[]>(runs.map((r) => [r.key, []]));
        const p99 = new Map<string, number[]>(runs.map((r) => [r.key, []]));
        // the server's CPU per request (/proc, 10 ms ticks over thousands of requests): req/s
        // moves with what else the two cores run; CPU per request much less
        const cpuPerReq = new Map<string, number[]>(runs.map((r) => [r.key, []]));
        const serverOf: Record<string, ServerProcess> = { fastify: servers.fastify, list: servers.warn, version: servers.warn, 'version-info': servers.info, 'list-info': servers.info };
        let loadBefore = 0;
        const keepBusy = setInterval(() => {
          for (const s of [servers.warn, servers.info]) void request(`${s.mainUrl}/placement/`).then((res) => res.body.dump(), () => undefined);
        }, 1000);
        try {
          for (const r of runs) await generateLoad(r.origin, r.path, { connections: CONNECTIONS, seconds: 1, headers: HEADERS }); // warm-up
          loadBefore = loadavg()[0]!;
          for (let round = 1; round <= ROUNDS; round++) {
            for (const r of order(round)) {
              const cpu0 = serverOf[r.key]!.cpuMs();
              const res = await generateLoad(r.origin, r.path, { connections: CONNECTIONS, seconds: SECONDS, headers: HEADERS });
              if (res.non2xx > 0) throw new Error(`${r.key}: ${res.non2xx} answers were not 2xx`);
              rps.get(r.key)!.push(res.reqPerSec);
              cpuPerReq.get(r.key)!.push((1000 * (serverOf[r.key]!.cpuMs() - cpu0)) / res.requests);
              p99.get(r.key)!.push(res.p99Ms);
            }
            progress(`round ${round}/${ROUNDS}: ${runs.map((r) => `${r.key} ${rps.get(r.key)!.at(-1)!.toFixed(0)} req/s`).join(', ')}`);
          }
        } finally {
          clearInterval(keepBusy);
        }
        const note = `-c ${CONNECTIONS}, ${SECONDS} s x ${ROUNDS} rounds (median); load ${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}`;
        const r = (k: string) => median(rps.get(k)!);
        const pct = (k: string) => (100 * r(k)) / r('fastify');
        const c = (k: string) => median(cpuPerReq.get(k)!);
        const pairedCost = (m: Map<string, number[]>, f: (warn: number, info: number) => number) =>
          median(m.get('list')!.map((warn, i) => f(warn, m.get('list-info')![i]!)));
        const infoCostRps = pairedCost(rps, (warn, info) => 100 * (1 - info / warn));
        const infoCostCpu = pairedCost(cpuPerReq, (warn, info) => 100 * (info / warn - 1));
        const metrics: BenchMetric[] = [
          { name: 'bare Fastify hello world (baseline): req/s', value: r('fastify'), unit: 'req/s', note: `p99 ${median(p99.get('fastify')!).toFixed(2)} ms; ${note}` },
          { name: 'GET /placement/resource_providers (10 providers): req/s', value: r('list'), unit: 'req/s', note: `p99 ${median(p99.get('list')!).toFixed(2)} ms; logging at warn` },
          { name: "GET /placement/resource_providers: % of bare Fastify's req/s", value: pct('list'), unit: '%', above: 50, note: 'same run' },
          { name: "GET /placement/ (version document): % of bare Fastify's req/s", value: pct('version'), unit: '%', note: `${r('version').toFixed(0)} req/s` },
          { name: 'GET /placement/resource_providers, logging at info: cost', value: infoCostRps, unit: '%', below: 10, note: `${r('list-info').toFixed(0)} req/s at info; median of the rounds' paired ratios` },
          { name: 'server CPU per request: bare Fastify / list at warn / list at info', value: c('list'), unit: 'µs', note: `${c('fastify').toFixed(0)} / ${c('list').toFixed(0)} / ${c('list-info').toFixed(0)} µs (median of rounds, /proc)` },
          { name: 'GET /placement/resource_providers, logging at info: CPU cost per request', value: infoCostCpu, unit: '%', note: 'the info figure above by server CPU instead of req/s (paired rounds as above)' },
          { name: "GET /placement/resource_providers: bare Fastify's CPU per request as % of the list's", value: (100 * c('fastify')) / c('list'), unit: '%', note: 'the 50% figure above by server CPU instead of req/s' },
        ];
        return metrics;
      } finally {
        for (const s of Object.values(servers)) await s.stop();
      }
    },
  },
];
