// The real Placement 8.0.0's latency on this machine, as recorded by the conformance kit's
// perf-bench.sh (perf-real-8.0.0/perf-N.json), or from a live run (`npm run bench -- --oracle`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReference } from './bench-case.js';

export const RECORDED_DIR = '/work/shared/conformance/placement/perf-real-8.0.0';

let source = { dir: process.env.BENCH_PLACEMENT_REFERENCE_DIR ?? RECORDED_DIR, label: 'real 8.0.0 (recorded)' };

/** Point the references at another perf-bench.sh output (called by run.ts before loading cases). */
export function useReferenceDir(dir: string, label: string): void {
  source = { dir, label };
}

type AnchorRequest = 'GET /resource_providers' | 'PUT /allocations/{consumer}' | 'GET /allocation_candidates';

interface AnchorFigure { n: number; p50_ms: number; p95_ms: number; min_ms: number; max_ms: number }

/** undefined when the figures are not on this machine (the case then prints ours alone). */
export function realPlacementFigure(providers: number, req: AnchorRequest): BenchReference | undefined {
  const file = join(source.dir, `perf-${providers}.json`);
  if (!existsSync(file)) return undefined;
  const fig = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, AnchorFigure | undefined>)[req];
  if (!fig) return undefined;
  return { label: source.label, p50Ms: fig.p50_ms, p95Ms: fig.p95_ms, minMs: fig.min_ms, maxMs: fig.max_ms };
}
