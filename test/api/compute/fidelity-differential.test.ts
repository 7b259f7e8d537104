// Cases a randomized differential against the real Nova 26.2.2 found, each replayed by hand
// against nova-live (the cloud and requests are the ones given here) and pinned.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp(); c = new ComputeClient(t.transport); });
afterAll(async () => t.close());

async function reset(hosts: object[], config: object = {}): Promise<void> {
  const r = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin' }, payload: { hosts, config } });
  expect(r.statusCode, r.body).toBe(200);
}

async function boot(extra: Record<string, unknown>, flavorRef = '1'): Promise<any> {
  return c.call('POST', '/servers', { version: '2.93', body: { server: { name: 'vm', imageRef: IMAGE, flavorRef, networks: 'none', ...extra } } });
}

async function show(id: string): Promise<any> {
  return (await c.call('GET', `/servers/${id}`, { version: '2.93' })).body.server;
}

async function placement(path: string): Promise<any> {
  const r = await t.app.inject({ method: 'GET', url: `/placement${path}`, headers: { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.39' } });
  return JSON.parse(r.body);
}

async function providerOf(host: string): Promise<string> {
  return (await placement(`/resource_providers?name=${host}`)).resource_providers[0].uuid;
}

describe('the weighers normalise as nova/weights.py does (minval 0: value / max)', () => {
  test('host2 (16 vCPU, less RAM) wins a tiny boot over host1 (2 vCPU, more RAM)', async () => {
    // RAM: host1 3584/3584 = 1.0, host2 2048/3584 = 0.571; CPU: host1 32/256 = 0.125, host2 1.0.
    // Min-max normalisation would give host1 1.0 + 0 and host2 0 + 1.0, a tie.
    await reset([{ name: 'host1', vcpus: 2, memory_mb: 4096, local_gb: 100 }, { name: 'host2', vcpus: 16, memory_mb: 2560, local_gb: 100 }]);
    const r = await boot({});
    expect(r.status).toBe(202);
    const s = await c.waitForServerStatus(r.body.server.id, 'ACTIVE');
    expect(s['OS-EXT-SRV-ATTR:host']).toBe('host2');
  });

  test('the io-ops weigher reads the resource tracker stats: a host that claimed a boot counts it as a build until its periodic', async () => {
    // second boot: host1 1.0 (CPU 319/319) + 1.0 (RAM 15360/15360) - 1.0 (io_workload 1 of max 1) = 1.0
    // against host2 0.602 + 0.5 = 1.102: the real Nova puts it on host2 (min-max without io: host1)
    await reset([{ name: 'host1', vcpus: 20, memory_mb: 16384, local_gb: 100 }, { name: 'host2', vcpus: 12, memory_mb: 8192, local_gb: 100 }]);
    const hosts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await boot({});
      hosts.push((await c.waitForServerStatus(r.body.server.id, 'ACTIVE'))['OS-EXT-SRV-ATTR:host']);
    }
    expect(hosts).toEqual(['host1', 'host2', 'host1']);
  });
});

describe('multi-create', () => {
  test('two m1.medium where only host1 has room for both: both ACTIVE there, each with its own allocation', async () => {
    await reset([{ name: 'host1' }, { name: 'host2', vcpus: 1, memory_mb: 1024, local_gb: 10 }]);
    const r = await boot({ min_count: 2, max_count: 2, return_reservation_id: true }, '3');
    expect(r.status).toBe(202);
    await t.services.compute.workflows.idle();
    const listed = (await c.call('GET', `/servers/detail?reservation_id=${r.body.reservation_id}`, { version: '2.93' })).body.servers;
    expect(listed).toHaveLength(2);
    const rp1 = await providerOf('host1');
    for (const s of listed) {
      expect(s.status, JSON.stringify(s.fault)).toBe('ACTIVE');
      expect(s['OS-EXT-SRV-ATTR:host']).toBe('host1');
      const alloc = await placement(`/allocations/${s.id}`);
      expect(alloc.allocations, s.name).toEqual({ [rp1]: { generation: expect.any(Number), resources: { VCPU: 2, MEMORY_MB: 4096, DISK_GB: 40 } } });
    }
    const usages = await placement(`/resource_providers/${rp1}/usages`);
    expect(usages.usages).toEqual({ VCPU: 4, MEMORY_MB: 8192, DISK_GB: 80 });
  });
});

describe('resize below the boot flavor root disk', () => {
  test('m1.small -> m1.tiny: 400, the instance image metadata carries min_disk = the boot flavor root_gb', async () => {
    await reset([{ name: 'host1' }, { name: 'host2' }]);
    const r = await boot({}, '2');
    await c.waitForServerStatus(r.body.server.id, 'ACTIVE');
    const res = await c.action(r.body.server.id, { resize: { flavorRef: '1' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ badRequest: { code: 400, message: "Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is 1073741824 bytes, minimum size is 21474836480 bytes." } });
    expect((await show(r.body.server.id)).status).toBe('ACTIVE');
  });
});

describe('faults of servers that never left cell0', () => {
  test('GET /servers/detail has no fault for a NoValidHost server; GET /servers/{id} has it', async () => {
    await reset([{ name: 'host1', vcpus: 1, memory_mb: 1024, local_gb: 1 }]);
    const r = await boot({}, '3');
    const s = await c.waitForServerStatus(r.body.server.id, 'ERROR');
    expect(s.fault.message).toMatch(/^No valid host was found/);
    const listed = (await c.call('GET', '/servers/detail', { version: '2.93' })).body.servers.find((x: any) => x.id === r.body.server.id);
    expect(listed.status).toBe('ERROR');
    expect(listed).not.toHaveProperty('fault');
  });
});

async function control(method: 'POST' | 'DELETE' | 'GET', url: string, payload?: object): Promise<{ status: number; body: any }> {
  const r = await t.app.inject({ method, url: `/_mock${url}`, headers: { 'x-auth-token': 'admin' }, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

describe('wrap_instance_fault skips InstanceNotFound', () => {
  test('InstanceNotFound on migrate_disk_and_power_off: ERROR, migration error, and no instance fault', async () => {
    await reset([{ name: 'host1' }, { name: 'host2' }]);
    const s = await c.createServer();
    expect((await control('POST', '/faults', { operation: 'migrate_disk_and_power_off', error: { type: 'InstanceNotFound' } })).status).toBe(201);
    expect((await c.action(s.id, { migrate: null })).status).toBe(202);
    const after = await c.waitForServerStatus(s.id, 'ERROR');
    expect(after).not.toHaveProperty('fault');
    expect(after['OS-EXT-STS:task_state']).toBeNull();
    const migs = (await c.call('GET', `/os-migrations?instance_uuid=${s.id}`, { version: '2.80' })).body.migrations;
    expect(migs.map((m: any) => m.status)).toEqual(['error']);
    // the compute_resize_instance event is still an Error
    const actions = (await c.call('GET', `/servers/${s.id}/os-instance-actions`, { version: '2.84' })).body.instanceActions;
    const detail = (await c.call('GET', `/servers/${s.id}/os-instance-actions/${actions[0].request_id}`, { version: '2.84' })).body.instanceAction;
    expect(detail.events.find((ev: any) => ev.event === 'compute_resize_instance').result).toBe('Error');
  });
});

describe('fault ids of the control plane', () => {
  test('are never reused after DELETE /_mock/faults; a reset starts a new cloud at 1', async () => {
    await reset([{ name: 'host1' }]);
    expect((await control('POST', '/faults', { operation: 'spawn' })).body.fault.id).toBe('1');
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await control('POST', '/faults', { operation: 'spawn' })).body.fault.id).toBe('2');
    expect((await control('DELETE', '/faults/1')).status).toBe(404);
    expect((await control('GET', '/faults')).body.faults.map((f: any) => f.id)).toEqual(['2']);
    await reset([{ name: 'host1' }]);
    expect((await control('POST', '/faults', { operation: 'spawn' })).body.fault.id).toBe('1');
  });
});

describe('the fault of a move the scheduler finds no host for (differential seed 8)', () => {
  test("is the scheduler's NoValidHost, not the conductor's re-raised 'for cold migrate' one", async () => {
    await reset([{ name: 'host1' }, { name: 'host2' }]);
    const g = (await c.call('POST', '/os-server-groups', { version: '2.93', body: { server_group: { name: 'aff', policy: 'affinity' } } })).body.server_group.id;
    const r = await c.call('POST', '/servers', { version: '2.93', body: { server: { name: 'm', imageRef: IMAGE, flavorRef: '1', networks: 'none' }, 'os:scheduler_hints': { group: g } } });
    await c.waitForServerStatus(r.body.server.id, 'ACTIVE');
    expect((await c.action(r.body.server.id, { migrate: null })).status).toBe(202);
    await c.waitForServerStatus(r.body.server.id, 'ACTIVE');
    // the fault shows once the server is ERROR
    expect((await c.action(r.body.server.id, { 'os-resetState': { state: 'error' } })).status).toBe(202);
    expect((await show(r.body.server.id)).fault.message).toBe('No valid host was found. There are not enough hosts available.');
    const actions = (await c.call('GET', `/servers/${r.body.server.id}/os-instance-actions`, { version: '2.84' })).body.instanceActions;
    const migrate = actions.find((a: any) => a.action === 'migrate');
    const detail = (await c.call('GET', `/servers/${r.body.server.id}/os-instance-actions/${migrate.request_id}`, { version: '2.84' })).body.instanceAction;
    expect(detail.events.find((ev: any) => ev.event === 'conductor_migrate_server').details).toBe('No valid host was found. No valid host found for cold migrate');
  });
});
