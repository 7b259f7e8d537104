// The Cinder APIs tempest.api.volume uses beyond volumes/attachments/snapshots: volume type extra
// specs, snapshot metadata, the legacy attach actions with their status machine,
// os-volume_upload_image (through the image client) and multiattach volume types. Expected
// answers from Debian's python3-cinder (types_extra_specs.py, v3/snapshot_metadata.py,
// contrib/volume_actions.py, volume/api.py, volume/manager.py).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
const P = 'proj1';
const base = `/volume/v3/${P}`;
const call = async (method: string, url: string, body?: unknown, o: { version?: string; token?: string } = {}) => {
  const headers: Record<string, string> = { 'x-auth-token': o.token ?? `admin:${P}`, 'openstack-api-version': `volume ${o.version ?? '3.70'}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.inject({ method: method as 'GET', url: url.startsWith('/') ? url : `${base}/${url}`, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.statusCode, body: res.body ? (() => { try { return JSON.parse(res.body); } catch { return res.body; } })() : null };
};
const MEMBER = `user1:${P}`;
const settle = () => t.services.blockStorage.settle();
const action = (id: string, body: unknown, o: { version?: string; token?: string } = {}) => call('POST', `volumes/${id}/action`, body, o);
const status = async (id: string) => (await call('GET', `volumes/${id}`)).body.volume.status as string;

async function newVolume(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await call('POST', 'volumes', { volume: { size: 1, ...extra } });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await settle();
  return r.body.volume.id as string;
}
async function newType(name: string, extraSpecs: Record<string, string> = {}): Promise<string> {
  const r = await call('POST', 'types', { volume_type: { name, extra_specs: extraSpecs } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.volume_type.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  expect((await call('PUT', `os-quota-sets/${P}`, { quota_set: { volumes: 100, snapshots: 100 } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('volume type extra specs', () => {
  it('creates, lists, shows, updates and deletes them (admin); readers see the user-visible keys', async () => {
    const id = await newType('specs', { a: '1' });
    const created = await call('POST', `types/${id}/extra_specs`, { extra_specs: { b: '2', multiattach: '<is> True' } });
    expect(created).toEqual({ status: 200, body: { extra_specs: { b: '2', multiattach: '<is> True' } } });
    expect((await call('GET', `types/${id}/extra_specs`)).body).toEqual({ extra_specs: { a: '1', b: '2', multiattach: '<is> True' } });
    expect((await call('GET', `types/${id}/extra_specs`, undefined, { token: MEMBER })).body).toEqual({ extra_specs: { multiattach: '<is> True' } });
    expect((await call('GET', `types/${id}/extra_specs/b`)).body).toEqual({ b: '2' });
    expect(await call('PUT', `types/${id}/extra_specs/b`, { b: '3' })).toEqual({ status: 200, body: { b: '3' } });
    expect((await call('PUT', `types/${id}/extra_specs/b`, { c: '3' })).body.badRequest.message).toBe('Request body and URI mismatch');
    expect((await call('PUT', `types/${id}/extra_specs/b`, { b: '3', c: '4' })).status).toBe(400);
    expect((await call('DELETE', `types/${id}/extra_specs/b`)).status).toBe(202);
    expect(await call('GET', `types/${id}/extra_specs/b`)).toMatchObject({ status: 404, body: { itemNotFound: { message: `Volume Type ${id} has no extra specs with key b.` } } });
    expect((await call('DELETE', `types/${id}/extra_specs/b`)).status).toBe(404);
    // the type shows them too
    expect((await call('GET', `types/${id}`)).body.volume_type.extra_specs).toEqual({ a: '1', multiattach: '<is> True' });
  });

  it('refuses members (403), unknown types (404), bad keys (400), cacheable with multiattach, and types in use', async () => {
    const id = await newType('specs-guards');
    expect((await call('POST', `types/${id}/extra_specs`, { extra_specs: { x: '1' } }, { token: MEMBER })).body.forbidden.message)
      .toBe("Policy doesn't allow volume_extension:types_extra_specs:create to be performed.");
    const missing = '00000000-0000-4000-8000-00000000000a';
    expect((await call('POST', `types/${missing}/extra_specs`, { extra_specs: { x: '1' } })).body.itemNotFound.message).toBe(`Volume type ${missing} could not be found.`);
    expect((await call('POST', `types/${id}/extra_specs`, { extra_specs: { 'bad key': '1' } })).status).toBe(400);
    expect((await call('POST', `types/${id}/extra_specs`, { specs: {} })).status).toBe(400);
    expect((await call('POST', `types/${id}/extra_specs`, { extra_specs: { multiattach: '<is> True', cacheable: '<is> True' } })).body.badRequest.message)
      .toBe('cacheable cannot be set with multiattach.');
    await newVolume({ volume_type: 'specs-guards' });
    expect((await call('POST', `types/${id}/extra_specs`, { extra_specs: { x: '1' } })).body.badRequest.message).toBe('Volume Type is currently in use.');
  });
});

describe('snapshot metadata', () => {
  it('creates (merge), replaces, shows, sets and deletes items as cinder', async () => {
    const v = await newVolume();
    const s = (await call('POST', 'snapshots', { snapshot: { volume_id: v, metadata: { a: '1' } } })).body.snapshot.id as string;
    await settle();
    expect((await call('GET', `snapshots/${s}/metadata`)).body).toEqual({ metadata: { a: '1' } });
    expect((await call('POST', `snapshots/${s}/metadata`, { metadata: { b: '2' } })).body).toEqual({ metadata: { a: '1', b: '2' } });
    expect((await call('PUT', `snapshots/${s}/metadata`, { metadata: { c: '3' } })).body).toEqual({ metadata: { c: '3' } });
    expect((await call('PUT', `snapshots/${s}/metadata/d`, { meta: { d: '4' } })).body).toEqual({ meta: { d: '4' } });
    expect((await call('GET', `snapshots/${s}/metadata/d`)).body).toEqual({ meta: { d: '4' } });
    expect((await call('GET', `snapshots/${s}`)).body.snapshot.metadata).toEqual({ c: '3', d: '4' });
    expect((await call('DELETE', `snapshots/${s}/metadata/c`)).status).toBe(200);
    expect(await call('GET', `snapshots/${s}/metadata/c`)).toMatchObject({ status: 404, body: { itemNotFound: { message: `Snapshot ${s} has no metadata with key c.` } } });
    expect((await call('PUT', `snapshots/${s}/metadata/d`, { meta: { e: '4' } })).body.badRequest.message).toBe('Request body and URI mismatch');
    expect((await call('PUT', `snapshots/${s}/metadata/d`, { meta: { d: '4', e: '5' } })).body.badRequest.message).toBe('Request body contains too many items');
    expect((await call('POST', `snapshots/${s}/metadata`, { meta: {} })).body.badRequest.message).toBe("Missing required element 'metadata' in request body.");
    expect((await call('POST', `snapshots/${s}/metadata`, { metadata: { k: 1 } })).body.badRequest.message)
      .toBe('Invalid metadata: Invalid input received: Value for metadata key: k is not a string or unicode');
    expect((await call('POST', `snapshots/${s}/metadata`, { metadata: { k: 'x'.repeat(256) } })).status).toBe(413);
    expect((await call('GET', 'snapshots/00000000-0000-4000-8000-00000000000b/metadata')).status).toBe(404);
  });
});

describe('legacy attach actions', () => {
  it('reserve -> attaching, unreserve -> available; reserve of an in-use volume is refused', async () => {
    const v = await newVolume();
    expect((await action(v, { 'os-reserve': {} })).status).toBe(202);
    expect(await status(v)).toBe('attaching');
    expect((await action(v, { 'os-reserve': {} })).body.badRequest.message).toBe('Invalid volume: Volume status must be available to reserve, but the status is attaching.');
    expect((await action(v, { 'os-unreserve': {} })).status).toBe(202);
    expect(await status(v)).toBe('available');
    // unreserve of a volume not reserved does nothing
    expect((await action(v, { 'os-unreserve': {} })).status).toBe(202);
    expect(await status(v)).toBe('available');
  });

  it('attach -> in-use with the attachment shown; detach -> available; a second attach needs multiattach', async () => {
    const v = await newVolume();
    const server = '11111111-2222-4333-8444-555555555555';
    expect((await action(v, { 'os-reserve': null })).status).toBe(202);
    expect((await action(v, { 'os-attach': { instance_uuid: server, mountpoint: '/dev/vdb' } })).status).toBe(202);
    const shown = (await call('GET', `volumes/${v}`)).body.volume;
    expect(shown).toMatchObject({ status: 'in-use', attachments: [{ id: v, volume_id: v, server_id: server, device: '/dev/vdb' }] });
    // the same server again: nothing new
    expect((await action(v, { 'os-attach': { instance_uuid: server, mountpoint: '/dev/vdb' } })).status).toBe(202);
    expect((await call('GET', `volumes/${v}`)).body.volume.attachments).toHaveLength(1);
    const other = await action(v, { 'os-attach': { instance_uuid: '11111111-2222-4333-8444-666666666666', mountpoint: '/dev/vdc' } });
    expect(other.body.badRequest.message).toBe('Invalid volume: volume is already attached and multiple attachments are not enabled');
    expect((await action(v, { 'os-begin_detaching': {} })).status).toBe(202);
    expect(await status(v)).toBe('detaching');
    expect((await action(v, { 'os-roll_detaching': {} })).status).toBe(202);
    expect(await status(v)).toBe('in-use');
    expect((await action(v, { 'os-detach': {} })).status).toBe(202);
    expect((await call('GET', `volumes/${v}`)).body.volume).toMatchObject({ status: 'available', attachments: [] });
    // schema: mountpoint and instance_uuid or host_name
    expect((await action(v, { 'os-attach': { instance_uuid: server } })).status).toBe(400);
    expect((await action(v, { 'os-attach': { mountpoint: '/dev/vdb' } })).status).toBe(400);
    expect((await action(v, { 'os-attach': { instance_uuid: 'nope', mountpoint: '/dev/vdb' } })).status).toBe(400);
    // maintenance
    await action(v, { 'os-reset_status': { status: 'maintenance' } });
    expect((await action(v, { 'os-attach': { host_name: 'h', mountpoint: '/dev/vdb' } })).body.badRequest.message).toBe('Invalid volume: The volume cannot be attached in maintenance mode.');
  });

  it('initialize_connection answers the iSCSI connection info; terminate_connection unreserves', async () => {
    const v = await newVolume();
    await action(v, { 'os-reserve': {} });
    const conn = await action(v, { 'os-initialize_connection': { connector: { initiator: 'iqn.1993-08.org.debian:01:h', host: 'h', ip: '10.0.0.1' } } });
    expect(conn.status).toBe(200);
    expect(conn.body.connection_info).toMatchObject({ driver_volume_type: 'iscsi', data: { target_iqn: `iqn.2010-10.org.openstack:volume-${v}`, target_lun: 0, volume_id: v, access_mode: 'rw' } });
    expect(conn.body.connection_info.data.attachment_id).toBeUndefined();
    expect(await status(v)).toBe('attaching');
    expect((await action(v, { 'os-initialize_connection': { connector: { host: 'h' } } })).body.badRequest.message)
      .toBe("Invalid input received: Connector doesn't have required information: initiator");
    expect((await action(v, { 'os-terminate_connection': { connector: { initiator: 'x', host: 'h' } } })).status).toBe(202);
    expect(await status(v)).toBe('available');
  });
});

describe('multiattach volume types', () => {
  it("a type's multiattach spec makes multiattach volumes: reserved and attached by two servers, in use until both let go", async () => {
    await newType('multiattach', { multiattach: '<is> True' });
    const v = await newVolume({ volume_type: 'multiattach' });
    expect((await call('GET', `volumes/${v}`)).body.volume.multiattach).toBe(true);
    const connector = (host: string) => ({ host, initiator: `iqn.x:${host}` });
    const ids: string[] = [];
    for (const [server, host] of [['11111111-2222-4333-8444-000000000001', 'h1'], ['11111111-2222-4333-8444-000000000002', 'h2']] as const) {
      const a = await call('POST', 'attachments', { attachment: { volume_uuid: v, instance_uuid: server, connector: connector(host) } });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      ids.push(a.body.attachment.id);
      expect((await call('POST', `attachments/${a.body.attachment.id}/action`, { 'os-complete': {} })).status).toBe(204);
      expect(await status(v)).toBe('in-use');
    }
    expect((await call('GET', `volumes/${v}`)).body.volume.attachments).toHaveLength(2);
    expect((await call('DELETE', `attachments/${ids[0]}`)).status).toBe(200);
    expect(await status(v)).toBe('in-use');
    expect((await call('DELETE', `attachments/${ids[1]}`)).status).toBe(200);
    expect(await status(v)).toBe('available');
    // a plain volume cannot be reserved while in use
    const plain = await newVolume();
    const a = await call('POST', 'attachments', { attachment: { volume_uuid: plain, instance_uuid: '11111111-2222-4333-8444-000000000003', connector: connector('h1') } });
    await call('POST', `attachments/${a.body.attachment.id}/action`, { 'os-complete': {} });
    expect((await call('POST', 'attachments', { attachment: { volume_uuid: plain, instance_uuid: '11111111-2222-4333-8444-000000000004' } })).status).toBe(400);
  });
});

describe('attachment lists', () => {
  it('sort and page as cinder does (attachments.py _items): sort keys, marker, offset, limit; a lost marker is a 404', async () => {
    await newType('multiattach-pages', { multiattach: '<is> True' });
    const v = await newVolume({ volume_type: 'multiattach-pages' });
    const made: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const a = await call('POST', 'attachments', { attachment: { volume_uuid: v, instance_uuid: `11111111-2222-4333-8555-00000000000${i}`, connector: { host: `h${i}`, initiator: `iqn.x:h${i}` } } });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect((await call('POST', `attachments/${a.body.attachment.id}/action`, { 'os-complete': {} })).status).toBe(204);
      made.push(a.body.attachment.id);
    }
    const ids = async (query: string) => {
      const r = await call('GET', `attachments/detail?volume_id=${v}&${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).not.toHaveProperty('attachments_links');
      return (r.body.attachments as { id: string }[]).map((a) => a.id);
    };
    const asc = [...made].sort();
    expect(await ids('sort=id:asc')).toEqual(asc);
    expect(await ids('sort=id:desc')).toEqual([...asc].reverse());
    expect(await ids('sort=id:asc&limit=2')).toEqual(asc.slice(0, 2));
    expect(await ids(`sort=id:asc&marker=${asc[0]}`)).toEqual(asc.slice(1));
    expect(await ids(`sort=id:asc&marker=${asc[0]}&limit=1`)).toEqual([asc[1]]);
    expect(await ids('sort=id:asc&offset=2')).toEqual([asc[2]]);
    // the summary list pages the same way
    const summary = await call('GET', `attachments?volume_id=${v}&sort=id:asc&limit=1`);
    expect(summary.body.attachments.map((a: { id: string }) => a.id)).toEqual([asc[0]]);
    const lost = '11111111-2222-4333-8555-0000000000ff';
    expect(await call('GET', `attachments?marker=${lost}`)).toEqual({ status: 404, body: { itemNotFound: { code: 404, message: `Volume attachment could not be found with filter: attachment_id = ${lost}.` } } });
    expect((await call('GET', 'attachments?limit=-1')).body.badRequest.message).toBe('limit param must be positive');
    expect((await call('GET', 'attachments?sort=bogus')).body.badRequest.message).toBe('Invalid input received: Sort key supplied is invalid: bogus');
  });
});

