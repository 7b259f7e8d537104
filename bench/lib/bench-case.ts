// The plug-in contract of `npm run bench`: every bench/*.bench.ts exports `cases: BenchCase[]`.
// run.ts discovers those files, gives each case a live server (BenchTarget) and records results.
import type { Config } from '../../src/config.js';
import type { Services } from '../../src/app.js';

export interface BenchResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body as received (read in full before the call returns). */
  readonly bytes: Buffer;
  /** The body decoded as UTF-8 (on first use). */
  readonly text: string;
  json<T = unknown>(): T;
}

export interface BenchRequestOptions {
  headers?: Record<string, string>;
  /** Serialised as JSON when not a string. */
  body?: unknown;
  /** Statuses that count as success; anything else throws (and fails the case). */
  expect?: readonly number[];
  /** Microversion for placement()/compute(); defaults 1.39 / 2.93. */
  version?: string;
}

export interface BenchHttp {
  request(method: string, url: string, options?: BenchRequestOptions): Promise<BenchResponse>;
  /** A Placement call on the standalone listener (path starts with '/'), x-auth-token admin. */
  placement(method: string, path: string, options?: BenchRequestOptions): Promise<BenchResponse>;
  /** A compute call under /compute/v2.1 on the main port (path starts with '/'), x-auth-token admin. */
  compute(method: string, path: string, options?: BenchRequestOptions): Promise<BenchResponse>;
}

/** A running app: the real composition, listening on loopback ephemeral ports. */
export interface BenchTarget {
  /** http://127.0.0.1:<port> — /placement, /compute, /_mock. */
  readonly mainUrl: string;
  /** http://127.0.0.1:<port> — Placement at / (standalone layout). */
  readonly placementUrl: string;
  /** In-process services: for untimed setup only (loading state fast), never inside run(). */
  readonly services: Services;
  readonly http: BenchHttp;
}

/** State built once (untimed) on a fresh server; consecutive cases with the same name share it. */
export interface BenchFixture {
  readonly name: string;
  readonly config?: Partial<Config>;
  setup(target: BenchTarget): Promise<void>;
}

/** Figures measured elsewhere (e.g. the real Placement), printed beside ours. */
export interface BenchReference {
  readonly label: string;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface LatencyCase {
  readonly kind: 'latency';
  /** Unique, '/'-separated: 'placement/GET /resource_providers/N=100'. Filters match substrings. */
  readonly name: string;
  readonly fixture?: BenchFixture;
  /** Timed iterations (default 50) and untimed warm-up iterations (default 3). */
  readonly iterations?: number;
  readonly warmup?: number;
  readonly reference?: BenchReference;
  /** Minimum speed-up over the reference's p50 that counts as meeting the goal. */
  readonly targetSpeedup?: number;
  /** One timed iteration (i counts from 0 over warm-up then timed runs). Throw on failure. */
  run(target: BenchTarget, i: number): Promise<void>;
}

export interface BenchMetric {
  readonly name: string;
  /** null = not measurable yet; `note` says why (never a made-up number). */
  readonly value: number | null;
  readonly unit: string;
  /** Goal: value must stay below this (at most: equal meets it). */
  readonly below?: number;
  /** Goal: value must reach at least this. */
  readonly above?: number;
  readonly note?: string;
}

export interface MetricCase {
  readonly kind: 'metric';
  readonly name: string;
  /** Runs only when a filter names it (minutes or more): `npm run bench -- scale`. */
  readonly optIn?: boolean;
  measure(context: MetricContext): Promise<BenchMetric[]>;
}

export interface MetricContext {
  /** Log a progress line (stderr). */
  progress(message: string): void;
}

export type BenchCase = LatencyCase | MetricCase;
