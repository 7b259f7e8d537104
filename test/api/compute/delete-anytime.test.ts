// A server deleted at any step of a resize (progression=manual) ends with nothing in Placement:
// no allocation for the server, none for the migration, zero usage on both hosts.
import { afterEach, expect, test } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';

const H = { 'x-auth-token': 'admin', 'openstack-api-version': 'compute 2.93' };
let t: TestApp;
afterEach(async () => { await t.close(); });

test.each(Array.from({ length: 17 }, (_, i) => i))('delete after %i resize steps frees everything', async (steps) => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const c = t.services.compute;
  const r = await t.app.inject({
    method: 'POST', url: '/compute/v2.1/servers', headers: H,
    payload: { server: { name: 's', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none', availability_zone: 'nova:host1' } },
  });
  const id = r.json().server.id as string;
  await c.workflows.idle();
  await runManualToEnd(c);
  expect((await t.app.inject({ method: 'POST', url: `/compute/v2.1/servers/${id}/action`, headers: H, payload: { resize: { flavorRef: '2' } } })).statusCode).toBe(202);
  await c.workflows.idle();
  for (let i = 0; i < steps && c.progression.waiting().length; i++) { c.progression.advance(1); await c.workflows.idle(); }
  expect((await t.app.inject({ method: 'DELETE', url: `/compute/v2.1/servers/${id}`, headers: H })).statusCode).toBe(204);
  await c.workflows.idle();
  await runManualToEnd(c);
  expect((await t.app.inject({ method: 'GET', url: `/compute/v2.1/servers/${id}`, headers: H })).statusCode).toBe(404);
  for (const node of c.store.services.listNodes()) {
    const u = (await t.app.inject({ method: 'GET', url: `/placement/resource_providers/${node.uuid}/usages`, headers: { 'x-auth-token': 'admin' } })).json();
    expect(u.usages, node.hypervisorHostname).toEqual({ VCPU: 0, MEMORY_MB: 0, DISK_GB: 0 });
  }
  expect((await t.app.inject({ method: 'GET', url: '/_mock/audit', headers: H })).json().audit).toEqual([]);
});

test.each(Array.from({ length: 9 }, (_, i) => i))('delete after %i build steps frees everything', async (steps) => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const c = t.services.compute;
  const r = await t.app.inject({
    method: 'POST', url: '/compute/v2.1/servers', headers: H,
    payload: { server: { name: 's', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none' } },
  });
  const id = r.json().server.id as string;
  await c.workflows.idle();
  for (let i = 0; i < steps && c.progression.waiting().length; i++) { c.progression.advance(1); await c.workflows.idle(); }
  expect((await t.app.inject({ method: 'DELETE', url: `/compute/v2.1/servers/${id}`, headers: H })).statusCode).toBe(204);
  await runManualToEnd(c);
  expect((await t.app.inject({ method: 'GET', url: `/compute/v2.1/servers/${id}`, headers: H })).statusCode).toBe(404);
  for (const node of c.store.services.listNodes()) {
    const u = (await t.app.inject({ method: 'GET', url: `/placement/resource_providers/${node.uuid}/usages`, headers: { 'x-auth-token': 'admin' } })).json();
    expect(u.usages, node.hypervisorHostname).toEqual({ VCPU: 0, MEMORY_MB: 0, DISK_GB: 0 });
  }
  expect((await t.app.inject({ method: 'GET', url: '/_mock/audit', headers: H })).json().audit).toEqual([]);
});
