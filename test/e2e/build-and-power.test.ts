// Boot (reschedule on spawn failure, build abort, no valid host), the power actions, lock, delete,
// and the control plane's validation.
import { FIXTURE_PROJECT_ID } from '../../src/compute/compute-auth.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ComputeClient, IMAGE, SMALL, TINY, ZERO } from '../helpers/compute.js';
import { startCloud, type Cloud } from '../helpers/app.js';
import { MockControl } from '../helpers/mock-control.js';
import { PlacementClient } from '../helpers/placement.js';

let cloud: Cloud;
let api: ComputeClient;
let control: MockControl;
let placement: PlacementClient;
beforeEach(async () => {
  cloud = await startCloud();
  api = new ComputeClient(cloud.transport, { version: '2.93' });
  control = new MockControl(cloud.transport);
  placement = new PlacementClient(cloud.transport, '/placement', { version: '1.28', providerOf: (h) => control.providerOf(h) });
});
afterEach(async () => { await cloud.close(); });

describe('boot', () => {
  test('reschedule on spawn failure: ACTIVE on the alternate, the failed host has nothing, no fault shown', async () => {
    // the first spawn (whichever host the scheduler picks) fails as FakeRescheduleDriver's does
    await control.addFault({ operation: 'spawn', times: 1, error: { type: 'ComputeResourcesUnavailable', message: 'FakeRescheduleDriver' } });
    const s = await api.createServer();
    const host = s['OS-EXT-SRV-ATTR:host'];
    const other = host === 'host1' ? 'host2' : 'host1';
    expect(s.fault).toBeUndefined();
    await placement.expectAllocationsMatchFlavor(s.id, host, TINY.resources);
    expect(await placement.usages(other)).toEqual(ZERO);
    const create = await api.actionEvents(s.id, 'create');
    expect((create.events as any[]).filter((e) => e.event === 'compute__do_build_and_run_instance').map((e) => e.host).sort()).toEqual(['host1', 'host2']);
    expect(await control.audit()).toEqual([]);
  });

  test('spawn failure on a forced host (no retry): ERROR with the reason as fault, host cleared', async () => {
    await control.addFault({ operation: 'spawn', host: 'host1', error: { type: 'ComputeResourcesUnavailable', message: 'FakeRescheduleDriver' } });
    const s = await api.createServer({ host: 'host1', waitFor: 'ERROR' });
    // the fault is the RescheduledException (code 500) worded as its reason; FAILED drops the claim
    // (parity flow server_group_forced_host_late_check, step 10, against the real Nova)
    expect(s.fault).toMatchObject({ code: 500, message: 'Insufficient compute resources: FakeRescheduleDriver.' });
    expect(s['OS-EXT-SRV-ATTR:host']).toBeNull();
    expect(await placement.allocations(s.id)).toEqual({});
  });

  test('every host fails: MaxRetriesExceeded, no allocation left', async () => {
    await control.addFault({ operation: 'spawn', error: { type: 'ComputeResourcesUnavailable', message: 'x' } });
    const s = await api.createServer({ waitFor: 'ERROR' });
    expect(s.fault.message).toBe(`Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${s.id}.`);
    expect(await placement.allocations(s.id)).toEqual({});
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await placement.usages('host2')).toEqual(ZERO);
  });

  test('build abort: ERROR, no host, allocation deleted', async () => {
    // an injected exception fills every msg_fmt key with the message, as the real control plane does
    await control.addFault({ operation: 'spawn', error: { type: 'BuildAbortException', message: 'FakeBuildAbortDriver' } });
    const s = await api.createServer({ waitFor: 'ERROR' });
    expect(s.fault).toMatchObject({ code: 500, message: 'Build of instance FakeBuildAbortDriver aborted: FakeBuildAbortDriver' });
    expect(s['OS-EXT-SRV-ATTR:host']).toBeNull();
    expect(await placement.allocations(s.id)).toEqual({});
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await api.waitForServerGone(s.id);
  });

  test('a spawn error nova does not retry (VirtualInterfaceCreateException) aborts the build', async () => {
    await control.addFault({ operation: 'spawn', error: { type: 'VirtualInterfaceCreateException' } });
    const s = await api.createServer({ waitFor: 'ERROR' });
    expect(s.fault).toMatchObject({ code: 500, message: `Build of instance ${s.id} aborted: Virtual Interface creation failed` });
    expect(await placement.allocations(s.id)).toEqual({});
  });

  test('no valid host: ERROR with "No valid host was found. "', async () => {
    const s = await api.createServer({ flavorRef: '5', waitFor: 'ERROR' }); // 16384 MB > 11520 capacity
    expect(s.fault).toMatchObject({ code: 500, message: 'No valid host was found. ' });
    expect(s['OS-EXT-SRV-ATTR:host']).toBeNull();
    expect(await placement.allocations(s.id)).toEqual({});
  });

  test('a disabled compute is not a candidate (COMPUTE_STATUS_DISABLED)', async () => {
    const svc = (await api.call('GET', '/os-services?binary=nova-compute&host=host2')).body.services[0];
    const r = await api.call('PUT', `/os-services/${svc.id}`, { body: { status: 'disabled', disabled_reason: 'test' } });
    expect(r.status).toBe(200);
    const rp = await control.providerOf('host2');
    expect((await placement.call('GET', `/resource_providers/${rp}/traits`, { version: '1.6' })).body.traits).toContain('COMPUTE_STATUS_DISABLED');
    for (let i = 0; i < 3; i++) expect((await api.createServer())['OS-EXT-SRV-ATTR:host']).toBe('host1');
    await api.call('PUT', `/os-services/${svc.id}`, { body: { status: 'enabled' } });
    expect((await placement.call('GET', `/resource_providers/${rp}/traits`, { version: '1.6' })).body.traits).not.toContain('COMPUTE_STATUS_DISABLED');
  });

  test('quota: max_count is cut to what fits, beyond min_count is 403', async () => {
    cloud.services.compute.store.quotas.setLimits(FIXTURE_PROJECT_ID, null, { instances: 3 });
    const r = await api.call('POST', '/servers', { body: { server: { name: 'm', imageRef: IMAGE, flavorRef: '1', networks: 'none', min_count: 1, max_count: 5 } } });
    expect(r.status).toBe(202);
    await api.settle();
    expect((await api.call('GET', '/servers')).body.servers).toHaveLength(3);
    const over = await api.call('POST', '/servers', { body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none' } } });
    expect(over.status).toBe(403);
    expect(over.body.forbidden.message).toBe('Quota exceeded for instances: Requested 1, but already used 3 of 3 instances');
  });

  test('bad create requests are refused before anything is written', async () => {
    let r = await api.call('POST', '/servers', { body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '99', networks: 'none' } } });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe('Flavor 99 could not be found.');
    r = await api.call('POST', '/servers', { body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none', availability_zone: 'elsewhere' } } });
    expect(r.status).toBe(400);
    r = await api.call('POST', '/servers', { body: { server: { name: 'x', imageRef: '11111111-2222-4333-8444-555555555555', flavorRef: '1', networks: 'none' } } });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe('Can not find requested image');
    expect((await api.call('GET', '/servers')).body.servers).toEqual([]);
  });

  test('an unknown forced host is accepted, then the build fails with NoValidHost (as the real Nova)', async () => {
    const s = await api.createServer({ host: 'host9', waitFor: 'ERROR' });
    expect(s.fault).toMatchObject({ code: 500, message: 'No valid host was found. ' });
  });
});

describe('power actions, lock, delete', () => {
  test('stop/start, soft and hard reboot, pause/unpause, suspend/resume', async () => {
    const s = await api.createServer({ host: 'host1' });
    const step = async (body: unknown, status: string, power: number) => {
      const r = await api.action(s.id, body);
      expect(r.status, JSON.stringify(body)).toBe(202);
      const after = await api.waitForServerStatus(s.id, status);
      expect(after['OS-EXT-STS:power_state'], JSON.stringify(body)).toBe(power);
    };
    await step({ 'os-stop': null }, 'SHUTOFF', 4);
    await step({ 'os-start': null }, 'ACTIVE', 1);
    await step({ reboot: { type: 'SOFT' } }, 'ACTIVE', 1);
    await step({ reboot: { type: 'HARD' } }, 'ACTIVE', 1);
    // the fake driver's pause/suspend are no-ops: the guest stays RUNNING (as the real Nova shows)
    await step({ pause: null }, 'PAUSED', 1);
    await step({ unpause: null }, 'ACTIVE', 1);
    await step({ suspend: null }, 'SUSPENDED', 1);
    await step({ resume: null }, 'ACTIVE', 1);
    const events = (await api.call('GET', `/servers/${s.id}/os-instance-actions`)).body.instanceActions.map((a: any) => a.action);
    expect(events).toEqual(['resume', 'suspend', 'unpause', 'pause', 'reboot', 'reboot', 'start', 'stop', 'create']);
  });

  test('a failing power_off leaves the server ACTIVE with a hidden fault', async () => {
    const s = await api.createServer({ host: 'host1' });
    await control.addFault({ operation: 'power_off', server: s.id, times: 1, error: { type: 'InstancePowerOffFailure', message: 'stuck' } });
    expect((await api.action(s.id, { 'os-stop': null })).status).toBe(202);
    const after = await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(after.fault).toBeUndefined();
    const stop = await api.actionEvents(s.id, 'stop');
    expect(stop.events[0]).toMatchObject({ event: 'compute_stop_instance', result: 'Error', details: 'Failed to power off instance: stuck' });
  });

  test('lock refuses a non-admin owner, not an admin', async () => {
    const user = new ComputeClient(cloud.transport, { token: 'fake:proj1', version: '2.93' });
    const r = await user.call('POST', '/servers', { body: { server: { name: 'u', imageRef: IMAGE, flavorRef: '1', networks: 'none' } } });
    expect(r.status).toBe(202);
    const id = r.body.server.id;
    await api.waitForServerStatus(id, 'ACTIVE');
    expect((await api.action(id, { lock: { locked_reason: 'maintenance' } })).status).toBe(202);
    const locked = await user.call('POST', `/servers/${id}/action`, { body: { 'os-stop': null } });
    expect(locked.status).toBe(409);
    expect(locked.body.conflictingRequest.message).toBe(`Instance ${id} is locked`);
    // the owner cannot unlock what an admin locked
    expect((await user.call('POST', `/servers/${id}/action`, { body: { unlock: null } })).status).toBe(403);
    expect((await api.action(id, { unlock: null })).status).toBe(202);
    expect((await api.actionEvents(id, 'unlock')).events.map((e: any) => [e.event, e.result])).toEqual([['api_unlock', 'Success']]);
    expect((await user.call('POST', `/servers/${id}/action`, { body: { 'os-stop': null } })).status).toBe(202);
    // an owner locking an already locked server: nothing recorded (API.lock returns early)
    expect((await user.call('POST', `/servers/${id}/action`, { body: { lock: null } })).status).toBe(202);
    expect((await user.call('POST', `/servers/${id}/action`, { body: { lock: null } })).status).toBe(202);
    const actions = (await api.call('GET', `/servers/${id}/os-instance-actions`)).body.instanceActions.map((a: any) => a.action);
    expect(actions.filter((a: string) => a === 'lock')).toHaveLength(2);
  });

  test('a forced-down source compute: moves are 409, delete is local and frees the allocation', async () => {
    const s = await api.createServer({ host: 'host1' });
    const svc = (await api.call('GET', '/os-services?binary=nova-compute&host=host1')).body.services[0];
    expect((await api.call('PUT', `/os-services/${svc.id}`, { body: { forced_down: true } })).status).toBe(200);
    const r = await api.action(s.id, { resize: { flavorRef: SMALL.id } });
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toBe('Service is unavailable at this time.');
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await api.waitForServerGone(s.id);
    expect(await placement.usages('host1')).toEqual(ZERO);
  });

  test('delete during VERIFY_RESIZE frees both consumers', async () => {
    const s = await api.createServer({ host: 'host1' });
    await api.resizeServer(s.id, SMALL.id);
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await api.waitForServerGone(s.id);
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await placement.usages('host2')).toEqual(ZERO);
    expect(await control.audit()).toEqual([]);
  });
});