describe('os-volume_upload_image', () => {
  it('makes an image from the volume through the image service: uploading, then available with an active image', async () => {
    const v = await newVolume({ description: 'to glance' });
    const r = await action(v, { 'os-volume_upload_image': { image_name: 'from-volume', disk_format: 'qcow2', visibility: 'shared', protected: false } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const out = r.body['os-volume_upload_image'];
    expect(out).toMatchObject({ id: v, status: 'uploading', display_description: 'to glance', size: 1, image_name: 'from-volume',
      container_format: 'bare', disk_format: 'qcow2', visibility: 'shared', protected: false, volume_type: { name: 'lvmdriver-1' } });
    expect(await status(v)).toBe('uploading');
    await settle();
    expect(await status(v)).toBe('available');
    const image = await t.app.inject({ method: 'GET', url: `/image/v2/images/${out.image_id}`, headers: { 'x-auth-token': `admin:${P}` } });
    expect(JSON.parse(image.body)).toMatchObject({ name: 'from-volume', status: 'active', disk_format: 'qcow2', container_format: 'bare', visibility: 'shared', owner: P });
    // only an available volume (force is ignored), and 3.0 knows no visibility
    await action(v, { 'os-reset_status': { status: 'in-use' } });
    const busy = await action(v, { 'os-volume_upload_image': { image_name: 'x', force: true } });
    expect(busy.body.badRequest.message).toBe(`Invalid volume: Volume ${v} status must be available`);
    await action(v, { 'os-reset_status': { status: 'available' } });
    expect((await action(v, { 'os-volume_upload_image': { image_name: 'x', visibility: 'private' } }, { version: '3.0' })).status).toBe(400);
    expect((await action(v, { 'os-volume_upload_image': { image_name: 'x', visibility: 'public' } }, { token: MEMBER })).status).toBe(403);
  });

  it('a copy_volume_to_image fault deletes the unfinished image and gives the volume its status back', async () => {
    const v = await newVolume();
    expect((await call('POST', '/_mock/faults', { operation: 'copy_volume_to_image', server: v, times: 1, error: { type: 'VolumeBackendAPIException' } })).status).toBe(201);
    const r = await action(v, { 'os-volume_upload_image': { image_name: 'doomed' } });
    expect(r.status).toBe(202);
    await settle();
    expect(await status(v)).toBe('available');
    const image = await t.app.inject({ method: 'GET', url: `/image/v2/images/${r.body['os-volume_upload_image'].image_id}`, headers: { 'x-auth-token': `admin:${P}` } });
    expect(image.statusCode).toBe(404);
    const audit = (await t.app.inject({ method: 'GET', url: '/_mock/audit', headers: { 'x-auth-token': 'admin' } })).json().audit as { kind: string }[];
    expect(audit.filter((a) => a.kind === 'image_stranded')).toEqual([]);
  });
});

describe('availability zones and the volume summary', () => {
  it('lists the one zone, and sums the project\'s volumes (3.12; distinct metadata values from 3.36)', async () => {
    expect((await call('GET', 'os-availability-zone')).body).toEqual({ availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true } }] });
    const other = 'proj-summary';
    const mine = (method: string, url: string, body?: unknown, version = '3.70') => call(method, `/volume/v3/${other}/${url}`, body, { token: `admin:${other}`, version });
    for (const [size, md] of [[1, { a: 'x' }], [2, { a: 'y', b: 'z' }], [3, { a: 'x' }]] as const) {
      expect((await mine('POST', 'volumes', { volume: { size, metadata: md } })).status).toBe(202);
    }
    expect((await mine('GET', 'volumes/summary', undefined, '3.12')).body).toEqual({ 'volume-summary': { total_count: 3, total_size: 6 } });
    expect((await mine('GET', 'volumes/summary')).body).toEqual({ 'volume-summary': { total_count: 3, total_size: 6, metadata: { a: ['x', 'y'], b: ['z'] } } });
    expect((await mine('GET', 'volumes/summary', undefined, '3.11')).status).toBe(404);
  });

  it("lists a key's values in the order the volumes were made (cinder's DISTINCT over volume_metadata, no ORDER BY), not the list's newest first", async () => {
    const other = 'proj-summary-order';
    const mine = (method: string, url: string, body?: unknown) => call(method, `/volume/v3/${other}/${url}`, body, { token: `admin:${other}`, version: '3.70' });
    for (const md of [{ k: 'first' }, { k: 'second', j: 'one' }, { k: 'third', j: 'two' }]) {
      expect((await mine('POST', 'volumes', { volume: { size: 1, metadata: md } })).status).toBe(202);
    }
    expect((await mine('GET', 'volumes/summary')).body['volume-summary'].metadata).toEqual({ k: ['first', 'second', 'third'], j: ['one', 'two'] });
  });
});

