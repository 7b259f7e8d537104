// Cinder v3 stories over HTTP (inject): volumes, status machine, attachments, snapshots, types,
// quotas, microversions and the fault envelope. Expected answers were checked against the real
// Cinder (scripts/block-storage-oracle-diff.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
const P = 'proj1';
const base = `/volume/v3/${P}`;
const call = async (method: string, url: string, body?: unknown, o: { version?: string; token?: string; roles?: string; service?: boolean } = {}) => {
  const headers: Record<string, string> = { 'x-auth-token': o.token ?? `admin:${P}`, 'openstack-api-version': `volume ${o.version ?? '3.70'}` };
  if (o.roles !== undefined) headers['x-roles'] = o.roles;
  if (o.service) headers['x-service-token'] = 'nova:service';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.inject({ method: method as 'GET', url: url.startsWith('/') ? url : `${base}/${url}`, headers, payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.statusCode, body: res.body ? (() => { try { return JSON.parse(res.body); } catch { return res.body; } })() : null, headers: res.headers };
};
const settle = () => t.services.blockStorage.settle();

async function newVolume(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await call('POST', 'volumes', { volume: { size: 1, ...extra } });
  expect(r.status).toBe(202);
  await settle();
  return r.body.volume.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  // many stories share this project: room beyond the default 10 volumes
  expect((await call('PUT', `os-quota-sets/${P}`, { quota_set: { volumes: 100, snapshots: 100 } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('versions and errors', () => {
  it('negotiates microversions as cinder', async () => {
    expect((await call('GET', 'volumes', undefined, { version: '3.0' })).headers['openstack-api-version']).toBe('volume 3.0');
    expect((await call('GET', 'volumes', undefined, { version: 'latest' })).headers['openstack-api-version']).toBe('volume 3.70');
    const bad = await call('GET', 'volumes', undefined, { version: '3.x' });
    expect(bad).toMatchObject({ status: 400, body: { badRequest: { code: 400, message: 'API Version String 3.x is of invalid format. Must be of format MajorNum.MinorNum.' } } });
    const high = await call('GET', 'volumes', undefined, { version: '3.71' });
    expect(high).toMatchObject({ status: 406, body: { computeFault: { message: 'Version 3.71 is not supported by the API. Minimum is 3.0 and maximum is 3.70.' } } });
  });

  it('answers the version documents without a token', async () => {
    const r = await t.app.inject({ url: '/volume/' });
    expect(r.statusCode).toBe(300);
    expect(JSON.parse(r.body).versions[0]).toMatchObject({ id: 'v3.0', version: '3.70', min_version: '3.0' });
  });

  it('needs a token, rejects another project in the URL, and 404s unknown URLs as webob', async () => {
    expect((await t.app.inject({ url: `${base}/volumes` })).statusCode).toBe(401);
    expect(await call('GET', '/volume/v3/other/volumes')).toMatchObject({ status: 400, body: { badRequest: { message: 'Malformed request url' } } });
    const nf = await call('GET', 'nothing-here');
    expect(nf.status).toBe(404);
    expect(String(nf.body)).toContain('<h1>404 Not Found</h1>');
    expect(nf.headers['openstack-api-version']).toBeUndefined();
  });

  it('validates bodies with cinder wording', async () => {
    expect((await call('POST', 'volumes', { volume: { size: 0 } })).body).toEqual({ badRequest: { code: 400, message: 'Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1' } });
    expect((await call('POST', 'volumes', 'xx')).body).toEqual({ badRequest: { code: 400, message: 'Malformed request body' } });
    expect((await call('POST', 'volumes', { volume: { size: 1, volume_type: 'nope' } })).body).toEqual({ itemNotFound: { code: 404, message: 'Volume type with name nope could not be found.' } });
    expect((await call('POST', 'volumes', { volume: { size: 1, imageRef: '00000000-0000-0000-0000-000000000000' } })).body.badRequest.message).toBe('Invalid image identifier or unable to access requested image.');
  });

  it('serves the project-less URLs (3.67) and the catalog lists block-storage and volumev3', async () => {
    expect((await call('GET', '/volume/v3/volumes')).status).toBe(200);
    const tok = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: 'secret' } } } } } });
    const types = JSON.parse(tok.body).token.catalog.map((c: { type: string }) => c.type);
    expect(types).toEqual(expect.arrayContaining(['block-storage', 'volumev3']));
  });
});

