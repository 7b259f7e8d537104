// Deferred delete: [DEFAULT] reclaim_instance_interval set through the reset config. DELETE
// soft-deletes (SOFT_DELETED, allocations kept), restore brings the server back, forceDelete
// removes it, and the computes' _reclaim_queued_deletes periodic deletes what stayed
// soft-deleted longer than the interval, on the injected clock. The answers were replayed
// against the real Nova 26.2.2 (nova-live, which runs no periodic: the reclaim is pinned from
// nova/compute/manager.py).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { ManualClock } from '../../../src/runtime/clock.js';

let t: TestApp;
let c: ComputeClient;
const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
beforeAll(async () => { t = await createTestApp({ seed: true }, { clock }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

async function reset(config: object): Promise<void> {
  const r = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin' }, payload: { config } });
  expect(r.statusCode, r.body).toBe(200);
}

async function placement(path: string): Promise<any> {
  const r = await t.app.inject({ method: 'GET', url: `/placement${path}`, headers: { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.39' } });
  return JSON.parse(r.body);
}

async function show(id: string): Promise<{ status: number; server: any }> {
  const r = await c.call('GET', `/servers/${id}`, { version: '2.93' });
  return { status: r.status, server: r.body?.server };
}

async function actions(id: string): Promise<any[]> {
  const list = (await c.call('GET', `/servers/${id}/os-instance-actions`, { version: '2.84' })).body.instanceActions;
  const out = [];
  for (const a of list) out.push((await c.call('GET', `/servers/${id}/os-instance-actions/${a.request_id}`, { version: '2.84' })).body.instanceAction);
  return out;
}

const FLAVOR_1 = { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 };

describe('without reclaim_instance_interval', () => {
  test('DELETE deletes; restore of a server that is not soft-deleted is 409', async () => {
    await reset({});
    const s = await c.createServer();
    const r = await c.action(s.id, { restore: null });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ conflictingRequest: { code: 409, message: `Cannot 'restore' instance ${s.id} while it is in vm_state active` } });
    expect((await c.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await t.services.compute.workflows.idle();
    expect((await show(s.id)).status).toBe(404);
  });
});

describe('with reclaim_instance_interval = 600', () => {
  test('DELETE soft-deletes and keeps the allocation; restore is ACTIVE again; each is an instance action', async () => {
    await reset({ reclaim_instance_interval: 600 });
    const s = await c.createServer();
    expect((await c.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await t.services.compute.workflows.idle();
    const soft = (await show(s.id)).server;
    expect([soft.status, soft['OS-EXT-STS:vm_state'], soft['OS-EXT-STS:task_state'], soft['OS-EXT-STS:power_state']]).toEqual(['SOFT_DELETED', 'soft-delete', null, 1]);
    expect(Object.values((await placement(`/allocations/${s.id}`)).allocations).map((a: any) => a.resources)).toEqual([FLAVOR_1]);
    // not listed: the list's deleted=False also leaves SOFT_DELETED out (instance_get_all_by_filters);
    // deleted=True (admin) lists it
    expect((await c.call('GET', '/servers/detail?status=SOFT_DELETED')).body.servers).toEqual([]);
    expect((await c.call('GET', '/servers/detail')).body.servers).toEqual([]);
    expect((await c.call('GET', '/servers/detail?deleted=true')).body.servers.map((x: any) => x.id)).toEqual([s.id]);
    // a second DELETE soft-deletes again
    expect((await c.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await t.services.compute.workflows.idle();
    expect((await c.action(s.id, { restore: null })).status).toBe(202);
    await t.services.compute.workflows.idle();
    const back = (await show(s.id)).server;
    expect([back.status, back['OS-EXT-STS:task_state'], back['OS-EXT-STS:power_state']]).toEqual(['ACTIVE', null, 1]);
    const acts = await actions(s.id);
    expect(acts.map((a) => a.action)).toEqual(['restore', 'delete', 'delete', 'create']);
    expect(acts[0].events.map((ev: any) => [ev.event, ev.result])).toEqual([['compute_restore_instance', 'Success']]);
    expect(acts[1].events.map((ev: any) => [ev.event, ev.result])).toEqual([['compute_soft_delete_instance', 'Success']]);
    // restore of the ACTIVE server again: 409
    expect((await c.action(s.id, { restore: null })).status).toBe(409);
  });

  test('forceDelete removes a SOFT_DELETED server and its allocation', async () => {
    await reset({ reclaim_instance_interval: 600 });
    const s = await c.createServer();
    await c.call('DELETE', `/servers/${s.id}`);
    await t.services.compute.workflows.idle();
    expect((await c.action(s.id, { forceDelete: null })).status).toBe(202);
    await t.services.compute.workflows.idle();
    expect((await show(s.id)).status).toBe(404);
    expect((await placement(`/allocations/${s.id}`)).allocations).toEqual({});
  });

  test('a server that never launched is deleted, not soft-deleted (InstanceInvalidState)', async () => {
    await reset({ reclaim_instance_interval: 600 });
    const hosts = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin' }, payload: { hosts: [{ name: 'host1', vcpus: 1, memory_mb: 1024, local_gb: 1 }], config: { reclaim_instance_interval: 600 } } });
    expect(hosts.statusCode).toBe(200);
    const r = await c.call('POST', '/servers', { version: '2.93', body: { server: { name: 'big', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '3', networks: 'none' } } });
    await c.waitForServerStatus(r.body.server.id, 'ERROR');
    expect((await c.call('DELETE', `/servers/${r.body.server.id}`)).status).toBe(204);
    await t.services.compute.workflows.idle();
    expect((await show(r.body.server.id)).status).toBe(404);
  });

  test('the periodic reclaims a server soft-deleted longer than the interval, on the clock', async () => {
    await reset({ reclaim_instance_interval: 600, periodic_interval: 60 });
    const s = await c.createServer();
    const kept = await c.createServer({ name: 'kept' });
    await c.call('DELETE', `/servers/${s.id}`);
    await t.services.compute.workflows.idle();
    clock.advance(300 * 1000);
    await t.services.compute.workflows.idle();
    expect((await show(s.id)).server.status).toBe('SOFT_DELETED');
    // soft-delete the second one later: only the first is old enough at the next ticks
    await c.call('DELETE', `/servers/${kept.id}`);
    await t.services.compute.workflows.idle();
    clock.advance(360 * 1000);
    await t.services.compute.workflows.idle();
    expect((await show(s.id)).status).toBe(404);
    expect((await placement(`/allocations/${s.id}`)).allocations).toEqual({});
    expect((await show(kept.id)).server.status).toBe('SOFT_DELETED');
    // no action or event for the reclaim (not an API request)
    const adminActions = await c.call('GET', `/servers/${s.id}/os-instance-actions`, { version: '2.21' });
    expect(adminActions.body.instanceActions.map((a: any) => a.action)).toEqual(['delete', 'create']);
  });

  test('restore answers 409 while locked for a member, and a restored server can be soft-deleted again', async () => {
    await reset({ reclaim_instance_interval: 600 });
    const s = await c.createServer({ token: 'usr:proj' });
    await c.call('DELETE', `/servers/${s.id}`, { token: 'usr:proj' });
    await t.services.compute.workflows.idle();
    expect((await c.action(s.id, { lock: null })).status).toBe(202);
    const r = await c.action(s.id, { restore: null }, { token: 'usr:proj' });
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toBe(`Instance ${s.id} is in an invalid state for 'restore'`);
    expect((await c.action(s.id, { unlock: null })).status).toBe(202);
    expect((await c.action(s.id, { restore: null }, { token: 'usr:proj' })).status).toBe(202);
    await t.services.compute.workflows.idle();
    expect((await show(s.id)).server.status).toBe('ACTIVE');
  });

  test('the reset config is checked', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin' }, payload: { config: { reclaim_instance_interval: 'soon' } } });
    expect(r.statusCode).toBe(400);
  });
});
