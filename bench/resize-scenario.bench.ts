// A nova move round trip through the compute API, timed end to end: resize (flavor 1 <-> 2),
// wait for VERIFY_RESIZE, confirm (or revert), wait for ACTIVE, and check the allocations
// moved with it. Progression is immediate, so this is the double's own overhead per flow.
// (Plug-in slot for compute-engine: extend or replace freely.)
import type { BenchCase, BenchFixture, BenchTarget } from './lib/bench-case.js';

const IMAGE_REF = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
const FLAVOR_VCPUS: Record<string, number> = { 1: 1, 2: 1 };
const FLAVOR_MEMORY: Record<string, number> = { 1: 512, 2: 2048 };

let serverId = '';
let currentFlavor = '1';

async function idle(t: BenchTarget): Promise<void> {
  await t.http.request('POST', `${t.mainUrl}/_mock/idle`, { headers: { 'x-auth-token': 'admin' }, body: {}, expect: [200] });
}

async function expectServer(t: BenchTarget, status: string, flavorName?: string): Promise<void> {
  const res = await t.http.compute('GET', `/servers/${serverId}`, { expect: [200] });
  const server = res.json<{ server: { status: string; flavor: { original_name: string } } }>().server;
  if (server.status !== status) throw new Error(`server ${serverId} is ${server.status}, expected ${status}`);
  if (flavorName && server.flavor.original_name !== flavorName) throw new Error(`server flavor ${server.flavor.original_name}, expected ${flavorName}`);
}

async function expectAllocations(t: BenchTarget, flavor: string): Promise<void> {
  const res = await t.http.request('GET', `${t.mainUrl}/placement/allocations/${serverId}`, {
    headers: { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.39' }, expect: [200],
  });
  const allocations = Object.values(res.json<{ allocations: Record<string, { resources: Record<string, number> }> }>().allocations);
  if (allocations.length !== 1) throw new Error(`expected allocations on one provider, got ${allocations.length}`);
  const r = allocations[0]!.resources;
  if (r.VCPU !== FLAVOR_VCPUS[flavor] || r.MEMORY_MB !== FLAVOR_MEMORY[flavor]) throw new Error(`allocations ${JSON.stringify(r)} do not match flavor ${flavor}`);
}

const oneServer: BenchFixture = {
  name: 'compute-one-server',
  config: { seed: true, progression: 'immediate' },
  async setup(t) {
    const res = await t.http.compute('POST', '/servers', {
      body: { server: { name: 'bench-resize', flavorRef: '1', imageRef: IMAGE_REF, networks: 'none' } }, expect: [202],
    });
    serverId = res.json<{ server: { id: string } }>().server.id;
    currentFlavor = '1';
    await idle(t);
    await expectServer(t, 'ACTIVE');
  },
};

async function resizeTo(t: BenchTarget, flavor: string): Promise<void> {
  await t.http.compute('POST', `/servers/${serverId}/action`, { body: { resize: { flavorRef: flavor } }, expect: [202] });
  await idle(t);
  await expectServer(t, 'VERIFY_RESIZE');
}

export const cases: BenchCase[] = [
  {
    kind: 'latency',
    name: 'compute/resize + confirm (round trip)',
    fixture: oneServer,
    iterations: 20,
    warmup: 2,
    async run(t) {
      const target = currentFlavor === '1' ? '2' : '1';
      await resizeTo(t, target);
      await t.http.compute('POST', `/servers/${serverId}/action`, { body: { confirmResize: null }, expect: [204] });
      await idle(t);
      currentFlavor = target;
      await expectServer(t, 'ACTIVE', target === '1' ? 'm1.tiny' : 'm1.small');
      await expectAllocations(t, target);
    },
  },
  {
    kind: 'latency',
    name: 'compute/resize + revert (round trip)',
    fixture: oneServer,
    iterations: 20,
    warmup: 2,
    async run(t) {
      await resizeTo(t, currentFlavor === '1' ? '2' : '1');
      await t.http.compute('POST', `/servers/${serverId}/action`, { body: { revertResize: null }, expect: [202] });
      await idle(t);
      await expectServer(t, 'ACTIVE', currentFlavor === '1' ? 'm1.tiny' : 'm1.small');
      await expectAllocations(t, currentFlavor);
    },
  },
];
