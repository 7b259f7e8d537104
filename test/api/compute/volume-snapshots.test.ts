// createImage of a volume-backed server (nova/compute/api.py snapshot_volume_backed): a Cinder
// snapshot of each volume, an empty active image mapping them (block_device_mapping, bdm_v2,
// root_device_name), and a boot from that image that maps the snapshots again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';
import { BlockStorageClient } from '../../helpers/block-storage.js';
import { MockControl } from '../../helpers/mock-control.js';
import { PlacementClient } from '../../helpers/placement.js';
import { ImageClient } from '../../helpers/image.js';

let t: TestApp;
let compute: ComputeClient;
let volumes: BlockStorageClient;
let control: MockControl;
let images: ImageClient;
const PROJECT = 'admin';
/** A boot without an image unless `server` names one, waited to ACTIVE. */
async function active(server: Record<string, unknown>): Promise<any> {
  return compute.createServer({ name: 'vbs', imageRef: null, extra: server });
}

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  compute = new ComputeClient(t.transport, { token: 'admin:admin', version: '2.93' });
  volumes = new BlockStorageClient(t.transport, { token: 'admin:admin', project: PROJECT });
  control = new MockControl(t.transport);
  images = new ImageClient(t.transport, { token: 'admin:admin' });
  expect((await volumes.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { volumes: 100, gigabytes: 1000, snapshots: 100 } } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('createImage of a volume-backed server', () => {
  it('snapshots each volume in Cinder and creates an active, empty image mapping them', async () => {
    const root = (await volumes.createVolume({ size: 1, imageRef: IMAGE, description: 'root disk' })).id;
    const server = await active({
      block_device_mapping_v2: [
        { boot_index: 0, uuid: root, source_type: 'volume', destination_type: 'volume' },
        { boot_index: 1, source_type: 'blank', destination_type: 'volume', volume_size: 2, delete_on_termination: true },
      ],
    });
    const data = server['os-extended-volumes:volumes_attached'].map((a: { id: string }) => a.id).find((v: string) => v !== root);
    const r = await compute.call('POST', `/servers/${server.id}/action`, { body: { createImage: { name: 'vb-snap', metadata: { k: 'v' } } } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const imageId = r.body.image_id as string;
    // no task state: the API did the work before answering
    expect((await compute.call('GET', `/servers/${server.id}`)).body.server['OS-EXT-STS:task_state']).toBeNull();
    const image = (await images.call('GET', `/v2/images/${imageId}`)).body;
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
    const snaps = await Promise.all(mapping.map(async (m) => (await volumes.call('GET', `/snapshots/${m.snapshot_id as string}`)).body.snapshot));
    expect(snaps.map((s) => [s.volume_id, s.name, s.status])).toEqual([[root, 'snapshot for vb-snap', 'available'], [data, 'snapshot for vb-snap', 'available']]);
    expect(snaps[0].description).toBe('root disk');
    // the createImage action with the API's event
    const actions = (await compute.call('GET', `/servers/${server.id}/os-instance-actions`)).body.instanceActions;
    expect(actions[0]).toMatchObject({ action: 'createImage', message: null });
    const events = (await compute.call('GET', `/servers/${server.id}/os-instance-actions/${actions[0].request_id}`, { version: '2.51' })).body.instanceAction.events;
    expect(events.map((e: { event: string; result: string }) => [e.event, e.result])).toEqual([['api_snapshot_instance', 'Success']]);
    // below 2.45: 202 and a Location
    const old = await compute.call('POST', `/servers/${server.id}/action`, { body: { createImage: { name: 'vb-old' } }, version: '2.44' });
    expect(old.status).toBe(202);
    expect(String(old.headers.location)).toMatch(/\/images\/[0-9a-f-]{36}$/);
    // createBackup refuses a volume-backed server
    const backup = await compute.call('POST', `/servers/${server.id}/action`, { body: { createBackup: { name: 'b', backup_type: 'daily', rotation: 1 } } });
    expect(backup).toMatchObject({ status: 400, body: { badRequest: { message: 'Backup is not supported for volume-backed instances.' } } });

    // booting the image maps its snapshots as new volumes
    const booted = await active({ imageRef: imageId });
    expect(booted.image.id).toBe(imageId);
    const attached = (await compute.call('GET', `/servers/${booted.id}/os-volume_attachments`)).body.volumeAttachments;
    expect(attached.map((a: { device: string }) => a.device)).toEqual(['/dev/sda', '/dev/sdb']);
    const attachedVolumes = await Promise.all(attached.map(async (a: { volumeId: string }) => (await volumes.call('GET', `/volumes/${a.volumeId}`)).body.volume));
    expect(attachedVolumes.map((v) => [v.snapshot_id, v.size, v.status])).toEqual([[snaps[0].id, 1, 'in-use'], [snaps[1].id, 2, 'in-use']]);
    // volume-backed: Placement holds no DISK_GB for it
    const alloc = (await new PlacementClient(t.transport, '/placement', { version: '1.28' }).call('GET', `/allocations/${booted.id}`)).body.allocations;
    expect(Object.values(alloc as Record<string, { resources: Record<string, number> }>)[0]!.resources).toEqual({ VCPU: 1, MEMORY_MB: 512 });
    // its delete_on_termination came from the image: the data volume goes with the server
    expect((await compute.call('DELETE', `/servers/${booted.id}`)).status).toBe(204);
    await t.transport.settle();
    expect((await volumes.call('GET', `/volumes/${attachedVolumes[1].id}`)).status).toBe(404);
    expect((await volumes.call('GET', `/volumes/${attachedVolumes[0].id}`)).body.volume.status).toBe('available');
    expect((await control.call('GET', '/audit')).body.audit).toEqual([]);
  });

  it("is refused before any snapshot when Cinder's snapshot quota has no room (OverQuota, 403)", async () => {
    const root = (await volumes.createVolume({ size: 1, imageRef: IMAGE })).id;
    const server = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: root, source_type: 'volume', destination_type: 'volume' }] });
    const used = (await volumes.call('GET', '/limits')).body.limits.absolute.totalSnapshotsUsed as number;
    expect((await volumes.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { snapshots: used } } })).status).toBe(200);
    const imageCount = (await images.call('GET', '/v2/images')).body.images.length;
    const r = await compute.call('POST', `/servers/${server.id}/action`, { body: { createImage: { name: 'no-room' } } });
    expect(r).toMatchObject({ status: 403, body: { forbidden: { message: 'Quota exceeded for resources: snapshots' } } });
    expect((await images.call('GET', '/v2/images')).body.images.length).toBe(imageCount);
    expect((await volumes.call('GET', '/limits')).body.limits.absolute.totalSnapshotsUsed).toBe(used);
    expect((await volumes.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { snapshots: 100 } } })).status).toBe(200);
  });

  it('a Cinder snapshot refused on the way fails the request and records the event as an error', async () => {
    const root = (await volumes.createVolume({ size: 1, imageRef: IMAGE })).id;
    const server = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: root, source_type: 'volume', destination_type: 'volume' }] });
    // a volume in maintenance cannot be snapshotted (cinder's InvalidVolume, 400 through nova)
    expect((await volumes.call('POST', `/volumes/${root}/action`, { body: { 'os-reset_status': { status: 'maintenance' } } })).status).toBe(202);
    const r = await compute.call('POST', `/servers/${server.id}/action`, { body: { createImage: { name: 'refused' } } });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toMatch(/status must be available, in-use, but current status is: maintenance/);
    const actions = (await compute.call('GET', `/servers/${server.id}/os-instance-actions`)).body.instanceActions;
    expect(actions[0]).toMatchObject({ action: 'createImage', message: 'Error' });
    await volumes.call('POST', `/volumes/${root}/action`, { body: { 'os-reset_status': { status: 'in-use' } } });
  });
});
