// DELETE as nova/compute/api.py _delete decides it, checked against the real Nova by the parity
// suite: a build request is deleted before an instance exists; a scheduled server without a host
// is destroyed by the API; a local delete records no action; a RESIZED server is confirmed first.
import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
afterEach(async () => { await t.close(); });

async function start(progression: 'manual' | 'immediate') {
  t = await createTestApp({ seed: true, progression });
  c = new ComputeClient(t.transport);
}
const svc = () => t.services.compute;
const drain = () => runManualToEnd(svc());

async function post(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await c.call('POST', '/servers', {
    version: '2.93', body: { server: { name: 's', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none', ...extra } },
  });
  expect(r.status, r.text).toBe(202);
  return r.body.server.id as string;
}
/** Instance actions at 2.21+ (deleted servers included), oldest first. */
async function actions(id: string): Promise<{ action: string; request_id: string }[]> {
  const r = await c.call('GET', `/servers/${id}/os-instance-actions`, { version: '2.84' });
  expect(r.status, r.text).toBe(200);
  return [...r.body.instanceActions].reverse();
}
async function usages(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const node of svc().store.services.listNodes()) {
    const u = await t.app.inject({ method: 'GET', url: `/placement/resource_providers/${node.uuid}/usages`, headers: { 'x-auth-token': 'admin' } });
    out[node.hypervisorHostname] = u.json().usages;
  }
  return out;
}
const ZERO = { VCPU: 0, MEMORY_MB: 0, DISK_GB: 0 };

describe('before the conductor scheduled it (a build request)', () => {
  test('no instance ever exists: 404 for the server and its actions, nothing allocated once the build stops', async () => {
    await start('manual');
    const id = await post();
    await svc().workflows.idle();
    expect(svc().progression.waiting()).toEqual(['build:select_destinations']);
    // no instance in a cell yet, so no actions and no instance name (the real Nova shows the same)
    expect((await c.call('GET', `/servers/${id}/os-instance-actions`)).body).toEqual({ instanceActions: [] });
    const pending = (await c.call('GET', `/servers/${id}`, { version: '2.93' })).body.server;
    expect([pending.status, pending['OS-EXT-STS:task_state'], pending['OS-EXT-SRV-ATTR:instance_name']]).toEqual(['BUILD', 'scheduling', '']);
    expect((await c.call('DELETE', `/servers/${id}`)).status).toBe(204);
    const gone = { itemNotFound: { code: 404, message: `Instance ${id} could not be found.` } };
    expect((await c.call('GET', `/servers/${id}`)).body).toEqual(gone);
    expect((await c.call('GET', `/servers/${id}/os-instance-actions`, { version: '2.84' })).body).toEqual(gone);
    await drain();
    expect((await c.call('GET', `/servers/${id}`)).status).toBe(404);
    expect((await c.call('GET', '/servers/detail?deleted=true', { version: '2.93' })).body.servers).toEqual([]);
    expect(await usages()).toEqual({ host1: ZERO, host2: ZERO });
  });
});

describe('scheduled, not yet on a compute', () => {
  test('the API destroys it at once with no delete action; the compute finds it gone and the claim is dropped', async () => {
    await start('manual');
    const id = await post();
    await svc().workflows.idle();
    svc().progression.advance(1);
    await svc().workflows.idle();
    expect(svc().progression.waiting()).toEqual(['build:start']);
    expect((await usages()).host1).not.toEqual(ZERO);
    expect((await c.call('DELETE', `/servers/${id}`)).status).toBe(204);
    expect((await c.call('GET', `/servers/${id}`)).status).toBe(404);
    await drain();
    expect((await actions(id)).map((a) => a.action)).toEqual(['create']);
    expect(await usages()).toEqual({ host1: ZERO, host2: ZERO });
    expect((await t.app.inject({ method: 'GET', url: '/_mock/audit', headers: { 'x-auth-token': 'admin' } })).json().audit).toEqual([]);
  });
});

describe('local deletes record no delete action', () => {
  test('an ERROR server that never got a host (NoValidHost, buried in cell0)', async () => {
    await start('immediate');
    const id = await post({ flavorRef: '5' });
    await c.waitForServerStatus(id, 'ERROR');
    expect((await c.call('DELETE', `/servers/${id}`)).status).toBe(204);
    expect((await c.call('GET', `/servers/${id}`)).status).toBe(404);
    expect((await actions(id)).map((a) => a.action)).toEqual(['create']);
  });

  test('a server whose compute service is down', async () => {
    await start('immediate');
    const s = await c.createServer({ extra: { availability_zone: 'nova:host1' } });
    const [svc1] = (await c.call('GET', '/os-services?host=host1&binary=nova-compute', { version: '2.53' })).body.services;
    expect((await c.call('PUT', `/os-services/${svc1.id}`, { version: '2.53', body: { forced_down: true } })).status).toBe(200);
    expect((await c.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    // done inside the request: gone right after the answer, allocations too
    expect((await c.call('GET', `/servers/${s.id}`)).status).toBe(404);
    expect(await usages()).toEqual({ host1: ZERO, host2: ZERO });
    expect((await actions(s.id)).map((a) => a.action)).toEqual(['create']);
  });

  test('an ACTIVE server on a live compute records one (the compute terminates it)', async () => {
    await start('immediate');
    const s = await c.createServer();
    expect((await c.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await svc().workflows.idle();
    expect((await actions(s.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });
});

describe('during VERIFY_RESIZE', () => {
  test('the API confirms the resize before it answers, under the delete request id, then the compute deletes', async () => {
    await start('manual');
    const id = await post({ availability_zone: 'nova:host1' });
    await drain();
    expect((await c.action(id, { resize: { flavorRef: '2' } })).status).toBe(202);
    await drain();
    const [migration] = (await c.call('GET', `/os-migrations?instance_uuid=${id}`, { version: '2.59' })).body.migrations;
    expect(migration.status).toBe('finished');

    const del = await c.call('DELETE', `/servers/${id}`);
    expect(del.status).toBe(204);
    const requestId = del.headers['x-openstack-request-id'] as string;
    // confirmed (a synchronous call), the delete itself only cast: ACTIVE, no task
    const s = (await c.call('GET', `/servers/${id}`, { version: '2.93' })).body.server;
    expect([s.status, s['OS-EXT-STS:task_state'], s['OS-EXT-SRV-ATTR:host']]).toEqual(['ACTIVE', null, 'host2']);
    expect((await c.call('GET', `/os-migrations?instance_uuid=${id}`, { version: '2.59' })).body.migrations[0].status).toBe('confirmed');
    expect(await usages()).toEqual({ host1: ZERO, host2: { VCPU: 1, MEMORY_MB: 2048, DISK_GB: 20 } });
    const list = await actions(id);
    expect(list.map((a) => [a.action, a.request_id])).toEqual([['create', expect.any(String)], ['resize', expect.any(String)], ['confirmResize', requestId], ['delete', requestId]]);
    // the latest action of a request id answers for it
    expect((await c.call('GET', `/servers/${id}/os-instance-actions/${requestId}`, { version: '2.84' })).body.instanceAction.action).toBe('delete');

    await drain();
    expect((await c.call('GET', `/servers/${id}`)).status).toBe(404);
    expect(await usages()).toEqual({ host1: ZERO, host2: ZERO });
    const events = async (action: string) => {
      const a = (await actions(id)).find((x) => x.action === action)!;
      const r = await c.call('GET', `/servers/${id}/os-instance-actions/${a.request_id}`, { version: '2.84' });
      return r.body;
    };
    expect((await events('delete')).instanceAction.events.map((e: { event: string; host: string }) => [e.event, e.host]))
      .toEqual([['compute_terminate_instance', 'host2']]);
  });
});

describe('during VERIFY_RESIZE with confirm_migration failing on the source', () => {
  test("the call's error is the answer (500), the server stays ERROR/deleting and a second delete is ignored", async () => {
    await start('immediate');
    const s = await c.createServer({ extra: { availability_zone: 'nova:host1' } });
    expect((await c.action(s.id, { resize: { flavorRef: '2' } })).status).toBe(202);
    await c.waitForServerStatus(s.id, 'VERIFY_RESIZE');
    const f = await t.app.inject({ method: 'POST', url: '/_mock/faults', headers: { 'x-auth-token': 'admin' },
      payload: { operation: 'confirm_migration', host: 'host1', error: { type: 'ComputeResourcesUnavailable', message: 'injected' } } });
    expect(f.statusCode).toBe(201);
    const del = await c.call('DELETE', `/servers/${s.id}`);
    expect(del.status).toBe(500);
    expect(del.body).toEqual({ computeFault: { code: 500, message:
      "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'nova.exception.ComputeResourcesUnavailable'>" } });
    await svc().workflows.idle();
    const after = (await c.call('GET', `/servers/${s.id}`, { version: '2.93' })).body.server;
    expect([after.status, after['OS-EXT-STS:task_state'], after.fault.message]).toEqual(['ERROR', 'deleting', 'Insufficient compute resources: injected.']);
    expect((await c.call('GET', `/os-migrations?instance_uuid=${s.id}`, { version: '2.59' })).body.migrations[0].status).toBe('error');
    // the source allocation went in the confirm's finally; the server keeps the new flavor on host2
    expect(await usages()).toEqual({ host1: ZERO, host2: { VCPU: 1, MEMORY_MB: 2048, DISK_GB: 20 } });
    expect((await c.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await svc().workflows.idle();
    expect((await c.call('GET', `/servers/${s.id}`)).status).toBe(200);
    expect((await actions(s.id)).map((a) => a.action)).toEqual(['create', 'resize', 'confirmResize']);
  });
});
