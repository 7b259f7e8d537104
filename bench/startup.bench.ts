// Start-up: `npm start` until the first 200 on GET /placement/ (goal: well under 1 s), and
// the idle RSS of that fresh process (goal: < 100 MB). Median of 3 starts.
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
      const idle: number[] = [];
      for (let i = 0; i < STARTS; i++) {
        const server = await startServerProcess({ cwd: ROOT, port: PORT, placementStandalonePort: PORT + 1 });
        try {
          ready.push(server.readyMs);
          await new Promise((r) => setTimeout(r, 1000)); // let start-up garbage settle
          idle.push(server.rssMb().rssMb);
          progress(`start ${i + 1}: ${server.readyMs.toFixed(0)} ms to first 200, idle RSS ${idle.at(-1)!.toFixed(1)} MB`);
        } finally {
          await server.stop();
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      return [
        { name: 'time to first 200 on /placement/ (median of 3)', value: median(ready), unit: 'ms', below: 1000, note: `min ${Math.min(...ready).toFixed(0)} ms; includes npm itself` },
        { name: 'idle RSS of the server process', value: median(idle), unit: 'MB', below: 100, note: 'VmRSS from /proc, 1 s after the first 200' },
      ];
    },
  },
];
