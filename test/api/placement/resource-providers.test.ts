// Resource provider arc: create (1.0 empty 201, 1.20 body), show, rename, trees (1.14,
// re-parenting 1.37), duplicates, delete refusals, list filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { firstError, PlacementClient } from '../../helpers/placement.js';

let t: TestApp;
let pc: PlacementClient;
beforeAll(async () => { t = await createPlacementTestApp(); pc = new PlacementClient(t.transport, ''); });
afterAll(async () => { await t.close(); });

describe('create and show', () => {
  it('1.0: 201, empty body, Location; 1.20: 200 with the provider', async () => {
    const old = await pc.call('POST', '/resource_providers', { body: { name: 'old-style', uuid: 'ABCDEF01234567890ABCDEF012345678' } });
    expect(old.status).toBe(201);
    expect(old.text).toBe('');
    // the uuid comes back canonical: lower case with dashes
    expect(old.headers.location).toMatch(/\/resource_providers\/abcdef01-2345-6789-0abc-def012345678$/);
    const fresh = await pc.call('POST', '/resource_providers', { version: '1.20', body: { name: 'new-style' } });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ name: 'new-style', generation: 0, parent_provider_uuid: null });
    expect(fresh.body.root_provider_uuid).toBe(fresh.body.uuid);
  });
  it('shows links by version: aggregates 1.1, traits 1.6, allocations 1.11', async () => {
    const { uuid } = await pc.createProvider('linked');
    const rels = async (v: string) => (await pc.call('GET', `/resource_providers/${uuid}`, { version: v })).body.links.map((l: { rel: string }) => l.rel);
    expect(await rels('1.0')).toEqual(['self', 'inventories', 'usages']);
    expect(await rels('1.6')).toEqual(['self', 'inventories', 'usages', 'aggregates', 'traits']);
    expect(await rels('1.11')).toEqual(['self', 'inventories', 'usages', 'aggregates', 'traits', 'allocations']);
  });
  it('refuses duplicate names and uuids with 409 duplicate_name', async () => {
    const a = await pc.createProvider('dup-name');
    const byName = await pc.call('POST', '/resource_providers', { version: '1.23', body: { name: 'dup-name' } });
    expect(byName.status).toBe(409);
    expect(firstError(byName)).toMatchObject({ code: 'placement.duplicate_name' });
    expect(firstError(byName).detail).toContain('Conflicting resource provider name: dup-name already exists.');
    const byUuid = await pc.call('POST', '/resource_providers', { version: '1.20', body: { name: 'other', uuid: a.uuid } });
    expect(byUuid.status).toBe(409);
    expect(firstError(byUuid).detail).toContain(`Conflicting resource provider uuid: ${a.uuid} already exists.`);
  });
  it('404 for an unknown provider', async () => {
    const r = await pc.call('GET', '/resource_providers/fd0dd55c-6330-463b-876c-31c54e95cb95');
    expect(r.status).toBe(404);
    expect(firstError(r).detail).toContain('No resource provider with uuid fd0dd55c-6330-463b-876c-31c54e95cb95 found');
  });
});

describe('trees', () => {
  it('children inherit the root; parent rules follow the microversion', async () => {
    const root = await pc.createProvider('root-a');
    const child = await pc.createProvider('child-a', { parent_provider_uuid: root.uuid });
    const shown = (await pc.call('GET', `/resource_providers/${child.uuid}`, { version: '1.14' })).body;
    expect(shown).toMatchObject({ parent_provider_uuid: root.uuid, root_provider_uuid: root.uuid });
    const other = await pc.createProvider('root-b');
    const reparent = (v: string, parent: string | null) => pc.call('PUT', `/resource_providers/${child.uuid}`, { version: v, body: { name: 'child-a', parent_provider_uuid: parent } });
    const refused = await reparent('1.36', other.uuid);
    expect(refused.status).toBe(400);
    expect(firstError(refused).detail).toContain('re-parenting a provider is not currently allowed.');
    const moved = await reparent('1.37', other.uuid);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parent_provider_uuid: other.uuid, root_provider_uuid: other.uuid });
    const loop = await pc.call('PUT', `/resource_providers/${other.uuid}`, { version: '1.37', body: { name: 'root-b', parent_provider_uuid: child.uuid } });
    expect(loop.status).toBe(400);
    expect(firstError(loop).detail).toContain('creating loop in the provider tree is not allowed.');
    const unparented = await reparent('1.37', null);
    expect(unparented.body).toMatchObject({ parent_provider_uuid: null, root_provider_uuid: child.uuid });
  });
  it('a parent cannot be deleted before its children', async () => {
    const root = await pc.createProvider('root-del');
    await pc.createProvider('child-del', { parent_provider_uuid: root.uuid });
    const r = await pc.call('DELETE', `/resource_providers/${root.uuid}`, { version: '1.23' });
    expect(r.status).toBe(409);
    expect(firstError(r).code).toBe('placement.resource_provider.cannot_delete_parent');
  });
  it('a provider with allocations cannot be deleted', async () => {
    const rp = await pc.createProvider('busy');
    // Allocations are written by another area; insert one row as it would.
    const db = t.services.runtime.db;
    const id = db.prepare('SELECT id FROM resource_providers WHERE uuid = ?').pluck().get(rp.uuid) as number;
    db.prepare("INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES (?, 'c1', 0, 1, '2026-01-01')").run(id);
    const r = await pc.call('DELETE', `/resource_providers/${rp.uuid}`, { version: '1.23' });
    expect(r.status).toBe(409);
    expect(firstError(r)).toMatchObject({ code: 'placement.resource_provider.inuse' });
    db.prepare('DELETE FROM allocations WHERE resource_provider_id = ?').run(id);
    expect((await pc.call('DELETE', `/resource_providers/${rp.uuid}`)).status).toBe(204);
    expect((await pc.call('GET', `/resource_providers/${rp.uuid}`)).status).toBe(404);
  });
});

describe('list filters', () => {
  it('filters by name and uuid and validates the query per version', async () => {
    const rp = await pc.createProvider('findme');
    const byName = await pc.call('GET', '/resource_providers?name=findme');
    expect(byName.body.resource_providers.map((p: { uuid: string }) => p.uuid)).toEqual([rp.uuid]);
    const byUuid = await pc.call('GET', `/resource_providers?uuid=${rp.uuid}`);
    expect(byUuid.body.resource_providers).toHaveLength(1);
    const tooNew = await pc.call('GET', '/resource_providers?required=HW_CPU_X86_AVX', { version: '1.17' });
    expect(tooNew.status).toBe(400);
    expect(firstError(tooNew).detail).toContain('Invalid query string parameters');
    const badUuid = await pc.call('GET', '/resource_providers?uuid=not-a-uuid');
    expect(badUuid.status).toBe(400);
    const badMember = await pc.call('GET', '/resource_providers?member_of=nope', { version: '1.3' });
    expect(firstError(badMember).detail).toContain("Expected 'member_of' parameter to contain valid UUID(s).");
  });
});
