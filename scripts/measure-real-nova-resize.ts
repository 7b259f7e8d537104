// Measure the real Nova (nova-live: Nova 26.2.2 + Placement 8.0.0 in Nova's functional
// environment, over HTTP) running bench/resize-scenario.bench.ts's scenario, and print the
// BenchReference to paste into bench/lib/real-nova-resize-figures.ts.
//   NOVA_LIVE_WORK=/tmp/nova-live-x /work/shared/reference/nova-live/run.sh 18775
//   npx tsx scripts/measure-real-nova-resize.ts http://127.0.0.1:18775 [runs]
import { Agent, request } from 'undici';
import { bug1825537Scenario, type ScenarioCloud } from '../bench/resize-scenario.bench.js';
import { summarise } from '../bench/lib/latency-stats.js';

const base = process.argv[2] ?? 'http://127.0.0.1:18775';
const runs = Number(process.argv[3] ?? 10);
const agent = new Agent({ pipelining: 0 });
// the real services are asynchronous: poll every 20 ms (the upstream helpers poll every 0.5 s)
const POLL_MS = 20;

async function send(method: string, url: string, headers: Record<string, string>, body?: unknown, expect?: number[]): Promise<any> {
  const res = await request(url, {
    method: method as 'GET', dispatcher: agent,
    headers: { 'x-auth-token': 'admin', connection: 'close', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  if (expect && !expect.includes(res.statusCode)) throw new Error(`${method} ${url} -> ${res.statusCode} ${text.slice(0, 300)}`);
  let parsed: Record<string, unknown> = {};
  try { parsed = text ? JSON.parse(text) : {}; } catch { /* html */ }
  return { __status: res.statusCode, ...parsed };
}

const cloud: ScenarioCloud = {
  compute: (m, p, b, e) => send(m, `${base}/compute/v2.1${p}`, { 'openstack-api-version': 'compute 2.93' }, b, e),
  control: (m, p, b, e) => send(m, `${base}/_mock${p}`, {}, b, e),
  placement: (m, p) => send(m, `${base}/placement${p}`, { 'openstack-api-version': 'placement 1.28' }, undefined, [200]),
  settle: () => new Promise((r) => setTimeout(r, POLL_MS)),
};

const hosts = (await send('GET', `${base}/_mock/hosts`, {}, undefined, [200])).hosts as { name: string; resource_provider: string }[];
const rp = (n: string) => hosts.find((h) => h.name === n)!.resource_provider;
const providers = { host1: rp('host1'), host2: rp('host2') };
await bug1825537Scenario(cloud, providers); // warm-up
const samples: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  await bug1825537Scenario(cloud, providers);
  samples.push(performance.now() - t0);
  process.stderr.write(`run ${i + 1}: ${Math.round(samples[i]!)} ms\n`);
}
const s = summarise(samples);
console.log(JSON.stringify({ label: `real Nova 26.2.2 (nova-live, ${s.n} runs, ${POLL_MS} ms polls)`, p50Ms: s.p50Ms, p95Ms: s.p95Ms, minMs: s.minMs, maxMs: s.maxMs }, null, 2));
await agent.close();
