// os-aggregates per microversion, its errors and policies, the Placement mirroring of add/remove
// host (checked through /placement/resource_providers/{uuid}/aggregates), the availability zone
// rules, os-availability-zone, services zones, and scheduling into a zone (boot, list filter,
// moves that keep the requested zone). Messages follow nova 26 (aggregates.py, compute/api.py
// AggregateAPI, availability_zones.py), checked against the real Nova.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

async function reset(hosts?: Record<string, unknown>[]): Promise<void> {
  const r = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin' }, payload: hosts ? { hosts } : {} });
  expect(r.statusCode).toBe(200);
}

async function createAggregate(aggregate: Record<string, unknown>, version = '2.41'): Promise<any> {
  const r = await c.call('POST', '/os-aggregates', { version, body: { aggregate } });
  expect(r.status, r.text).toBe(200);
  return r.body.aggregate;
}

const act = (id: number | string, body: unknown, version = '2.41') => c.call('POST', `/os-aggregates/${id}/action`, { version, body });

async function addHost(id: number, host: string): Promise<any> {
  const r = await act(id, { add_host: { host } });
  expect(r.status, r.text).toBe(200);
  return r.body.aggregate;
}

/** The host's compute node provider and its aggregates in Placement. */
async function providerAggregates(host: string): Promise<{ aggregates: string[]; generation: number }> {
  const rps = await t.app.inject({ method: 'GET', url: `/placement/resource_providers?name=${host}`, headers: { 'x-auth-token': 'admin' } });
  const uuid = JSON.parse(rps.body).resource_providers[0].uuid as string;
  const r = await t.app.inject({
    method: 'GET', url: `/placement/resource_providers/${uuid}/aggregates`,
    headers: { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.19' },
  });
  const b = JSON.parse(r.body);
  return { aggregates: [...b.aggregates].sort(), generation: b.resource_provider_generation };
}

async function boot(extra: Record<string, unknown> = {}, flavorRef = '1'): Promise<{ status: number; server?: any; body: any }> {
  const r = await c.call('POST', '/servers', { version: '2.93', body: { server: { name: 'vm', imageRef: IMAGE, flavorRef, networks: 'none', ...extra } } });
  if (r.status !== 202) return { status: r.status, body: r.body };
  await t.services.compute.workflows.idle();
  const shown = await c.call('GET', `/servers/${r.body.server.id}`, { version: '2.93' });
  return { status: 202, server: shown.body.server, body: r.body };
}

const badRequest = (message: string) => ({ badRequest: { code: 400, message } });
const notFound = (message: string) => ({ itemNotFound: { code: 404, message } });
const conflict = (message: string) => ({ conflictingRequest: { code: 409, message } });

describe('os-aggregates API', () => {
  beforeEach(async () => { await reset(); });

  test('create answers 200 without hosts/metadata; uuid from 2.41; list and show per version', async () => {
    const a1 = await createAggregate({ name: 'agg1', availability_zone: 'az1' }, '2.1');
    expect(Object.keys(a1)).toEqual(['id', 'name', 'created_at', 'updated_at', 'deleted_at', 'deleted', 'availability_zone']);
    expect(a1).toMatchObject({ id: 1, name: 'agg1', updated_at: null, deleted_at: null, deleted: false, availability_zone: 'az1' });
    expect(a1.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    const a2 = await createAggregate({ name: 'agg2' });
    expect(a2.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a2.availability_zone).toBeNull();

    const old = await c.call('GET', '/os-aggregates', { version: '2.40' });
    expect(old.body.aggregates.map((a: any) => 'uuid' in a)).toEqual([false, false]);
    const list = await c.call('GET', '/os-aggregates', { version: '2.41' });
    expect(list.body.aggregates[0]).toEqual({
      id: 1, uuid: list.body.aggregates[0].uuid, name: 'agg1', hosts: [], metadata: { availability_zone: 'az1' },
      created_at: a1.created_at, updated_at: null, deleted_at: null, deleted: false, availability_zone: 'az1',
    });
    expect(Object.keys(list.body.aggregates[1])).toEqual(['id', 'uuid', 'name', 'hosts', 'metadata', 'created_at', 'updated_at', 'deleted_at', 'deleted', 'availability_zone']);
    const show = await c.call('GET', '/os-aggregates/2', { version: '2.41' });
    expect(show.body.aggregate.uuid).toBe(a2.uuid);
  });

  test('create errors: duplicate name 409, names and zones by nova\'s formats', async () => {
    await createAggregate({ name: 'agg' });
    expect((await c.call('POST', '/os-aggregates', { body: { aggregate: { name: 'agg' } } })).body).toEqual(conflict('Aggregate agg already exists.'));
    const colon = await c.call('POST', '/os-aggregates', { body: { aggregate: { name: 'x', availability_zone: 'a:b' } } });
    expect(colon.body).toEqual(badRequest("Invalid input for field/attribute availability_zone. Value: a:b. 'a:b' is not valid under any of the given schemas"));
    const empty = await c.call('POST', '/os-aggregates', { body: { aggregate: { name: 'x', availability_zone: '' } } });
    expect(empty.body).toEqual(badRequest("Invalid input for field/attribute availability_zone. Value: . '' is not valid under any of the given schemas"));
    const padded = await c.call('POST', '/os-aggregates', { body: { aggregate: { name: ' x' } } });
    expect(padded.body).toEqual(badRequest("An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace."));
    expect((await c.call('POST', '/os-aggregates', { body: { aggregate: { name: 'x', availability_zone: null } } })).status).toBe(200);
  });

  test('the legacy v2 API allows padded names and zones and strips them (create_v20)', async () => {
    const r = await t.app.inject({
      method: 'POST', url: '/compute/v2/os-aggregates', headers: { 'x-auth-token': 'admin' },
      payload: { aggregate: { name: ' padded ', availability_zone: ' z1 ' } },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(JSON.parse(r.body).aggregate).toMatchObject({ name: 'padded', availability_zone: 'z1' });
    const colon = await t.app.inject({
      method: 'POST', url: '/compute/v2/os-aggregates', headers: { 'x-auth-token': 'admin' },
      payload: { aggregate: { name: 'y', availability_zone: 'a:b' } },
    });
    expect(colon.statusCode).toBe(400);
  });

  test('show/update/delete: integer ids, 404, rename, zone update, taken names, empty zones', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await createAggregate({ name: 'a2' });
    expect((await c.call('GET', '/os-aggregates/abc')).body).toEqual(badRequest('Invalid input received: id must be an integer'));
    expect((await c.call('GET', '/os-aggregates/99')).body).toEqual(notFound('Aggregate 99 could not be found.'));
    const renamed = await c.call('PUT', '/os-aggregates/2', { version: '2.41', body: { aggregate: { name: 'b2' } } });
    expect(renamed.body.aggregate).toMatchObject({ name: 'b2', metadata: {}, availability_zone: null });
    expect(renamed.body.aggregate.updated_at).not.toBeNull();
    const zoned = await c.call('PUT', '/os-aggregates/2', { body: { aggregate: { availability_zone: 'az2' } } });
    expect(zoned.body.aggregate).toMatchObject({ metadata: { availability_zone: 'az2' }, availability_zone: 'az2' });
    expect((await c.call('PUT', '/os-aggregates/1', { body: { aggregate: { name: 'b2' } } })).body).toEqual(conflict('Aggregate b2 already exists.'));
    expect((await c.call('PUT', '/os-aggregates/1', { body: { aggregate: { availability_zone: null } } })).body)
      .toEqual(badRequest('Cannot update aggregate 1. Reason: Aggregate a1 does not support empty named availability zone.'));
    expect((await c.call('PUT', '/os-aggregates/1', { body: { aggregate: {} } })).status).toBe(400);
    expect((await c.call('PUT', '/os-aggregates/99', { body: { aggregate: { name: 'z' } } })).body).toEqual(notFound('Aggregate 99 could not be found.'));
    const del = await c.call('DELETE', '/os-aggregates/2');
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    expect((await c.call('DELETE', '/os-aggregates/2')).status).toBe(404);
  });

  test('set_metadata: null deletes a key, updated_at only in the answer, empty zone refused', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    const r = await act(1, { set_metadata: { metadata: { foo: 'bar', gone: null } } });
    expect(r.body.aggregate.metadata).toEqual({ availability_zone: 'az1', foo: 'bar' });
    expect(r.body.aggregate.updated_at).not.toBeNull();
    const again = await act(1, { set_metadata: { metadata: { foo: null, k: 'v' } } });
    expect(again.body.aggregate.metadata).toEqual({ availability_zone: 'az1', k: 'v' });
    expect((await c.call('GET', '/os-aggregates/1')).body.aggregate.updated_at).toBeNull();
    expect((await act(1, { set_metadata: { metadata: { availability_zone: null } } })).body)
      .toEqual(badRequest('Cannot update metadata of aggregate 1. Reason: Aggregate a1 does not support empty named availability zone.'));
    expect((await act(99, { set_metadata: { metadata: { k: 'v' } } })).body).toEqual(notFound('Aggregate 99 could not be found.'));
    expect((await act(1, { bogus: {} })).body).toEqual(badRequest('There is no such action: bogus'));
  });

  test('2.81 images: 202, unknown image and duplicates 400, below 2.81 404', async () => {
    await createAggregate({ name: 'a1' });
    const images = (cache: unknown, version = '2.81', id = 1) => c.call('POST', `/os-aggregates/${id}/images`, { version, body: { cache } });
    expect((await images([{ id: IMAGE }])).status).toBe(202);
    expect((await images([{ id: IMAGE }], '2.80')).status).toBe(404);
    expect((await images([{ id: IMAGE }, { id: IMAGE }])).body).toEqual(badRequest('Duplicate images in request'));
    const unknown = 'aaaaaaaa-4e14-4e4c-a73d-069cbf4541e6';
    expect((await images([{ id: unknown }])).body).toEqual(badRequest(`Image ${unknown} could not be found.`));
    expect((await images([{ id: IMAGE }], '2.81', 9)).status).toBe(404);
    expect((await images([])).status).toBe(400);
  });

  test('every rule is admin-only', async () => {
    await createAggregate({ name: 'a1' });
    const member = 'member:p1';
    const cases: [string, string, unknown, string][] = [
      ['GET', '/os-aggregates', undefined, 'os_compute_api:os-aggregates:index'],
      ['POST', '/os-aggregates', { aggregate: { name: 'm' } }, 'os_compute_api:os-aggregates:create'],
      ['GET', '/os-aggregates/1', undefined, 'os_compute_api:os-aggregates:show'],
      ['PUT', '/os-aggregates/1', { aggregate: { name: 'm' } }, 'os_compute_api:os-aggregates:update'],
      ['DELETE', '/os-aggregates/1', undefined, 'os_compute_api:os-aggregates:delete'],
      ['POST', '/os-aggregates/1/action', { add_host: { host: 'host1' } }, 'os_compute_api:os-aggregates:add_host'],
      ['POST', '/os-aggregates/1/action', { remove_host: { host: 'host1' } }, 'os_compute_api:os-aggregates:remove_host'],
      ['POST', '/os-aggregates/1/action', { set_metadata: { metadata: {} } }, 'os_compute_api:os-aggregates:set_metadata'],
      ['POST', '/os-aggregates/1/images', { cache: [{ id: IMAGE }] }, 'compute:aggregates:images'],
    ];
    for (const [method, path, body, rule] of cases) {
      const r = await c.call(method, path, { token: member, body, version: '2.81' });
      expect(r.body, `${method} ${path}`).toEqual({ forbidden: { code: 403, message: `Policy doesn't allow ${rule} to be performed.` } });
    }
  });
});

describe('hosts and the Placement mirroring', () => {
  beforeEach(async () => { await reset(); });

  test('add_host puts the aggregate on the compute node provider, remove_host takes it off', async () => {
    const a = await createAggregate({ name: 'a1', availability_zone: 'az1' });
    const before = await providerAggregates('host1');
    expect(before.aggregates).toEqual([]);
    const added = await addHost(1, 'host1');
    expect(added.hosts).toEqual(['host1']);
    const after = await providerAggregates('host1');
    expect(after.aggregates).toEqual([a.uuid]);
    expect(after.generation).toBe(before.generation + 1);
    expect((await providerAggregates('host2')).aggregates).toEqual([]);

    const b = await createAggregate({ name: 'a2' });
    await addHost(2, 'host1');
    expect((await providerAggregates('host1')).aggregates).toEqual([a.uuid, b.uuid].sort());

    const removed = await act(1, { remove_host: { host: 'host1' } });
    expect(removed.body.aggregate.hosts).toEqual([]);
    expect((await providerAggregates('host1')).aggregates).toEqual([b.uuid]);
  });

  test('deleting a compute service takes its host out of every aggregate', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await createAggregate({ name: 'a2' });
    await addHost(1, 'host2');
    await addHost(2, 'host2');
    await addHost(2, 'host1');
    const services = await c.call('GET', '/os-services?host=host2&binary=nova-compute', { version: '2.53' });
    const del = await c.call('DELETE', `/os-services/${services.body.services[0].id}`, { version: '2.53' });
    expect(del.status, del.text).toBe(204);
    const list = await c.call('GET', '/os-aggregates');
    expect(list.body.aggregates.map((a: any) => a.hosts)).toEqual([[], ['host1']]);
    expect((await c.call('DELETE', '/os-aggregates/1')).status).toBe(200);
    // the control plane's host removal is that same service delete
    const gone = await t.app.inject({ method: 'DELETE', url: '/_mock/hosts/host1', headers: { 'x-auth-token': 'admin' } });
    expect(gone.statusCode, gone.body).toBeLessThan(300);
    expect((await c.call('GET', '/os-aggregates/2')).body.aggregate.hosts).toEqual([]);
  });

  test('add/remove errors as nova words them', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await addHost(1, 'host1');
    expect((await act(1, { add_host: { host: 'host1' } })).body).toEqual(conflict('Aggregate 1 already has host host1.'));
    expect((await act(1, { add_host: { host: 'nohost' } })).body).toEqual(notFound('Compute host nohost could not be found.'));
    expect((await act(1, { add_host: { host: 'conductor' } })).body).toEqual(notFound('Compute host conductor could not be found.'));
    expect((await act(9, { add_host: { host: 'host2' } })).body).toEqual(notFound('Aggregate 9 could not be found.'));
    expect((await act('x', { add_host: { host: 'host2' } })).body).toEqual(badRequest('Invalid input received: id must be an integer'));
    expect((await act(1, { add_host: { host: 'bad host' } })).status).toBe(400);
    expect((await act(1, { remove_host: { host: 'host2' } })).body).toEqual(notFound('Cannot remove host host2 in aggregate 1'));
    expect((await act(1, { remove_host: { host: 'nohost' } })).body).toEqual(notFound('Cannot remove host nohost in aggregate 1'));
    expect((await act(7, { remove_host: { host: 'host1' } })).body).toEqual(notFound('Cannot remove host host1 in aggregate 7'));
    expect((await c.call('DELETE', '/os-aggregates/1')).body).toEqual(badRequest('Cannot remove host from aggregate 1. Reason: Host aggregate is not empty.'));
  });

  test('a host is in one zone only; a zone with instances cannot be renamed', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await addHost(1, 'host1');
    await createAggregate({ name: 'a2', availability_zone: 'az2' });
    expect((await act(2, { add_host: { host: 'host1' } })).body)
      .toEqual(conflict("Cannot add host to aggregate 2. Reason: One or more hosts already in availability zone(s) ['az1']."));
    await createAggregate({ name: 'a3' });
    await addHost(3, 'host1');
    expect((await act(3, { set_metadata: { metadata: { availability_zone: 'az3' } } })).body)
      .toEqual(badRequest("Cannot update metadata of aggregate 3. Reason: One or more hosts already in availability zone(s) ['az1']."));
    expect((await act(3, { set_metadata: { metadata: { availability_zone: 'az1' } } })).status).toBe(200);

    const vm = await boot({ availability_zone: 'az1' });
    expect(vm.server['OS-EXT-SRV-ATTR:host']).toBe('host1');
    // (a3 naming az1 too would be a zone conflict first)
    expect((await act(3, { remove_host: { host: 'host1' } })).status).toBe(200);
    expect((await act(1, { set_metadata: { metadata: { availability_zone: 'az9' } } })).body)
      .toEqual(badRequest('Cannot update metadata of aggregate 1. Reason: One or more hosts contain instances in this zone.'));
    expect((await c.call('PUT', '/os-aggregates/1', { body: { aggregate: { availability_zone: 'az9' } } })).body)
      .toEqual(badRequest('Cannot update aggregate 1. Reason: One or more hosts contain instances in this zone.'));
    // the same name is no change
    expect((await act(1, { set_metadata: { metadata: { availability_zone: 'az1' } } })).status).toBe(200);
  });
});

