// Providers as the conformance kit's perf-load.sh builds them: perf-rp-NNNNN, each with
// VCPU 64 (ratio 16), MEMORY_MB 262144 (ratio 1.5), DISK_GB 4096, through the REST API
// (POST /resource_providers, then PUT .../inventories at microversion 1.39).
import { randomUUID } from 'node:crypto';
import type { BenchFixture, BenchHttp } from './bench-case.js';

export const PERF_INVENTORY = {
  VCPU: { total: 64, allocation_ratio: 16.0, max_unit: 64 },
  MEMORY_MB: { total: 262144, allocation_ratio: 1.5, max_unit: 262144 },
  DISK_GB: { total: 4096, allocation_ratio: 1.0, max_unit: 4096 },
} as const;

/** The allocation perf_tool.py makes for each new consumer. */
export function perfAllocationBody(providerUuid: string): unknown {
  return {
    allocations: { [providerUuid]: { resources: { VCPU: 1, MEMORY_MB: 512, DISK_GB: 10 } } },
    project_id: 'perf-project',
    user_id: 'perf-user',
    consumer_generation: null,
    consumer_type: 'INSTANCE',
  };
}

/** Create n providers with `concurrency` requests in flight; returns their uuids in order. */
export async function loadProviders(http: BenchHttp, n: number, concurrency = 8): Promise<string[]> {
  const uuids = Array.from({ length: n }, () => randomUUID());
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const uuid = uuids[i]!;
      const created = await http.placement('POST', '/resource_providers', {
        body: { name: `perf-rp-${String(i).padStart(5, '0')}`, uuid },
        expect: [200],
      });
      const { generation } = created.json<{ generation: number }>();
      await http.placement('PUT', `/resource_providers/${uuid}/inventories`, {
        body: { resource_provider_generation: generation, inventories: PERF_INVENTORY },
        expect: [200],
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return uuids;
}

/** Uuids of the providers a fixture loaded, by fixture name (read by the cases' run()). */
const loaded = new Map<string, string[]>();

export function providersFixture(n: number): BenchFixture {
  const name = `providers-${n}`;
  return {
    name,
    async setup(target) {
      loaded.set(name, await loadProviders(target.http, n));
    },
  };
}

export function loadedProviders(n: number): string[] {
  const uuids = loaded.get(`providers-${n}`);
  if (!uuids) throw new Error(`fixture providers-${n} has not run`);
  return uuids;
}