describe('control plane', () => {
  test('faults: validation, listing with remaining times, deletion', async () => {
    for (const bad of [{}, { operation: 'fly' }, { operation: 'spawn', times: -1 }, { operation: 'spawn', error: { type: 'no spaces' } },
      { operation: 'spawn', extra: 1 }, { operation: 'spawn', error: 'x' }]) {
      const r = await control.call('POST', '/faults', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await control.call('POST', '/faults', { operation: 'spawn', host: 'nohost' })).status).toBe(404);
    const f = await control.addFault({ operation: 'spawn', times: 2, error: { type: 'TestingException' } });
    expect(f).toMatchObject({ id: '1', operation: 'spawn', host: null, server: null, times: 2, error: { type: 'TestingException', message: null } });
    expect((await control.call('DELETE', `/faults/${f.id}`)).status).toBe(204);
    expect((await control.call('DELETE', `/faults/${f.id}`)).status).toBe(404);
    expect((await control.call('GET', '/faults')).body.faults).toEqual([]);
  });

  test('audit finds orphaned allocations and flavor mismatches', async () => {
    const s = await api.createServer({ host: 'host1' });
    expect(await control.audit()).toEqual([]);
    const rp1 = await control.providerOf('host1');
    const orphan = '11111111-2222-4333-8444-555555555555';
    const put = await placement.call('PUT', `/allocations/${orphan}`, { body: {
      allocations: { [rp1]: { resources: { VCPU: 1 } } }, project_id: 'p', user_id: 'u', consumer_generation: null,
    } });
    expect(put.status).toBe(204);
    // the server's own allocation no longer matches m1.tiny
    const cur = (await placement.call('GET', `/allocations/${s.id}`)).body;
    expect((await placement.call('PUT', `/allocations/${s.id}`, { body: {
      allocations: { [rp1]: { resources: { VCPU: 2, MEMORY_MB: 512, DISK_GB: 1 } } }, project_id: cur.project_id, user_id: cur.user_id,
      consumer_generation: cur.consumer_generation,
    } })).status).toBe(204);
    const findings = await control.audit() as any[];
    expect(findings.map((f) => [f.kind, f.consumer]).sort()).toEqual([['flavor_mismatch', s.id], ['orphaned_allocation', orphan]].sort());
  });

  test('hosts: add, list with provider, delete; reset back to the seed', async () => {
    const add = await control.call('POST', '/hosts', { name: 'host3', vcpus: 4, memory_mb: 4096, local_gb: 100, traits: ['CUSTOM_GOLD'] });
    expect(add.status).toBe(201);
    expect(add.body.host).toMatchObject({ name: 'host3', vcpus: 4, memory_mb: 4096, local_gb: 100, traits: ['CUSTOM_GOLD'] });
    const rp = add.body.host.resource_provider;
    const inv = await placement.call('GET', `/resource_providers/${rp}/inventories`);
    expect(inv.body.inventories.MEMORY_MB).toEqual({ total: 4096, reserved: 512, min_unit: 1, max_unit: 4096, step_size: 1, allocation_ratio: 1.5 });
    expect(inv.body.inventories.VCPU.allocation_ratio).toBe(16);
    expect((await placement.call('GET', `/resource_providers/${rp}/traits`, { version: '1.6' })).body.traits).toContain('CUSTOM_GOLD');
    expect((await control.call('POST', '/hosts', { name: 'host3' })).status).toBe(409);
    expect((await control.call('POST', '/hosts', { name: 'bad name' })).status).toBe(400);
    expect((await control.call('DELETE', '/hosts/host3')).status).toBe(204);
    expect((await placement.call('GET', `/resource_providers/${rp}`)).status).toBe(404);
    expect((await control.call('DELETE', '/hosts/host3')).status).toBe(404);
    const reset = await control.call('POST', '/reset', { hosts: [] });
    expect(reset.status).toBe(200);
    expect(reset.body.reset.hosts).toEqual([]);
    expect((await placement.call('GET', '/resource_providers')).body.resource_providers).toEqual([]);
    expect((await control.call('POST', '/reset', { hosts: 'x' })).status).toBe(400);
    expect((await control.call('POST', '/reset', {})).body.reset.hosts.map((h: any) => h.name)).toEqual(['host1', 'host2']);
  });
});