describe('volumes', () => {
  it('creates: creating in the answer, available after the volume manager ran', async () => {
    const r = await call('POST', 'volumes', { volume: { size: 2, name: 'v', metadata: { a: 'b' } } });
    expect(r.status).toBe(202);
    expect(r.body.volume).toMatchObject({ status: 'creating', size: 2, name: 'v', volume_type: 'lvmdriver-1', bootable: 'false', metadata: { a: 'b' } });
    expect(r.body.volume['os-vol-host-attr:host']).toBeUndefined();
    await settle();
    const s = await call('GET', `volumes/${r.body.volume.id}`);
    expect(s.body.volume).toMatchObject({ status: 'available', 'os-vol-host-attr:host': 'novamock@lvmdriver-1#lvmdriver-1', 'os-vol-tenant-attr:tenant_id': P, shared_targets: false });
    expect(s.body.volume.links[0].href).toMatch(new RegExp(`/volume/v3/${P}/volumes/${r.body.volume.id}$`));
  });

  it('goes to error when the backend fails create_volume (a fault)', async () => {
    t.services.blockStorage.setFaults({ fire: (op) => op === 'create_volume' });
    try {
      const id = await newVolume();
      expect((await call('GET', `volumes/${id}`)).body.volume.status).toBe('error');
      // an errored volume can be deleted, not attached
      const a = await call('POST', 'attachments', { attachment: { volume_uuid: id, instance_uuid: '11111111-1111-4111-8111-111111111111' } });
      expect(a.status).toBe(400);
      expect(a.body.badRequest.message).toContain('Volume attachments can not be created if the volume is in an error state.');
      expect((await call('DELETE', `volumes/${id}`)).status).toBe(202);
    } finally {
      t.services.blockStorage.setFaults({ fire: () => false });
    }
  });

  it('creates from an image (bootable, image metadata, size floor), a snapshot and a volume', async () => {
    const image = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
    const img = await newVolume({ imageRef: image });
    const v = (await call('GET', `volumes/${img}`)).body.volume;
    expect(v).toMatchObject({ bootable: 'true', volume_image_metadata: { image_id: image, disk_format: 'raw' } });
    const snap = await call('POST', 'snapshots', { snapshot: { volume_id: img, name: 's' } });
    expect(snap.status).toBe(202);
    await settle();
    expect((await call('POST', 'volumes', { volume: { size: 0, snapshot_id: snap.body.snapshot.id } })).status).toBe(400);
    const fromSnap = await newVolume({ size: null, snapshot_id: snap.body.snapshot.id });
    expect((await call('GET', `volumes/${fromSnap}`)).body.volume).toMatchObject({ size: 1, snapshot_id: snap.body.snapshot.id, status: 'available' });
    const clone = await newVolume({ source_volid: img, size: 2 });
    expect((await call('GET', `volumes/${clone}`)).body.volume).toMatchObject({ size: 2, source_volid: img, bootable: 'true' });
    expect((await call('POST', 'volumes', { volume: { size: 1, source_volid: img } })).status).toBe(202);
  });

  it('extends, retypes to a seeded type, sets bootable, and keeps metadata', async () => {
    const id = await newVolume();
    expect((await call('POST', `volumes/${id}/action`, { 'os-extend': { new_size: 1 } })).body.badRequest.message)
      .toBe('Invalid input received: New size for extend must be greater than current size. (current: 1, extended: 1).');
    expect((await call('POST', `volumes/${id}/action`, { 'os-extend': { new_size: 3 } })).status).toBe(202);
    await settle();
    expect((await call('GET', `volumes/${id}`)).body.volume.size).toBe(3);
    expect((await call('POST', `volumes/${id}/action`, { 'os-retype': { new_type: '__DEFAULT__' } })).status).toBe(202);
    expect((await call('GET', `volumes/${id}`)).body.volume.volume_type).toBe('__DEFAULT__');
    expect((await call('POST', `volumes/${id}/action`, { 'os-retype': { new_type: '__DEFAULT__' } })).status).toBe(400);
    expect((await call('POST', `volumes/${id}/action`, { 'os-set_bootable': { bootable: true } })).status).toBe(200);
    expect((await call('GET', `volumes/${id}`)).body.volume.bootable).toBe('true');
    expect((await call('POST', `volumes/${id}/action`, { 'os-bogus': {} })).body.badRequest.message).toMatch(/^There is no such action: os-bogus\./);
    expect((await call('PUT', `volumes/${id}/metadata`, { metadata: { k: 'v' } })).body).toEqual({ metadata: { k: 'v' } });
    expect((await call('GET', `volumes/${id}/metadata/k`)).body).toEqual({ meta: { k: 'v' } });
    expect((await call('DELETE', `volumes/${id}/metadata/k`)).status).toBe(200);
    expect((await call('GET', `volumes/${id}/metadata/k`)).status).toBe(404);
  });

  it('os-reset_status is for admins only', async () => {
    const id = await newVolume();
    const r = await call('POST', `volumes/${id}/action`, { 'os-reset_status': { status: 'error' } }, { token: `demo:${P}` });
    expect(r).toMatchObject({ status: 403, body: { forbidden: { message: "Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed." } } });
    expect((await call('POST', `volumes/${id}/action`, { 'os-reset_status': { status: 'error' } })).status).toBe(202);
    expect((await call('GET', `volumes/${id}`)).body.volume.status).toBe('error');
  });

  it('hides other projects\' volumes from non-admins', async () => {
    const id = await newVolume();
    expect((await call('GET', `/volume/v3/other/volumes/${id}`, undefined, { token: 'demo:other' })).status).toBe(404);
  });
});

