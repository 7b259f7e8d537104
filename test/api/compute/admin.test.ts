// Admin APIs: os-hypervisors, os-services (disable keeps the scheduler away), os-availability-zone,
// limits and os-quota-sets, per microversion.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('os-hypervisors', () => {
  test('2.1 ids are integers, detail has the resource tracker fields and cpu_info text', async () => {
    const list = (await c.call('GET', '/os-hypervisors')).body.hypervisors;
    expect(list.map((h: { hypervisor_hostname: string }) => h.hypervisor_hostname)).toEqual(['host1', 'host2']);
    expect(list[0]).toEqual({ id: expect.any(Number), hypervisor_hostname: 'host1', state: 'up', status: 'enabled' });
    const d = (await c.call('GET', '/os-hypervisors/detail')).body.hypervisors[0];
    expect(d).toMatchObject({ hypervisor_type: 'fake', hypervisor_version: 1000, vcpus: 10, memory_mb: 8192, local_gb: 1028,
      memory_mb_used: 512, free_ram_mb: 7680, running_vms: 0, service: { host: 'host1', disabled_reason: null } });
    expect(typeof d.cpu_info).toBe('string');
    expect((await c.call('GET', '/os-hypervisors/detail', { version: '2.28' })).body.hypervisors[0].cpu_info).toMatchObject({ arch: 'x86_64' });
  });

  test('2.53 uuids and hostname pattern search; 2.88 drops the statistics fields', async () => {
    const found = await c.call('GET', '/os-hypervisors?hypervisor_hostname_pattern=host1', { version: '2.53' });
    expect(found.body.hypervisors).toEqual([{ id: expect.stringMatching(UUID), hypervisor_hostname: 'host1', state: 'up', status: 'enabled' }]);
    const nothing = await c.call('GET', '/os-hypervisors?hypervisor_hostname_pattern=zzz', { version: '2.53' });
    expect(nothing.body).toEqual({ itemNotFound: { code: 404, message: "No hypervisor matching 'zzz' could be found." } });
    const d88 = (await c.call('GET', '/os-hypervisors/detail', { version: '2.88' })).body.hypervisors[0];
    expect(Object.keys(d88).sort()).toEqual(['host_ip', 'hypervisor_hostname', 'hypervisor_type', 'hypervisor_version', 'id', 'service', 'state', 'status', 'uptime']);
    expect(d88.service.id).toMatch(UUID);
  });

  test('show by id per version, statistics until 2.87, legacy search until 2.52', async () => {
    const [h1] = (await c.call('GET', '/os-hypervisors', { version: '2.53' })).body.hypervisors;
    expect((await c.call('GET', `/os-hypervisors/${h1.id}`, { version: '2.53' })).body.hypervisor.hypervisor_hostname).toBe('host1');
    expect((await c.call('GET', '/os-hypervisors/1', { version: '2.53' })).body).toEqual({ badRequest: { code: 400, message: 'Invalid uuid 1' } });
    expect((await c.call('GET', '/os-hypervisors/abc')).body).toEqual({ itemNotFound: { code: 404, message: "Hypervisor with ID 'abc' could not be found." } });
    const stats = (await c.call('GET', '/os-hypervisors/statistics')).body.hypervisor_statistics;
    expect(stats).toMatchObject({ count: 2, vcpus: 20, memory_mb: 16384, memory_mb_used: 1024 });
    expect((await c.call('GET', '/os-hypervisors/statistics', { version: '2.88' })).status).toBe(404);
    expect((await c.call('GET', '/os-hypervisors/host2/search')).body.hypervisors[0].hypervisor_hostname).toBe('host2');
    expect((await c.call('GET', '/os-hypervisors/host2/search', { version: '2.53' })).status).toBe(404);
  });

  test('during VERIFY_RESIZE the source still holds the old flavor, the destination the new one; confirm frees the source', async () => {
    const used = async () => Object.fromEntries(((await c.call('GET', '/os-hypervisors/detail', { version: '2.53' })).body.hypervisors as any[])
      .map((h) => [h.hypervisor_hostname, [h.vcpus_used, h.memory_mb_used, h.local_gb_used, h.running_vms]]));
    const s = await c.createServer({ name: 'mover', extra: { availability_zone: 'nova:host1' } });
    expect(await used()).toEqual({ host1: [1, 1024, 1, 1], host2: [0, 512, 0, 0] });
    expect((await c.action(s.id, { resize: { flavorRef: '2' } })).status).toBe(202);
    await c.waitForServerStatus(s.id, 'VERIFY_RESIZE');
    // m1.tiny (1/512/1) kept on host1 for a revert, m1.small (1/2048/20) on host2
    expect(await used()).toEqual({ host1: [1, 1024, 1, 0], host2: [1, 2560, 20, 1] });
    expect((await c.action(s.id, { confirmResize: null })).status).toBe(204);
    await c.waitForServerStatus(s.id, 'ACTIVE');
    expect(await used()).toEqual({ host1: [0, 512, 0, 0], host2: [1, 2560, 20, 1] });
    await c.call('DELETE', `/servers/${s.id}`);
    await t.services.compute.workflows.idle();
  });

  test('members are refused', async () => {
    expect((await c.call('GET', '/os-hypervisors', { token: 'u:p' })).body.forbidden.message)
      .toBe("Policy doesn't allow os_compute_api:os-hypervisors:list to be performed.");
  });

  test('with_servers lists the servers of a hypervisor', async () => {
    const s = await c.createServer({ name: 'hosted' });
    const hs = (await c.call('GET', '/os-hypervisors?with_servers=true', { version: '2.75' })).body.hypervisors;
    const all = hs.flatMap((h: { servers: { uuid: string }[] }) => h.servers);
    // nova lists the instance name (instance-%08x), not the display name
    expect(all).toContainEqual({ name: s['OS-EXT-SRV-ATTR:instance_name'], uuid: s.id });
    expect(s['OS-EXT-SRV-ATTR:instance_name']).toMatch(/^instance-[0-9a-f]{8}$/);
    expect(hs.every((h: { servers?: unknown }) => Array.isArray(h.servers))).toBe(true);
    await c.call('DELETE', `/servers/${s.id}`);
    await t.services.compute.workflows.idle();
  });
});

