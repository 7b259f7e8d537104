// The bug-1825537 scenario end to end over HTTP, as one timed iteration: boot on host1, inject
// finish_migration failure on host2, resize to m1.small, wait for ERROR, check the allocations,
// delete and wait until it is gone. Goal: p50 <= 50 ms (the real Nova needs seconds: see the
// reference, measured with scripts/measure-real-nova-resize.ts against nova-live).
import type { BenchCase, BenchHttp, BenchMetric } from './lib/bench-case.js';
import { startTarget } from './lib/bench-target.js';
import { summarise } from './lib/latency-stats.js';
// the real Nova running the same requests (scripts/measure-real-nova-resize.ts)
import { REAL_NOVA_RESIZE_SCENARIO } from './lib/real-nova-resize-figures.js';

const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';

/** How the scenario reaches a cloud: novamock (settle = POST /_mock/idle) or the real Nova (settle = sleep). */
export interface ScenarioCloud {
  compute(method: string, path: string, body?: unknown, expect?: number[]): Promise<any>;
  control(method: string, path: string, body?: unknown, expect?: number[]): Promise<any>;
  placement(method: string, path: string): Promise<any>;
  /** Let async work progress before the next poll. */
  settle(): Promise<void>;
}

async function waitFor<T>(cloud: ScenarioCloud, what: string, probe: () => Promise<T | null>, attempts = 400): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const v = await probe();
    if (v !== null) return v;
    await cloud.settle();
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** One run of the scenario; throws when any state differs from nova's (spec §5.1). */
export async function bug1825537Scenario(cloud: ScenarioCloud, providers: { host1: string; host2: string }): Promise<void> {
  const created = await cloud.compute('POST', '/servers', {
    server: { name: 'bench', imageRef: IMAGE, flavorRef: '1', networks: 'none', availability_zone: 'nova:host1' },
  }, [202]);
  const id = created.server.id as string;
  await waitFor(cloud, 'ACTIVE', async () => {
    const s = (await cloud.compute('GET', `/servers/${id}`, undefined, [200])).server;
    if (s.status === 'ERROR') throw new Error('boot failed');
    return s.status === 'ACTIVE' ? s : null;
  });
  const fault = (await cloud.control('POST', '/faults', {
    operation: 'finish_migration', host: 'host2', server: id, times: 1, error: { type: 'VirtualInterfaceCreateException' },
  }, [201])).fault;
  await cloud.compute('POST', `/servers/${id}/action`, { resize: { flavorRef: '2' } }, [202]);
  await waitFor(cloud, 'migration error', async () => {
    const m = (await cloud.compute('GET', `/os-migrations?instance_uuid=${id}`, undefined, [200])).migrations[0];
    return m?.status === 'error' ? m : null;
  });
  const s = await waitFor(cloud, 'ERROR', async () => {
    const v = (await cloud.compute('GET', `/servers/${id}`, undefined, [200])).server;
    return v.status === 'ERROR' && v['OS-EXT-STS:task_state'] === null ? v : null;
  });
  if (s['OS-EXT-SRV-ATTR:host'] !== 'host2' || !String(s.fault?.message).includes('Virtual Interface creation failed')) {
    throw new Error(`unexpected server state ${JSON.stringify(s).slice(0, 300)}`);
  }
  const u1 = (await cloud.placement('GET', `/resource_providers/${providers.host1}/usages`)).usages;
  const u2 = (await cloud.placement('GET', `/resource_providers/${providers.host2}/usages`)).usages;
  if (u1.VCPU !== 0 || u1.MEMORY_MB !== 0 || u1.DISK_GB !== 0 || u2.MEMORY_MB !== 2048 || u2.DISK_GB !== 20) {
    throw new Error(`unexpected usages host1 ${JSON.stringify(u1)} host2 ${JSON.stringify(u2)}`);
  }
  await cloud.compute('DELETE', `/servers/${id}`, undefined, [204]);
  await waitFor(cloud, 'deleted', async () => ((await cloud.compute('GET', `/servers/${id}`)).__status === 404 ? true : null));
  await cloud.control('DELETE', `/faults/${fault.id}`, undefined, [204, 404]);
}

/** A ScenarioCloud over the bench's HTTP client (novamock). */
function benchCloud(http: BenchHttp, mainUrl: string): ScenarioCloud {
  const parse = (r: { status: number; text: string }) => ({ __status: r.status, ...(r.text ? JSON.parse(r.text) : {}) });
  const admin = { 'x-auth-token': 'admin' };
  return {
    compute: async (m, p, body, expect) => parse(await http.compute(m, p, { body, expect })),
    control: async (m, p, body, expect) => parse(await http.request(m, `${mainUrl}/_mock${p}`, { body, expect, headers: admin })),
    placement: async (m, p) => parse(await http.request(m, `${mainUrl}/placement${p}`, { expect: [200], headers: { ...admin, 'openstack-api-version': 'placement 1.28' } })),
    settle: async () => { await http.request('POST', `${mainUrl}/_mock/idle`, { expect: [200], headers: admin }); },
  };
}

async function providersOf(http: BenchHttp, mainUrl: string): Promise<{ host1: string; host2: string }> {
  const hosts = (await http.request('GET', `${mainUrl}/_mock/hosts`, { expect: [200], headers: { 'x-auth-token': 'admin' } })).json<{ hosts: { name: string; resource_provider: string }[] }>().hosts;
  const rp = (n: string) => hosts.find((h) => h.name === n)!.resource_provider;
  return { host1: rp('host1'), host2: rp('host2') };
}

let providers: { host1: string; host2: string } | null = null;

export const cases: BenchCase[] = [
  {
    kind: 'latency',
    name: 'compute/bug-1825537 resize scenario (HTTP, end to end)',
    fixture: { name: 'compute-seeded', config: { seed: true }, async setup(t) { providers = await providersOf(t.http, t.mainUrl); } },
    iterations: 50,
    warmup: 3,
    reference: REAL_NOVA_RESIZE_SCENARIO ?? undefined,
    async run(t) {
      await bug1825537Scenario(benchCloud(t.http, t.mainUrl), providers!);
    },
  },
  {
    kind: 'metric',
    name: 'compute/bug-1825537 resize scenario p50',
    async measure(ctx): Promise<BenchMetric[]> {
      const t = await startTarget({ seed: true }, false);
      try {
        const cloud = benchCloud(t.http, t.mainUrl);
        const rps = await providersOf(t.http, t.mainUrl);
        for (let i = 0; i < 3; i++) await bug1825537Scenario(cloud, rps);
        const samples: number[] = [];
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          await bug1825537Scenario(cloud, rps);
          samples.push(performance.now() - t0);
        }
        const s = summarise(samples);
        ctx.progress(`bug-1825537 scenario: p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms over ${s.n} runs`);
        return [
          { name: 'p50 over 40 runs (new TCP connection per request)', value: s.p50Ms, unit: 'ms', below: 50 },
          { name: 'p95 over 40 runs', value: s.p95Ms, unit: 'ms' },
        ];
      } finally {
        await t.close();
      }
    },
  },
];