describe('attachments (the flow nova uses)', () => {
  const server = '22222222-2222-4222-8222-222222222222';
  const connector = { host: 'compute1', initiator: 'iqn.x', mountpoint: '/dev/vdb' };

  it('reserve -> connect -> complete -> delete walks the volume through its statuses', async () => {
    const id = await newVolume();
    expect((await call('POST', 'attachments', { attachment: { volume_uuid: id, instance_uuid: server } }, { version: '3.0' })).status).toBe(404);
    const a = await call('POST', 'attachments', { attachment: { volume_uuid: id, instance_uuid: server } }, { version: '3.44' });
    expect(a.body.attachment).toMatchObject({ status: 'reserved', instance: server, volume_id: id, attach_mode: 'null', connection_info: {} });
    expect((await call('GET', `volumes/${id}`)).body.volume.status).toBe('reserved');
    const other = await call('POST', 'attachments', { attachment: { volume_uuid: id, instance_uuid: '33333333-3333-4333-8333-333333333333' } });
    expect(other.body.badRequest.message).toBe(`Invalid volume: Volume ${id} status must be available or downloading to reserve, but the current status is reserved.`);
    expect((await call('DELETE', `volumes/${id}`)).status).toBe(400);
    const aid = a.body.attachment.id as string;
    const u = await call('PUT', `attachments/${aid}`, { attachment: { connector } });
    expect(u.body.attachment.connection_info).toMatchObject({ driver_volume_type: 'iscsi', access_mode: 'rw', attachment_id: aid });
    expect((await call('GET', `volumes/${id}`)).body.volume.status).toBe('attaching');
    expect((await call('POST', `attachments/${aid}/action`, { 'os-complete': {} })).status).toBe(204);
    const inUse = (await call('GET', `volumes/${id}`)).body.volume;
    expect(inUse).toMatchObject({ status: 'in-use', attachments: [{ attachment_id: aid, server_id: server, host_name: 'compute1', device: '/dev/vdb' }] });
    expect((await call('GET', `attachments/${aid}`)).body.attachment).toMatchObject({ status: 'attached', attach_mode: 'rw' });
    const del = await call('DELETE', `volumes/${id}`);
    expect(del.body.badRequest.message).toBe('Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.');
    expect((await call('DELETE', `attachments/${aid}`, undefined, { service: true })).body).toEqual({ attachments: [] });
    expect((await call('GET', `volumes/${id}`)).body.volume).toMatchObject({ status: 'available', attachments: [] });
    expect((await call('GET', `attachments/${aid}`)).status).toBe(404);
  });

  it('a reserve-only attachment deleted puts the volume back to available', async () => {
    const id = await newVolume();
    const a = await call('POST', 'attachments', { attachment: { volume_uuid: id, instance_uuid: server } });
    expect((await call('DELETE', `attachments/${a.body.attachment.id}`)).status).toBe(200);
    expect((await call('GET', `volumes/${id}`)).body.volume.status).toBe('available');
  });
});

