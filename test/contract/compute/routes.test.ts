// The compute route table is data: every route documented, every body validated by a schema
// table whose version windows neither overlap nor leave gaps (nova's validate_schemas), every
// version named in versions.ts.
import { describe, expect, test } from 'vitest';
import { COMPUTE_ROUTES } from '../../../src/compute/routes/index.js';
import { VERSIONS } from '../../../src/compute/versions.js';
import type { VersionedSchema } from '../../../src/compute/routes/route-types.js';
import { Microversion } from '../../../src/http/microversion.js';

const index = (v: string) => VERSIONS.indexOf(v);

/** Problems of one schema table inside the window [min, max]. */
function windowProblems(table: readonly VersionedSchema[], min = '2.1', max = VERSIONS.at(-1)!): string[] {
  const out: string[] = [];
  const rows = [...table].sort((a, b) => index(a.min) - index(b.min));
  rows.forEach((row, n) => {
    if (index(row.min) < 0) out.push(`unknown min ${row.min}`);
    if (row.max !== undefined && index(row.max) < 0) out.push(`unknown max ${row.max}`);
    if (row.max !== undefined && index(row.max) < index(row.min)) out.push(`empty window ${row.min}-${row.max}`);
    if (index(row.min) < index(min)) out.push(`row ${row.min} starts before the route (${min})`);
    const next = rows[n + 1];
    if (next) {
      if (row.max === undefined) out.push(`row ${row.min}- is open but followed by ${next.min}`);
      else if (index(next.min) !== index(row.max) + 1) out.push(`gap or overlap between ${row.max} and ${next.min}`);
    } else if ((row.max ?? VERSIONS.at(-1)!) !== max) out.push(`last row ends at ${row.max}, route at ${max}`);
  });
  return out;
}

describe('compute route table', () => {
  test('every route is unique, documented and inside 2.1-2.93', () => {
    const seen = new Set<string>();
    for (const r of COMPUTE_ROUTES) {
      const key = `${r.method} ${r.url}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(r.summary.length, key).toBeGreaterThan(5);
      expect(r.url.startsWith('/'), key).toBe(true);
      if (r.min) expect(index(r.min), key).toBeGreaterThanOrEqual(0);
      if (r.max) expect(index(r.max), key).toBeGreaterThanOrEqual(0);
    }
  });

  test('every POST/PUT validates its body by a schema table or dispatches to actions that do', () => {
    for (const r of COMPUTE_ROUTES.filter((x) => x.method === 'POST' || x.method === 'PUT')) {
      const key = `${r.method} ${r.url}`;
      if (r.actions) {
        expect(r.url.endsWith('/action'), key).toBe(true);
        for (const a of r.actions) {
          // the move/power actions without a body schema in nova take `null`
          if (a.body) expect(windowProblems(a.body, a.min, a.max), `${key} ${a.name}`).toEqual([]);
        }
      } else {
        expect(r.body, key).toBeDefined();
        expect(windowProblems(r.body!, r.min, r.max), key).toEqual([]);
      }
    }
  });

  test('query schema tables have no gaps or overlaps', () => {
    for (const r of COMPUTE_ROUTES.filter((x) => x.query)) {
      const rows = r.query!;
      const start = rows.reduce((m, row) => (index(row.min) < index(m) ? row.min : m), rows[0]!.min);
      expect(windowProblems(rows, start, r.max), `${r.method} ${r.url}`).toEqual([]);
    }
  });

  test('the window checker itself finds gaps and overlaps', () => {
    const s = {} as VersionedSchema['schema'];
    expect(windowProblems([{ min: '2.1', max: '2.18', schema: s }, { min: '2.20', schema: s }])).toEqual(['gap or overlap between 2.18 and 2.20']);
    expect(windowProblems([{ min: '2.1', max: '2.19', schema: s }, { min: '2.19', schema: s }])).toEqual(['gap or overlap between 2.19 and 2.19']);
    expect(windowProblems([{ min: '2.1', max: '2.5', schema: s }])).toEqual(['last row ends at 2.5, route at 2.93']);
  });

  test('versions.ts lists 2.1..2.93 in order, each once', () => {
    expect(VERSIONS).toHaveLength(93);
    VERSIONS.forEach((v, n) => expect(Microversion.of(v).toString()).toBe(`2.${n + 1}`));
  });
});
