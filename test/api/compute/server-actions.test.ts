// Server actions through POST /servers/{id}/action, then what they leave behind in
// os-migrations and os-instance-actions, per microversion (nova-zed-behaviour §4, §7, §8).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

describe('request validation and state guards', () => {
  let id: string;
  beforeAll(async () => { id = (await c.createServer({ name: 'guarded' })).id; });

  test('confirm/revert on an ACTIVE server are 409 with nova\'s message', async () => {
    const confirm = await c.action(id, { confirmResize: null });
    expect(confirm.status).toBe(409);
    expect(confirm.body).toEqual({ conflictingRequest: { code: 409, message: `Cannot 'confirmResize' instance ${id} while it is in vm_state active` } });
    const revert = await c.action(id, { revertResize: null });
    expect(revert.body.conflictingRequest.message).toBe(`Cannot 'revertResize' instance ${id} while it is in vm_state active`);
  });

  test('resize schema and flavor checks', async () => {
    expect((await c.action(id, { resize: {} })).body.badRequest.message)
      .toBe("Invalid input for field/attribute resize. Value: {}. 'flavorRef' is a required property");
    expect((await c.action(id, { resize: { flavorRef: '2', bogus: 1 } })).body.badRequest.message)
      .toBe("Invalid input for field/attribute resize. Value: {'flavorRef': '2', 'bogus': 1}. Additional properties are not allowed ('bogus' was unexpected)");
    expect((await c.action(id, { resize: { flavorRef: '1' } })).body).toEqual({ badRequest: { code: 400, message: 'When resizing, instances must change flavor!' } });
    expect((await c.action(id, { resize: { flavorRef: 'doesnotexist' } })).body).toEqual({ badRequest: { code: 400, message: 'Flavor doesnotexist could not be found.' } });
  });

  test('reboot type enum; lock reason only from 2.73', async () => {
    expect((await c.action(id, { reboot: { type: 'WARM' } })).body.badRequest.message)
      .toBe("Invalid input for field/attribute type. Value: WARM. 'WARM' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']");
    const early = await c.action(id, { lock: { locked_reason: 'x' } }, { version: '2.72' });
    expect(early.status).toBe(202);
    await c.action(id, { unlock: null });
    const bad = await c.action(id, { lock: { reason: 'x' } }, { version: '2.73' });
    expect(bad.body.badRequest.message).toBe("Invalid input for field/attribute lock. Value: {'reason': 'x'}. Additional properties are not allowed ('reason' was unexpected)");
  });

  test('an unknown server is 404; migrate is admin-only; another project is 404', async () => {
    const missing = await c.action('00000000-0000-0000-0000-000000000000', { 'os-stop': null });
    expect(missing.body).toEqual({ itemNotFound: { code: 404, message: 'Instance 00000000-0000-0000-0000-000000000000 could not be found.' } });
    const mine = await c.createServer({ name: 'member-owned', token: 'm1:mp' });
    const migrate = await c.action(mine.id, { migrate: null }, { token: 'm1:mp' });
    expect(migrate.body).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-migrate-server:migrate to be performed." } });
    expect((await c.action(mine.id, { 'os-stop': null }, { token: 'm2:other' })).status).toBe(404);
    expect((await c.action(mine.id, { migrate: { host: 'host2' } }, { version: '2.55' })).status).toBe(202);
  });
});

