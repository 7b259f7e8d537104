// Runs cases in order. Latency cases get a live target; consecutive cases naming the same
// fixture share one target (its setup runs once, untimed). A failing case is recorded with
// its error and the run goes on; the process exit code reports it.
import { performance } from 'node:perf_hooks';
import type { BenchCase, BenchMetric, BenchReference, LatencyCase } from './bench-case.js';
import { summarise, type LatencyStats } from './latency-stats.js';
import { startSpawnedTarget, startTarget, type RunningTarget } from './bench-target.js';

export interface RunOptions {
  iterations?: number;
  warmup?: number;
  maxSeconds: number;
  keepAlive: boolean;
  /** Port of a spawned `npm start` per fixture (--spawn), or undefined for the in-process app. */
  spawnPort?: number;
}

export type CaseResult =
  | { kind: 'latency'; name: string; status: 'ok' | 'failed'; error?: string; stats?: LatencyStats;
      reference?: BenchReference; speedup?: number; targetSpeedup?: number; fixtureSetupMs?: number; truncated?: boolean }
  | { kind: 'metric'; name: string; status: 'ok' | 'failed'; error?: string; metrics: BenchMetric[] };

export async function runCases(cases: readonly BenchCase[], o: RunOptions, log: (m: string) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let target: RunningTarget | undefined;
  let targetKey: string | undefined;
  let setupMs: number | undefined;
  let setupError: string | undefined;
  const closeTarget = async () => { if (target) await target.close(); target = undefined; targetKey = undefined; };

  try {
    for (const c of cases) {
      if (c.kind === 'metric') {
        await closeTarget();
        log(`[bench] ${c.name}`);
        try {
          results.push({ kind: 'metric', name: c.name, status: 'ok', metrics: await c.measure({ progress: (m) => log(`  ${m}`) }) });
        } catch (err) {
          results.push({ kind: 'metric', name: c.name, status: 'failed', error: message(err), metrics: [] });
        }
        continue;
      }
      const key = c.fixture ? `fixture:${c.fixture.name}` : `case:${c.name}`;
      if (key !== targetKey) {
        await closeTarget();
        setupError = undefined;
        setupMs = undefined;
        targetKey = key;
        try {
          target = o.spawnPort === undefined
            ? await startTarget(c.fixture?.config ?? {}, o.keepAlive)
            : await startSpawnedTarget(c.fixture?.config ?? {}, o.keepAlive, o.spawnPort);
        } catch (err) {
          setupError = `server start: ${message(err)}`;
        }
        if (c.fixture && target) {
          log(`[bench] fixture ${c.fixture.name}`);
          const t0 = performance.now();
          try { await c.fixture.setup(target); setupMs = performance.now() - t0; } catch (err) { setupError = message(err); }
        }
      }
      log(`[bench] ${c.name}`);
      if (setupError !== undefined || !target) {
        results.push({ kind: 'latency', name: c.name, status: 'failed', error: `fixture ${c.fixture?.name ?? '(none)'}: ${setupError}` });
        continue;
      }
      results.push(await timeCase(c, target, o, setupMs));
    }
  } finally {
    await closeTarget();
  }
  return results;
}

async function timeCase(c: LatencyCase, target: RunningTarget, o: RunOptions, fixtureSetupMs: number | undefined): Promise<CaseResult> {
  const warmup = o.warmup ?? c.warmup ?? 3;
  const iterations = o.iterations ?? c.iterations ?? 50;
  const samples: number[] = [];
  const deadline = performance.now() + o.maxSeconds * 1000;
  let truncated = false;
  try {
    for (let i = 0; i < warmup; i++) await c.run(target, i);
    for (let i = 0; i < iterations; i++) {
      if (i > 0 && performance.now() > deadline) { truncated = true; break; }
      const t0 = performance.now();
      await c.run(target, warmup + i);
      samples.push(performance.now() - t0);
    }
  } catch (err) {
    return { kind: 'latency', name: c.name, status: 'failed', error: message(err) };
  }
  const stats = summarise(samples);
  return {
    kind: 'latency',
    name: c.name,
    status: 'ok',
    stats,
    reference: c.reference,
    speedup: c.reference ? Math.round((c.reference.p50Ms / stats.p50Ms) * 10) / 10 : undefined,
    targetSpeedup: c.targetSpeedup,
    fixtureSetupMs: fixtureSetupMs === undefined ? undefined : Math.round(fixtureSetupMs),
    truncated: truncated || undefined,
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
