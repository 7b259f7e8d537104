// Placement latency at 10/100/1000 providers: the two anchor requests of the conformance
// kit's perf-bench.sh, measured the same way, beside the real Placement's figures.
// (GET /allocation_candidates lives in allocation-candidates.bench.ts.)
import { randomUUID } from 'node:crypto';
import type { BenchCase } from './lib/bench-case.js';
import { loadedProviders, perfAllocationBody, providersFixture } from './lib/placement-load.js';
import { realPlacementFigure } from './lib/real-placement-figures.js';

export const PROVIDER_COUNTS = [10, 100, 1000] as const;

/**
 * What any request costs on a fresh connection (connect, parse, route, microversion, auth,
 * reply, close) with nearly no work behind it: the floor under the small-N figures above.
 */
const floorCases: BenchCase[] = [
  { name: 'placement/floor: GET / (version document)/N=10', path: '/', status: 200 },
  { name: 'placement/floor: 404 unknown provider/N=10', path: `/resource_providers/${randomUUID()}`, status: 404 },
].map((f): BenchCase => ({
  kind: 'latency',
  name: f.name,
  fixture: providersFixture(10),
  iterations: 50,
  async run(t) {
    await t.http.placement('GET', f.path, { expect: [f.status] });
  },
}));

export const cases: BenchCase[] = [...floorCases, ...PROVIDER_COUNTS.flatMap((n): BenchCase[] => [
  {
    kind: 'latency',
    name: `placement/GET /resource_providers/N=${n}`,
    fixture: providersFixture(n),
    iterations: 50,
    reference: realPlacementFigure(n, 'GET /resource_providers'),
    targetSpeedup: 10,
    async run(t, i) {
      const res = await t.http.placement('GET', '/resource_providers', { expect: [200] });
      // Check the answer once (first warm-up): parsing 1000 providers is client work the
      // anchor (perf_tool.py reads the body, never parses it) did not time either.
      if (i > 0) return;
      const count = res.json<{ resource_providers: unknown[] }>().resource_providers.length;
      if (count !== n) throw new Error(`expected ${n} providers, got ${count}`);
    },
  },
  {
    kind: 'latency',
    name: `placement/PUT /allocations/{consumer}/N=${n}`,
    fixture: providersFixture(n),
    iterations: 50,
    reference: realPlacementFigure(n, 'PUT /allocations/{consumer}'),
    targetSpeedup: 10,
    async run(t, i) {
      const providers = loadedProviders(n);
      await t.http.placement('PUT', `/allocations/${randomUUID()}`, {
        body: perfAllocationBody(providers[i % providers.length]!),
        expect: [204],
      });
    },
  },
])];
