// Server metadata (server_metadata.py) and the fault shown on ERROR servers (views/servers.py
// _get_fault: details for admins, or for everyone when the code is not 500).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

describe('server metadata', () => {
  test('set, merge, replace, show, delete an item', async () => {
    const { id } = await c.createServer({ name: 'meta', extra: { metadata: { a: '1' } } });
    expect((await c.call('GET', `/servers/${id}/metadata`)).body).toEqual({ metadata: { a: '1' } });
    const merged = await c.call('POST', `/servers/${id}/metadata`, { body: { metadata: { b: '2' } } });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ metadata: { a: '1', b: '2' } });
    expect((await c.call('PUT', `/servers/${id}/metadata/c`, { body: { meta: { c: '3' } } })).body).toEqual({ meta: { c: '3' } });
    expect((await c.call('GET', `/servers/${id}/metadata/c`)).body).toEqual({ meta: { c: '3' } });
    const mismatch = await c.call('PUT', `/servers/${id}/metadata/c`, { body: { meta: { d: '3' } } });
    expect(mismatch.body).toEqual({ badRequest: { code: 400, message: 'Request body and URI mismatch' } });
    const replaced = await c.call('PUT', `/servers/${id}/metadata`, { body: { metadata: { only: 'x' } } });
    expect(replaced.body).toEqual({ metadata: { only: 'x' } });
    expect((await c.call('DELETE', `/servers/${id}/metadata/only`)).status).toBe(204);
    expect((await c.call('GET', `/servers/${id}/metadata/only`)).body).toEqual({ itemNotFound: { code: 404, message: 'Metadata item was not found' } });
    expect((await c.call('DELETE', `/servers/${id}/metadata/only`)).status).toBe(404);
    expect((await c.call('GET', `/servers/${id}`)).body.server.metadata).toEqual({});
  });

  test('keys are validated by pattern', async () => {
    const { id } = await c.createServer({ name: 'meta2' });
    const r = await c.call('POST', `/servers/${id}/metadata`, { body: { metadata: { 'a/b': 'x' } } });
    expect(r.body.badRequest.message).toBe("Invalid input for field/attribute metadata. Value: {'a/b': 'x'}. 'a/b' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'");
  });
});

describe('faults on ERROR servers', () => {
  test('a failed resize shows the fault; details (traceback) only for admins when the code is 500', async () => {
    const { id } = await c.createServer({ name: 'broken', token: 'f1:fp' });
    t.services.compute.faults.add({ operation: 'finish_migration', server: id, times: 1, error: { type: 'VirtualInterfaceCreateException' } });
    expect((await c.action(id, { resize: { flavorRef: '2' } }, { token: 'f1:fp' })).status).toBe(202);
    await t.services.compute.workflows.idle();
    const admin = (await c.call('GET', `/servers/${id}`, { version: '2.93' })).body.server;
    expect(admin.status).toBe('ERROR');
    expect(admin.fault).toMatchObject({ code: 500, created: expect.stringMatching(/Z$/), message: expect.any(String) });
    expect(admin.fault.details).toEqual(expect.any(String));
    expect(admin).not.toHaveProperty('progress');
    const owner = (await c.call('GET', `/servers/${id}`, { version: '2.93', token: 'f1:fp' })).body.server;
    expect(owner.fault).not.toHaveProperty('details');
    expect(owner.fault.message).toBe(admin.fault.message);
    const listed = (await c.call('GET', '/servers/detail?status=ERROR', { token: 'f1:fp' })).body.servers;
    expect(listed.map((s: { id: string }) => s.id)).toEqual([id]);
    const migration = (await c.call('GET', `/os-migrations?instance_uuid=${id}`)).body.migrations[0];
    expect(migration.status).toBe('error');
    const [resize] = (await c.call('GET', `/servers/${id}/os-instance-actions`, { version: '2.84' })).body.instanceActions;
    expect(resize).toMatchObject({ action: 'resize', message: 'Error' });
    const detail = (await c.call('GET', `/servers/${id}/os-instance-actions/${resize.request_id}`, { version: '2.84' })).body.instanceAction;
    const failed = detail.events.find((e: { result: string }) => e.result === 'Error');
    expect(failed).toMatchObject({ event: 'compute_finish_resize', details: expect.any(String), traceback: expect.any(String) });
  });
});
