// Boot from volume and os-volume_attachments: compute reaches block storage only through its
// client; the volume's status and attachments stay consistent with the server's mappings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';
import { BlockStorageClient } from '../../helpers/block-storage.js';
import { MockControl } from '../../helpers/mock-control.js';
import { PlacementClient } from '../../helpers/placement.js';

let t: TestApp;
let compute: ComputeClient;
let volumes: BlockStorageClient;
let control: MockControl;
const PROJECT = 'admin';
/** The resources the consumer holds (on its one provider). */
async function usage(consumer: string): Promise<Record<string, number>> {
  return Object.values(await new PlacementClient(t.transport, '/placement', { version: '1.28' }).allocations(consumer))[0] ?? {};
}
async function boot(server: Record<string, unknown>, version = '2.93') {
  return compute.call('POST', '/servers', { body: { server: { name: 'bfv', flavorRef: '1', networks: 'none', ...server } }, version });
}
/** A boot without an image unless `server` names one, waited to ACTIVE: its id. */
async function active(server: Record<string, unknown>): Promise<string> {
  return (await compute.createServer({ name: 'bfv', imageRef: null, extra: server })).id;
}

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  compute = new ComputeClient(t.transport, { token: 'admin:admin', version: '2.93' });
  volumes = new BlockStorageClient(t.transport, { token: 'admin:admin', project: PROJECT });
  control = new MockControl(t.transport);
  // the stories share one project: room beyond cinder's default 10 volumes
  expect((await volumes.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { volumes: 100, gigabytes: 1000 } } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('boot from volume', () => {
  it('boots from an existing bootable volume: attached, in-use, image "", no DISK_GB for the root', async () => {
    const v = (await volumes.createVolume({ size: 1, imageRef: IMAGE })).id;
    const id = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] });
    const s = (await compute.call('GET', `/servers/${id}`)).body.server;
    expect(s.image).toBe('');
    expect(s['os-extended-volumes:volumes_attached']).toEqual([{ id: v, delete_on_termination: false }]);
    expect((await compute.call('GET', `/servers/${id}`, { version: '2.1' })).body.server['os-extended-volumes:volumes_attached']).toEqual([{ id: v }]);
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id, device: '/dev/sda' }] });
    // m1.tiny has root_gb 1: a volume-backed server asks Placement for no DISK_GB
    expect(await usage(id)).toEqual({ VCPU: 1, MEMORY_MB: 512 });
    // server delete detaches; the volume stays (delete_on_termination false)
    expect((await compute.call('DELETE', `/servers/${id}`)).status).toBe(204);
    await t.transport.settle();
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'available', attachments: [] });
  });

  it('boots from an image into a new volume and deletes it with the server (delete_on_termination)', async () => {
    const id = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'volume', volume_size: 2, delete_on_termination: true }] });
    const attached = (await compute.call('GET', `/servers/${id}`)).body.server['os-extended-volumes:volumes_attached'];
    expect(attached).toHaveLength(1);
    const v = attached[0].id as string;
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'in-use', size: 2, bootable: 'true', volume_image_metadata: { image_id: IMAGE } });
    expect((await compute.call('DELETE', `/servers/${id}`)).status).toBe(204);
    await t.transport.settle();
    expect((await volumes.call('GET', `/volumes/${v}`)).status).toBe(404);
  });

  it('blank and snapshot sources become volumes; a zero-disk flavor boots only from a volume', async () => {
    const src = (await volumes.createVolume({ size: 1, imageRef: IMAGE })).id;
    const snap = await volumes.call('POST', '/snapshots', { body: { snapshot: { volume_id: src, name: 's' } } });
    await t.services.blockStorage.settle();
    const id = await active({
      block_device_mapping_v2: [
        { boot_index: 0, uuid: snap.body.snapshot.id, source_type: 'snapshot', destination_type: 'volume', delete_on_termination: true },
        { boot_index: 1, source_type: 'blank', destination_type: 'volume', volume_size: 1, delete_on_termination: true },
      ],
    });
    const attached = (await compute.call('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments;
    expect(attached.map((a: { device: string }) => a.device)).toEqual(['/dev/sda', '/dev/sdb']);
    // a flavor with root_gb 0 (create one) refuses an image-backed boot for non-admins
    await compute.call('POST', '/flavors', { body: { flavor: { name: 'zero', ram: 512, vcpus: 1, disk: 0, id: 'zero' } } });
    const denied = await compute.call('POST', '/servers', { body: { server: { name: 'x', flavorRef: 'zero', imageRef: IMAGE, networks: 'none' } }, token: 'demo:demo', version: '2.93' });
    expect(denied).toMatchObject({ status: 403, body: { forbidden: { message: 'Only volume-backed servers are allowed for flavors with zero disk.' } } });
    const v = (await volumes.createVolume({ size: 1, imageRef: IMAGE })).id;
    await active({ flavorRef: 'zero', block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] });
  });

  it("validates as nova's _validate_bdm", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const bad = async (bdm: Record<string, unknown>[], extra: Record<string, unknown> = {}) => (await boot({ block_device_mapping_v2: bdm, ...extra })).body.badRequest?.message;
    expect(await bad([{ boot_index: 0, uuid: missing, source_type: 'volume', destination_type: 'volume' }])).toBe(`Block Device Mapping is Invalid: failed to get volume ${missing}.`);
    expect(await bad([{ boot_index: 0, uuid: missing, source_type: 'snapshot', destination_type: 'volume' }])).toBe(`Block Device Mapping is Invalid: failed to get snapshot ${missing}.`);
    expect(await bad([{ boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'volume' }])).toBe("Images with destination_type 'volume' need to have a non-zero size specified");
    expect(await bad([{ boot_index: 1, uuid: IMAGE, source_type: 'image', destination_type: 'volume', volume_size: 1 }])).toBe('Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.');
    expect(await bad([{ boot_index: 0, source_type: 'volume', destination_type: 'volume' }])).toBe('Block Device Mapping is Invalid: Missing device UUID.');
    const plain = (await volumes.createVolume({ size: 1 })).id;
    expect(await bad([{ boot_index: 0, uuid: plain, source_type: 'volume', destination_type: 'volume' }])).toBe(`Block Device ${plain} is not bootable.`);
    // an in-use volume cannot be reserved again: nothing of the request stays
    const v = (await volumes.createVolume({ size: 1, imageRef: IMAGE })).id;
    await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] });
    const before = (await compute.call('GET', '/servers')).body.servers.length;
    expect(await bad([{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }])).toMatch(/^Invalid volume: Invalid input received: Invalid volume: Volume .* status must be available or downloading to reserve, but the current status is in-use\. \(HTTP 400\)/);
    expect((await compute.call('GET', '/servers')).body.servers.length).toBe(before);
  });

  it('aborts the build when the new volume goes to error (create_volume fault), with nova\'s fault', async () => {
    expect((await control.call('POST', '/faults', { operation: 'create_volume', times: 1, error: { type: 'VolumeNotCreated' } })).status).toBe(201);
    const r = await boot({ block_device_mapping_v2: [{ boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'volume', volume_size: 1, delete_on_termination: true }] });
    await t.transport.settle();
    const s = (await compute.call('GET', `/servers/${r.body.server.id}`)).body.server;
    expect(s.status).toBe('ERROR');
    expect(s.fault.message).toBe(`Build of instance ${r.body.server.id} aborted: Failure prepping block device.`);
    // the errored volume was delete_on_termination: cleaned up with the failed build
    const vid = s['os-extended-volumes:volumes_attached'][0].id;
    expect((await volumes.call('GET', `/volumes/${vid}`)).status).toBe(404);
    expect(await usage(r.body.server.id)).toEqual({});
  });
});