describe('availability zones', () => {
  beforeEach(async () => { await reset(); });

  test('os-availability-zone lists zones of enabled services (internal hidden); detail lists hosts; services show zones', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await addHost(1, 'host1');
    const list = await c.call('GET', '/os-availability-zone');
    expect(list.body.availabilityZoneInfo).toEqual([
      { zoneName: 'az1', zoneState: { available: true }, hosts: null },
      { zoneName: 'nova', zoneState: { available: true }, hosts: null },
    ]);
    const detail = await c.call('GET', '/os-availability-zone/detail');
    expect(detail.body.availabilityZoneInfo.map((z: any) => [z.zoneName, Object.keys(z.hosts).sort()]))
      .toEqual([['az1', ['host1']], ['internal', ['conductor', 'scheduler']], ['nova', ['host2']]]);
    const services = await c.call('GET', '/os-services');
    expect(services.body.services.map((s: any) => `${s.host}:${s.zone}`)).toEqual(['conductor:internal', 'scheduler:internal', 'host1:az1', 'host2:nova']);

    // a zone whose only compute is disabled is listed as not available
    const host1 = services.body.services.find((s: any) => s.host === 'host1');
    expect((await c.call('PUT', '/os-services/disable', { version: '2.1', body: { host: 'host1', binary: 'nova-compute' } })).status).toBe(200);
    const after = await c.call('GET', '/os-availability-zone');
    expect(after.body.availabilityZoneInfo).toEqual([
      { zoneName: 'nova', zoneState: { available: true }, hosts: null },
      { zoneName: 'az1', zoneState: { available: false }, hosts: null },
    ]);
    expect(host1).toBeDefined();
    // and cannot be booted into
    expect((await boot({ availability_zone: 'az1' })).body).toEqual(badRequest('The requested availability zone is not available'));
  });

  test('a boot into a zone lands on its hosts; list filter; OS-EXT-AZ follows the host', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await addHost(1, 'host2');
    for (let i = 0; i < 3; i++) {
      const vm = await boot({ availability_zone: 'az1' });
      expect(vm.server['OS-EXT-SRV-ATTR:host']).toBe('host2');
      expect(vm.server['OS-EXT-AZ:availability_zone']).toBe('az1');
    }
    const plain = await boot();
    expect(plain.server['OS-EXT-SRV-ATTR:host']).toBe('host1');
    expect(plain.server['OS-EXT-AZ:availability_zone']).toBe('nova');
    const inAz1 = await c.call('GET', '/servers?availability_zone=az1', { version: '2.93' });
    expect(inAz1.body.servers).toHaveLength(3);
    const inNova = await c.call('GET', '/servers?availability_zone=nova', { version: '2.93' });
    expect(inNova.body.servers.map((s: any) => s.id)).toEqual([plain.server.id]);
    expect((await boot({ availability_zone: 'nowhere' })).body).toEqual(badRequest('The requested availability zone is not available'));

    // host1 joins a zone: its server shows it (the instance row keeps 'nova' for the list filter)
    await createAggregate({ name: 'a2', availability_zone: 'az7' });
    await addHost(2, 'host1');
    expect((await c.call('GET', `/servers/${plain.server.id}`, { version: '2.93' })).body.server['OS-EXT-AZ:availability_zone']).toBe('az7');
    expect((await c.call('GET', '/servers?availability_zone=az7', { version: '2.93' })).body.servers).toEqual([]);
  });

  test('no room in the zone: NoValidHost although another zone has room', async () => {
    await reset([{ name: 'host1', vcpus: 1, memory_mb: 1024, local_gb: 10 }, { name: 'host2' }]);
    await createAggregate({ name: 'small', availability_zone: 'az1' });
    await addHost(1, 'host1');
    const vm = await boot({ availability_zone: 'az1' }, '2');
    expect(vm.server.status).toBe('ERROR');
    expect(vm.server.fault.message).toContain('No valid host was found');
    const fits = await boot({ availability_zone: 'nova' }, '2');
    expect(fits.server['OS-EXT-SRV-ATTR:host']).toBe('host2');
  });

  test('a migrate keeps the requested zone: NoValidHost until another host joins it', async () => {
    await reset([{ name: 'host1' }, { name: 'host2' }, { name: 'host3' }]);
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await addHost(1, 'host2');
    const vm = await boot({ availability_zone: 'az1' });
    expect(vm.server['OS-EXT-SRV-ATTR:host']).toBe('host2');
    expect((await c.action(vm.server.id, { migrate: null })).status).toBe(202);
    await t.services.compute.workflows.idle();
    const stayed = (await c.call('GET', `/servers/${vm.server.id}`, { version: '2.93' })).body.server;
    expect(stayed.status).toBe('ACTIVE');
    expect(stayed['OS-EXT-SRV-ATTR:host']).toBe('host2');
    await addHost(1, 'host3');
    expect((await c.action(vm.server.id, { migrate: null })).status).toBe(202);
    const moved = await c.waitForServerStatus(vm.server.id, 'VERIFY_RESIZE');
    expect(moved['OS-EXT-SRV-ATTR:host']).toBe('host3');
    expect(moved['OS-EXT-AZ:availability_zone']).toBe('az1');
  });

  test('the instance row follows moves: the destination\'s zone on migrate, the source\'s again on revert', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await addHost(1, 'host1');
    // no zone asked for (a forced host outside the zone drops it): a move may leave az1
    const vm = await boot({ availability_zone: ':host1' });
    const ids = async (zone: string) => (await c.call('GET', `/servers?availability_zone=${zone}`, { version: '2.93' })).body.servers.map((s: any) => s.id);
    expect(await ids('az1')).toEqual([vm.server.id]);
    expect((await c.action(vm.server.id, { migrate: null })).status).toBe(202);
    const moved = await c.waitForServerStatus(vm.server.id, 'VERIFY_RESIZE');
    expect(moved['OS-EXT-SRV-ATTR:host']).toBe('host2');
    expect(moved['OS-EXT-AZ:availability_zone']).toBe('nova');
    expect(await ids('nova')).toEqual([vm.server.id]);
    expect((await c.action(vm.server.id, { revertResize: null })).status).toBe(202);
    const back = await c.waitForServerStatus(vm.server.id, 'ACTIVE');
    expect(back['OS-EXT-AZ:availability_zone']).toBe('az1');
    expect(await ids('az1')).toEqual([vm.server.id]);
  });

  test('forced host: the zone is kept only when the host is in it', async () => {
    await createAggregate({ name: 'a1', availability_zone: 'az1' });
    await addHost(1, 'host1');
    const inZone = await boot({ availability_zone: 'az1:host1' });
    expect(inZone.server['OS-EXT-SRV-ATTR:host']).toBe('host1');
    expect(inZone.server['OS-EXT-AZ:availability_zone']).toBe('az1');
    // a wrong zone for the forced host is dropped, not refused (bug #1934770)
    const wrong = await boot({ availability_zone: 'nova:host1' });
    expect(wrong.status).toBe(202);
    expect(wrong.server['OS-EXT-SRV-ATTR:host']).toBe('host1');
    expect(wrong.server['OS-EXT-AZ:availability_zone']).toBe('az1');
  });
});
