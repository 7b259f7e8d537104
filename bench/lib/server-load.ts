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

export interface ComputeCaller {
  call(method: string, path: string, body?: unknown, expect?: number[], token?: string, apiVersion?: string): Promise<Record<string, unknown>>;
  /** GET, 200 expected, the body read in full as bytes and not decoded (as perf_tool.py's r.read()). */
  bytes(path: string, token?: string, apiVersion?: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** JSON calls on the main port (compute 2.93), keep-alive, `connections` sockets. */
export function computeCaller(mainUrl: string, connections = 16): ComputeCaller {
  const agent = new Agent({ connections });
  return {
    async call(method, path, body, expect = [200], token = 'admin', apiVersion = 'compute 2.93') {
      const res = await request(`${mainUrl}${path}`, {
        method: method as 'GET', dispatcher: agent,
        headers: { 'x-auth-token': token, 'content-type': 'application/json', 'openstack-api-version': apiVersion },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.body.text();
      if (!expect.includes(res.statusCode)) throw new Error(`${method} ${path} -> ${res.statusCode} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) as Record<string, unknown> : {};
    },
    async bytes(path, token = 'admin', apiVersion = 'compute 2.93') {
      const res = await request(`${mainUrl}${path}`, { dispatcher: agent, headers: { 'x-auth-token': token, 'openstack-api-version': apiVersion } });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      if (res.statusCode !== 200) throw new Error(`GET ${path} -> ${res.statusCode} ${bytes.toString('utf8', 0, 300)}`);
      return bytes;
    },
    close: () => agent.close(),
  };
}

/** POST /_mock/reset with `count` hosts; each takes 1024 m1.tiny (nova's initial ratios: cpu 4.0, ram 1.0, disk 1.0). */
export async function resetHosts(c: ComputeCaller, count: number): Promise<void> {
  await c.call('POST', '/_mock/reset', {
    hosts: Array.from({ length: count }, (_, i) => ({ name: `perf-host-${i}`, vcpus: 256, memory_mb: 524288 + 4096, local_gb: 2048 })),
  });
}

/**
 * POST /servers until `count` servers were asked for (names perf-<first..>, project
 * perf-project-<i/10>), `concurrency` in flight, until done or `maxSeconds`; then POST
 * /_mock/idle. `perRequest` > 1: multi-create, min_count = max_count = perRequest servers of one
 * project per POST (a multiple of 10 in `first` and `perRequest` keeps one project per POST,
 * within nova's default quota of 10 instances). Returns how many were accepted.
 */
export async function bootServers(c: ComputeCaller, count: number, o: { first?: number; concurrency?: number; maxSeconds: number; perRequest?: number }): Promise<{ created: number; stoppedBecause?: string }> {
  const first = o.first ?? 0;
  const per = o.perRequest ?? 1;
  let next = 0;
  let created = 0;
  let stoppedBecause: string | undefined;
  const deadline = performance.now() + o.maxSeconds * 1000;
  const worker = async () => {
    while (next < count && stoppedBecause === undefined) {
      if (performance.now() > deadline) { stoppedBecause = `time limit ${o.maxSeconds} s`; return; }
      const i = first + next;
      const n = Math.min(per, count - next);
      next += n;
      const many = n > 1 ? { min_count: n, max_count: n } : {};
      await c.call('POST', '/compute/v2.1/servers', {
        server: { name: `perf-${i}`, flavorRef: '1', imageRef: IMAGE_REF, networks: 'none', ...many },
      }, [202], `perf-user:perf-project-${Math.floor(i / 10)}`);
      created += n;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 8 }, worker));
  await c.call('POST', '/_mock/idle', {});
  return { created, stoppedBecause };
}

/** Servers in `status` over all projects, paging GET /servers/detail 1000 at a time. */
export async function countServers(c: ComputeCaller, status = 'ACTIVE'): Promise<number> {
  let n = 0;
  let marker: string | undefined;
  for (;;) {
    const page = await c.call('GET', `/compute/v2.1/servers/detail?all_tenants=1&status=${status}&limit=1000${marker ? `&marker=${marker}` : ''}`);
    const servers = page.servers as { id: string }[];
    n += servers.length;
    if (servers.length < 1000) return n;
    marker = servers.at(-1)!.id;
  }
}

export async function loadServers(mainUrl: string, count: number, o: { concurrency?: number; maxSeconds: number; hosts: number }): Promise<ServerLoadResult> {
  const c = computeCaller(mainUrl);
  const t0 = performance.now();
  try {
    await resetHosts(c, o.hosts);
    const { created, stoppedBecause } = await bootServers(c, count, { concurrency: o.concurrency, maxSeconds: o.maxSeconds - (performance.now() - t0) / 1000 });
    const active = await countServers(c);
    return { created, active, seconds: (performance.now() - t0) / 1000, stoppedBecause };
  } finally {
    await c.close();
  }
}
