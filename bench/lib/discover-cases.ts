// Every bench/*.bench.ts exports `cases: BenchCase[]`; names are unique across files.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase } from './bench-case.js';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export async function discoverCases(dir = BENCH_DIR): Promise<BenchCase[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  const all: BenchCase[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { cases?: BenchCase[] };
    if (!Array.isArray(mod.cases)) throw new Error(`${file} must export cases: BenchCase[]`);
    all.push(...mod.cases);
  }
  const names = new Set<string>();
  for (const c of all) {
    if (names.has(c.name)) throw new Error(`duplicate bench case name ${c.name}`);
    names.add(c.name);
  }
  return all;
}

/**
 * Cases sharing a fixture run back to back on one server, in file order otherwise: so the
 * allocation-candidates cases at N run after GET /resource_providers and PUT /allocations at N,
 * on the same state, as perf_tool.py measured the real Placement.
 */
export function groupByFixture(cases: readonly BenchCase[]): BenchCase[] {
  const groups = new Map<string, BenchCase[]>();
  for (const c of cases) {
    const key = c.kind === 'latency' && c.fixture ? `fixture:${c.fixture.name}` : `case:${c.name}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].flat();
}

/** A filter is a case-insensitive regular expression ('N=10$'), or a plain substring when it is not one. */
export function toMatcher(filter: string): RegExp {
  try { return new RegExp(filter, 'i'); } catch { return new RegExp(filter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'); }
}