describe('snapshots, types, quotas and limits', () => {
  it('snapshots need an available volume below 3.66 and block the volume delete', async () => {
    const id = await newVolume();
    const s = await call('POST', 'snapshots', { snapshot: { volume_id: id, name: 'snap' } });
    expect(s.body.snapshot).toMatchObject({ status: 'creating', volume_id: id, size: 1, name: 'snap' });
    await settle();
    expect((await call('GET', `snapshots/${s.body.snapshot.id}`)).body.snapshot.status).toBe('available');
    expect((await call('DELETE', `volumes/${id}`)).status).toBe(400);
    expect((await call('DELETE', `volumes/${id}?cascade=true`)).status).toBe(202);
    await settle();
    expect((await call('GET', `snapshots/${s.body.snapshot.id}`)).status).toBe(404);
    expect((await call('GET', `volumes/${id}`)).status).toBe(404);
  });

  it('lists devstack types and shows the default', async () => {
    const types = (await call('GET', 'types')).body.volume_types.map((x: { name: string }) => x.name);
    expect(types).toEqual(['__DEFAULT__', 'lvmdriver-1']);
    expect((await call('GET', 'types/default')).body.volume_type.name).toBe('lvmdriver-1');
  });

  it('enforces the volume count and gigabytes quotas with 413', async () => {
    const q = 'quota-proj';
    const c = (m: string, u: string, b?: unknown) => call(m, `/volume/v3/${q}/${u}`, b, { token: `admin:${q}` });
    // cinderclient (the openstack CLI's `quota set --volumes`) sends tenant_id beside the quotas
    const put = await c('PUT', `os-quota-sets/${q}`, { quota_set: { tenant_id: q, volumes: 1, gigabytes: 5 } });
    expect(put.status).toBe(200);
    expect(put.body.quota_set).toMatchObject({ volumes: 1, gigabytes: 5 });
    expect(put.body.quota_set).not.toHaveProperty('tenant_id');
    expect((await c('PUT', `os-quota-sets/${q}`, { quota_set: { nosuch: 1 } })).body.badRequest.message).toMatch(/nosuch/);
    expect((await c('POST', 'volumes', { volume: { size: 6 } })).body).toEqual({ overLimit: { code: 413, message: 'Requested volume or snapshot exceeds allowed gigabytes quota. Requested 6G, quota is 5G and 0G has been consumed.' } });
    expect((await c('POST', 'volumes', { volume: { size: 1 } })).status).toBe(202);
    expect((await c('POST', 'volumes', { volume: { size: 1 } })).body).toEqual({ overLimit: { code: 413, message: "Maximum number of volumes allowed (1) exceeded for quota 'volumes'." } });
    const usage = (await c('GET', `os-quota-sets/${q}?usage=True`)).body.quota_set;
    expect(usage.volumes).toEqual({ limit: 1, in_use: 1, reserved: 0 });
    expect((await c('GET', 'limits')).body.limits.absolute).toMatchObject({ maxTotalVolumes: 1, totalVolumesUsed: 1, totalGigabytesUsed: 1 });
    expect((await call('PUT', `/volume/v3/${q}/os-quota-sets/${q}`, { quota_set: { volumes: 5 } }, { token: `demo:${q}` })).status).toBe(403);
  });
});

