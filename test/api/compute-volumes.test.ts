// Boot from volume and os-volume_attachments: compute reaches block storage only through its
// client; the volume's status and attachments stay consistent with the server's mappings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
const PROJECT = 'admin';
type R = { status: number; body: any };
const req = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<R> => {
  const res = await t.app.inject({ method: method as 'GET', url, headers: { 'x-auth-token': 'admin:admin', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, payload: body === undefined ? undefined : JSON.stringify(body) });
  let parsed: unknown = null;
  try { parsed = res.body ? JSON.parse(res.body) : null; } catch { parsed = res.body; }
  return { status: res.statusCode, body: parsed };
};
const nova = (method: string, path: string, body?: unknown, version = '2.93') => req(method, `/compute/v2.1${path}`, body, { 'openstack-api-version': `compute ${version}` });
const cinder = (method: string, path: string, body?: unknown) => req(method, `/volume/v3/${PROJECT}${path}`, body, { 'openstack-api-version': 'volume 3.70' });
const idle = async () => { await t.services.blockStorage.settle(); await t.services.compute.workflows.idle(); await t.services.blockStorage.settle(); };

async function volume(size = 1, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await cinder('POST', '/volumes', { volume: { size, ...extra } });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await t.services.blockStorage.settle();
  return r.body.volume.id;
}
const vol = async (id: string) => (await cinder('GET', `/volumes/${id}`)).body.volume;
async function boot(server: Record<string, unknown>, version = '2.93'): Promise<R> {
  return nova('POST', '/servers', { server: { name: 'bfv', flavorRef: '1', networks: 'none', ...server } }, version);
}
async function active(server: Record<string, unknown>): Promise<string> {
  const r = await boot(server);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await idle();
  const s = (await nova('GET', `/servers/${r.body.server.id}`)).body.server;
  expect(s.status, JSON.stringify(s.fault)).toBe('ACTIVE');
  return s.id;
}
async function usage(consumer: string): Promise<Record<string, number>> {
  const r = await req('GET', `/placement/allocations/${consumer}`, undefined, { 'openstack-api-version': 'placement 1.28' });
  return Object.values(r.body.allocations as Record<string, { resources: Record<string, number> }>)[0]?.resources ?? {};
}

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  // the stories share one project: room beyond cinder's default 10 volumes
  expect((await cinder('PUT', `/os-quota-sets/${PROJECT}`, { quota_set: { volumes: 100, gigabytes: 1000 } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('boot from volume', () => {
  it('boots from an existing bootable volume: attached, in-use, image "", no DISK_GB for the root', async () => {
    const v = await volume(1, { imageRef: IMAGE });
    const id = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] });
    const s = (await nova('GET', `/servers/${id}`)).body.server;
    expect(s.image).toBe('');
    expect(s['os-extended-volumes:volumes_attached']).toEqual([{ id: v, delete_on_termination: false }]);
    expect((await nova('GET', `/servers/${id}`, undefined, '2.1')).body.server['os-extended-volumes:volumes_attached']).toEqual([{ id: v }]);
    expect(await vol(v)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id, device: '/dev/sda' }] });
    // m1.tiny has root_gb 1: a volume-backed server asks Placement for no DISK_GB
    expect(await usage(id)).toEqual({ VCPU: 1, MEMORY_MB: 512 });
    // server delete detaches; the volume stays (delete_on_termination false)
    expect((await nova('DELETE', `/servers/${id}`)).status).toBe(204);
    await idle();
    expect(await vol(v)).toMatchObject({ status: 'available', attachments: [] });
  });

  it('boots from an image into a new volume and deletes it with the server (delete_on_termination)', async () => {
    const id = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'volume', volume_size: 2, delete_on_termination: true }] });
    const attached = (await nova('GET', `/servers/${id}`)).body.server['os-extended-volumes:volumes_attached'];
    expect(attached).toHaveLength(1);
    const v = attached[0].id as string;
    expect(await vol(v)).toMatchObject({ status: 'in-use', size: 2, bootable: 'true', volume_image_metadata: { image_id: IMAGE } });
    expect((await nova('DELETE', `/servers/${id}`)).status).toBe(204);
    await idle();
    expect((await cinder('GET', `/volumes/${v}`)).status).toBe(404);
  });

  it('blank and snapshot sources become volumes; a zero-disk flavor boots only from a volume', async () => {
    const src = await volume(1, { imageRef: IMAGE });
    const snap = await cinder('POST', '/snapshots', { snapshot: { volume_id: src, name: 's' } });
    await t.services.blockStorage.settle();
    const id = await active({
      block_device_mapping_v2: [
        { boot_index: 0, uuid: snap.body.snapshot.id, source_type: 'snapshot', destination_type: 'volume', delete_on_termination: true },
        { boot_index: 1, source_type: 'blank', destination_type: 'volume', volume_size: 1, delete_on_termination: true },
      ],
    });
    const attached = (await nova('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments;
    expect(attached.map((a: { device: string }) => a.device)).toEqual(['/dev/sda', '/dev/sdb']);
    // a flavor with root_gb 0 (create one) refuses an image-backed boot for non-admins
    await nova('POST', '/flavors', { flavor: { name: 'zero', ram: 512, vcpus: 1, disk: 0, id: 'zero' } });
    const denied = await req('POST', '/compute/v2.1/servers', { server: { name: 'x', flavorRef: 'zero', imageRef: IMAGE, networks: 'none' } },
      { 'x-auth-token': 'demo:demo', 'openstack-api-version': 'compute 2.93' });
    expect(denied).toMatchObject({ status: 403, body: { forbidden: { message: 'Only volume-backed servers are allowed for flavors with zero disk.' } } });
    const v = await volume(1, { imageRef: IMAGE });
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
    const plain = await volume(1);
    expect(await bad([{ boot_index: 0, uuid: plain, source_type: 'volume', destination_type: 'volume' }])).toBe(`Block Device ${plain} is not bootable.`);
    // an in-use volume cannot be reserved again: nothing of the request stays
    const v = await volume(1, { imageRef: IMAGE });
    await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] });
    const before = (await nova('GET', '/servers')).body.servers.length;
    expect(await bad([{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }])).toMatch(/^Invalid volume: Invalid input received: Invalid volume: Volume .* status must be available or downloading to reserve, but the current status is in-use\. \(HTTP 400\)/);
    expect((await nova('GET', '/servers')).body.servers.length).toBe(before);
  });

  it('aborts the build when the new volume goes to error (create_volume fault), with nova\'s fault', async () => {
    expect((await req('POST', '/_mock/faults', { operation: 'create_volume', times: 1, error: { type: 'VolumeNotCreated' } })).status).toBe(201);
    const r = await boot({ block_device_mapping_v2: [{ boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'volume', volume_size: 1, delete_on_termination: true }] });
    await idle();
    const s = (await nova('GET', `/servers/${r.body.server.id}`)).body.server;
    expect(s.status).toBe('ERROR');
    expect(s.fault.message).toBe(`Build of instance ${r.body.server.id} aborted: Failure prepping block device.`);
    // the errored volume was delete_on_termination: cleaned up with the failed build
    const vid = s['os-extended-volumes:volumes_attached'][0].id;
    expect((await cinder('GET', `/volumes/${vid}`)).status).toBe(404);
    expect(await usage(r.body.server.id)).toEqual({});
  });
});

