// The failure tables of the spec (§5.2-§5.6, §6) and the same-host resize (§4.3), each checked
// at its end state: status, vm/task state, host, flavor, migration status, allocations per
// provider and consumer, faults and instance-action events.
import { FIXTURE_PROJECT_ID } from '../../src/compute/compute-auth.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ComputeClient, SMALL, TINY, ZERO } from '../helpers/compute.js';
import { startCloud, type Cloud } from '../helpers/app.js';
import { MockControl } from '../helpers/mock-control.js';
import { PlacementClient } from '../helpers/placement.js';

let cloud: Cloud;
let api: ComputeClient;
let control: MockControl;
let placement: PlacementClient;
afterEach(async () => { await cloud.close(); });

async function fresh(body?: unknown): Promise<void> {
  cloud = await startCloud();
  api = new ComputeClient(cloud.transport, { version: '2.93' });
  control = new MockControl(cloud.transport);
  placement = new PlacementClient(cloud.transport, '/placement', { version: '1.28', providerOf: (h) => control.providerOf(h) });
  if (body) await control.reset(body);
}

describe('resize failures (two hosts)', () => {
  beforeEach(async () => { await fresh(); });

  test('migrate_disk_and_power_off fails on the source: ERROR on host1, tiny back on host1', async () => {
    const s = await api.createServer({ host: 'host1' });
    await control.addFault({ operation: 'migrate_disk_and_power_off', host: 'host1', error: { type: 'ResizeError', message: 'disk full' } });
    expect((await api.action(s.id, { resize: { flavorRef: SMALL.id } })).status).toBe(202);
    const m = await api.waitForMigrationStatus(s.id, 'error');
    const after = await api.waitForServerStatus(s.id, 'ERROR');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host1');
    expect(after.flavor.original_name).toBe(TINY.name);
    expect(after.fault).toMatchObject({ code: 500, message: 'Resize error: disk full' });
    await placement.expectAllocationsMatchFlavor(s.id, 'host1', TINY.resources);
    expect(await placement.usages('host2')).toEqual(ZERO);
    expect(await placement.allocations(m.uuid)).toEqual({});
    const action = await api.actionEvents(s.id, 'resize');
    expect((action.events as any[]).find((e) => e.event === 'compute_resize_instance')).toMatchObject({ result: 'Error', host: 'host1' });
    expect(await control.audit()).toEqual([]);
  });

  test('prep_resize fails and there is no alternate: ERROR on host1, migration error with no dest', async () => {
    const s = await api.createServer({ host: 'host1' });
    await control.addFault({ operation: 'prep_resize', host: 'host2', error: { type: 'TestingException' } });
    expect((await api.action(s.id, { resize: { flavorRef: SMALL.id } })).status).toBe(202);
    const m = await api.waitForMigrationStatus(s.id, 'error');
    expect(m.dest_compute).toBeNull();
    const after = await api.waitForServerStatus(s.id, 'ERROR');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host1');
    // a non-nova exception's fault message is its class name
    expect(after.fault).toMatchObject({ code: 500, message: 'TestingException' });
    await placement.expectAllocationsMatchFlavor(s.id, 'host1', TINY.resources);
    expect(await placement.usages('host2')).toEqual(ZERO);
    expect(await control.audit()).toEqual([]);
  });

  test('confirm_migration fails on the source: ERROR on host2 with the new flavor, source freed', async () => {
    const s = await api.createServer({ host: 'host1' });
    await api.resizeServer(s.id, SMALL.id);
    await control.addFault({ operation: 'confirm_migration', host: 'host1', error: { type: 'MigrationPreCheckError', message: 'nope' } });
    expect((await api.action(s.id, { confirmResize: null })).status).toBe(204);
    await api.waitForMigrationStatus(s.id, 'error');
    const after = await api.waitForServerStatus(s.id, 'ERROR');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host2');
    expect(after.flavor.original_name).toBe(SMALL.name);
    // MigrationPreCheckError is a MigrationError: code 500, so the traceback is shown to admins
    expect(after.fault).toMatchObject({ code: 500, message: 'Migration pre-check error: nope' });
    expect(after.fault.details).toContain('nova.exception.MigrationPreCheckError');
    await placement.expectAllocationsMatchFlavor(s.id, 'host2', SMALL.resources);
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await control.audit()).toEqual([]);
  });

  test('finish_revert_migration fails on the source: ERROR on host1 with the old flavor', async () => {
    const s = await api.createServer({ host: 'host1' });
    await api.resizeServer(s.id, SMALL.id);
    await control.addFault({ operation: 'finish_revert_migration', host: 'host1', error: { type: 'VirtualInterfaceCreateException' } });
    expect((await api.action(s.id, { revertResize: null })).status).toBe(202);
    await api.waitForMigrationStatus(s.id, 'error');
    const after = await api.waitForServerStatus(s.id, 'ERROR');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host1');
    expect(after.flavor.original_name).toBe(TINY.name);
    await placement.expectAllocationsMatchFlavor(s.id, 'host1', TINY.resources);
    expect(await placement.usages('host2')).toEqual(ZERO);
    expect(await control.audit()).toEqual([]);
  });

  test('revert_resize (destroy on the dest) fails: ERROR, allocations untouched', async () => {
    const s = await api.createServer({ host: 'host1' });
    await api.resizeServer(s.id, SMALL.id);
    await control.addFault({ operation: 'destroy', host: 'host2', times: 1, error: { type: 'InstanceTerminationFailure', message: 'stuck' } });
    expect((await api.action(s.id, { revertResize: null })).status).toBe(202);
    const m = await api.waitForMigrationStatus(s.id, 'error');
    const after = await api.waitForServerStatus(s.id, 'ERROR');
    expect(after.fault.message).toBe('Failed to terminate instance: stuck');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host2');
    await placement.expectAllocationsMatchFlavor(s.id, 'host2', SMALL.resources);
    // the migration's source allocation stays until the server is deleted (nova: leaked, spec §5.6)
    await placement.expectAllocationsMatchFlavor(m.uuid, 'host1', TINY.resources);
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await api.waitForServerGone(s.id);
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await placement.usages('host2')).toEqual(ZERO);
  });
});