describe("a volume's image metadata", () => {
  it('is set (merged), shown and unset through the volume actions', async () => {
    const v = await newVolume();
    expect((await action(v, { 'os-show_image_metadata': null })).body.itemNotFound.message).toBe(`Glance metadata for volume/snapshot ${v} cannot be found.`);
    const set = await action(v, { 'os-set_image_metadata': { metadata: { image_id: 'i', kernel_id: 'k', ramdisk_id: 'r' } } });
    expect(set).toEqual({ status: 200, body: { metadata: { image_id: 'i', kernel_id: 'k', ramdisk_id: 'r' } } });
    expect((await action(v, { 'os-set_image_metadata': { metadata: { image_name: 'n' } } })).body.metadata).toEqual({ image_id: 'i', kernel_id: 'k', ramdisk_id: 'r', image_name: 'n' });
    expect((await call('GET', `volumes/${v}`)).body.volume.volume_image_metadata).toMatchObject({ kernel_id: 'k', image_name: 'n' });
    expect((await action(v, { 'os-unset_image_metadata': { key: 'ramdisk_id' } })).status).toBe(200);
    expect((await action(v, { 'os-show_image_metadata': {} })).body).toEqual({ metadata: { image_id: 'i', kernel_id: 'k', image_name: 'n' } });
    expect((await action(v, { 'os-unset_image_metadata': { key: 'ramdisk_id' } })).status).toBe(404);
    expect((await action(v, { 'os-set_image_metadata': { metadata: { k: 1 } } })).status).toBe(400);
  });
});

