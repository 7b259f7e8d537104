// createImage and createBackup (compute/api.py snapshot/backup, the compute manager's
// snapshot_instance/backup_instance with _rotate_backups), the snapshot fault point, and the
// compute image proxy (images.py, image_metadata.py) served from the image service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';
import { ImageClient } from '../../helpers/image.js';

let t: TestApp;
let images: ImageClient;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); images = new ImageClient(t.transport); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const DEMO = 'demo:demo';

describe('createImage', () => {
  it('answers Location below 2.45 and {"image_id"} from 2.45; the image becomes active with the server properties', async () => {
    const server = await c.createServer({ token: DEMO });
    const old = await c.action(server.id, { createImage: { name: 'snap-old', metadata: { k: 'v' } } }, { version: '2.44', token: DEMO });
    expect(old.status).toBe(202);
    expect(old.text).toBe('');
    const location = String(old.headers.location);
    expect(location).toMatch(/^http:\/\/localhost(:80)?\/image\/images\/[0-9a-f-]{36}$/);
    await t.services.compute.workflows.idle();
    const oldId = location.split('/').pop()!;
    const fresh = await c.action(server.id, { createImage: { name: 'snap-new' } }, { version: '2.45', token: DEMO });
    expect(fresh.status).toBe(202);
    expect(fresh.headers.location).toBeUndefined();
    const newId = fresh.body.image_id as string;
    await t.services.compute.workflows.idle();
    const glance = (await images.call('GET', `/v2/images/${oldId}`, { token: DEMO })).body;
    expect(glance).toMatchObject({
      name: 'snap-old', status: 'active', visibility: 'private', owner: 'demo', min_disk: 1, disk_format: 'raw', container_format: 'bare',
      instance_uuid: server.id, user_id: 'demo', image_type: 'snapshot', base_image_ref: IMAGE, k: 'v', architecture: 'x86_64',
    });
    expect(glance.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect((await c.waitForServerStatus(server.id, 'ACTIVE'))['OS-EXT-STS:task_state']).toBeNull();
    const actions = (await c.call('GET', `/servers/${server.id}/os-instance-actions`, { token: DEMO })).body.instanceActions.map((a: { action: string }) => a.action);
    expect(actions.filter((a: string) => a === 'createImage')).toHaveLength(2);
    // the snapshot boots
    const booted = await c.createServer({ token: DEMO, extra: { imageRef: newId } });
    expect(booted.image.id).toBe(newId);
  });

  it('walks image_snapshot_pending -> image_snapshot -> image_pending_upload -> image_uploading -> None', async () => {
    const manual = await createTestApp({ seed: true, progression: 'manual' });
    try {
      const mc = new ComputeClient(manual.transport);
      const create = await mc.call('POST', '/servers', { version: '2.93', body: { server: { name: 'm', imageRef: IMAGE, flavorRef: '1', networks: 'none' } } });
      await runManualToEnd(manual.services.compute);
      const id = create.body.server.id as string;
      const res = await mc.action(id, { createImage: { name: 'stepwise' } });
      expect(res.status).toBe(202);
      const seen: (string | null)[] = [];
      const task = async () => (await mc.call('GET', `/servers/${id}`, { version: 'latest' })).body.server['OS-EXT-STS:task_state'] as string | null;
      seen.push(await task());
      await manual.services.compute.workflows.idle();
      while (manual.services.compute.progression.waiting().length) {
        manual.services.compute.progression.advance();
        await manual.services.compute.workflows.idle();
        const s = await task();
        if (seen.at(-1) !== s) seen.push(s);
      }
      expect(seen).toEqual(['image_snapshot_pending', 'image_snapshot', 'image_pending_upload', 'image_uploading', null]);
      // while a snapshot runs, another is refused
    } finally {
      await manual.close();
    }
  });

  it('snapshots a locked server (nova checks no lock for snapshot or backup) and refuses bad bodies', async () => {
    const server = await c.createServer({ token: DEMO });
    await c.action(server.id, { lock: null }, { token: DEMO });
    const locked = await c.action(server.id, { createImage: { name: 'x' } }, { token: DEMO });
    expect(locked.status).toBe(202);
    await t.services.compute.workflows.idle();
    await c.action(server.id, { unlock: null }, { token: DEMO });
    const bad = await c.action(server.id, { createImage: { name: '' } }, { token: DEMO });
    expect(bad.status).toBe(400);
    const extra = await c.action(server.id, { createImage: { name: 'x', foo: 1 } }, { token: DEMO });
    expect(extra.status).toBe(400);
  });

  it('deletes the image and records the fault when the driver snapshot fails', async () => {
    const server = await c.createServer({ token: DEMO });
    const fault = await t.app.inject({ method: 'POST', url: '/_mock/faults', headers: { 'x-auth-token': 'admin' }, payload: { operation: 'snapshot', server: server.id, times: 1, error: { type: 'InstanceNotRunning' } } });
    expect(fault.statusCode).toBeLessThan(300);
    const res = await c.action(server.id, { createImage: { name: 'doomed' } }, { version: '2.45', token: DEMO });
    expect(res.status).toBe(202);
    await t.services.compute.workflows.idle();
    expect((await images.call('GET', `/v2/images/${res.body.image_id}`, { token: DEMO })).status).toBe(404);
    const after = await c.waitForServerStatus(server.id, 'ACTIVE');
    expect(after['OS-EXT-STS:task_state']).toBeNull();
    const actions = (await c.call('GET', `/servers/${server.id}/os-instance-actions`, { token: DEMO, version: '2.51' })).body.instanceActions;
    const snap = actions.find((a: { action: string }) => a.action === 'createImage');
    const detail = (await c.call('GET', `/servers/${server.id}/os-instance-actions/${snap.request_id}`, { version: '2.51' })).body.instanceAction;
    expect(detail.events[0]).toMatchObject({ event: 'compute_snapshot_instance', result: 'Error' });
  });
});

describe('createBackup', () => {
  it('keeps the newest `rotation` backups of a type and answers Location only with a rotation', async () => {
    const server = await c.createServer({ token: DEMO });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const r = await c.action(server.id, { createBackup: { name: `b${n}`, backup_type: 'daily', rotation: 2 } }, { version: '2.44', token: DEMO });
      expect(r.status).toBe(202);
      // create_backup.py's Location is the compute API's images URL, not glance's
      expect(String(r.headers.location)).toMatch(/^http:\/\/localhost(:80)?\/compute\/v2\.1\/images\/[0-9a-f-]{36}$/);
      ids.push(String(r.headers.location).split('/').pop()!);
      await t.services.compute.workflows.idle();
    }
    const left = (await images.call('GET', `/v2/images?instance_uuid=${server.id}&image_type=backup&sort=name:asc`, { token: DEMO })).body.images;
    expect(left.map((i: { name: string }) => i.name)).toEqual(['b2', 'b3']);
    expect(left[0]).toMatchObject({ backup_type: 'daily', status: 'active' });
    const zero = await c.action(server.id, { createBackup: { name: 'b0', backup_type: 'weekly', rotation: 0 } }, { version: '2.44', token: DEMO });
    expect(zero.status).toBe(202);
    expect(zero.headers.location).toBeUndefined();
    await t.services.compute.workflows.idle();
    expect((await images.call('GET', `/v2/images?instance_uuid=${server.id}&backup_type=weekly`, { token: DEMO })).body.images).toEqual([]);
    const fresh = await c.action(server.id, { createBackup: { name: 'b4', backup_type: 'daily', rotation: '1' } }, { version: '2.45', token: DEMO });
    expect(fresh.body).toEqual({ image_id: expect.any(String) });
    const bad = await c.action(server.id, { createBackup: { name: 'b', backup_type: 'daily', rotation: -1 } }, { token: DEMO });
    expect(bad.status).toBe(400);
  });
});

