// Server create with one network against create without one, end to end over HTTP: POST
// /servers, wait until ACTIVE, DELETE, wait until gone. The goal is that the network (a port
// made, bound, and deleted through the networking client) costs at most 20% more.
import { loadavg } from 'node:os';
import type { BenchCase, BenchFixture, BenchMetric, BenchTarget } from './lib/bench-case.js';
import { startSpawnedTarget, startTarget, type RunningTarget } from './lib/bench-target.js';

const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
const ADMIN = { 'x-auth-token': 'admin' };
let privateNet = '';

const seeded: BenchFixture = {
  name: 'networking-seeded',
  config: { seed: true },
  async setup(t) {
    const nets = (await t.http.request('GET', `${t.mainUrl}/networking/v2.0/networks?name=private`, { expect: [200], headers: ADMIN })).json<{ networks: { id: string }[] }>();
    privateNet = nets.networks[0]!.id;
  },
};

async function bootAndDelete(t: BenchTarget, networks: unknown): Promise<void> {
  const idle = () => t.http.request('POST', `${t.mainUrl}/_mock/idle`, { expect: [200], headers: ADMIN });
  const created = await t.http.compute('POST', '/servers', { body: { server: { name: 'bench-net', imageRef: IMAGE, flavorRef: '1', networks } }, expect: [202] });
  const id = created.json<{ server: { id: string } }>().server.id;
  await idle();
  const s = (await t.http.compute('GET', `/servers/${id}`, { expect: [200] })).json<{ server: { status: string; addresses: Record<string, unknown[]> } }>().server;
  if (s.status !== 'ACTIVE') throw new Error(`server ${id} is ${s.status}`);
  if (Array.isArray(networks) && !s.addresses.private?.length) throw new Error(`server ${id} has no address on private`);
  await t.http.compute('DELETE', `/servers/${id}`, { expect: [204] });
  await idle();
}

export const cases: BenchCase[] = [
  {
    kind: 'latency', name: 'networking/server create + delete, networks none', fixture: seeded, iterations: 40,
    run: (t) => bootAndDelete(t, 'none'),
  },
  {
    kind: 'latency', name: 'networking/server create + delete, one network (port made, bound, deleted)', fixture: seeded, iterations: 40,
    run: (t) => bootAndDelete(t, [{ uuid: privateNet }]),
  },
  {
    // The goal as the issue states it, in CPU time, which the machine's load does not inflate as
    // it inflates the wall clock: here the server's own process (`npm start`, spawned), so the
    // client's HTTP work does not dilute the difference. Both variants alternate in one server
    // so that drift (JIT, GC, the DB growing) falls on both alike.
    kind: 'metric',
    name: 'networking/server CPU per create + delete, one network against none',
    async measure(ctx): Promise<BenchMetric[]> {
      const t = await startSpawnedTarget({ seed: true, logLevel: 'warn' }, false, Number(process.env.BENCH_NET_PORT ?? 21330));
      try {
        return await compareVariants(t, () => t.serverCpuMs!(), ctx.progress, 'server process');
      } finally {
        await t.close();
      }
    },
  },
  {
    kind: 'metric',
    name: 'networking/CPU per create + delete (server + client in process), one network against none',
    async measure(ctx): Promise<BenchMetric[]> {
      const t = await startTarget({ seed: true }, false);
      try {
        const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
        return await compareVariants(t, cpu, ctx.progress, 'server + client');
      } finally {
        await t.close();
      }
    },
  },
];

/** Mean CPU per create + delete of each variant, alternated (ABBA...), and their ratio. */
async function compareVariants(t: RunningTarget, cpuMs: () => number, progress: (m: string) => void, what: string): Promise<BenchMetric[]> {
  await seeded.setup(t);
  const variants = { none: 'none' as unknown, one: [{ uuid: privateNet }] as unknown };
  type Variant = keyof typeof variants;
  const total: Record<Variant, number> = { none: 0, one: 0 };
  for (let i = 0; i < 5; i++) for (const v of Object.values(variants)) await bootAndDelete(t, v);
  const N = 60;
  for (let i = 0; i < N; i++) {
    for (const k of (i % 2 ? ['one', 'none'] : ['none', 'one']) as Variant[]) {
      const c0 = cpuMs();
      await bootAndDelete(t, variants[k]);
      total[k] += cpuMs() - c0;
    }
  }
  const none = Math.round((total.none / N) * 100) / 100;
  const one = Math.round((total.one / N) * 100) / 100;
  const ratio = Math.round((one / none) * 1000) / 1000;
  const load = loadavg()[0]!.toFixed(2);
  progress(`${what} CPU per create + delete, mean of ${N}: none ${none} ms, one network ${one} ms (x${ratio}), load ${load}`);
  return [
    { name: `${what} CPU per create + delete, networks none (mean of ${N})`, value: none, unit: 'ms' },
    { name: `${what} CPU per create + delete, one network (mean of ${N})`, value: one, unit: 'ms' },
    { name: 'one network / none', value: ratio, unit: 'x', below: 1.2, note: `the issue's goal: at most 20% more; load ${load}` },
  ];
}