describe('os-volume_attachments', () => {
  it('attaches (tag, delete_on_termination), lists, updates (2.85), swaps (admin) and detaches', async () => {
    const id = await active({ imageRef: IMAGE });
    const v1 = await volume(1);
    const a = await nova('POST', `/servers/${id}/os-volume_attachments`, { volumeAttachment: { volumeId: v1, tag: 'data' } });
    expect(a).toMatchObject({ status: 200, body: { volumeAttachment: { id: v1, volumeId: v1, serverId: id, device: '/dev/sdb', tag: 'data', delete_on_termination: false } } });
    await idle();
    expect(await vol(v1)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id, device: '/dev/sdb' }] });
    const again = await nova('POST', `/servers/${id}/os-volume_attachments`, { volumeAttachment: { volumeId: v1 } });
    expect(again).toMatchObject({ status: 400, body: { badRequest: { message: `Invalid volume: volume ${v1} already attached` } } });
    const list = (await nova('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ volumeId: v1, bdm_uuid: expect.any(String), attachment_id: expect.any(String) });
    expect(list[0].id).toBeUndefined();
    expect((await nova('PUT', `/servers/${id}/os-volume_attachments/${v1}`, { volumeAttachment: { volumeId: v1, delete_on_termination: true } })).status).toBe(202);
    expect((await nova('GET', `/servers/${id}/os-volume_attachments/${v1}`)).body.volumeAttachment.delete_on_termination).toBe(true);
    expect((await nova('PUT', `/servers/${id}/os-volume_attachments/${v1}`, { volumeAttachment: { volumeId: v1, tag: 'other' } })).body.badRequest.message).toBe('The tag property is not mutable');
    // swap to a bigger detached volume
    const v2 = await volume(2);
    expect((await nova('PUT', `/servers/${id}/os-volume_attachments/${v1}`, { volumeAttachment: { volumeId: v2 } })).status).toBe(202);
    await idle();
    expect(await vol(v1)).toMatchObject({ status: 'available', attachments: [] });
    expect(await vol(v2)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id }] });
    expect((await nova('GET', `/servers/${id}`)).body.server['os-extended-volumes:volumes_attached']).toEqual([{ id: v2, delete_on_termination: true }]);
    const swapByUser = await req('PUT', `/compute/v2.1/servers/${id}/os-volume_attachments/${v2}`, { volumeAttachment: { volumeId: v1 } }, { 'x-auth-token': 'demo:admin', 'openstack-api-version': 'compute 2.93' });
    expect(swapByUser.status).toBe(403);
    // detach
    expect((await nova('DELETE', `/servers/${id}/os-volume_attachments/${v2}`)).status).toBe(202);
    await idle();
    expect(await vol(v2)).toMatchObject({ status: 'available', attachments: [] });
    expect((await nova('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments).toEqual([]);
    expect((await nova('DELETE', `/servers/${id}/os-volume_attachments/${v2}`)).body.itemNotFound.message).toBe(`Instance ${id} is not attached to volume ${v2}`);
  });

  it('an unknown volume is 404; a root volume cannot be detached', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    const id = await active({ imageRef: IMAGE });
    expect(await nova('POST', `/servers/${id}/os-volume_attachments`, { volumeAttachment: { volumeId: missing } }))
      .toMatchObject({ status: 404, body: { itemNotFound: { message: `Volume ${missing} could not be found.` } } });
    expect((await nova('DELETE', `/servers/${id}/os-volume_attachments/${missing}`)).body.itemNotFound.message).toBe(`Volume ${missing} could not be found.`);
    const v = await volume(1, { imageRef: IMAGE });
    const bfv = await active({ block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] });
    expect((await nova('DELETE', `/servers/${bfv}/os-volume_attachments/${v}`)).body.badRequest.message).toBe('Cannot detach a root device volume');
  });

  it('a driver attach_volume failure rolls back the attachment and the mapping', async () => {
    const id = await active({ imageRef: IMAGE });
    const v = await volume(1);
    expect((await req('POST', '/_mock/faults', { operation: 'attach_volume', server: id, times: 1, error: { type: 'TestingException' } })).status).toBe(201);
    expect((await nova('POST', `/servers/${id}/os-volume_attachments`, { volumeAttachment: { volumeId: v } })).status).toBe(200);
    await idle();
    expect(await vol(v)).toMatchObject({ status: 'available', attachments: [] });
    expect((await nova('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments).toEqual([]);
    const actions = (await nova('GET', `/servers/${id}/os-instance-actions`)).body.instanceActions;
    expect(actions[0]).toMatchObject({ action: 'attach_volume', message: 'Error' });
  });

  it('a driver detach_volume failure puts the volume back in use', async () => {
    const id = await active({ imageRef: IMAGE });
    const v = await volume(1);
    await nova('POST', `/servers/${id}/os-volume_attachments`, { volumeAttachment: { volumeId: v } });
    await idle();
    await req('POST', '/_mock/faults', { operation: 'detach_volume', server: id, times: 1, error: { type: 'TestingException' } });
    expect((await nova('DELETE', `/servers/${id}/os-volume_attachments/${v}`)).status).toBe(202);
    await idle();
    expect(await vol(v)).toMatchObject({ status: 'in-use', attachments: [{ server_id: id }] });
    expect((await nova('GET', `/servers/${id}/os-volume_attachments`)).body.volumeAttachments).toHaveLength(1);
  });
});

describe('multiattach (nova 2.60)', () => {
  it('attaches a multiattach volume to two servers from 2.60, refuses it below, and keeps it in use until the last detach', async () => {
    // the stories above used nova's default 10 instances of this project
    expect((await nova('PUT', `/os-quota-sets/${PROJECT}`, { quota_set: { instances: 50, cores: 100, ram: 100000 } })).status).toBe(200);
    expect((await cinder('POST', '/types', { volume_type: { name: 'multiattach', extra_specs: { multiattach: '<is> True' } } })).status).toBe(200);
    const v = await volume(1, { volume_type: 'multiattach' });
    const [a, b] = [await active({ imageRef: IMAGE }), await active({ imageRef: IMAGE })];
    const old = await nova('POST', `/servers/${a}/os-volume_attachments`, { volumeAttachment: { volumeId: v } }, '2.59');
    expect(old).toMatchObject({ status: 400, body: { badRequest: { message: 'Multiattach volumes are only supported starting with compute API version 2.60.' } } });
    expect((await nova('GET', `/servers/${a}/os-volume_attachments`)).body.volumeAttachments).toEqual([]);
    expect((await vol(v)).status).toBe('available');
    for (const s of [a, b]) {
      expect((await nova('POST', `/servers/${s}/os-volume_attachments`, { volumeAttachment: { volumeId: v } }, '2.60')).status).toBe(200);
      await idle();
    }
    const shown = await vol(v);
    expect(shown).toMatchObject({ status: 'in-use', multiattach: true });
    expect(shown.attachments.map((x: { server_id: string }) => x.server_id).sort()).toEqual([a, b].sort());
    expect((await nova('DELETE', `/servers/${a}/os-volume_attachments/${v}`)).status).toBe(202);
    await idle();
    expect(await vol(v)).toMatchObject({ status: 'in-use', attachments: [{ server_id: b }] });
    // boot from volume names it too: refused below 2.60
    const bfv = await boot({ block_device_mapping_v2: [{ boot_index: 1, uuid: v, source_type: 'volume', destination_type: 'volume' }], imageRef: IMAGE }, '2.59');
    expect(bfv.body.badRequest?.message).toBe('Multiattach volumes are only supported starting with compute API version 2.60.');
    expect((await nova('DELETE', `/servers/${b}`)).status).toBe(204);
    expect((await nova('DELETE', `/servers/${a}`)).status).toBe(204);
    await idle();
    expect(await vol(v)).toMatchObject({ status: 'available', attachments: [] });
  });
});

describe('GET /_mock/audit (volumes)', () => {
  it('is clean after the stories above, and reports attachments of gone servers and unmapped in-use volumes', async () => {
    await idle();
    const audit = async () => (await req('GET', '/_mock/audit')).body.audit as { kind: string; consumer: string }[];
    expect(await audit()).toEqual([]);
    const v = await volume(1);
    const gone = '99999999-9999-4999-8999-999999999999';
    const a = await cinder('POST', '/attachments', { attachment: { volume_uuid: v, instance_uuid: gone, connector: { host: 'x', initiator: 'iqn.x' } } });
    await cinder('POST', `/attachments/${a.body.attachment.id}/action`, { 'os-complete': {} });
    const v2 = await volume(1);
    await cinder('POST', `/volumes/${v2}/action`, { 'os-reset_status': { status: 'in-use', attach_status: 'attached' } });
    const found = await audit();
    expect(found).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'orphaned_volume_attachment', consumer: v }),
      expect.objectContaining({ kind: 'volume_attached_to_no_server', consumer: v2 }),
    ]));
  });
});
