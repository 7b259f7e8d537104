// Start-up: `npm start` until the first 200 on GET /placement/ (goal: well under 1 s), median
// of 3 starts. (Idle RSS is measured in memory.bench.ts.)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './lib/bench-case.js';
import { startServerProcess } from './lib/server-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 18710);
const STARTS = 3;

export const cases: BenchCase[] = [
  {
    kind: 'metric',
    name: 'startup/npm start',
    async measure({ progress }) {
      const ready: number[] = [];
      const cpu: number[] = [];
      // Start 0 is not counted: it rebuilds dist/ when src/ changed since the last build.
      for (let i = 0; i <= STARTS; i++) {
        const server = await startServerProcess({ cwd: ROOT, port: PORT, placementStandalonePort: PORT + 1 });
        try {
          if (i === 0) continue;
          ready.push(server.readyMs);
          cpu.push(server.readyCpuMs);
          progress(`start ${i}: ${server.readyMs.toFixed(0)} ms to first 200, ${server.readyCpuMs} ms CPU`);
        } finally {
          await server.stop();
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      return [
        { name: 'time to first 200 on /placement/ (median of 3)', value: median(ready), unit: 'ms', below: 1000, note: `min ${Math.min(...ready).toFixed(0)} ms; includes npm itself; wall clock, slower when the cores are busy` },
        { name: 'CPU time to first 200 (npm + node, median of 3)', value: median(cpu), unit: 'ms', below: 1000, note: 'user+system of the process tree: the idle-machine cost' },
      ];
    },
  },
];
