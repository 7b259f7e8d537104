// Memory under a long soak, the server in its own process (node dist/bundle/main.mjs): RSS once
// every service has served a first round, everything it made was deleted and the server has
// idled as long as the end does (the lowest RSS over the last 10 s of BENCH_SOAK_IDLE_SECONDS: the start), then
// a mixed load for BENCH_SOAK_SECONDS (180; --quick 30) — 4 clients running the resize-confirm
// scenario in their projects, one creating and deleting Placement providers with inventory and
// an allocation, one creating and deleting networks with a subnet and a port, and one creating
// and deleting volumes — then everything deleted and BENCH_SOAK_IDLE_SECONDS (60, also --quick:
// the "idle minute") idle (the end: the lowest RSS over its last 10 s). Goal: RSS back
// within 10% of the start. Both ends idle alike because what V8 gives back at rest depends on
// when: the young generation a burst grew (32 MB) goes at the idle GC only if V8's last measured
// allocation rate was low, else at its memory reducer's GC seconds later — with 12 s at the start
// and 20 s at the end, either end could carry it (runs read -17% and +56% on the same tree).
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { BenchCase } from './lib/bench-case.js';
import { startBundle } from './lib/bundle-server.js';
import type { ServerProcess } from './lib/server-process.js';
import { resizeConfirmScenario } from './lib/resize-confirm.js';
import { computeCaller, resetHosts, type ComputeCaller } from './lib/server-load.js';

const QUICK = Boolean(process.env.BENCH_QUICK);
const PORT = Number(process.env.BENCH_SOAK_PORT ?? 18780);
const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? (QUICK ? 30 : 180));
const IDLE_SECONDS = Number(process.env.BENCH_SOAK_IDLE_SECONDS ?? 60);
const REST_WINDOW_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * RSS at rest: the lowest of one reading a second over REST_WINDOW_MS. V8 gives the pages a GC
 * freed back to the system some seconds after it (a background task, later on a loaded machine),
 * and a compacting GC first grows RSS: a single reading can fall on either side.
 */
async function restingRss(server: ServerProcess): Promise<{ rssMb: number; hwmMb: number }> {
  let low = server.rssMb();
  for (let waited = 0; waited < REST_WINDOW_MS; waited += 1000) {
    await sleep(1000);
    const r = server.rssMb();
    if (r.rssMb < low.rssMb) low = r;
  }
  return low;
}

async function placementRound(c: ComputeCaller): Promise<void> {
  const v = 'placement 1.39';
  const uuid = randomUUID();
  const consumer = randomUUID();
  await c.call('POST', '/placement/resource_providers', { name: `soak-${uuid}`, uuid }, [200], 'admin', v);
  await c.call('PUT', `/placement/resource_providers/${uuid}/inventories`, { resource_provider_generation: 0, inventories: { VCPU: { total: 8 }, MEMORY_MB: { total: 8192 } } }, [200], 'admin', v);
  await c.call('PUT', `/placement/allocations/${consumer}`, {
    allocations: { [uuid]: { resources: { VCPU: 1, MEMORY_MB: 512 } } }, project_id: 'soak', user_id: 'soak', consumer_generation: null, consumer_type: 'INSTANCE',
  }, [204], 'admin', v);
  await c.call('GET', `/placement/allocation_candidates?resources=VCPU:1,MEMORY_MB:256&limit=10`, undefined, [200], 'admin', v);
  await c.call('DELETE', `/placement/allocations/${consumer}`, undefined, [204], 'admin', v);
  await c.call('DELETE', `/placement/resource_providers/${uuid}`, undefined, [204], 'admin', v);
}