describe('more of cinder: detaching, types, paging, volume manager restart', () => {
  it('os-begin_detaching needs an attached in-use volume; os-roll_detaching puts it back', async () => {
    const id = await newVolume();
    expect((await call('POST', `volumes/${id}/action`, { 'os-begin_detaching': {} })).body.badRequest.message)
      .toBe("Invalid volume: Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.");
    const a = await call('POST', 'attachments', { attachment: { volume_uuid: id, instance_uuid: '66666666-6666-4666-8666-666666666666', connector: { host: 'h' } } });
    await call('POST', `attachments/${a.body.attachment.id}/action`, { 'os-complete': {} });
    expect((await call('POST', `volumes/${id}/action`, { 'os-begin_detaching': {} })).status).toBe(202);
    expect((await call('GET', `volumes/${id}`)).body.volume.status).toBe('detaching');
    expect((await call('POST', `volumes/${id}/action`, { 'os-roll_detaching': {} })).status).toBe(202);
    expect((await call('GET', `volumes/${id}`)).body.volume.status).toBe('in-use');
  });

  it('volume types: create, update, private ones listed only when asked, delete', async () => {
    const created = await call('POST', 'types', { volume_type: { name: 'gold', description: 'g' } });
    expect(created.body.volume_type).toEqual({ id: expect.any(String), name: 'gold', is_public: true, description: 'g', extra_specs: {}, 'os-volume-type-access:is_public': true });
    const id = created.body.volume_type.id as string;
    expect((await call('POST', 'types', { volume_type: { name: 'gold' } })).status).toBe(409);
    expect((await call('PUT', `types/${id}`, { volume_type: { is_public: false } })).body.volume_type).toEqual({ id, name: 'gold', is_public: false, description: 'g', extra_specs: {} });
    const names = async (q = '') => (await call('GET', `types${q}`)).body.volume_types.map((t: { name: string }) => t.name);
    expect(await names()).not.toContain('gold');
    expect(await names('?is_public=false')).toEqual(['gold']);
    expect(await names('?is_public=None')).toContain('gold');
    expect((await call('GET', `types/${id}`)).body.volume_type).toMatchObject({ qos_specs_id: null, 'os-volume-type-access:is_public': false });
    expect((await call('PUT', `types/${id}`, { volume_type: { description: 'x' } }, { token: `demo:${P}` })).status).toBe(403);
    expect((await call('DELETE', `types/${id}`)).status).toBe(202);
    expect((await call('GET', `types/${id}`)).status).toBe(404);
  });

  it('pages lists with limit and marker and a next link; the snapshot list is the summary view', async () => {
    const v = await newVolume();
    for (let i = 0; i < 2; i++) await call('POST', 'snapshots', { snapshot: { volume_id: v, name: `p${i}` } });
    await settle();
    const first = await call('GET', 'snapshots?limit=1');
    expect(first.body.snapshots).toHaveLength(1);
    expect(Object.keys(first.body.snapshots[0]).sort()).toEqual(['created_at', 'description', 'id', 'metadata', 'name', 'size', 'status', 'updated_at', 'volume_id']);
    const next = first.body.snapshots_links[0].href as string;
    expect(next).toContain(`marker=${first.body.snapshots[0].id}`);
    const second = await call('GET', next.slice(next.indexOf('/volume/')));
    expect(second.body.snapshots[0].id).not.toBe(first.body.snapshots[0].id);
    const vols = await call('GET', 'volumes?limit=2&with_count=true');
    expect(vols.body.volumes).toHaveLength(2);
    expect(vols.body.volumes_links[0].rel).toBe('next');
    expect(vols.body.count).toBeGreaterThan(2);
    // offset skips from the start (or the marker), validated as strutils.validate_integer
    const all = (await call('GET', 'snapshots')).body.snapshots;
    expect((await call('GET', 'snapshots?offset=1&limit=5')).body.snapshots.map((x: { id: string }) => x.id)).toEqual(all.slice(1, 6).map((x: { id: string }) => x.id));
    expect((await call('GET', `snapshots?offset=${all.length}`)).body.snapshots).toEqual([]);
    expect((await call('GET', 'snapshots?offset=-1')).body).toEqual({ badRequest: { code: 400, message: 'offset must be >= 0' } });
    expect((await call('GET', 'volumes?offset=x')).body).toEqual({ badRequest: { code: 400, message: 'offset must be an integer' } });
    expect((await call('GET', 'volumes?limit=-1')).body).toEqual({ badRequest: { code: 400, message: 'limit param must be positive' } });
    expect((await call('GET', 'volumes?limit=x')).body).toEqual({ badRequest: { code: 400, message: 'limit param must be an integer' } });
  });

  it('an unknown sort key is refused even when the list is empty (the model decides); the update answer has no extended attributes', async () => {
    const empty = (url: string) => call('GET', url, undefined, { token: 'u:emptyproj' });
    expect((await empty('/volume/v3/emptyproj/snapshots?sort_key=invalid')).body).toEqual({ badRequest: { code: 400, message: 'Invalid input received: Sort key supplied is invalid: invalid' } });
    expect((await empty('/volume/v3/emptyproj/volumes?sort_key=invalid')).status).toBe(400);
    expect((await empty('/volume/v3/emptyproj/snapshots?sort_key=created_at')).body).toEqual({ snapshots: [] });
    const v = await newVolume();
    const snap = (await call('POST', 'snapshots', { snapshot: { volume_id: v, name: 'u' } })).body.snapshot;
    await settle();
    const shown = (await call('GET', `snapshots/${snap.id}`)).body.snapshot;
    expect(shown['os-extended-snapshot-attributes:progress']).toBe('100%');
    const updated = (await call('PUT', `snapshots/${snap.id}`, { snapshot: { name: 'renamed' } })).body.snapshot;
    expect(updated.name).toBe('renamed');
    expect(Object.keys(updated).filter((k) => k.startsWith('os-extended-snapshot-attributes:'))).toEqual([]);
    // uuid_allow_null: a null volume_id is VolumeNotFound for None, a missing one the schema's 400
    expect((await call('POST', 'snapshots', { snapshot: { volume_id: null, display_name: 'x' } })).body).toEqual({ itemNotFound: { code: 404, message: 'Volume None could not be found.' } });
    expect((await call('POST', 'snapshots', { snapshot: { display_name: 'x' } })).status).toBe(400);
  });
});