describe('the readonly flag', () => {
  it('is admin metadata shown in the volume metadata; a readonly volume attaches only ro; attached_mode while attached', async () => {
    const v = await newVolume({ metadata: { user: 'x' } });
    for (const readonly of [true, false, 'True']) {
      expect((await action(v, { 'os-update_readonly_flag': { readonly } })).status).toBe(202);
      expect((await call('GET', `volumes/${v}`)).body.volume.metadata).toEqual({ user: 'x', readonly: String(readonly) === 'true' || readonly === 'True' ? 'True' : 'False' });
    }
    const server = '11111111-2222-4333-8444-777777777777';
    expect((await action(v, { 'os-attach': { instance_uuid: server, mountpoint: '/dev/vdb' } })).body.badRequest.message).toBe(`Invalid attaching mode 'rw' for volume ${v}.`);
    expect((await action(v, { 'os-attach': { instance_uuid: server, mountpoint: '/dev/vdb', mode: 'ro' } })).status).toBe(202);
    expect((await call('GET', `volumes/${v}`)).body.volume.metadata).toEqual({ user: 'x', readonly: 'True', attached_mode: 'ro' });
    expect((await action(v, { 'os-update_readonly_flag': { readonly: false } })).body.badRequest.message)
      .toBe(`Invalid volume: Volume ${v} status must be available to update readonly flag, but current status is: in-use.`);
    expect((await action(v, { 'os-detach': {} })).status).toBe(202);
    expect((await call('GET', `volumes/${v}`)).body.volume.metadata).toEqual({ user: 'x', readonly: 'True' });
  });
});

