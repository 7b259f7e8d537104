// Servers: create/show/list/update/delete and their views per microversion and caller
// (views/servers.py, nova-traces/api_basics.json), filters and paging.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const boot = (server: Record<string, unknown>, o: { version?: string; token?: string } = {}) =>
  c.call('POST', '/servers', { version: o.version ?? '2.93', token: o.token, body: { server: { name: 'vm', imageRef: IMAGE, flavorRef: '1', ...server } } });

const SHOW_21_ADMIN = ['id', 'name', 'status', 'tenant_id', 'user_id', 'metadata', 'hostId', 'image', 'flavor', 'created', 'updated',
  'addresses', 'accessIPv4', 'accessIPv6', 'links', 'OS-DCF:diskConfig', 'progress', 'OS-EXT-AZ:availability_zone', 'config_drive',
  'key_name', 'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at', 'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:instance_name',
  'OS-EXT-SRV-ATTR:hypervisor_hostname', 'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state', 'OS-EXT-STS:power_state',
  'os-extended-volumes:volumes_attached'];
const ADDED_BY_293 = ['OS-EXT-SRV-ATTR:reservation_id', 'OS-EXT-SRV-ATTR:launch_index', 'OS-EXT-SRV-ATTR:hostname',
  'OS-EXT-SRV-ATTR:kernel_id', 'OS-EXT-SRV-ATTR:ramdisk_id', 'OS-EXT-SRV-ATTR:root_device_name', 'OS-EXT-SRV-ATTR:user_data',
  'host_status', 'locked', 'locked_reason', 'description', 'tags', 'trusted_image_certificates', 'server_groups'];

describe('create', () => {
  test('202 with Location and nova\'s minimal body', async () => {
    const r = await boot({ networks: 'none' });
    expect(r.status).toBe(202);
    const id = r.body.server.id;
    expect(r.body.server).toEqual({
      id,
      links: [{ rel: 'self', href: `http://localhost:80/compute/v2.1/servers/${id}` }, { rel: 'bookmark', href: `http://localhost:80/compute/servers/${id}` }],
      'OS-DCF:diskConfig': 'MANUAL',
      security_groups: [{ name: 'default' }],
      adminPass: expect.any(String),
    });
    expect(r.headers.location).toBe(`http://localhost:80/compute/v2.1/servers/${id}`);
    await c.waitForServerStatus(id, 'ACTIVE');
  });

  test('networks is required from 2.37, optional before', async () => {
    const r = await boot({});
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe(
      `Invalid input for field/attribute server. Value: {'name': 'vm', 'imageRef': '${IMAGE}', 'flavorRef': '1'}. 'networks' is a required property`);
    expect((await boot({}, { version: '2.36' })).status).toBe(202);
    const bad = await boot({ networks: 'some' });
    expect(bad.body.badRequest.message).toBe("Invalid input for field/attribute networks. Value: some. 'some' is not valid under any of the given schemas");
  });

  test('fields of later versions are unknown before them', async () => {
    const r = await boot({ description: 'd' }, { version: '2.18' });
    expect(r.body.badRequest.message).toMatch(/Additional properties are not allowed \('description' was unexpected\)$/);
    const tags = await boot({ networks: 'none', tags: ['a'] }, { version: '2.51' });
    expect(tags.body.badRequest.message).toMatch(/\('tags' was unexpected\)$/);
  });

  test('a flavorRef link works; an unknown flavor is 400', async () => {
    const r = await boot({ networks: 'none', flavorRef: 'http://localhost/compute/flavors/2' });
    expect(r.status).toBe(202);
    const s = await c.waitForServerStatus(r.body.server.id, 'ACTIVE');
    expect(s.flavor.original_name).toBe('m1.small');
    const bad = await boot({ networks: 'none', flavorRef: '99' });
    expect(bad.body).toEqual({ badRequest: { code: 400, message: 'Flavor 99 could not be found.' } });
  });

  test('host/hypervisor_hostname (2.74) need admin', async () => {
    const r = await boot({ networks: 'none', host: 'host1' }, { token: 'u1:p1' });
    expect(r.status).toBe(403);
    expect(r.body.forbidden.message).toBe("Policy doesn't allow compute:servers:create:requested_destination to be performed.");
  });

  test('multi-create: return_reservation_id, then the reservation filter shows both', async () => {
    const r = await boot({ name: 'multi', networks: 'none', min_count: 2, return_reservation_id: true });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ reservation_id: expect.stringMatching(/^r-[0-9a-z]{8}$/) });
    await t.services.compute.workflows.idle();
    const listed = (await c.call('GET', `/servers/detail?reservation_id=${r.body.reservation_id}`, { version: '2.93' })).body.servers;
    expect(listed.map((s: Record<string, unknown>) => [s.name, s['OS-EXT-SRV-ATTR:launch_index']]).sort()).toEqual([['multi-1', 0], ['multi-2', 1]]);
    const byImage = (await c.call('GET', `/servers?image=${IMAGE}&name=^multi-`)).body.servers;
    expect(byImage).toHaveLength(2);
  });

  test('min_count > max_count is refused', async () => {
    const r = await boot({ networks: 'none', min_count: 3, max_count: 2 });
    expect(r.body).toEqual({ badRequest: { code: 400, message: 'min_count must be <= max_count' } });
  });
});

