// Large compute bodies (GET /os-hypervisors/detail of 700 hosts, ~0.5 MB) go out of reused buffers
// (http/response-buffers.ts): over a real socket, concurrent requests each get their complete
// body, byte for byte what the same request answers alone through inject (which copies the body),
// with a matching content-length; a small body takes the ordinary path alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
let base: string;
const headers = (version: string) => ({ 'x-auth-token': 'admin', 'openstack-api-version': `compute ${version}`, accept: 'application/json' });

beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const reset = await t.app.inject({
    method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin', 'content-type': 'application/json' },
    payload: JSON.stringify({ hosts: Array.from({ length: 700 }, (_, i) => ({ name: `big-host-${i}`, vcpus: 16 + (i % 5), memory_mb: 65536, local_gb: 500 + i })) }),
  });
  expect(reset.statusCode).toBe(200);
}, 120_000);
afterAll(async () => { await t.close(); });

describe('large compute bodies over HTTP', () => {
  it('concurrent requests each get their own complete body', async () => {
    const requests = [
      ['/compute/v2.1/os-hypervisors/detail', '2.1'], ['/compute/v2.1/os-hypervisors/detail', '2.33'],
      ['/compute/v2.1/os-hypervisors/detail', '2.88'], ['/compute/v2.1/os-hypervisors', '2.1'],
    ] as const;
    const alone = new Map<string, Buffer>();
    for (const [url, version] of requests) {
      const res = await t.app.inject({ method: 'GET', url, headers: headers(version) });
      expect(res.statusCode).toBe(200);
      alone.set(`${version} ${url}`, res.rawPayload);
    }
    // both paths are taken: the detail pages are above the pool's 256 KiB, the index below 64 Ki characters
    expect(alone.get('2.1 /compute/v2.1/os-hypervisors/detail')!.length).toBeGreaterThan(256 * 1024);
    expect(alone.get('2.1 /compute/v2.1/os-hypervisors')!.length).toBeLessThan(65536);
    const got = await Promise.all([...requests, ...requests, ...requests].map(async ([url, version]) => {
      const res = await fetch(base + url, { headers: headers(version) });
      return { key: `${version} ${url}`, status: res.status, length: res.headers.get('content-length'), type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
    }));
    for (const g of got) {
      expect(g.status).toBe(200);
      expect(g.type).toBe('application/json');
      expect(Number(g.length)).toBe(g.body.length);
      expect(g.body.equals(alone.get(g.key)!)).toBe(true);
    }
  }, 60_000);
});
