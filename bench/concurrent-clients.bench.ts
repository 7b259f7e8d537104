// Many CI jobs against one server: 16 clients, each in its own project, each running the
// resize-confirm scenario (bench/lib/resize-confirm.ts) back to back for a bounded time:
// scenarios/s, p50 and p99 of a scenario, foreign servers seen in a project's list (must be
// none), and GET /_mock/audit at the end (must be empty: it covers every project, so each
// client's share of it is empty too). Baseline in the same run: one client alone, same server.
// BENCH_CLIENTS (16), BENCH_CLIENTS_SECONDS (60; --quick 15).
import { loadavg } from 'node:os';
import type { BenchCase, BenchMetric } from './lib/bench-case.js';
import { startBundle } from './lib/bundle-server.js';
import { summarise } from './lib/latency-stats.js';
import { resizeConfirmScenario } from './lib/resize-confirm.js';
import { computeCaller, resetHosts, type ComputeCaller } from './lib/server-load.js';

const QUICK = Boolean(process.env.BENCH_QUICK);
const PORT = Number(process.env.BENCH_CLIENTS_PORT ?? 18770);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_CLIENTS_SECONDS ?? (QUICK ? 15 : 60));

async function runClients(c: ComputeCaller, clients: number, seconds: number, tag: string): Promise<{ samples: number[]; perSec: number; crossTalk: string[] }> {
  const samples: number[] = [];
  const crossTalk: string[] = [];
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, k) => {
    const token = `${tag}-user-${k}:${tag}-project-${k}`;
    for (let i = 0; performance.now() < deadline; i++) {
      const s0 = performance.now();
      crossTalk.push(...await resizeConfirmScenario(c, token, `${tag}-${k}-${i}`));
      samples.push(performance.now() - s0);
    }
  }));
  return { samples, perSec: samples.length / ((performance.now() - t0) / 1000), crossTalk };
}

export const cases: BenchCase[] = [
  {
    kind: 'metric',
    name: `clients/${CLIENTS} concurrent resize-confirm clients`,
    async measure({ progress }) {
      const server = await startBundle(PORT);
      const c = computeCaller(server.mainUrl, CLIENTS + 4);
      try {
        await resetHosts(c, 4);
        await runClients(c, 1, 2, 'warm'); // routes built, code hot
        const loadBefore = loadavg()[0]!.toFixed(2);
        const alone = await runClients(c, 1, Math.max(5, SECONDS / 4), 'alone');
        const many = await runClients(c, CLIENTS, SECONDS, 'ci');
        const audit = ((await c.call('GET', '/_mock/audit')).audit as unknown[]);
        const a = summarise(alone.samples);
        const m = summarise(many.samples);
        const p99 = [...many.samples].sort((x, y) => x - y)[Math.min(many.samples.length - 1, Math.round(0.99 * (many.samples.length - 1)))]!;
        progress(`${CLIENTS} clients: ${many.perSec.toFixed(1)} scenarios/s, p50 ${m.p50Ms.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms; alone ${alone.perSec.toFixed(1)}/s, p50 ${a.p50Ms.toFixed(0)} ms; audit ${audit.length}`);
        const note = `${many.samples.length} scenarios in ${SECONDS} s; load ${loadBefore} -> ${loadavg()[0]!.toFixed(2)}`;
        const metrics: BenchMetric[] = [
          { name: 'one client alone (baseline): scenarios/s', value: alone.perSec, unit: '/s', note: `p50 ${a.p50Ms.toFixed(1)} ms over ${alone.samples.length}` },
          { name: `${CLIENTS} clients: scenarios/s`, value: many.perSec, unit: '/s', note: `${(many.perSec / alone.perSec).toFixed(2)}x one client alone; ${note}` },
          { name: `${CLIENTS} clients: scenario p99`, value: p99, unit: 'ms', note: `p50 ${m.p50Ms.toFixed(1)} ms (${(m.p50Ms / a.p50Ms).toFixed(1)}x alone)` },
          { name: 'foreign servers seen in a project', value: many.crossTalk.length + alone.crossTalk.length, unit: '', below: 0, note: 'GET /servers of each client during its scenario' },
          { name: 'GET /_mock/audit findings at the end', value: audit.length, unit: '', below: 0, note: audit.length ? JSON.stringify(audit[0]).slice(0, 200) : 'every project' },
        ];
        return metrics;
      } finally {
        await c.close();
        await server.stop();
      }
    },
  },
];