describe('os-volume_attachments', () => {
  it('attaches (tag, delete_on_termination), lists, updates (2.85), swaps (admin) and detaches', async () => {
    const id = await active({ imageRef: IMAGE });
    const v1 = (await volumes.createVolume({ size: 1 })).id;
    const a = await compute.call('POST', `/servers/${id}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v1, tag: 'data' } } });
    expect(a).toMatchObject({ status: 200, body: { volumeAttachment: { id: v1, volumeId: v1, serverId: id, device: '/dev/sdb', tag: 'data', delete_on_termination: false } } });
    await t.transport.settle();
    expect(await volumes.getVolume(v1)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id, device: '/dev/sdb' }] });
    const again = await compute.call('POST', `/servers/${id}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v1 } } });
    expect(again).toMatchObject({ status: 400, body: { badRequest: { message: `Invalid volume: volume ${v1} already attached` } } });
    const list = (await compute.call('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ volumeId: v1, bdm_uuid: expect.any(String), attachment_id: expect.any(String) });
    expect(list[0].id).toBeUndefined();
    expect((await compute.call('PUT', `/servers/${id}/os-volume_attachments/${v1}`, { body: { volumeAttachment: { volumeId: v1, delete_on_termination: true } } })).status).toBe(202);
    expect((await compute.call('GET', `/servers/${id}/os-volume_attachments/${v1}`)).body.volumeAttachment.delete_on_termination).toBe(true);
    expect((await compute.call('PUT', `/servers/${id}/os-volume_attachments/${v1}`, { body: { volumeAttachment: { volumeId: v1, tag: 'other' } } })).body.badRequest.message).toBe('The tag property is not mutable');
    // swap to a bigger detached volume
    const v2 = (await volumes.createVolume({ size: 2 })).id;
    expect((await compute.call('PUT', `/servers/${id}/os-volume_attachments/${v1}`, { body: { volumeAttachment: { volumeId: v2 } } })).status).toBe(202);
    await t.transport.settle();
    expect(await volumes.getVolume(v1)).toMatchObject({ status: 'available', attachments: [] });
    expect(await volumes.getVolume(v2)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id }] });
    expect((await compute.call('GET', `/servers/${id}`)).body.server['os-extended-volumes:volumes_attached']).toEqual([{ id: v2, delete_on_termination: true }]);
    const swapByUser = await compute.call('PUT', `/servers/${id}/os-volume_attachments/${v2}`, { body: { volumeAttachment: { volumeId: v1 } }, token: 'demo:admin', version: '2.93' });
    expect(swapByUser.status).toBe(403);
    // detach
    expect((await compute.call('DELETE', `/servers/${id}/os-volume_attachments/${v2}`)).status).toBe(202);
    await t.transport.settle();
    expect(await volumes.getVolume(v2)).toMatchObject({ status: 'available', attachments: [] });
    expect((await compute.call('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments).toEqual([]);
    expect((await compute.call('DELETE', `/servers/${id}/os-volume_attachments/${v2}`)).body.itemNotFound.message).toBe(`Instance ${id} is not attached to volume ${v2}`);
  });

  it('an unknown volume is 404; a root volume cannot be detached', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    const id = await active({ imageRef: IMAGE });
    expect(await compute.call('POST', `/servers/${id}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: missing } } }))
      .toMatchObject({ status: 404, body: { itemNotFound: { message: `Volume ${missing} could not be found.` } } });
    expect((await compute.call('DELETE', `/servers/${id}/os-volume_attachments/${missing}`)).body.itemNotFound.message).toBe(`Volume ${missing} could not be found.`);
    const v = (await volumes.createVolume({ size: 1, imageRef: IMAGE })).id;
    const bfv = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] });
    expect((await compute.call('DELETE', `/servers/${bfv}/os-volume_attachments/${v}`)).body.badRequest.message).toBe('Cannot detach a root device volume');
  });

  it('a driver attach_volume failure rolls back the attachment and the mapping', async () => {
    const id = await active({ imageRef: IMAGE });
    const v = (await volumes.createVolume({ size: 1 })).id;
    expect((await control.call('POST', '/faults', { operation: 'attach_volume', server: id, times: 1, error: { type: 'TestingException' } })).status).toBe(201);
    expect((await compute.call('POST', `/servers/${id}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v } } })).status).toBe(200);
    await t.transport.settle();
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'available', attachments: [] });
    expect((await compute.call('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments).toEqual([]);
    const actions = (await compute.call('GET', `/servers/${id}/os-instance-actions`)).body.instanceActions;
    expect(actions[0]).toMatchObject({ action: 'attach_volume', message: 'Error' });
  });

  it('a driver detach_volume failure puts the volume back in use', async () => {
    const id = await active({ imageRef: IMAGE });
    const v = (await volumes.createVolume({ size: 1 })).id;
    await compute.call('POST', `/servers/${id}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v } } });
    await t.transport.settle();
    await control.call('POST', '/faults', { operation: 'detach_volume', server: id, times: 1, error: { type: 'TestingException' } });
    expect((await compute.call('DELETE', `/servers/${id}/os-volume_attachments/${v}`)).status).toBe(202);
    await t.transport.settle();
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id }] });
    expect((await compute.call('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments).toHaveLength(1);
  });
});

describe('multiattach (nova 2.60)', () => {
  it('attaches a multiattach volume to two servers from 2.60, refuses it below, and keeps it in use until the last detach', async () => {
    // the stories above used nova's default 10 instances of this project
    expect((await compute.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { instances: 50, cores: 100, ram: 100000 } } })).status).toBe(200);
    expect((await volumes.call('POST', '/types', { body: { volume_type: { name: 'multiattach', extra_specs: { multiattach: '<is> True' } } } })).status).toBe(200);
    const v = (await volumes.createVolume({ size: 1, volume_type: 'multiattach' })).id;
    const [a, b] = [await active({ imageRef: IMAGE }), await active({ imageRef: IMAGE })];
    const old = await compute.call('POST', `/servers/${a}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v } }, version: '2.59' });
    expect(old).toMatchObject({ status: 400, body: { badRequest: { message: 'Multiattach volumes are only supported starting with compute API version 2.60.' } } });
    expect((await compute.call('GET', `/servers/${a}/os-volume_attachments`)).body.volumeAttachments).toEqual([]);
    expect((await volumes.getVolume(v)).status).toBe('available');
    for (const s of [a, b]) {
      expect((await compute.call('POST', `/servers/${s}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v } }, version: '2.60' })).status).toBe(200);
      await t.transport.settle();
    }
    const shown = await volumes.getVolume(v);
    expect(shown).toMatchObject({ status: 'in-use', multiattach: true });
    expect(shown.attachments.map((x: { server_id: string }) => x.server_id).sort()).toEqual([a, b].sort());
    expect((await compute.call('DELETE', `/servers/${a}/os-volume_attachments/${v}`)).status).toBe(202);
    await t.transport.settle();
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'in-use', attachments: [{ server_id: b }] });
    // boot from volume names it too: refused below 2.60
    const bfv = await boot({ block_device_mapping_v2: [{ boot_index: 1, uuid: v, source_type: 'volume', destination_type: 'volume' }], imageRef: IMAGE }, '2.59');
    expect(bfv.body.badRequest?.message).toBe('Multiattach volumes are only supported starting with compute API version 2.60.');
    expect((await compute.call('DELETE', `/servers/${b}`)).status).toBe(204);
    expect((await compute.call('DELETE', `/servers/${a}`)).status).toBe(204);
    await t.transport.settle();
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'available', attachments: [] });
  });
});

describe('GET /_mock/audit (volumes)', () => {
  it('is clean after the stories above, and reports attachments of gone servers and unmapped in-use volumes', async () => {
    await t.transport.settle();
    const audit = async () => (await control.call('GET', '/audit')).body.audit as { kind: string; consumer: string }[];
    expect(await audit()).toEqual([]);
    const v = (await volumes.createVolume({ size: 1 })).id;
    const gone = '99999999-9999-4999-8999-999999999999';
    const a = await volumes.call('POST', '/attachments', { body: { attachment: { volume_uuid: v, instance_uuid: gone, connector: { host: 'x', initiator: 'iqn.x' } } } });
    await volumes.call('POST', `/attachments/${a.body.attachment.id}/action`, { body: { 'os-complete': {} } });
    const v2 = (await volumes.createVolume({ size: 1 })).id;
    await volumes.call('POST', `/volumes/${v2}/action`, { body: { 'os-reset_status': { status: 'in-use', attach_status: 'attached' } } });
    const found = await audit();
    expect(found).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'orphaned_volume_attachment', consumer: v }),
      expect.objectContaining({ kind: 'volume_attached_to_no_server', consumer: v2 }),
    ]));
  });
});
