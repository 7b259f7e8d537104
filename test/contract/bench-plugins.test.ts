import { describe, expect, it } from 'vitest';
import type { BenchCase, LatencyCase } from '../../bench/lib/bench-case.js';
import { discoverCases, groupByFixture, toMatcher } from '../../bench/lib/discover-cases.js';
import { runCases } from '../../bench/lib/bench-runner.js';

// `npm run bench` imports every bench/*.bench.ts: a malformed plug-in would only show up there.
describe('bench plug-ins', () => {
  it('every bench file exports well-formed cases with unique names', async () => {
    const cases = await discoverCases();
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(['latency', 'metric']).toContain(c.kind);
      expect(c.name).toMatch(/^[a-z-]+\//);
      if (c.kind === 'latency') expect(typeof c.run).toBe('function');
      else expect(typeof c.measure).toBe('function');
    }
    // The anchor's requests are all there, at each size.
    for (const n of [10, 100, 1000]) {
      for (const req of ['GET /resource_providers', 'PUT /allocations/{consumer}']) {
        expect(cases.map((c) => c.name)).toContain(`placement/${req}/N=${n}`);
      }
    }
  });

  it('runs cases sharing a fixture back to back, and filters by regex or substring', () => {
    const latency = (name: string, fixture?: string): LatencyCase => ({
      kind: 'latency', name, run: async () => {}, ...(fixture ? { fixture: { name: fixture, setup: async () => {} } } : {}),
    });
    const order = groupByFixture([latency('a/1', 'f10'), latency('a/2', 'f100'), latency('b/1', 'f10'), latency('c')]);
    expect(order.map((c) => c.name)).toEqual(['a/1', 'b/1', 'a/2', 'c']);
    expect(toMatcher('N=10$').test('placement/GET /resource_providers/N=10')).toBe(true);
    expect(toMatcher('N=10$').test('placement/GET /resource_providers/N=100')).toBe(false);
    expect(toMatcher('{consumer}/N=1000').test('placement/PUT /allocations/{consumer}/N=1000')).toBe(true);
    expect(toMatcher('(').test('a(b')).toBe(true); // not a regex: a substring
  });

  it('times a case over a live socket, shares the fixture, and records a failing case with its error', async () => {
    let setups = 0;
    const fixture = { name: 'root', setup: async () => { setups++; } };
    const cases: BenchCase[] = [
      { kind: 'latency', name: 't/ok', fixture, iterations: 3, warmup: 1,
        reference: { label: 'ref', p50Ms: 1000, p95Ms: 1000, minMs: 1000, maxMs: 1000 },
        run: async (t) => { await t.http.placement('GET', '/', { expect: [200] }); } },
      { kind: 'latency', name: 't/fails', fixture, iterations: 3,
        run: async (t) => { await t.http.placement('GET', '/no-such-thing', { expect: [200] }); } },
      { kind: 'metric', name: 't/metric', measure: async () => [{ name: 'm', value: null, unit: 'MB', note: 'not measurable' }] },
    ];
    const [ok, failed, metric] = await runCases(cases, { maxSeconds: 10, keepAlive: false }, () => {});
    expect(setups).toBe(1);
    expect(ok).toMatchObject({ status: 'ok', stats: { n: 3 } });
    expect(ok!.kind === 'latency' && ok!.speedup).toBeGreaterThan(1);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.error).toMatch(/-> 404/);
    expect(metric).toMatchObject({ status: 'ok', metrics: [{ value: null }] });
  });
});
