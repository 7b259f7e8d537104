// Flavors: per-version views (2.55 description, 2.61 extra_specs, 2.75 swap), paging, filters,
// flavor-manage, extra specs and flavor access, with nova's policies and messages.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const link = (id: string) => [
  { rel: 'self', href: `http://localhost:80/compute/v2.1/flavors/${id}` },
  { rel: 'bookmark', href: `http://localhost:80/compute/flavors/${id}` },
];

describe('views per microversion', () => {
  test('2.1 list: the six default flavors in order, id/name/links only', async () => {
    const r = await c.call('GET', '/flavors');
    expect(r.status).toBe(200);
    expect(r.body.flavors.map((f: { name: string }) => f.name)).toEqual(['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge', 'm1.tiny.specs']);
    expect(r.body.flavors[0]).toEqual({ id: '1', name: 'm1.tiny', links: link('1') });
  });

  test('2.1 show: swap "" and rxtx_factor written as a float', async () => {
    const r = await c.call('GET', '/flavors/2');
    expect(r.body).toEqual({
      flavor: {
        id: '2', name: 'm1.small', ram: 2048, disk: 20, swap: '', 'OS-FLV-EXT-DATA:ephemeral': 0, 'OS-FLV-DISABLED:disabled': false,
        vcpus: 1, 'os-flavor-access:is_public': true, rxtx_factor: 1, links: link('2'),
      },
    });
    expect(r.text).toContain('"rxtx_factor":1.0');
  });

  test('2.55 adds description, 2.61 extra_specs (detail/show only), 2.75 swap 0', async () => {
    const l55 = await c.call('GET', '/flavors', { version: '2.55' });
    expect(l55.body.flavors[0]).toEqual({ id: '1', name: 'm1.tiny', links: link('1'), description: null });
    const l61 = await c.call('GET', '/flavors', { version: '2.61' });
    expect(l61.body.flavors[5]).not.toHaveProperty('extra_specs');
    const d61 = await c.call('GET', '/flavors/detail', { version: '2.61' });
    expect(d61.body.flavors[5].extra_specs).toEqual({ 'hw:numa_nodes': '1' });
    expect(d61.body.flavors[5].swap).toBe('');
    const s75 = await c.call('GET', '/flavors/6', { version: '2.75' });
    expect(s75.body.flavor).toMatchObject({ swap: 0, description: null, extra_specs: { 'hw:numa_nodes': '1' } });
  });

  test('unknown flavor is 404 itemNotFound', async () => {
    const r = await c.call('GET', '/flavors/doesnotexist');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: 'Flavor doesnotexist could not be found.' } });
  });
});