describe('no valid host for a resize (one host)', () => {
  test('the server stays ACTIVE, migration error, the failure is in the instance actions', async () => {
    await fresh({ hosts: [{ name: 'host1' }] });
    const s = await api.createServer({ host: 'host1' });
    expect((await api.action(s.id, { resize: { flavorRef: SMALL.id } })).status).toBe(202);
    const m = await api.waitForMigrationStatus(s.id, 'error');
    expect(m.dest_compute).toBeNull();
    const after = await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(after.fault).toBeUndefined();
    expect(after.flavor.original_name).toBe(TINY.name);
    await placement.expectAllocationsMatchFlavor(s.id, 'host1', TINY.resources);
    const action = await api.actionEvents(s.id, 'resize');
    expect(action.message).toBe('Error');
    for (const name of ['cold_migrate', 'conductor_migrate_server']) {
      expect((action.events as any[]).find((e) => e.event === name)).toMatchObject({
        result: 'Error', host: 'fake-mini', details: 'No valid host was found. No valid host found for resize',
      });
    }
    expect(await control.audit()).toEqual([]);
  });
});

describe('prep_resize fails on the first destination: rescheduled to an alternate', () => {
  test('VERIFY_RESIZE on the other host; the failed host ends with nothing', async () => {
    await fresh({ hosts: [{ name: 'host1' }, { name: 'host2' }, { name: 'host3' }] });
    const s = await api.createServer({ host: 'host1' });
    // whichever host the scheduler picks first fails once; the alternate succeeds
    const fault = await control.addFault({ operation: 'prep_resize', times: 1, error: { type: 'TestingException' } });
    expect((await api.action(s.id, { resize: { flavorRef: SMALL.id } })).status).toBe(202);
    const after = await api.waitForServerStatus(s.id, 'VERIFY_RESIZE');
    const dest = after['OS-EXT-SRV-ATTR:host'];
    expect(['host2', 'host3']).toContain(dest);
    const failed = dest === 'host2' ? 'host3' : 'host2';
    expect((await control.call('GET', '/faults')).body.faults.find((f: any) => f.id === fault.id).fired).toBe(1);
    await placement.expectAllocationsMatchFlavor(s.id, dest, SMALL.resources);
    expect(await placement.usages(failed)).toEqual(ZERO);
    const action = await api.actionEvents(s.id, 'resize');
    // two scheduling rounds: conductor events twice, two prep_resize events (the rescheduled one Success)
    expect((action.events as any[]).filter((e) => e.event === 'conductor_migrate_server')).toHaveLength(2);
    expect((action.events as any[]).filter((e) => e.event === 'compute_prep_resize').map((e) => e.host).sort()).toEqual(['host2', 'host3']);
    expect((await api.action(s.id, { confirmResize: null })).status).toBe(204);
    await api.waitForMigrationStatus(s.id, 'confirmed');
    await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await control.audit()).toEqual([]);
  });
});

