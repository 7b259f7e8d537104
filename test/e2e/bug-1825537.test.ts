// nova/tests/functional/regressions/test_bug_1825537.py over HTTP, with the follow-ups the
// trace bug_1825537_finish_resize_fails shows (409 on moves, hard reboot, delete).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ComputeClient, SMALL, TINY, ZERO } from '../helpers/compute.js';
import { startCloud, type Cloud } from '../helpers/app.js';
import { MockControl } from '../helpers/mock-control.js';
import { PlacementClient } from '../helpers/placement.js';

describe('bug 1825537: finish_resize fails on the destination', () => {
  let cloud: Cloud;
  let api: ComputeClient;
  let control: MockControl;
  let placement: PlacementClient;
  let id: string;
  beforeAll(async () => {
    cloud = await startCloud();
    api = new ComputeClient(cloud.transport, { version: '2.93' });
    control = new MockControl(cloud.transport);
    placement = new PlacementClient(cloud.transport, '/placement', { version: '1.28', providerOf: (h) => control.providerOf(h) });
  });
  afterAll(async () => { await cloud.close(); });

  test('server is ERROR on host2, dest holds the new flavor, source is empty', async () => {
    const server = await api.createServer({ host: 'host1' });
    id = server.id;
    expect(server['OS-EXT-SRV-ATTR:host']).toBe('host1');
    await placement.expectAllocationsMatchFlavor(id, 'host1', TINY.resources);

    await control.addFault({ operation: 'finish_migration', host: 'host2', error: { type: 'VirtualInterfaceCreateException' } });
    const r = await api.action(id, { resize: { flavorRef: SMALL.id } });
    expect(r.status).toBe(202);
    expect(r.body).toBeNull();

    const migration = await api.waitForMigrationStatus(id, 'error');
    expect(migration).toMatchObject({ source_compute: 'host1', dest_compute: 'host2', old_instance_type_id: 1, new_instance_type_id: 2, migration_type: 'resize' });
    const s = await api.waitForServerStatus(id, 'ERROR');
    expect(s['OS-EXT-STS:vm_state']).toBe('error');
    expect(s['OS-EXT-SRV-ATTR:host']).toBe('host2');
    expect(s['OS-EXT-SRV-ATTR:hypervisor_hostname']).toBe('host2');
    // _finish_resize restored the old flavor before the error was saved
    expect(s.flavor.original_name).toBe(TINY.name);
    expect(s.fault.code).toBe(500);
    expect(s.fault.message).toContain('Virtual Interface creation failed');
    expect(s.fault.details).toContain('Traceback');

    await placement.expectAllocationsMatchFlavor(id, 'host2', SMALL.resources);
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await placement.usages('host2')).toEqual(SMALL.resources);
    expect(await placement.allocations(migration.uuid)).toEqual({});
    expect(await control.audit()).toEqual([]);

    const action = await api.actionEvents(id, 'resize');
    expect(action.message).toBe('Error');
    const events = Object.fromEntries((action.events as any[]).map((e) => [e.event, e]));
    expect(events.compute_finish_resize).toMatchObject({ result: 'Error', host: 'host2', details: 'Virtual Interface creation failed' });
    for (const ok of ['compute_prep_resize', 'compute_resize_instance', 'cold_migrate', 'conductor_migrate_server']) {
      expect(events[ok].result, ok).toBe('Success');
    }
  });

  test('move actions are refused with 409 while the server is in ERROR', async () => {
    for (const [name, body] of [['confirmResize', { confirmResize: null }], ['revertResize', { revertResize: null }],
      ['resize', { resize: { flavorRef: TINY.id } }], ['migrate', { migrate: null }]] as const) {
      const r = await api.action(id, body);
      expect(r.status, name).toBe(409);
      expect(r.body.conflictingRequest.message).toBe(`Cannot '${name}' instance ${id} while it is in vm_state error`);
    }
  });

  test('hard reboot brings it ACTIVE on host2 without reconciling placement', async () => {
    const r = await api.action(id, { reboot: { type: 'HARD' } });
    expect(r.status).toBe(202);
    const s = await api.waitForServerStatus(id, 'ACTIVE');
    expect(s['OS-EXT-SRV-ATTR:host']).toBe('host2');
    expect(s.flavor.original_name).toBe(TINY.name);
    expect(s.fault).toBeUndefined();
    await placement.expectAllocationsMatchFlavor(id, 'host2', SMALL.resources);
  });

  test('delete frees everything', async () => {
    expect((await api.call('DELETE', `/servers/${id}`)).status).toBe(204);
    await api.waitForServerGone(id);
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await placement.usages('host2')).toEqual(ZERO);
    expect(await placement.allocations(id)).toEqual({});
    expect(await api.migrations(id)).toEqual([]);
    expect(await control.audit()).toEqual([]);
  });
});
