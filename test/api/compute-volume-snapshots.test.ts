// createImage of a volume-backed server (nova/compute/api.py snapshot_volume_backed): a Cinder
// snapshot of each volume, an empty active image mapping them (block_device_mapping, bdm_v2,
// root_device_name), and a boot from that image that maps the snapshots again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
const PROJECT = 'admin';
type R = { status: number; body: any; headers: Record<string, unknown> };
const req = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<R> => {
  const res = await t.app.inject({ method: method as 'GET', url, headers: { 'x-auth-token': 'admin:admin', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, payload: body === undefined ? undefined : JSON.stringify(body) });
  let parsed: unknown = null;
  try { parsed = res.body ? JSON.parse(res.body) : null; } catch { parsed = res.body; }
  return { status: res.statusCode, body: parsed, headers: res.headers };
};
const nova = (method: string, path: string, body?: unknown, version = '2.93') => req(method, `/compute/v2.1${path}`, body, { 'openstack-api-version': `compute ${version}` });
const cinder = (method: string, path: string, body?: unknown) => req(method, `/volume/v3/${PROJECT}${path}`, body, { 'openstack-api-version': 'volume 3.70' });
const glance = (path: string) => req('GET', `/image/v2${path}`);
const idle = async () => { await t.services.blockStorage.settle(); await t.services.compute.workflows.idle(); await t.services.blockStorage.settle(); };

async function volume(size = 1, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await cinder('POST', '/volumes', { volume: { size, ...extra } });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await t.services.blockStorage.settle();
  return r.body.volume.id;
}
async function active(server: Record<string, unknown>): Promise<any> {
  const r = await nova('POST', '/servers', { server: { name: 'vbs', flavorRef: '1', networks: 'none', ...server } });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await idle();
  const s = (await nova('GET', `/servers/${r.body.server.id}`)).body.server;
  expect(s.status, JSON.stringify(s.fault)).toBe('ACTIVE');
  return s;
}

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  expect((await cinder('PUT', `/os-quota-sets/${PROJECT}`, { quota_set: { volumes: 100, gigabytes: 1000, snapshots: 100 } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('createImage of a volume-backed server', () => {
  it('snapshots each volume in Cinder and creates an active, empty image mapping them', async () => {
    const root = await volume(1, { imageRef: IMAGE, description: 'root disk' });
    const server = await active({
      block_device_mapping_v2: [
        { boot_index: 0, uuid: root, source_type: 'volume', destination_type: 'volume' },
        { boot_index: 1, source_type: 'blank', destination_type: 'volume', volume_size: 2, delete_on_termination: true },
      ],
    });
    const data = server['os-extended-volumes:volumes_attached'].map((a: { id: string }) => a.id).find((v: string) => v !== root);
    const r = await nova('POST', `/servers/${server.id}/action`, { createImage: { name: 'vb-snap', metadata: { k: 'v' } } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const imageId = r.body.image_id as string;
    // no task state: the API did the work before answering
    expect((await nova('GET', `/servers/${server.id}`)).body.server['OS-EXT-STS:task_state']).toBeNull();
    const image = (await glance(`/images/${imageId}`)).body;
    expect(image).toMatchObject({
      name: 'vb-snap', status: 'active', size: 0, disk_format: 'qcow2', container_format: 'bare', visibility: 'private',
      image_type: 'snapshot', instance_uuid: server.id, user_id: 'admin', k: 'v', bdm_v2: 'True', root_device_name: '/dev/sda',
    });
    const mapping = JSON.parse(image.block_device_mapping) as Record<string, unknown>[];
    // jsonutils.dumps' separators, as nova writes the property
    expect(image.block_device_mapping).toMatch(/^\[\{"source_type": "snapshot", /);
    expect(mapping.map((m) => [m.boot_index, m.volume_size, m.delete_on_termination, m.source_type, m.destination_type, m.volume_id]))
      .toEqual([[0, 1, false, 'snapshot', 'volume', null], [1, 2, true, 'snapshot', 'volume', null]]);
    expect(Object.keys(mapping[0]!)).not.toContain('connection_info');
    await t.services.blockStorage.settle();
    const snaps = await Promise.all(mapping.map(async (m) => (await cinder('GET', `/snapshots/${m.snapshot_id as string}`)).body.snapshot));
    expect(snaps.map((s) => [s.volume_id, s.name, s.status])).toEqual([[root, 'snapshot for vb-snap', 'available'], [data, 'snapshot for vb-snap', 'available']]);
    expect(snaps[0].description).toBe('root disk');
    // the createImage action with the API's event
    const actions = (await nova('GET', `/servers/${server.id}/os-instance-actions`)).body.instanceActions;
    expect(actions[0]).toMatchObject({ action: 'createImage', message: null });
    const events = (await nova('GET', `/servers/${server.id}/os-instance-actions/${actions[0].request_id}`, undefined, '2.51')).body.instanceAction.events;
    expect(events.map((e: { event: string; result: string }) => [e.event, e.result])).toEqual([['api_snapshot_instance', 'Success']]);
    // below 2.45: 202 and a Location
    const old = await nova('POST', `/servers/${server.id}/action`, { createImage: { name: 'vb-old' } }, '2.44');
    expect(old.status).toBe(202);
    expect(String(old.headers.location)).toMatch(/\/images\/[0-9a-f-]{36}$/);
    // createBackup refuses a volume-backed server
    const backup = await nova('POST', `/servers/${server.id}/action`, { createBackup: { name: 'b', backup_type: 'daily', rotation: 1 } });
    expect(backup).toMatchObject({ status: 400, body: { badRequest: { message: 'Backup is not supported for volume-backed instances.' } } });

    // booting the image maps its snapshots as new volumes
    const booted = await active({ imageRef: imageId });
    expect(booted.image.id).toBe(imageId);
    const attached = (await nova('GET', `/servers/${booted.id}/os-volume_attachments`)).body.volumeAttachments;
    expect(attached.map((a: { device: string }) => a.device)).toEqual(['/dev/sda', '/dev/sdb']);
    const volumes = await Promise.all(attached.map(async (a: { volumeId: string }) => (await cinder('GET', `/volumes/${a.volumeId}`)).body.volume));
    expect(volumes.map((v) => [v.snapshot_id, v.size, v.status])).toEqual([[snaps[0].id, 1, 'in-use'], [snaps[1].id, 2, 'in-use']]);
    // volume-backed: Placement holds no DISK_GB for it
    const alloc = (await req('GET', `/placement/allocations/${booted.id}`, undefined, { 'openstack-api-version': 'placement 1.28' })).body.allocations;
    expect(Object.values(alloc as Record<string, { resources: Record<string, number> }>)[0]!.resources).toEqual({ VCPU: 1, MEMORY_MB: 512 });
    // its delete_on_termination came from the image: the data volume goes with the server
    expect((await nova('DELETE', `/servers/${booted.id}`)).status).toBe(204);
    await idle();
    expect((await cinder('GET', `/volumes/${volumes[1].id}`)).status).toBe(404);
    expect((await cinder('GET', `/volumes/${volumes[0].id}`)).body.volume.status).toBe('available');
    expect((await req('GET', '/_mock/audit')).body.audit).toEqual([]);
  });

  it("is refused before any snapshot when Cinder's snapshot quota has no room (OverQuota, 403)", async () => {
    const root = await volume(1, { imageRef: IMAGE });
    const server = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: root, source_type: 'volume', destination_type: 'volume' }] });
    const used = (await cinder('GET', '/limits')).body.limits.absolute.totalSnapshotsUsed as number;
    expect((await cinder('PUT', `/os-quota-sets/${PROJECT}`, { quota_set: { snapshots: used } })).status).toBe(200);
    const images = (await glance('/images')).body.images.length;
    const r = await nova('POST', `/servers/${server.id}/action`, { createImage: { name: 'no-room' } });
    expect(r).toMatchObject({ status: 403, body: { forbidden: { message: 'Quota exceeded for resources: snapshots' } } });
    expect((await glance('/images')).body.images.length).toBe(images);
    expect((await cinder('GET', '/limits')).body.limits.absolute.totalSnapshotsUsed).toBe(used);
    expect((await cinder('PUT', `/os-quota-sets/${PROJECT}`, { quota_set: { snapshots: 100 } })).status).toBe(200);
  });

  it('a Cinder snapshot refused on the way fails the request and records the event as an error', async () => {
    const root = await volume(1, { imageRef: IMAGE });
    const server = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: root, source_type: 'volume', destination_type: 'volume' }] });
    // a volume in maintenance cannot be snapshotted (cinder's InvalidVolume, 400 through nova)
    expect((await cinder('POST', `/volumes/${root}/action`, { 'os-reset_status': { status: 'maintenance' } })).status).toBe(202);
    const r = await nova('POST', `/servers/${server.id}/action`, { createImage: { name: 'refused' } });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toMatch(/status must be available, in-use, but current status is: maintenance/);
    const actions = (await nova('GET', `/servers/${server.id}/os-instance-actions`)).body.instanceActions;
    expect(actions[0]).toMatchObject({ action: 'createImage', message: 'Error' });
    await cinder('POST', `/volumes/${root}/action`, { 'os-reset_status': { status: 'in-use' } });
  });
});