describe('volume transfers', () => {
  for (const [url, version] of [['os-volume-transfer', '3.0'], ['volume-transfers', '3.55'], ['volume-transfers', '3.70']] as const) {
    it(`offers, lists, shows and accepts a volume across projects (${url}, ${version})`, async () => {
      const v = await newVolume();
      const snap = (await call('POST', 'snapshots', { snapshot: { volume_id: v } })).body.snapshot.id as string;
      await settle();
      const created = await call('POST', url, { transfer: { volume_id: v, name: ' t1 ' } }, { version, token: MEMBER });
      expect(created.status, JSON.stringify(created.body)).toBe(202);
      const t = created.body.transfer;
      expect(t).toMatchObject({ volume_id: v, name: 't1', auth_key: expect.stringMatching(/^[0-9a-f]{16}$/) });
      expect(t.links[0].href).toMatch(new RegExp(`/v3/${P}/os-volume-transfer/${t.id}$`));
      expect('no_snapshots' in t).toBe(version !== '3.0');
      expect('accepted' in t).toBe(version === '3.70');
      expect(await status(v)).toBe('awaiting-transfer');
      expect((await call('GET', `${url}/${t.id}`, undefined, { version })).body.transfer).toMatchObject({ id: t.id, volume_id: v });
      expect((await call('GET', url, undefined, { version })).body.transfers.map((x: { id: string }) => x.id)).toContain(t.id);
      expect((await call('GET', `${url}/detail`, undefined, { version })).body.transfers.find((x: { id: string }) => x.id === t.id)).toHaveProperty('created_at');
      // a volume on offer cannot be deleted; another project does not see the offer
      expect((await call('DELETE', `volumes/${v}`)).status).toBe(400);
      const other = 'proj-recipient';
      expect((await call('GET', `/volume/v3/${other}/${url}/${t.id}`, undefined, { version, token: `user2:${other}` })).status).toBe(404);
      // a wrong key is refused; the right one moves the volume and its snapshot
      const wrong = await call('POST', `/volume/v3/${other}/${url}/${t.id}/accept`, { accept: { auth_key: 'nope' } }, { version, token: `user2:${other}` });
      expect(wrong.body.badRequest.message).toBe(`Invalid auth key: Attempt to transfer ${t.id} with invalid auth key.`);
      const accepted = await call('POST', `/volume/v3/${other}/${url}/${t.id}/accept`, { accept: { auth_key: t.auth_key } }, { version, token: `user2:${other}` });
      expect(accepted).toMatchObject({ status: 202, body: { transfer: { id: t.id, volume_id: v, name: 't1' } } });
      const moved = (await call('GET', `/volume/v3/${other}/volumes/${v}`, undefined, { token: `user2:${other}` })).body.volume;
      expect(moved).toMatchObject({ status: 'available', user_id: 'user2', 'os-vol-tenant-attr:tenant_id': other });
      expect((await call('GET', `/volume/v3/${other}/snapshots/${snap}`, undefined, { token: `user2:${other}` })).status).toBe(200);
      expect((await call('GET', `${url}/${t.id}`, undefined, { version })).status).toBe(404);
    });
  }

  it('deleting an offer gives the volume back; only available volumes are offered', async () => {
    const v = await newVolume();
    const t = (await call('POST', 'os-volume-transfer', { transfer: { volume_id: v } })).body.transfer;
    expect((await call('POST', 'os-volume-transfer', { transfer: { volume_id: v } })).body.badRequest.message).toBe('Invalid volume: status must be available');
    expect((await call('DELETE', `os-volume-transfer/${t.id}`)).status).toBe(202);
    expect(await status(v)).toBe('available');
    expect((await call('DELETE', `os-volume-transfer/${t.id}`)).body.itemNotFound.message).toBe(`Transfer ${t.id} could not be found.`);
    // cinder's v3 router serves /volume-transfers at every version; only its create's no_snapshots waits for 3.55
    expect((await call('GET', 'volume-transfers', undefined, { version: '3.54' })).status).toBe(200);
    expect((await call('POST', 'volume-transfers', { transfer: { volume_id: v, no_snapshots: true } }, { version: '3.54' })).status).toBe(400);
    expect((await call('POST', 'os-volume-transfer', { transfer: { volume_id: v, no_snapshots: true } }, { version: '3.70' })).status).toBe(400);
  });
});