describe('os-services', () => {
  test("the API's own service row is never listed, so ids start at 2 as in the real Nova", async () => {
    const all = (await c.call('GET', '/os-services')).body.services as { id: number; binary: string; host: string }[];
    expect(all.map((x) => [x.id, x.binary, x.host])).toEqual([[2, 'nova-conductor', 'conductor'], [3, 'nova-scheduler', 'scheduler'],
      [4, 'nova-compute', 'host1'], [5, 'nova-compute', 'host2']]);
    const zones = (await c.call('GET', '/os-availability-zone/detail')).body.availabilityZoneInfo as { zoneName: string; hosts: Record<string, unknown> }[];
    expect(Object.keys(zones.find((z) => z.zoneName === 'internal')!.hosts).sort()).toEqual(['conductor', 'scheduler']);
  });

  test('list per version: ids, zone, forced_down from 2.11', async () => {
    const v1 = (await c.call('GET', '/os-services?binary=nova-compute')).body.services;
    expect(v1.map((s: { host: string }) => s.host)).toEqual(['host1', 'host2']);
    expect(v1[0]).toMatchObject({ binary: 'nova-compute', zone: 'nova', status: 'enabled', state: 'up', disabled_reason: null, id: expect.any(Number) });
    expect(v1[0]).not.toHaveProperty('forced_down');
    const v53 = (await c.call('GET', '/os-services?host=host1', { version: '2.53' })).body.services;
    expect(v53).toHaveLength(1);
    expect(v53[0].id).toMatch(UUID);
    expect(v53[0].forced_down).toBe(false);
  });

  test('2.53 disable keeps new servers off the host; enable restores it', async () => {
    const [svc] = (await c.call('GET', '/os-services?host=host1&binary=nova-compute', { version: '2.53' })).body.services;
    const off = await c.call('PUT', `/os-services/${svc.id}`, { version: '2.53', body: { status: 'disabled', disabled_reason: 'maint' } });
    expect(off.status).toBe(200);
    expect(off.body.service).toMatchObject({ id: svc.id, status: 'disabled', disabled_reason: 'maint', forced_down: false, state: 'up' });
    const hyp = (await c.call('GET', '/os-hypervisors?hypervisor_hostname_pattern=host1', { version: '2.53' })).body.hypervisors[0];
    expect(hyp.status).toBe('disabled');
    // the compute reports the disabled trait on its provider (the node uuid)
    const traits = await t.app.inject({ method: 'GET', url: `/placement/resource_providers/${hyp.id}/traits`, headers: { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.6' } });
    expect(traits.json().traits).toContain('COMPUTE_STATUS_DISABLED');
    for (let n = 0; n < 3; n++) {
      const s = await c.createServer({ name: `spread-${n}` });
      expect(s['OS-EXT-SRV-ATTR:host']).toBe('host2');
    }
    const on = await c.call('PUT', `/os-services/${svc.id}`, { version: '2.53', body: { status: 'enabled' } });
    expect(on.body.service).toMatchObject({ status: 'enabled', disabled_reason: null });
    const after = await t.app.inject({ method: 'GET', url: `/placement/resource_providers/${hyp.id}/traits`, headers: { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.6' } });
    expect(after.json().traits).not.toContain('COMPUTE_STATUS_DISABLED');
  });

  test('2.53 update errors', async () => {
    const [svc] = (await c.call('GET', '/os-services?host=host1&binary=nova-compute', { version: '2.53' })).body.services;
    const [cond] = (await c.call('GET', '/os-services?binary=nova-conductor', { version: '2.53' })).body.services;
    expect((await c.call('PUT', `/os-services/${svc.id}`, { version: '2.53', body: {} })).body.badRequest.message)
      .toBe("No updates were requested. Fields 'status' or 'forced_down' should be specified.");
    expect((await c.call('PUT', `/os-services/${svc.id}`, { version: '2.53', body: { status: 'enabled', disabled_reason: 'x' } })).body.badRequest.message)
      .toBe("Specifying 'disabled_reason' with status 'enabled' is invalid.");
    expect((await c.call('PUT', `/os-services/${cond.id}`, { version: '2.53', body: { status: 'disabled' } })).body.badRequest.message)
      .toBe('Updating a nova-conductor service is not supported. Only nova-compute services can be updated.');
    expect((await c.call('PUT', '/os-services/nope', { version: '2.53', body: { status: 'disabled' } })).body.badRequest.message).toBe('Invalid uuid nope');
    expect((await c.call('PUT', `/os-services/${svc.id}`, { version: '2.53', body: { status: 'off' } })).body.badRequest.message)
      .toBe("Invalid input for field/attribute status. Value: off. 'off' is not one of ['enabled', 'disabled']");
  });

  test('legacy actions before 2.53', async () => {
    const body = { host: 'host2', binary: 'nova-compute' };
    expect((await c.call('PUT', '/os-services/disable-log-reason', { body: { ...body, disabled_reason: 'why' } })).body)
      .toEqual({ service: { host: 'host2', binary: 'nova-compute', status: 'disabled', disabled_reason: 'why' } });
    expect((await c.call('PUT', '/os-services/disable-log-reason', { body })).body.badRequest.message).toBe('Missing disabled reason field');
    expect((await c.call('PUT', '/os-services/enable', { body })).body).toEqual({ service: { host: 'host2', binary: 'nova-compute', status: 'enabled' } });
    // before 2.11 forced_down is not in the schema, and force-down is no action
    expect((await c.call('PUT', '/os-services/force-down', { body: { ...body, forced_down: true } })).body.badRequest.message)
      .toBe("Additional properties are not allowed ('forced_down' was unexpected)");
    expect((await c.call('PUT', '/os-services/force-down', { body })).body.itemNotFound.message).toBe('Unknown action');
    expect((await c.call('PUT', '/os-services/force-down', { version: '2.11', body: { ...body, forced_down: true } })).body)
      .toEqual({ service: { host: 'host2', binary: 'nova-compute', forced_down: true } });
    const down = (await c.call('GET', '/os-services?host=host2', { version: '2.11' })).body.services[0];
    expect(down).toMatchObject({ state: 'down', forced_down: true });
    // 2.16 host_status of a server on a forced-down host
    const onHost2 = (await c.call('GET', '/servers/detail?all_tenants=1&host=host2', { version: '2.16' })).body.servers;
    expect(onHost2.length).toBeGreaterThan(0);
    expect(onHost2.every((s: { host_status: string }) => s.host_status === 'DOWN')).toBe(true);
    await c.call('PUT', '/os-services/force-down', { version: '2.11', body: { ...body, forced_down: false } });
    expect((await c.call('PUT', '/os-services/disable', { body: { host: 'hostX', binary: 'nova-compute' } })).body.itemNotFound.message)
      .toBe("Host 'hostX' is not mapped to any cell");
  });
});

describe('availability zones, limits, quotas', () => {
  test('os-availability-zone and its detail', async () => {
    expect((await c.call('GET', '/os-availability-zone')).body).toEqual({ availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true }, hosts: null }] });
    const detail = (await c.call('GET', '/os-availability-zone/detail')).body.availabilityZoneInfo;
    expect(detail.map((z: { zoneName: string }) => z.zoneName)).toEqual(['internal', 'nova']);
    expect(Object.keys(detail[1].hosts)).toEqual(['host1', 'host2']);
    expect(detail[1].hosts.host1['nova-compute']).toMatchObject({ available: true, active: true });
  });

  test('limits per version count the project\'s servers', async () => {
    await c.createServer({ name: 'counted', token: 'q1:qp', flavorRef: '2' });
    const l21 = (await c.call('GET', '/limits', { token: 'q1:qp' })).body.limits;
    expect(l21.rate).toEqual([]);
    expect(l21.absolute).toMatchObject({ maxTotalInstances: 10, maxTotalCores: 20, maxTotalRAMSize: 51200, maxImageMeta: 128,
      maxPersonality: 5, maxTotalFloatingIps: -1, totalInstancesUsed: 1, totalCoresUsed: 1, totalRAMUsed: 2048 });
    expect((await c.call('GET', '/limits?tenant_id=qp', { token: 'q1:qp' })).body.forbidden.message)
      .toBe("Policy doesn't allow os_compute_api:limits:other_project to be performed.");
    expect((await c.call('GET', '/limits?tenant_id=qp')).body.limits.absolute.totalInstancesUsed).toBe(1);
    const l93 = (await c.call('GET', '/limits', { token: 'q1:qp', version: '2.93' })).body.limits.absolute;
    expect(Object.keys(l93).sort()).toEqual(['maxServerGroupMembers', 'maxServerGroups', 'maxServerMeta', 'maxTotalCores',
      'maxTotalInstances', 'maxTotalKeypairs', 'maxTotalRAMSize', 'totalCoresUsed', 'totalInstancesUsed', 'totalRAMUsed', 'totalServerGroupsUsed']);
  });

  test('quota sets: show, defaults, detail, update, delete', async () => {
    const show = (await c.call('GET', '/os-quota-sets/qp')).body.quota_set;
    expect(show).toMatchObject({ id: 'qp', cores: 20, instances: 10, fixed_ips: -1, injected_files: 5 });
    const s93 = (await c.call('GET', '/os-quota-sets/qp', { version: '2.93' })).body.quota_set;
    expect(Object.keys(s93).sort()).toEqual(['cores', 'id', 'instances', 'key_pairs', 'metadata_items', 'ram', 'server_group_members', 'server_groups']);
    const detail = (await c.call('GET', '/os-quota-sets/qp/detail', { version: '2.93' })).body.quota_set;
    expect(detail.instances).toEqual({ limit: 10, in_use: 1, reserved: 0 });

    const upd = await c.call('PUT', '/os-quota-sets/qp', { version: '2.93', body: { quota_set: { instances: 5, cores: '8' } } });
    expect(upd.status).toBe(200);
    expect(upd.body.quota_set).toMatchObject({ instances: 5, cores: 8 });
    expect(upd.body.quota_set).not.toHaveProperty('id');
    const below = await c.call('PUT', '/os-quota-sets/qp', { body: { quota_set: { instances: 0 } } });
    expect(below.body.badRequest.message).toBe('Quota limit 0 for instances must be greater than or equal to already used and reserved 1.');
    expect((await c.call('PUT', '/os-quota-sets/qp', { body: { quota_set: { instances: 0, force: true } } })).status).toBe(200);
    const gone = await c.call('PUT', '/os-quota-sets/qp', { version: '2.57', body: { quota_set: { injected_files: 1 } } });
    expect(gone.body.badRequest.message).toMatch(/\('injected_files' was unexpected\)$/);
    expect((await c.call('PUT', '/os-quota-sets/qp', { token: 'q1:qp', body: { quota_set: { instances: 50 } } })).status).toBe(403);

    expect((await c.call('DELETE', '/os-quota-sets/qp')).status).toBe(202);
    expect((await c.call('GET', '/os-quota-sets/qp/defaults')).body.quota_set.instances).toBe(10);
    expect((await c.call('GET', '/os-quota-sets/qp')).body.quota_set.instances).toBe(10);
    expect((await c.call('GET', '/os-quota-sets/qp', { token: 'other:op' })).status).toBe(403);
  });

  test('quota class sets per version; the default class is every project\'s fallback', async () => {
    const s21 = (await c.call('GET', '/os-quota-class-sets/default')).body.quota_class_set;
    expect(s21).toMatchObject({ id: 'default', instances: 10, floating_ips: -1 });
    expect(s21).not.toHaveProperty('server_groups');
    const s57 = (await c.call('GET', '/os-quota-class-sets/default', { version: '2.57' })).body.quota_class_set;
    expect(Object.keys(s57).sort()).toEqual(['cores', 'id', 'instances', 'key_pairs', 'metadata_items', 'ram', 'server_group_members', 'server_groups']);
    const upd = await c.call('PUT', '/os-quota-class-sets/default', { version: '2.50', body: { quota_class_set: { instances: 50 } } });
    expect(upd.body.quota_class_set).toMatchObject({ instances: 50 });
    expect(upd.body.quota_class_set).not.toHaveProperty('id');
    expect((await c.call('GET', '/os-quota-sets/fresh')).body.quota_set.instances).toBe(50);
    expect((await c.call('PUT', '/os-quota-class-sets/default', { version: '2.57', body: { quota_class_set: { injected_files: 1 } } })).status).toBe(400);
    expect((await c.call('GET', '/os-quota-class-sets/default', { token: 'u:p' })).status).toBe(403);
    await c.call('PUT', '/os-quota-class-sets/default', { body: { quota_class_set: { instances: 10 } } });
  });
});