describe('show and its views', () => {
  let id: string;
  beforeAll(async () => { id = (await c.createServer({ name: 'viewed' })).id; });

  test('2.1 admin: exactly the fields of the trace', async () => {
    const r = await c.call('GET', `/servers/${id}`);
    expect(Object.keys(r.body.server).sort()).toEqual([...SHOW_21_ADMIN].sort());
    const s = r.body.server;
    expect(s.flavor).toEqual({ id: '1', links: [{ rel: 'bookmark', href: 'http://localhost:80/compute/flavors/1' }] });
    expect(s.image).toEqual({ id: IMAGE, links: [{ rel: 'bookmark', href: `http://localhost:80/compute/images/${IMAGE}` }] });
    expect(s.status).toBe('ACTIVE');
    expect(s.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(s['OS-SRV-USG:launched_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(s['OS-EXT-SRV-ATTR:instance_name']).toMatch(/^instance-[0-9a-f]{8}$/);
    expect(s.hostId).toMatch(/^[0-9a-f]{56}$/);
    expect(s['OS-EXT-STS:vm_state']).toBe('active');
    expect(s['OS-EXT-STS:power_state']).toBe(1);
  });

  test('2.93 admin adds the later fields; flavor is embedded', async () => {
    const r = await c.call('GET', `/servers/${id}`, { version: '2.93' });
    expect(Object.keys(r.body.server).sort()).toEqual([...SHOW_21_ADMIN, ...ADDED_BY_293].sort());
    expect(r.body.server.flavor).toEqual({ vcpus: 1, ram: 512, disk: 1, ephemeral: 0, swap: 0, original_name: 'm1.tiny', extra_specs: {} });
    expect(r.body.server.host_status).toBe('UP');
    expect(r.body.server.server_groups).toEqual([]);
  });

  test('the owner (non-admin) sees no extended attributes but the 2.90 hostname', async () => {
    const mine = await c.createServer({ name: 'mine', token: 'u1:p1' });
    const at289 = (await c.call('GET', `/servers/${mine.id}`, { version: '2.89', token: 'u1:p1' })).body.server;
    expect(Object.keys(at289).filter((k) => k.startsWith('OS-EXT-SRV-ATTR'))).toEqual([]);
    expect(at289).not.toHaveProperty('host_status');
    const at290 = (await c.call('GET', `/servers/${mine.id}`, { version: '2.90', token: 'u1:p1' })).body.server;
    expect(Object.keys(at290).filter((k) => k.startsWith('OS-EXT-SRV-ATTR'))).toEqual(['OS-EXT-SRV-ATTR:hostname']);
    // another project's server is not found at all
    const other = await c.call('GET', `/servers/${mine.id}`, { token: 'u2:p2' });
    expect(other.body).toEqual({ itemNotFound: { code: 404, message: `Instance ${mine.id} could not be found.` } });
  });

  test('an unknown server is 404', async () => {
    const r = await c.call('GET', '/servers/00000000-0000-0000-0000-000000000000');
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: 'Instance 00000000-0000-0000-0000-000000000000 could not be found.' } });
  });
});

