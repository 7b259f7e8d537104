// os-server-password: '' until a guest posts one (real Nova: {"password": ""}), clear is 204.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

test('show, a stored password in chunk order, clear, and other projects', async () => {
  const { id } = await c.createServer({ token: 'pw:proj' });
  expect((await c.call('GET', `/servers/${id}/os-server-password`, { token: 'pw:proj' })).body).toEqual({ password: '' });
  // what the metadata service would have stored for a guest (password.convert_password chunks)
  const inst = t.services.compute.store.instances.get(id)!;
  t.services.compute.store.instances.save(id, { systemMetadata: { ...inst.systemMetadata, password_1: 'def', password_0: 'abc', password_2: '', password_3: '' } });
  expect((await c.call('GET', `/servers/${id}/os-server-password`, { token: 'pw:proj' })).body).toEqual({ password: 'abcdef' });
  const cleared = await c.call('DELETE', `/servers/${id}/os-server-password`, { token: 'pw:proj' });
  expect(cleared.status).toBe(204);
  expect(cleared.text).toBe('');
  expect((await c.call('GET', `/servers/${id}/os-server-password`)).body).toEqual({ password: '' });
  expect((await c.call('GET', `/servers/${id}/os-server-password`, { token: 'other:p2' })).body)
    .toEqual({ itemNotFound: { code: 404, message: `Instance ${id} could not be found.` } });
  expect((await c.call('GET', '/servers/nope/os-server-password')).body)
    .toEqual({ itemNotFound: { code: 404, message: 'Instance nope could not be found.' } });
});
