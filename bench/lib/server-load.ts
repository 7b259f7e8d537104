// Servers through the compute API of a running process: compute hosts via the control plane,
// then POST /servers (m1.tiny, the glance fixture's image, networks none) with a few requests
// in flight, ten per project (nova's default quota: 10 instances), and /_mock/idle at the end.
import { Agent, request } from 'undici';

const IMAGE_REF = '155d900f-4e14-4e4c-a73d-069cbf4541e6';

export interface ServerLoadResult {
  created: number;
  active: number;
  seconds: number;
  /** Why it stopped short, when it did. */
  stoppedBecause?: string;
}

export async function loadServers(mainUrl: string, count: number, o: { concurrency?: number; maxSeconds: number; hosts: number }): Promise<ServerLoadResult> {
  const agent = new Agent({ connections: 16 });
  const call = async (method: string, path: string, body?: unknown, expect: number[] = [200], token = 'admin') => {
    const res = await request(`${mainUrl}${path}`, {
      method: method as 'GET', dispatcher: agent,
      headers: { 'x-auth-token': token, 'content-type': 'application/json', 'openstack-api-version': 'compute 2.93' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (!expect.includes(res.statusCode)) throw new Error(`${method} ${path} -> ${res.statusCode} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) as Record<string, unknown> : {};
  };
  const t0 = performance.now();
  try {
    // Each host takes 1024 m1.tiny (nova's initial ratios: cpu 4.0, ram 1.0, disk 1.0).
    await call('POST', '/_mock/reset', {
      hosts: Array.from({ length: o.hosts }, (_, i) => ({ name: `perf-host-${i}`, vcpus: 256, memory_mb: 524288 + 4096, local_gb: 2048 })),
    });
    let next = 0;
    let created = 0;
    let stoppedBecause: string | undefined;
    const deadline = t0 + o.maxSeconds * 1000;
    const worker = async () => {
      while (next < count && stoppedBecause === undefined) {
        if (performance.now() > deadline) { stoppedBecause = `time limit ${o.maxSeconds} s`; return; }
        const i = next++;
        await call('POST', '/compute/v2.1/servers', {
          server: { name: `perf-${i}`, flavorRef: '1', imageRef: IMAGE_REF, networks: 'none' },
        }, [202], `perf-user:perf-project-${Math.floor(i / 10)}`);
        created++;
      }
    };
    await Promise.all(Array.from({ length: o.concurrency ?? 8 }, worker));
    await call('POST', '/_mock/idle', {});
    let active = 0;
    let marker: string | undefined;
    for (;;) {
      const page = await call('GET', `/compute/v2.1/servers/detail?all_tenants=1&status=ACTIVE&limit=1000${marker ? `&marker=${marker}` : ''}`);
      const servers = page.servers as { id: string }[];
      active += servers.length;
      if (servers.length < 1000) break;
      marker = servers.at(-1)!.id;
    }
    return { created, active, seconds: (performance.now() - t0) / 1000, stoppedBecause };
  } finally {
    await agent.close();
  }
}
