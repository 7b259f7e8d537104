// The real Nova's figures for bench/resize-scenario.bench.ts, measured on this machine by
// scripts/measure-real-nova-resize.ts against nova-live (Nova 26.2.2 + Placement 8.0.0 in Nova's
// functional environment, served over HTTP), 2026-11-24, 10 runs after one warm-up, 20 ms polls,
// load average ~7 on 2 cores (shared with other work). Re-measure with that script.
import type { BenchReference } from './bench-case.js';

export const REAL_NOVA_RESIZE_SCENARIO: BenchReference | null = {
  label: 'real Nova 26.2.2 (nova-live, 10 runs, 20 ms polls)',
  p50Ms: 1801.862,
  p95Ms: 2639.16,
  minMs: 1171.939,
  maxMs: 2639.16,
};
