// Start-up: from spawning the process to the first 200 on GET /placement/ (wall clock) and
// the CPU the process tree used until then. Goals: node dist/bundle/main.mjs <= 300 ms wall and
// <= 300 ms CPU; `npm start` adds no more than npm's own cost (scripts/start.mjs ~ nothing).
// Same-run baselines, started in turn with ours so that load falls on all alike: a bare node
// http server and a bare Fastify (bench/fixtures/fastify-hello.mjs). Medians of STARTS rounds.
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase, BenchMetric } from './lib/bench-case.js';
import { BARE_FASTIFY_COMMAND, BARE_NODE_COMMAND } from './lib/bundle-server.js';
import { startServerProcess } from './lib/server-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 18710);
const STARTS = Number(process.env.BENCH_STARTS ?? (process.env.BENCH_QUICK ? 3 : 7));

const VARIANTS = [
  { key: 'node', label: 'bare node http server (baseline)', command: BARE_NODE_COMMAND },
  { key: 'fastify', label: 'bare Fastify hello world (baseline)', command: BARE_FASTIFY_COMMAND },
  { key: 'bundle', label: 'novamock: node dist/bundle/main.mjs', command: [process.execPath, join(ROOT, 'dist', 'bundle', 'main.mjs')] },
  { key: 'start', label: 'novamock: node scripts/start.mjs', command: [process.execPath, join(ROOT, 'scripts', 'start.mjs')] },
  { key: 'npm', label: 'novamock: npm start', command: ['npm', 'start', '--silent'] },
] as const satisfies readonly { key: string; label: string; command: readonly [string, ...string[]] }[];

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const cases: BenchCase[] = [
  {
    kind: 'metric',
    name: 'startup/node and npm start',
    async measure({ progress }) {
      const wall = new Map<string, number[]>(VARIANTS.map((v) => [v.key, []]));
      const cpu = new Map<string, number[]>(VARIANTS.map((v) => [v.key, []]));
      // one untimed `npm start` first: it rebuilds dist/ when src/ changed since the last build
      await (await startServerProcess({ cwd: ROOT, port: PORT })).stop();
      const loadBefore = loadavg()[0]!;
      for (let round = 1; round <= STARTS; round++) {
        for (const v of VARIANTS) {
          const server = await startServerProcess({ cwd: ROOT, port: PORT, command: v.command });
          wall.get(v.key)!.push(server.readyMs);
          cpu.get(v.key)!.push(server.readyCpuMs);
          await server.stop();
        }
        progress(`round ${round}/${STARTS}: ${VARIANTS.map((v) => `${v.key} ${wall.get(v.key)!.at(-1)!.toFixed(0)} ms / ${cpu.get(v.key)!.at(-1)} ms CPU`).join(', ')}`);
      }
      const loadNote = `load ${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}; median of ${STARTS}`;
      const w = (k: string) => median(wall.get(k)!);
      const c = (k: string) => median(cpu.get(k)!);
      const metrics: BenchMetric[] = [];
      for (const v of VARIANTS) {
        const goal = v.key === 'bundle' ? 300 : undefined;
        metrics.push({ name: `${v.label}: to first 200 (wall)`, value: w(v.key), unit: 'ms', ...(goal ? { below: goal } : {}), note: loadNote });
        metrics.push({ name: `${v.label}: CPU to first 200`, value: c(v.key), unit: 'ms', ...(goal ? { below: goal } : {}), note: `${(c(v.key) / c('fastify')).toFixed(2)}x bare Fastify's; 10 ms ticks` });
      }
      metrics.push({ name: 'scripts/start.mjs over node dist/bundle/main.mjs (CPU)', value: c('start') - c('bundle'), unit: 'ms', below: 30, note: 'what `npm start` adds besides npm itself (its src/ freshness check)' });
      metrics.push({ name: 'npm itself: npm start over node scripts/start.mjs (CPU)', value: c('npm') - c('start'), unit: 'ms', note: "npm's own cost, the floor of any `npm start`" });
      return metrics;
    },
  },
];
