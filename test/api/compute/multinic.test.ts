// multinic.py: addFixedIp / removeFixedIp (2.1-2.43, 404 from 2.44) through the networking
// client as nova's neutron.py does it: one more address on the instance's port on that network,
// or the address taken off its port; the network info cache (addresses) follows. A cast: what
// the compute fails at is an instance fault, the API has already answered 202. No instance action.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { NetworkingClient } from '../../helpers/networking.js';

let t: TestApp;
let c: ComputeClient;
let neutron: NetworkingClient;
let nets: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
  c = new ComputeClient(t.transport);
  neutron = new NetworkingClient(t.transport);
  nets = await neutron.networkIds();
});
afterAll(async () => { await t.close(); });

const DEMO = 'demo:demo';
const OTHER = 'other:other';
const V = '2.43';

async function bootOn(network: string): Promise<string> {
  const { id } = await c.createServer({ token: DEMO, extra: { networks: [{ uuid: network }] } });
  return id as string;
}
async function portsOf(id: string): Promise<{ id: string; network_id: string; fixed_ips: { subnet_id: string; ip_address: string }[] }[]> {
  return neutron.portsOf(id);
}
async function v4Of(id: string, label: string): Promise<string[]> {
  await t.services.compute.workflows.idle();
  const s = (await c.call('GET', `/servers/${id}`, { version: V, token: DEMO })).body.server;
  return (s.addresses[label] ?? []).filter((a: { version: number }) => a.version === 4).map((a: { addr: string }) => a.addr);
}

describe('addFixedIp / removeFixedIp', () => {
  test('one more address from the network on the same port, shown in addresses; removed again', async () => {
    const id = await bootOn(nets.private!);
    const before = await v4Of(id, 'private');
    expect(before).toHaveLength(1);
    const r = await c.action(id, { addFixedIp: { networkId: nets.private } }, { version: V, token: DEMO });
    expect(r.status, r.text).toBe(202);
    expect(r.text).toBe('');
    const after = await v4Of(id, 'private');
    expect(after).toHaveLength(2);
    const ports = await portsOf(id);
    expect(ports).toHaveLength(1);
    const added = after.find((a) => !before.includes(a))!;
    expect(ports[0]!.fixed_ips.map((f) => f.ip_address)).toContain(added);
    expect((await c.call('GET', `/servers/${id}/ips/private`, { version: V, token: DEMO })).body.private.map((a: { addr: string }) => a.addr)).toContain(added);

    expect((await c.action(id, { removeFixedIp: { address: added } }, { version: V, token: DEMO })).status).toBe(202);
    expect(await v4Of(id, 'private')).toEqual(before);
    expect((await portsOf(id))[0]!.fixed_ips.map((f) => f.ip_address)).not.toContain(added);
    // nova records no instance action for either
    const acts = (await c.call('GET', `/servers/${id}/os-instance-actions`, { version: V, token: DEMO })).body.instanceActions;
    expect(acts.map((a: { action: string }) => a.action)).toEqual(['create']);
    expect(t.services.compute.store.faults.latest(id)).toBeNull();
  });

  test('what the compute cannot do is a fault, not the answer: a network without the server, an address it does not have', async () => {
    const id = await bootOn(nets.private!);
    expect((await c.action(id, { addFixedIp: { networkId: nets.shared } }, { version: V, token: DEMO })).status).toBe(202);
    await t.services.compute.workflows.idle();
    expect(t.services.compute.store.faults.latest(id)).toMatchObject({ code: 404, message: `Network could not be found for instance ${id}.` });
    expect((await c.action(id, { addFixedIp: { networkId: '9d6f7b4e-0000-4000-8000-000000000001' } }, { version: V, token: DEMO })).status).toBe(202);
    expect((await c.action(id, { removeFixedIp: { address: '10.9.9.9' } }, { version: V, token: DEMO })).status).toBe(202);
    await t.services.compute.workflows.idle();
    expect(t.services.compute.store.faults.latest(id)).toMatchObject({ code: 404, message: `Instance ${id} does not have fixed IP '10.9.9.9'.` });
    const s = (await c.call('GET', `/servers/${id}`, { version: V, token: DEMO })).body.server;
    expect(s.status).toBe('ACTIVE');
    expect(Object.keys(s.addresses)).toEqual(['private']);
  });

  test('versions, schema, lookup, policy and lock as nova answers them', async () => {
    const id = await bootOn(nets.private!);
    const gone = await c.action(id, { addFixedIp: { networkId: nets.private } }, { version: '2.44', token: DEMO });
    expect(gone.status).toBe(404);
    expect((await c.action(id, { removeFixedIp: { address: '10.0.0.5' } }, { version: '2.44', token: DEMO })).status).toBe(404);
    expect((await c.action(id, { addFixedIp: {} }, { version: V, token: DEMO })).body.badRequest.message)
      .toBe("Invalid input for field/attribute addFixedIp. Value: {}. 'networkId' is a required property");
    expect((await c.action(id, { removeFixedIp: { address: 'not-an-ip' } }, { version: V, token: DEMO })).status).toBe(400);
    expect((await c.action(id, { addFixedIp: { networkId: '' } }, { version: V, token: DEMO })).status).toBe(400);
    const unknown = '11111111-2222-3333-4444-555555555555';
    expect((await c.action(unknown, { addFixedIp: { networkId: nets.private } }, { version: V, token: DEMO })).body)
      .toEqual({ itemNotFound: { code: 404, message: `Instance ${unknown} could not be found.` } });
    expect((await c.action(id, { addFixedIp: { networkId: nets.private } }, { version: V, token: OTHER })).status).toBe(404);
    // @check_instance_lock raises InstanceIsLocked, which multinic.py does not expect: a 500
    expect((await c.action(id, { lock: null }, { version: V, token: DEMO })).status).toBe(202);
    const locked = await c.action(id, { addFixedIp: { networkId: nets.private } }, { version: V, token: DEMO });
    expect(locked.status).toBe(500);
    expect(locked.body.computeFault.message).toContain("<class 'nova.exception.InstanceIsLocked'>");
    expect((await c.action(id, { addFixedIp: { networkId: nets.private } }, { version: V })).status).toBe(202);
    expect(await v4Of(id, 'private')).toHaveLength(2);
  });
});
