// Server create with one network against create without one, end to end over HTTP: POST
// /servers, wait until ACTIVE, DELETE, wait until gone. The goal is that the network (a port
// made, bound, and deleted through the networking client) costs at most 20% more.
import type { BenchCase, BenchFixture, BenchTarget } from './lib/bench-case.js';

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
];