describe('power and lock actions', () => {
  test('stop/start, pause/unpause, suspend/resume, reboot', async () => {
    const { id } = await c.createServer({ name: 'power' });
    const step = async (body: unknown, status: string) => {
      const r = await c.action(id, body);
      expect(r.status, r.text).toBe(202);
      await c.waitForServerStatus(id, status);
    };
    await step({ 'os-stop': null }, 'SHUTOFF');
    await step({ 'os-start': null }, 'ACTIVE');
    await step({ pause: null }, 'PAUSED');
    await step({ unpause: null }, 'ACTIVE');
    await step({ suspend: null }, 'SUSPENDED');
    await step({ resume: null }, 'ACTIVE');
    await step({ reboot: { type: 'HARD' } }, 'ACTIVE');
  });

  test('lock with a reason shows locked and locked_reason; a member is then refused', async () => {
    const { id } = await c.createServer({ name: 'lockable', token: 'l1:lp' });
    expect((await c.action(id, { lock: { locked_reason: 'maintenance' } }, { version: '2.73' })).status).toBe(202);
    const s = (await c.call('GET', `/servers/${id}`, { version: '2.73' })).body.server;
    expect(s.locked).toBe(true);
    expect(s.locked_reason).toBe('maintenance');
    const refused = await c.action(id, { 'os-stop': null }, { token: 'l1:lp' });
    expect(refused.body).toEqual({ conflictingRequest: { code: 409, message: `Instance ${id} is locked` } });
    expect((await c.action(id, { unlock: null })).status).toBe(202);
    expect((await c.call('GET', `/servers/${id}`, { version: '2.9' })).body.server.locked).toBe(false);
  });
});

