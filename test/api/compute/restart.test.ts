// A cloud reopened from its file in the same process (a new runtime over the same database, the
// old one abandoned as a crash leaves it): what the last reset chose is kept, and a reset or seed
// that a crash interrupted is made again on the next start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { BlockStorageClient } from '../../helpers/block-storage.js';
import { BlockStorageClient as CinderClient } from '../../../src/block-storage-client/block-storage-client.js';

const dir = mkdtempSync(join(tmpdir(), 'novamock-restart-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
const H = { 'x-auth-token': 'admin' };
const open: TestApp[] = [];
afterEach(async () => { for (const t of open.splice(0)) await t.close(); });

async function start(database: string, progression: 'immediate' | 'manual' = 'immediate'): Promise<TestApp> {
  const t = await createTestApp({ seed: true, database, progression });
  open.push(t);
  return t;
}

describe('restart in process', () => {
  test('the reset\'s hosts, config and profile are the cloud\'s after a restart', async () => {
    const db = join(dir, 'settings.db');
    const a = await start(db);
    const r = await a.app.inject({
      method: 'POST', url: '/_mock/reset', headers: H,
      payload: { hosts: [{ name: 'solo', vcpus: 4 }], config: { allow_resize_to_same_host: true, scheduler: { max_attempts: 1 } }, profile: 'legacy-rbac' },
    });
    expect(r.statusCode).toBe(200);
    const b = await start(db);
    expect((await b.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts.map((h: { name: string; vcpus: number }) => [h.name, h.vcpus])).toEqual([['solo', 4]]);
    expect(b.services.runtime.settings).toMatchObject({ allowResizeToSameHost: true, policyProfile: 'legacy-rbac', novaOptions: { scheduler: { max_attempts: 1 } } });
  });

  test('a reset the process died in is made again on the next start', async () => {
    const db = join(dir, 'interrupted.db');
    const a = await start(db);
    expect((await a.app.inject({ method: 'POST', url: '/_mock/reset', headers: H, payload: { hosts: [{ name: 'h1' }, { name: 'h2' }] } })).statusCode).toBe(200);
    // the next reset dies after emptying the tables (the mark is down first)
    a.services.compute.hosts.beginReset();
    a.services.placement.reset();
    a.services.compute.store.clear();
    const b = await start(db);
    expect((await b.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2']);
    const flavors = await b.app.inject({ method: 'GET', url: '/compute/v2.1/flavors', headers: H });
    expect(flavors.json().flavors).toHaveLength(6);
    expect((await b.app.inject({ method: 'GET', url: '/_mock/audit', headers: H })).json().audit).toEqual([]);
    // and the next start opens it as it is
    const c = await start(db);
    expect((await c.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts).toEqual((await b.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts);
  });

  test('a soft delete and a restore that were acknowledged but not run are run by the next start', async () => {
    const db = join(dir, 'soft.db');
    const V = { ...H, 'openstack-api-version': 'compute 2.93' };
    const a = await start(db, 'manual');
    expect((await a.app.inject({ method: 'POST', url: '/_mock/reset', headers: H, payload: { config: { reclaim_instance_interval: 600 } } })).statusCode).toBe(200);
    const made = await a.app.inject({
      method: 'POST', url: '/compute/v2.1/servers', headers: V,
      payload: { server: { name: 's', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none' } },
    });
    const id = made.json().server.id as string;
    await runManualToEnd(a.services.compute);
    expect((await a.app.inject({ method: 'DELETE', url: `/compute/v2.1/servers/${id}`, headers: V })).statusCode).toBe(204);
    const show = async (t: TestApp) => (await t.app.inject({ method: 'GET', url: `/compute/v2.1/servers/${id}`, headers: V })).json().server;
    expect((await show(a))['OS-EXT-STS:task_state']).toBe('soft-deleting');
    const b = await start(db, 'manual');
    expect([(await show(b)).status, (await show(b))['OS-EXT-STS:task_state']]).toEqual(['SOFT_DELETED', null]);
    expect((await b.app.inject({ method: 'POST', url: `/compute/v2.1/servers/${id}/action`, headers: V, payload: { restore: null } })).statusCode).toBe(202);
    const c = await start(db, 'manual');
    expect([(await show(c)).status, (await show(c))['OS-EXT-STS:task_state']]).toEqual(['ACTIVE', null]);
    expect((await c.app.inject({ method: 'GET', url: '/_mock/audit', headers: H })).json().audit).toEqual([]);
  });

  test('volume recovery on start reads every attachment in one Cinder call, not one per server, and reconciles as before', async () => {
    const db = join(dir, 'volumes.db');
    const a = await start(db);
    const compute = new ComputeClient(a.transport, { token: 'admin:admin', version: '2.93' });
    const volumes = new BlockStorageClient(a.transport, { token: 'admin:admin', project: 'admin' });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await compute.createServer({ name: `s${i}` })).id);
    const [kept, orphaned, lost] = ids as [string, string, string];
    const attach = async (server: string, volume: string) => {
      expect((await compute.call('POST', `/servers/${server}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: volume } } })).status).toBe(200);
      await compute.settle();
    };
    const attachmentsOf = async (server: string) => (await volumes.call('GET', `/attachments?all_tenants=1&instance_id=${server}`, { version: '3.44' })).body.attachments as { id: string; volume_id: string }[];
    // kept: a volume attached through nova; lost: attached, then its attachment deleted in Cinder
    // behind nova's back; orphaned: an attachment no mapping names (a reserve a crash cut short)
    const v1 = (await volumes.createVolume()).id as string;
    const v2 = (await volumes.createVolume()).id as string;
    const v3 = (await volumes.createVolume()).id as string;
    await attach(kept, v1);
    await attach(lost, v2);
    const [gone] = await attachmentsOf(lost);
    expect((await volumes.call('DELETE', `/attachments/${gone!.id}`, { version: '3.44' })).status).toBe(200);
    const made = await volumes.call('POST', '/attachments', { version: '3.44', body: { attachment: { volume_uuid: v3, instance_uuid: orphaned } } });
    expect(made.status, made.text).toBe(200);

    const calls = vi.spyOn(CinderClient.prototype as unknown as { call: (...args: unknown[]) => Promise<unknown> }, 'call');
    let b: TestApp;
    let asked: string[];
    try {
      b = await start(db);
      asked = calls.mock.calls.map((c) => `${c[1] as string} ${(c[2] as string).split('?')[0]}`);
    } finally { calls.mockRestore(); }
    // one list, then only the servers with volume work, newest first: lost (its mapping just
    // goes), orphaned (its attachment is deleted), kept (its volume is looked at)
    expect(asked).toEqual([
      'GET /attachments/detail', `DELETE /attachments/${made.body.attachment.id}`, `GET /volumes/${v1}`,
    ]);
    const after = new ComputeClient(b.transport, { token: 'admin:admin', version: '2.93' });
    const volumesAfter = new BlockStorageClient(b.transport, { token: 'admin:admin', project: 'admin' });
    const attached = async (server: string) => ((await after.getServer(server))['os-extended-volumes:volumes_attached'] as { id: string }[]).map((x) => x.id);
    expect([await attached(kept), await attached(lost), await attached(orphaned)]).toEqual([[v1], [], []]);
    expect((await volumesAfter.getVolume(v1)).status).toBe('in-use');
    expect([(await volumesAfter.getVolume(v2)).status, (await volumesAfter.getVolume(v3)).status]).toEqual(['available', 'available']);
    expect((await volumesAfter.call('GET', `/attachments?all_tenants=1&instance_id=${orphaned}`, { version: '3.44' })).body.attachments).toEqual([]);
    expect((await b.app.inject({ method: 'GET', url: '/_mock/audit', headers: H })).json().audit).toEqual([]);
  });
});