describe('paging and filters', () => {
  test('limit gives a next link carrying the query, marker continues after it', async () => {
    const p1 = await c.call('GET', '/flavors?limit=2&sort_key=name');
    expect(p1.body.flavors.map((f: { id: string }) => f.id)).toEqual(['4', '3']);
    expect(p1.body.flavors_links).toEqual([{ rel: 'next', href: 'http://localhost:80/compute/v2.1/flavors?limit=2&sort_key=name&marker=3' }]);
    const p2 = await c.call('GET', '/flavors?limit=2&sort_key=name&marker=3');
    expect(p2.body.flavors.map((f: { id: string }) => f.id)).toEqual(['2', '1']);
    const last = await c.call('GET', '/flavors/detail?limit=10');
    expect(last.body).not.toHaveProperty('flavors_links');
  });

  test('unknown marker, bad filters', async () => {
    expect((await c.call('GET', '/flavors?marker=zzz')).body).toEqual({ badRequest: { code: 400, message: 'marker [zzz] not found' } });
    expect((await c.call('GET', '/flavors?minRam=x')).body.badRequest.message).toBe('Invalid minRam filter [x]');
    expect((await c.call('GET', '/flavors?is_public=maybe')).body.badRequest.message).toBe('Invalid is_public filter [maybe]');
    expect((await c.call('GET', '/flavors?sort_key=bogus')).body.badRequest.message)
      .toMatch(/^Invalid input for query parameters sort_key\. Value: bogus\. 'bogus' is not one of \['created_at'/);
  });

  test('minRam/minDisk select', async () => {
    const r = await c.call('GET', '/flavors?minRam=4096&minDisk=80');
    expect(r.body.flavors.map((f: { id: string }) => f.id)).toEqual(['4', '5']);
  });
});

describe('flavor-manage, extra specs, access', () => {
  test('create (admin only), conflicts, 2.55 description update, delete', async () => {
    const denied = await c.call('POST', '/flavors', { token: 'u1:p1', body: { flavor: { name: 'f', ram: 1, vcpus: 1, disk: 1 } } });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed." } });

    const made = await c.call('POST', '/flavors', { version: '2.55', body: { flavor: { name: 'custom', id: 'c1', ram: '256', vcpus: 2, disk: 3, swap: 5, description: 'mine' } } });
    expect(made.status).toBe(200);
    expect(made.body.flavor).toMatchObject({ id: 'c1', name: 'custom', ram: 256, vcpus: 2, disk: 3, swap: 5, description: 'mine' });

    const dupName = await c.call('POST', '/flavors', { body: { flavor: { name: 'custom', ram: 1, vcpus: 1, disk: 1 } } });
    expect(dupName.status).toBe(409);
    expect(dupName.body.conflictingRequest.message).toBe('Flavor with name custom already exists.');
    const dupId = await c.call('POST', '/flavors', { body: { flavor: { name: 'other', id: 'c1', ram: 1, vcpus: 1, disk: 1 } } });
    expect(dupId.body.conflictingRequest.message).toBe('Flavor with ID c1 already exists.');

    const upd = await c.call('PUT', '/flavors/c1', { version: '2.55', body: { flavor: { description: 'new' } } });
    expect(upd.status).toBe(200);
    expect(upd.body.flavor.description).toBe('new');

    expect((await c.call('DELETE', '/flavors/c1')).status).toBe(202);
    expect((await c.call('GET', '/flavors/c1')).status).toBe(404);
    expect((await c.call('DELETE', '/flavors/c1')).body).toEqual({ itemNotFound: { code: 404, message: 'Flavor c1 could not be found.' } });
  });

  test('a generated id is a uuid', async () => {
    const r = await c.call('POST', '/flavors', { body: { flavor: { name: 'auto-id', ram: 1, vcpus: 1, disk: 1 } } });
    expect(r.body.flavor.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('extra specs CRUD', async () => {
    const set = await c.call('POST', '/flavors/1/os-extra_specs', { body: { extra_specs: { 'hw:cpu_policy': 'dedicated', n: 2 } } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ extra_specs: { 'hw:cpu_policy': 'dedicated', n: 2 } });
    expect((await c.call('GET', '/flavors/1/os-extra_specs')).body).toEqual({ extra_specs: { 'hw:cpu_policy': 'dedicated', n: '2' } });
    expect((await c.call('GET', '/flavors/1/os-extra_specs/n')).body).toEqual({ n: '2' });

    const mismatch = await c.call('PUT', '/flavors/1/os-extra_specs/n', { body: { m: '3' } });
    expect(mismatch.body).toEqual({ badRequest: { code: 400, message: 'Request body and URI mismatch' } });
    const two = await c.call('PUT', '/flavors/1/os-extra_specs/n', { body: { n: '3', m: '4' } });
    expect(two.body.badRequest.message).toBe("{'n': '3', 'm': '4'} has too many properties");
    expect((await c.call('PUT', '/flavors/1/os-extra_specs/n', { body: { n: '3' } })).body).toEqual({ n: '3' });

    expect((await c.call('DELETE', '/flavors/1/os-extra_specs/n')).status).toBe(200); // nova's wsgi default (checked against the real Nova)
    const gone = await c.call('GET', '/flavors/1/os-extra_specs/n');
    expect(gone.body).toEqual({ itemNotFound: { code: 404, message: 'Flavor 1 has no extra specs with key n.' } });
    expect((await c.call('POST', '/flavors/1/os-extra_specs', { token: 'u1:p1', body: { extra_specs: { a: 'b' } } })).status).toBe(403);
    // members may read them
    expect((await c.call('GET', '/flavors/1/os-extra_specs', { token: 'u1:p1' })).status).toBe(200);
  });

  test('flavor access: private flavors are shared per project', async () => {
    await c.call('POST', '/flavors', { body: { flavor: { name: 'private', id: 'p1', ram: 1, vcpus: 1, disk: 1, 'os-flavor-access:is_public': false } } });
    // a member of another project neither lists nor sees it
    expect((await c.call('GET', '/flavors', { token: 'u1:proj1' })).body.flavors.map((f: { id: string }) => f.id)).not.toContain('p1');
    expect((await c.call('GET', '/flavors/p1', { token: 'u1:proj1' })).status).toBe(404);

    const add = await c.call('POST', '/flavors/p1/action', { body: { addTenantAccess: { tenant: 'proj1' } } });
    expect(add.status).toBe(200);
    expect(add.body).toEqual({ flavor_access: [{ flavor_id: 'p1', tenant_id: 'proj1' }] });
    const again = await c.call('POST', '/flavors/p1/action', { body: { addTenantAccess: { tenant: 'proj1' } } });
    // nova names the flavor by its internal id here (checked against the real Nova: 'flavor 7')
    const internal = t.services.compute.store.flavors.get('p1')!.id;
    expect(again.body.conflictingRequest.message).toBe(`Flavor access already exists for flavor ${internal} and project proj1 combination.`);

    expect((await c.call('GET', '/flavors', { token: 'u1:proj1' })).body.flavors.map((f: { id: string }) => f.id)).toContain('p1');
    expect((await c.call('GET', '/flavors/p1/os-flavor-access')).body).toEqual({ flavor_access: [{ flavor_id: 'p1', tenant_id: 'proj1' }] });
    expect((await c.call('GET', '/flavors/1/os-flavor-access')).body.itemNotFound.message).toBe('Access list not available for public flavors.');
    // members may read access lists too (Zed's deprecated admin_or_owner rule still applies)
    expect((await c.call('GET', '/flavors/p1/os-flavor-access', { token: 'u1:proj1' })).body).toEqual({ flavor_access: [{ flavor_id: 'p1', tenant_id: 'proj1' }] });

    const publicAdd = await c.call('POST', '/flavors/1/action', { version: '2.7', body: { addTenantAccess: { tenant: 'x' } } });
    expect(publicAdd.body.conflictingRequest.message).toBe('Can not add access to a public flavor.');

    const rm = await c.call('POST', '/flavors/p1/action', { body: { removeTenantAccess: { tenant: 'proj1' } } });
    expect(rm.body).toEqual({ flavor_access: [] });
    const rmAgain = await c.call('POST', '/flavors/p1/action', { body: { removeTenantAccess: { tenant: 'proj1' } } });
    expect(rmAgain.body.itemNotFound.message).toBe(`Flavor access not found for ${internal} / proj1 combination.`);

    const admins = await c.call('GET', '/flavors?is_public=false');
    expect(admins.body.flavors.map((f: { id: string }) => f.id)).toEqual(['p1']);
  });
});