describe('images come from the image service (its client)', () => {
  it('a volume from an uploaded image; a queued image is not active', async () => {
    const img = await t.app.inject({ method: 'POST', url: '/image/v2/images', headers: { 'x-auth-token': `admin:${P}`, 'content-type': 'application/json' }, payload: { name: 'up', disk_format: 'raw', container_format: 'bare' } });
    expect(img.statusCode).toBe(201);
    const id = JSON.parse(img.body).id as string;
    const queued = await call('POST', 'volumes', { volume: { size: 1, imageRef: id } });
    expect(queued.body).toEqual({ badRequest: { code: 400, message: `Invalid input received: Image ${id} is not active.` } });
    const up = await t.app.inject({ method: 'PUT', url: `/image/v2/images/${id}/file`, headers: { 'x-auth-token': `admin:${P}`, 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(1024, 1) });
    expect(up.statusCode).toBe(204);
    await t.services.image.idle();
    const v = await newVolume({ imageRef: id });
    expect((await call('GET', `volumes/${v}`)).body.volume).toMatchObject({ bootable: 'true', volume_image_metadata: { image_id: id, image_name: 'up', disk_format: 'raw', size: '1024' } });
  });
});

describe('list order (get_sort_params, process_sort_params)', () => {
  it('sorts by sort=key:dir or sort_key/sort_dir, created_at and id closing the order; not both forms', async () => {
    const ids = [await newVolume({ name: 'sort-b', size: 2 }), await newVolume({ name: 'sort-a', size: 1 }), await newVolume({ name: 'sort-c', size: 3 })];
    const names = async (q: string) => (await call('GET', `volumes/detail?${q}`)).body.volumes.filter((v: { name: string }) => v.name?.startsWith('sort-')).map((v: { name: string }) => v.name);
    expect(await names('sort=name:asc')).toEqual(['sort-a', 'sort-b', 'sort-c']);
    expect(await names('sort=size:desc')).toEqual(['sort-c', 'sort-b', 'sort-a']);
    expect(await names('sort_key=name&sort_dir=desc')).toEqual(['sort-c', 'sort-b', 'sort-a']);
    const byId = (await call('GET', 'volumes?sort=id:asc')).body.volumes.map((v: { id: string }) => v.id);
    expect(byId).toEqual([...byId].sort());
    const sorted = [...ids].sort();
    const after = (await call('GET', `volumes?sort=id:asc&marker=${sorted[0]}`)).body.volumes.map((v: { id: string }) => v.id);
    expect(after).toContain(sorted[1]);
    expect(after).not.toContain(sorted[0]);
    expect((await call('GET', 'volumes?sort=id&sort_key=id')).body.badRequest.message).toBe("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
    expect((await call('GET', 'volumes?sort=id:up')).body.badRequest.message).toBe("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    expect((await call('GET', 'volumes?sort=nosuchcolumn')).status).toBe(400);
    expect((await call('GET', 'snapshots?sort=created_at:asc')).status).toBe(200);
  });
});