describe('resize to the same host (allow_resize_to_same_host)', () => {
  beforeEach(async () => { await fresh({ hosts: [{ name: 'host1' }], config: { allow_resize_to_same_host: true } }); });

  test('both consumers on one provider during VERIFY_RESIZE; confirm leaves the new flavor', async () => {
    const s = await api.createServer({ host: 'host1' });
    const v = await api.resizeServer(s.id, SMALL.id);
    expect(v['OS-EXT-SRV-ATTR:host']).toBe('host1');
    const [m] = await api.migrations(s.id);
    expect(m).toMatchObject({ source_compute: 'host1', dest_compute: 'host1', status: 'finished' });
    expect(await placement.usages('host1')).toEqual({ VCPU: 2, MEMORY_MB: 2560, DISK_GB: 21 });
    await placement.expectAllocationsMatchFlavor(m.uuid, 'host1', TINY.resources);
    expect((await api.action(s.id, { confirmResize: null })).status).toBe(204);
    await api.waitForMigrationStatus(s.id, 'confirmed');
    await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(await placement.usages('host1')).toEqual(SMALL.resources);
    expect(await control.audit()).toEqual([]);
  });

  test('revert gives the old flavor back on the same provider', async () => {
    const s = await api.createServer({ host: 'host1' });
    await api.resizeServer(s.id, SMALL.id);
    expect((await api.action(s.id, { revertResize: null })).status).toBe(202);
    await api.waitForMigrationStatus(s.id, 'reverted');
    const after = await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(after.flavor.original_name).toBe(TINY.name);
    expect(await placement.usages('host1')).toEqual(TINY.resources);
    expect(await control.audit()).toEqual([]);
  });

  test('a cold migrate cannot use the same host without COMPUTE_SAME_HOST_COLD_MIGRATE', async () => {
    const s = await api.createServer({ host: 'host1' });
    expect((await api.action(s.id, { migrate: null })).status).toBe(202);
    await api.waitForMigrationStatus(s.id, 'error');
    const after = await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host1');
    await placement.expectAllocationsMatchFlavor(s.id, 'host1', TINY.resources);
  });
});

describe('API refusals', () => {
  beforeEach(async () => { await fresh(); });

  test('resize checks: same flavor, unknown flavor, quota, state', async () => {
    const s = await api.createServer({ host: 'host1' });
    let r = await api.action(s.id, { resize: { flavorRef: TINY.id } });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe('When resizing, instances must change flavor!');
    r = await api.action(s.id, { resize: { flavorRef: 'nope' } });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe('Flavor nope could not be found.');
    r = await api.action(s.id, { confirmResize: null });
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toBe(`Cannot 'confirmResize' instance ${s.id} while it is in vm_state active`);
    r = await api.action(s.id, { resize: { flavorRef: SMALL.id } });
    expect(r.status).toBe(202);
    // a second move while the first one runs: task_state resize_prep is not None
    r = await api.action(s.id, { migrate: null });
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toBe(`Cannot 'migrate' instance ${s.id} while it is in task_state resize_prep`);
    await api.waitForServerStatus(s.id, 'VERIFY_RESIZE');
  });

  test('a resize beyond the cores quota is refused with 403 as nova does', async () => {
    const s = await api.createServer({ host: 'host1' });
    cloud.services.compute.store.quotas.setLimits(FIXTURE_PROJECT_ID, null, { cores: 2 });
    const r = await api.action(s.id, { resize: { flavorRef: '4' } });
    expect(r.status).toBe(403);
    expect(r.body.forbidden.message).toBe('Quota exceeded for cores: Requested 3, but already used 1 of 2 cores');
    expect((await api.getServer(s.id)).status).toBe('ACTIVE');
  });

  test('stopped servers: resize is allowed, start/stop guard messages', async () => {
    const s = await api.createServer({ host: 'host1' });
    expect((await api.action(s.id, { 'os-stop': null })).status).toBe(202);
    await api.waitForServerStatus(s.id, 'SHUTOFF');
    const r = await api.action(s.id, { 'os-stop': null });
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toBe(`Cannot 'stop' instance ${s.id} while it is in vm_state stopped`);
    const p = await api.action(s.id, { pause: null });
    expect(p.status).toBe(409);
    expect(p.body.conflictingRequest.message).toBe(`Cannot 'pause' instance ${s.id} while it is in vm_state stopped`);
    await api.resizeServer(s.id, SMALL.id);
    expect((await api.action(s.id, { confirmResize: null })).status).toBe(204);
    const after = await api.waitForServerStatus(s.id, 'SHUTOFF');
    expect(after.flavor.original_name).toBe(SMALL.name);
    expect(await control.audit()).toEqual([]);
  });
});