describe('resize, migrations and instance actions', () => {
  let id: string;
  beforeAll(async () => {
    id = (await c.createServer({ name: 'mover' })).id;
    const r = await c.action(id, { resize: { flavorRef: '2' } });
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    await c.waitForServerStatus(id, 'VERIFY_RESIZE');
  });

  test('os-migrations fields per microversion', async () => {
    const at21 = (await c.call('GET', `/os-migrations?instance_uuid=${id}`)).body.migrations;
    expect(at21).toHaveLength(1);
    expect(Object.keys(at21[0]).sort()).toEqual(['created_at', 'dest_compute', 'dest_host', 'dest_node', 'id', 'instance_uuid',
      'new_instance_type_id', 'old_instance_type_id', 'source_compute', 'source_node', 'status', 'updated_at']);
    expect(at21[0]).toMatchObject({ instance_uuid: id, status: 'finished', old_instance_type_id: 1, new_instance_type_id: 2 });
    expect(at21[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    const at223 = (await c.call('GET', `/os-migrations?instance_uuid=${id}`, { version: '2.23' })).body.migrations[0];
    expect(at223.migration_type).toBe('resize');
    expect(at223).not.toHaveProperty('links');
    const at259 = (await c.call('GET', `/os-migrations?instance_uuid=${id}`, { version: '2.59' })).body.migrations[0];
    expect(at259.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const at280 = (await c.call('GET', `/os-migrations?instance_uuid=${id}`, { version: '2.80' })).body.migrations[0];
    expect(at280).toMatchObject({ user_id: 'admin', project_id: '6f70656e737461636b20342065766572' });
    expect((await c.call('GET', '/os-migrations', { token: 'u:p' })).status).toBe(403);
    expect((await c.call('GET', '/os-migrations?bogus=1', { version: '2.59' })).status).toBe(400);
    const marker = await c.call('GET', '/os-migrations?marker=nope', { version: '2.59' });
    expect(marker.body).toEqual({ badRequest: { code: 400, message: 'Marker nope could not be found.' } });
  });

  test('server migrations list only in-progress live migrations, from 2.23', async () => {
    expect((await c.call('GET', `/servers/${id}/migrations`, { version: '2.22' })).body)
      .toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    expect((await c.call('GET', `/servers/${id}/migrations`, { version: '2.23' })).body).toEqual({ migrations: [] });
    const mid = (await c.call('GET', `/os-migrations?instance_uuid=${id}`)).body.migrations[0].id;
    const show = await c.call('GET', `/servers/${id}/migrations/${mid}`, { version: '2.23' });
    expect(show.body.itemNotFound.message).toBe(`Migration ${mid} for server ${id} is not live-migration.`);
  });

  test('confirmResize is 204; the migration is confirmed', async () => {
    const r = await c.action(id, { confirmResize: null });
    expect(r.status).toBe(204);
    const s = await c.waitForServerStatus(id, 'ACTIVE');
    expect(s.flavor.original_name).toBe('m1.small');
    expect((await c.call('GET', `/os-migrations?instance_uuid=${id}`)).body.migrations[0].status).toBe('confirmed');
  });

  test('instance actions: list per version, detail with events per caller', async () => {
    const list21 = (await c.call('GET', `/servers/${id}/os-instance-actions`)).body.instanceActions;
    expect(list21.map((a: { action: string }) => a.action)).toEqual(['confirmResize', 'resize', 'create']);
    expect(Object.keys(list21[0]).sort()).toEqual(['action', 'instance_uuid', 'message', 'project_id', 'request_id', 'start_time', 'user_id']);
    const list258 = (await c.call('GET', `/servers/${id}/os-instance-actions`, { version: '2.58' })).body.instanceActions;
    expect(list258[0]).toHaveProperty('updated_at');

    const create = list21[2];
    expect(create.request_id).toMatch(/^req-[0-9a-f-]{36}$/);
    const d21 = (await c.call('GET', `/servers/${id}/os-instance-actions/${create.request_id}`)).body.instanceAction;
    expect(d21.events.map((e: { event: string }) => e.event)).toContain('compute__do_build_and_run_instance');
    expect(Object.keys(d21.events[0]).sort()).toEqual(['event', 'finish_time', 'result', 'start_time', 'traceback']);
    const d62 = (await c.call('GET', `/servers/${id}/os-instance-actions/${create.request_id}`, { version: '2.62' })).body.instanceAction;
    expect(d62.events[0]).toHaveProperty('host');
    expect(d62.events[0].hostId === '' || /^[0-9a-f]{56}$/.test(d62.events[0].hostId)).toBe(true);
    const d84 = (await c.call('GET', `/servers/${id}/os-instance-actions/${create.request_id}`, { version: '2.84' })).body.instanceAction;
    expect(d84.events[0]).toHaveProperty('details');

    const missing = await c.call('GET', `/servers/${id}/os-instance-actions/req-nope`);
    expect(missing.body).toEqual({ itemNotFound: { code: 404, message: 'Action req-nope not found' } });
  });

  test('a member sees events from 2.51 only, without traceback or host', async () => {
    const { id: own } = await c.createServer({ name: 'members', token: 'e1:ep' });
    const rid = (await c.call('GET', `/servers/${own}/os-instance-actions`, { token: 'e1:ep' })).body.instanceActions[0].request_id;
    const d50 = (await c.call('GET', `/servers/${own}/os-instance-actions/${rid}`, { token: 'e1:ep', version: '2.50' })).body.instanceAction;
    expect(d50).not.toHaveProperty('events');
    const d93 = (await c.call('GET', `/servers/${own}/os-instance-actions/${rid}`, { token: 'e1:ep', version: '2.93' })).body.instanceAction;
    expect(Object.keys(d93.events[0]).sort()).toEqual(['event', 'finish_time', 'hostId', 'result', 'start_time']);
  });

  test('instance action paging (2.58) with links', async () => {
    const p1 = await c.call('GET', `/servers/${id}/os-instance-actions?limit=1`, { version: '2.58' });
    expect(p1.body.instanceActions).toHaveLength(1);
    expect(p1.body.links[0].rel).toBe('next');
    expect(p1.body.links[0].href).toContain(`/v2.1/servers/${id}/os-instance-actions?limit=1&marker=req-`);
  });

  test('cold migrate then revert', async () => {
    expect((await c.action(id, { migrate: null })).status).toBe(202);
    await c.waitForServerStatus(id, 'VERIFY_RESIZE');
    const m = (await c.call('GET', `/os-migrations?instance_uuid=${id}&migration_type=migration`, { version: '2.23' })).body.migrations;
    expect(m).toHaveLength(1);
    expect((await c.action(id, { revertResize: null })).status).toBe(202);
    await c.waitForServerStatus(id, 'ACTIVE');
  });
});