async function networkRound(c: ComputeCaller, i: number): Promise<void> {
  const token = `soak-user:soak-net-${i % 10}`;
  const net = (await c.call('POST', '/networking/v2.0/networks', { network: { name: `soak-${i}` } }, [201], token)).network as { id: string };
  const subnet = (await c.call('POST', '/networking/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: `10.${i % 200}.0.0/24` } }, [201], token)).subnet as { id: string };
  const port = (await c.call('POST', '/networking/v2.0/ports', { port: { network_id: net.id } }, [201], token)).port as { id: string };
  await c.call('DELETE', `/networking/v2.0/ports/${port.id}`, undefined, [204], token);
  await c.call('DELETE', `/networking/v2.0/subnets/${subnet.id}`, undefined, [204], token);
  await c.call('DELETE', `/networking/v2.0/networks/${net.id}`, undefined, [204], token);
}

async function volumeRound(c: ComputeCaller, i: number): Promise<void> {
  const project = `soak-vol-${i % 10}`;
  const token = `soak-user:${project}`;
  const vol = (await c.call('POST', `/volume/v3/${project}/volumes`, { volume: { size: 1, name: `soak-${i}` } }, [202], token, 'volume 3.0')).volume as { id: string };
  for (let k = 0; ; k++) {
    const v = (await c.call('GET', `/volume/v3/${project}/volumes/${vol.id}`, undefined, [200], token, 'volume 3.0')).volume as { status: string };
    if (v.status === 'available') break;
    if (k > 2000) throw new Error(`volume ${vol.id} stays ${v.status}`);
    await sleep(2);
  }
  await c.call('DELETE', `/volume/v3/${project}/volumes/${vol.id}`, undefined, [202], token, 'volume 3.0');
  for (let k = 0; ; k++) {
    const r = await c.call('GET', `/volume/v3/${project}/volumes/${vol.id}`, undefined, [200, 404], token, 'volume 3.0');
    if (!r.volume) break;
    if (k > 2000) throw new Error(`volume ${vol.id} is never deleted`);
    await sleep(2);
  }
}

/** Every workload, each client looping until the deadline; returns rounds done. */
async function mixedLoad(c: ComputeCaller, seconds: number, tag: string): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let rounds = 0;
  const loop = async (one: (i: number) => Promise<unknown>) => {
    for (let i = 0; i === 0 || performance.now() < deadline; i++) { await one(i); rounds++; }
  };
  await Promise.all([
    ...Array.from({ length: 4 }, (_, k) => loop((i) => resizeConfirmScenario(c, `soak-user:${tag}-project-${k}`, `${tag}-${k}-${i}`))),
    loop(() => placementRound(c)),
    loop((i) => networkRound(c, i)),
    loop((i) => volumeRound(c, i)),
  ]);
  return rounds;
}

export const cases: BenchCase[] = [
  {
    kind: 'metric',
    name: 'memory/soak: RSS after deletes and idle',
    async measure({ progress }) {
      const server = await startBundle(PORT);
      const c = computeCaller(server.mainUrl, 12);
      try {
        await resetHosts(c, 4);
        await mixedLoad(c, 0, 'warm'); // one round of each: every service's app built
        // the start is the warmed server at rest, idle as long as the end will be (its idle GC:
        // src/runtime/idle-gc.ts, 30-35 s after the last request, its follow-up 10 s later; V8's memory reducer after it)
        await sleep(Math.max(0, IDLE_SECONDS * 1000 - REST_WINDOW_MS));
        const start = await restingRss(server);
        const loadBefore = loadavg()[0]!.toFixed(2);
        progress(`start: RSS ${start.rssMb.toFixed(1)} MB; soaking ${SECONDS} s`);
        const rounds = await mixedLoad(c, SECONDS, 'soak');
        const loaded = server.rssMb();
        const left = (await c.call('GET', '/compute/v2.1/servers?all_tenants=1')).servers as unknown[];
        if (left.length) throw new Error(`${left.length} servers left after the soak`);
        progress(`${rounds} rounds: RSS ${loaded.rssMb.toFixed(1)} MB (peak ${loaded.hwmMb.toFixed(1)}); idling ${IDLE_SECONDS} s`);
        await sleep(Math.max(0, IDLE_SECONDS * 1000 - REST_WINDOW_MS));
        const end = await restingRss(server);
        const pct = 100 * (end.rssMb / start.rssMb - 1);
        const note = `${rounds} rounds of the mixed load in ${SECONDS} s, then ${IDLE_SECONDS} s idle; load ${loadBefore} -> ${loadavg()[0]!.toFixed(2)}`;
        return [
          { name: 'RSS at the start (every service warmed, nothing left)', value: start.rssMb, unit: 'MB', note: 'baseline' },
          { name: 'RSS at the end of the load', value: loaded.rssMb, unit: 'MB', note: `peak (VmHWM) ${loaded.hwmMb.toFixed(1)} MB` },
          { name: 'RSS after deletes and idle', value: end.rssMb, unit: 'MB', note },
          { name: 'RSS after deletes and idle over the start', value: pct, unit: '%', below: 10, note: 'same process' },
        ];
      } finally {
        await c.close();
        await server.stop();
      }
    },
  },
];