describe('list, detail, filters, paging', () => {
  let ids: string[];
  beforeAll(async () => {
    const a = await c.createServer({ name: 'alpha', token: 'lister:lp' });
    const b = await c.createServer({ name: 'beta', token: 'lister:lp', flavorRef: '2' });
    const g = await c.createServer({ name: 'gamma', token: 'lister:lp' });
    ids = [a.id, b.id, g.id];
  });
  const as = (path: string, version = '2.93') => c.call('GET', path, { token: 'lister:lp', version });
  const names = (r: { body: { servers: { name: string }[] } }) => r.body.servers.map((s) => s.name);

  test('list is id/name/links, newest first; detail has full servers', async () => {
    const r = await as('/servers');
    expect(names(r)).toEqual(['gamma', 'beta', 'alpha']);
    expect(Object.keys(r.body.servers[0]).sort()).toEqual(['id', 'links', 'name']);
    const d = await as('/servers/detail');
    expect(d.body.servers[0].status).toBe('ACTIVE');
    expect(d.body.servers[0]).not.toHaveProperty('server_groups');
  });

  test('name regex, flavor, status filters', async () => {
    expect(names(await as('/servers?name=^(al|ga)'))).toEqual(['gamma', 'alpha']);
    expect(names(await as('/servers?flavor=2'))).toEqual(['beta']);
    expect(names(await as('/servers?flavor=nope'))).toEqual([]);
    expect(names(await as('/servers?status=SHUTOFF'))).toEqual([]);
    expect(names(await as('/servers?status=active'))).toEqual(['gamma', 'beta', 'alpha']);
    expect((await as('/servers?status=bogus')).body).toEqual({ badRequest: { code: 400, message: 'Invalid status value' } });
    expect(names(await as('/servers?status=bogus', '2.37'))).toEqual([]);
  });

  test('admin-only options are ignored for members; all_tenants needs admin', async () => {
    expect(names(await as('/servers?host=nowhere', '2.1'))).toEqual(['gamma', 'beta', 'alpha']);
    const denied = await as('/servers?all_tenants=1');
    expect(denied.body).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:servers:index:get_all_tenants to be performed." } });
    const admin = await c.call('GET', '/servers?all_tenants=1&project_id=lp');
    expect(admin.body.servers.map((s: { id: string }) => s.id).sort()).toEqual([...ids].sort());
    expect((await c.call('GET', '/servers?all_tenants=1&host=nowhere')).body.servers).toEqual([]);
    expect((await c.call('GET', '/servers?all_tenants=maybe')).body.badRequest.message)
      .toBe("Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'");
    // all_tenants=0 is the caller's own project
    expect((await c.call('GET', '/servers?all_tenants=0&project_id=lp')).body.servers.map((s: { id: string }) => s.id)).not.toContain(ids[0]);
  });

  test('limit/marker paging with servers_links; unknown marker', async () => {
    const p1 = await as('/servers?limit=2');
    expect(names(p1)).toEqual(['gamma', 'beta']);
    expect(p1.body.servers_links).toEqual([{ rel: 'next', href: `http://localhost:80/compute/v2.1/servers?limit=2&marker=${ids[1]}` }]);
    const p2 = await as(`/servers?limit=2&marker=${ids[1]}`);
    expect(names(p2)).toEqual(['alpha']);
    expect(p2.body).not.toHaveProperty('servers_links');
    expect((await as('/servers?marker=nope')).body).toEqual({ badRequest: { code: 400, message: 'marker [nope] not found' } });
  });

  test('changes-since includes deleted servers; deleted=true is for admins', async () => {
    const gone = await c.createServer({ name: 'delta', token: 'lister:lp' });
    await c.call('DELETE', `/servers/${gone.id}`, { token: 'lister:lp' });
    await t.services.compute.workflows.idle();
    expect(names(await as('/servers'))).not.toContain('delta');
    const since = await as('/servers/detail?changes-since=2000-01-01T00:00:00Z');
    const deleted = since.body.servers.find((s: { name: string }) => s.name === 'delta');
    expect(deleted.status).toBe('DELETED');
    expect((await as('/servers?changes-since=yesterday')).body).toEqual({ badRequest: { code: 400, message: "Invalid input for query parameters changes-since. Value: yesterday. 'yesterday' is not a 'date-time'" } });
    // members' deleted filter is dropped silently; admins get deleted servers only
    expect(names(await as('/servers?deleted=true'))).not.toContain('delta');
    const admin = await c.call('GET', '/servers?deleted=true&all_tenants=1&project_id=lp');
    expect(admin.body.servers.map((s: { name: string }) => s.name)).toEqual(['delta']);
  });

  test('sort_key/sort_dir', async () => {
    expect(names(await as('/servers?sort_key=display_name&sort_dir=asc'))).toEqual(['alpha', 'beta', 'gamma']);
  });

  test('strict query parameters from 2.75', async () => {
    expect((await as('/servers?bogus=1', '2.74')).status).toBe(200);
    // the schema's '^_' patternProperties shape jsonschema's message (as the real Nova answers)
    expect((await as('/servers?bogus=1', '2.75')).body.badRequest.message).toBe("'bogus' does not match any of the regexes: '^_'");
  });
});

describe('update and delete', () => {
  test('PUT: reduced answer before 2.75, full from 2.75; description from 2.19', async () => {
    const s = await c.createServer({ name: 'old' });
    const r21 = await c.call('PUT', `/servers/${s.id}`, { body: { server: { name: 'new' } } });
    expect(r21.status).toBe(200);
    expect(r21.body.server.name).toBe('new');
    expect(Object.keys(r21.body.server).some((k) => k.startsWith('OS-EXT-'))).toBe(false);
    expect(r21.body.server).not.toHaveProperty('config_drive');
    const early = await c.call('PUT', `/servers/${s.id}`, { version: '2.18', body: { server: { description: 'x' } } });
    expect(early.body.badRequest.message).toMatch(/\('description' was unexpected\)$/);
    const r275 = await c.call('PUT', `/servers/${s.id}`, { version: '2.75', body: { server: { description: 'described' } } });
    expect(r275.body.server.description).toBe('described');
    expect(r275.body.server['OS-EXT-STS:vm_state']).toBe('active');
    expect(r275.body.server.server_groups).toEqual([]);
  });

  test('DELETE is 204, then the server is gone', async () => {
    const s = await c.createServer({ name: 'doomed' });
    const r = await c.call('DELETE', `/servers/${s.id}`);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    await t.services.compute.workflows.idle();
    expect((await c.call('GET', `/servers/${s.id}`)).status).toBe(404);
    expect((await c.call('DELETE', `/servers/${s.id}`)).status).toBe(404);
  });
});