describe('image proxy', () => {
  it('lists, shows and deletes images below 2.36, 404 from 2.36', async () => {
    const list = await c.call('GET', '/images', { version: '2.35', token: DEMO });
    expect(list.status).toBe(200);
    expect(list.body.images.map((i: { id: string }) => i.id)).toContain(IMAGE);
    expect(Object.keys(list.body.images[0])).toEqual(['id', 'name', 'links']);
    const one = await c.call('GET', `/images/${IMAGE}`, { version: '2.35', token: DEMO });
    expect(one.body.image).toMatchObject({
      id: IMAGE, name: 'fakeimage123456', minRam: 0, minDisk: 0, status: 'ACTIVE', progress: 100, 'OS-EXT-IMG-SIZE:size': 25165824,
      created: '2011-01-01T01:02:03Z', metadata: { architecture: 'x86_64', kernel_id: 'nokernel', ramdisk_id: 'nokernel' },
    });
    expect(one.body.image.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'bookmark', 'alternate']);
    expect((await c.call('GET', '/images/nope', { version: '2.35', token: DEMO })).body).toEqual({ itemNotFound: { code: 404, message: 'Image not found.' } });
    expect((await c.call('GET', '/images', { version: '2.36', token: DEMO })).status).toBe(404);
    expect((await c.call('GET', '/images/detail?limit=2', { version: '2.1', token: DEMO })).body.images_links[0].rel).toBe('next');
    const filtered = await c.call('GET', '/images/detail?name=fakeimage7', { version: '2.1', token: DEMO });
    expect(filtered.body.images.map((i: { id: string }) => i.id)).toEqual(['70a599e0-31e7-49b7-b260-868f441e862b']);
    expect(filtered.body.images[0]['OS-DCF:diskConfig']).toBe('AUTO');
    expect((await c.call('DELETE', `/images/${IMAGE}`, { version: '2.1', token: DEMO })).status).toBe(403);
  });

  it('shows a snapshot with its server and edits image metadata (up to 2.38)', async () => {
    const server = await c.createServer({ token: DEMO });
    const res = await c.action(server.id, { createImage: { name: 'proxied' } }, { version: '2.45', token: DEMO });
    await t.services.compute.workflows.idle();
    const id = res.body.image_id as string;
    const shown = (await c.call('GET', `/images/${id}`, { version: '2.1', token: DEMO })).body.image;
    expect(shown).toMatchObject({ name: 'proxied', status: 'ACTIVE', minDisk: 1, server: { id: server.id }, metadata: { image_type: 'snapshot', instance_uuid: server.id } });
    const byServer = await c.call('GET', `/images/detail?server=${server.id}`, { version: '2.1', token: DEMO });
    expect(byServer.body.images.map((i: { id: string }) => i.id)).toEqual([id]);
    const post = await c.call('POST', `/images/${id}/metadata`, { version: '2.38', token: DEMO, body: { metadata: { color: 'red' } } });
    expect(post.status).toBe(200);
    expect(post.body.metadata).toMatchObject({ color: 'red', image_type: 'snapshot' });
    expect((await c.call('GET', `/images/${id}/metadata/color`, { version: '2.38', token: DEMO })).body).toEqual({ meta: { color: 'red' } });
    expect((await c.call('PUT', `/images/${id}/metadata/color`, { version: '2.38', token: DEMO, body: { meta: { shade: 'x' } } })).status).toBe(400);
    expect((await c.call('PUT', `/images/${id}/metadata/color`, { version: '2.38', token: DEMO, body: { meta: { color: 'blue' } } })).body).toEqual({ meta: { color: 'blue' } });
    expect((await c.call('DELETE', `/images/${id}/metadata/color`, { version: '2.38', token: DEMO })).status).toBe(204);
    expect((await c.call('DELETE', `/images/${id}/metadata/color`, { version: '2.38', token: DEMO })).status).toBe(404);
    expect((await c.call('GET', `/images/${id}/metadata`, { version: '2.39', token: DEMO })).status).toBe(404);
    const put = await c.call('PUT', `/images/${id}/metadata`, { version: '2.38', token: DEMO, body: { metadata: { only: 'this' } } });
    expect(put.body).toEqual({ metadata: { only: 'this' } });
    expect((await images.call('GET', `/v2/images/${id}`, { token: DEMO })).body.image_type).toBeUndefined();
    expect((await c.call('DELETE', `/images/${id}`, { version: '2.35', token: DEMO })).status).toBe(204);
    expect((await c.call('GET', `/images/${id}`, { version: '2.35', token: DEMO })).status).toBe(404);
  });
});
