// Memory of the server process as users start it (`npm start`), read from /proc: idle, and
// with 10,000 servers (through the compute API) plus 10,000 resource providers (through the
// Placement API, as perf-load.sh builds them). Goals: idle <= 60 MB (issue #20), loaded < 500 MB.
// Servers go first: with 10,000 providers loaded, every scheduling pass would search them all.
// Same-run baselines for the idle figure: a bare node http server and a bare Fastify hello world,
// started beside ours, each answering one request, read when ours is (most of an idle node
// process's RSS is the node binary's own pages: ~40 MB of /usr/bin/node on the 2-core machine).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase, BenchMetric } from './lib/bench-case.js';
import { createBenchHttp } from './lib/bench-http.js';
import { loadProviders } from './lib/placement-load.js';
import { loadServers } from './lib/server-load.js';
import { startBareFastify, startBareNode } from './lib/bundle-server.js';
import { startServerProcess } from './lib/server-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_MEMORY_PORT ?? 18712);
const SERVERS = Number(process.env.BENCH_MEMORY_SERVERS ?? 10_000);
const PROVIDERS = Number(process.env.BENCH_MEMORY_PROVIDERS ?? 10_000);
const MAX_SECONDS = Number(process.env.BENCH_MEMORY_MAX_SECONDS ?? 900);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 120);

const settle = () => new Promise((r) => setTimeout(r, 1000));

export const cases: BenchCase[] = [
  {
    kind: 'metric',
    name: 'memory/npm start',
    async measure({ progress }) {
      const server = await startServerProcess({ cwd: ROOT, port: PORT, placementStandalonePort: PORT + 1 });
      const metrics: BenchMetric[] = [];
      // idle beside ours (they take no CPU), so their idle time is ours
      const baselines = [
        { label: 'bare node http server', server: await startBareNode(PORT + 2) },
        { label: 'bare Fastify hello world', server: await startBareFastify(PORT + 3) },
      ];
      try {
        await settle();
        const fresh = server.rssMb();
        progress(`1 s after start: pid ${fresh.pid} RSS ${fresh.rssMb.toFixed(1)} MB; idling up to ${IDLE_SECONDS} s`);
        metrics.push({ name: 'RSS 1 s after the first 200', value: fresh.rssMb, unit: 'MB', note: 'start-up garbage not yet collected' });
        // Idle means idle: V8's memory reducer gives back the young generation the start-up grew,
        // at a moment of its own (seen between 20 and 60+ s, later on busy cores). Sample every
        // 5 s; stop once RSS fell 10% below the first reading, or after IDLE_SECONDS.
        let idle = fresh;
        let waited = 0;
        while (waited < IDLE_SECONDS && idle.rssMb > fresh.rssMb * 0.9) {
          await new Promise((r) => setTimeout(r, 5000));
          waited += 5;
          idle = server.rssMb();
        }
        const reduced = idle.rssMb <= fresh.rssMb * 0.9;
        progress(`idle: RSS ${idle.rssMb.toFixed(1)} MB after ${waited} s${reduced ? '' : ' (V8 had not reduced the heap yet)'}`);
        metrics.push({
          name: 'idle RSS (no requests since start)', value: idle.rssMb, unit: 'MB', below: 60,
          note: reduced ? `after ${waited} s, once V8's memory reducer ran` : `after ${waited} s; V8's memory reducer had not run yet`,
        });
        for (const b of baselines) {
          const rss = b.server.rssMb().rssMb;
          progress(`${b.label}: RSS ${rss.toFixed(1)} MB at the same moment`);
          metrics.push({ name: `idle RSS: ${b.label} (baseline)`, value: rss, unit: 'MB', note: `same run, same idle time (${waited} s), one request served` });
        }
        for (const b of baselines.splice(0)) await b.server.stop();

        let servers: BenchMetric;
        try {
          const r = await loadServers(server.mainUrl, SERVERS, { maxSeconds: MAX_SECONDS, hosts: Math.ceil(SERVERS / 1000) + 1 });
          const rss = server.rssMb();
          progress(`${r.created} servers accepted, ${r.active} ACTIVE in ${r.seconds.toFixed(0)} s: RSS ${rss.rssMb.toFixed(1)} MB`);
          servers = r.active === SERVERS
            ? { name: `RSS with ${SERVERS} ACTIVE servers`, value: rss.rssMb, unit: 'MB', note: `created through POST /servers in ${r.seconds.toFixed(0)} s` }
            : { name: `RSS with ${SERVERS} ACTIVE servers`, value: null, unit: 'MB', note: `only ${r.active} ACTIVE of ${r.created} accepted${r.stoppedBecause ? ` (${r.stoppedBecause})` : ''}; RSS then ${rss.rssMb.toFixed(1)} MB` };
        } catch (err) {
          servers = { name: `RSS with ${SERVERS} ACTIVE servers`, value: null, unit: 'MB', note: `not measurable: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}` };
        }
        metrics.push(servers);

        const http = createBenchHttp({ mainUrl: server.mainUrl, placementUrl: server.placementUrl!, keepAlive: true });
        try {
          const t0 = performance.now();
          await loadProviders(http, PROVIDERS, 8);
          await settle();
          const rss = server.rssMb();
          progress(`${PROVIDERS} providers loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s: RSS ${rss.rssMb.toFixed(1)} MB (peak ${rss.hwmMb.toFixed(1)})`);
          const both = servers.value !== null;
          metrics.push({
            name: both ? `RSS with ${SERVERS} servers + ${PROVIDERS} providers` : `RSS with ${PROVIDERS} providers (servers missing)`,
            value: rss.rssMb, unit: 'MB', below: both ? 500 : undefined,
            note: `peak (VmHWM) ${rss.hwmMb.toFixed(1)} MB`,
          });
        } finally {
          await http.close();
        }
      } finally {
        for (const b of baselines) await b.server.stop();
        await server.stop();
      }
      return metrics;
    },
  },
];
