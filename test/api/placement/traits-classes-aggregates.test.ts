// Resource classes (1.2, PUT create-or-verify 1.7), traits (1.6) and provider aggregates
// (1.1 list body, 1.19 generation body).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { STANDARD_RESOURCE_CLASSES, STANDARD_TRAITS } from '../../../src/placement/data/standard-names.js';
import { firstError, PlacementClient } from '../../helpers/placement.js';

let t: TestApp;
let pc: PlacementClient;
beforeAll(async () => { t = await createPlacementTestApp(); pc = new PlacementClient(t.transport, ''); });
afterAll(async () => { await t.close(); });

describe('resource classes', () => {
  it('lists the standard classes, creates, renames (<=1.6), verifies (1.7) and deletes custom ones', async () => {
    const list = (await pc.call('GET', '/resource_classes', { version: '1.2' })).body.resource_classes.map((c: { name: string }) => c.name);
    expect(list).toEqual(STANDARD_RESOURCE_CLASSES);
    expect((await pc.call('POST', '/resource_classes', { version: '1.2', body: { name: 'CUSTOM_A' } })).status).toBe(201);
    expect((await pc.call('POST', '/resource_classes', { version: '1.2', body: { name: 'CUSTOM_A' } })).status).toBe(409);
    const bad = await pc.call('POST', '/resource_classes', { version: '1.2', body: { name: 'NOT_CUSTOM' } });
    expect(firstError(bad).detail).toContain("'NOT_CUSTOM' does not match '^CUSTOM_[A-Z0-9_]+$'");
    const renamed = await pc.call('PUT', '/resource_classes/CUSTOM_A', { version: '1.6', body: { name: 'CUSTOM_B' } });
    expect(renamed.body).toEqual({ name: 'CUSTOM_B', links: [{ rel: 'self', href: '/resource_classes/CUSTOM_B' }] });
    expect((await pc.call('PUT', '/resource_classes/CUSTOM_B', { version: '1.7' })).status).toBe(204);
    expect((await pc.call('PUT', '/resource_classes/CUSTOM_C', { version: '1.7' })).status).toBe(201);
    const std = await pc.call('PUT', '/resource_classes/VCPU', { version: '1.7' });
    expect(std.status).toBe(400);
    expect((await pc.call('DELETE', '/resource_classes/VCPU', { version: '1.2' })).status).toBe(400);
    expect((await pc.call('DELETE', '/resource_classes/CUSTOM_B', { version: '1.2' })).status).toBe(204);
    expect((await pc.call('GET', '/resource_classes/CUSTOM_B', { version: '1.2' })).status).toBe(404);
  });
  it('refuses to delete a class used by an inventory', async () => {
    await pc.call('PUT', '/resource_classes/CUSTOM_USED', { version: '1.7' });
    const rp = await pc.createProvider('rc-user');
    await pc.setInventories(rp.uuid, 0, { CUSTOM_USED: { total: 1 } });
    const r = await pc.call('DELETE', '/resource_classes/CUSTOM_USED', { version: '1.2' });
    expect(r.status).toBe(409);
    expect(firstError(r).detail).toContain('Class is in use in inventory');
  });
});

describe('traits', () => {
  it('knows the standard traits and manages custom ones', async () => {
    const all = (await pc.call('GET', '/traits', { version: '1.6' })).body.traits;
    expect(all).toEqual(STANDARD_TRAITS);
    expect((await pc.call('PUT', '/traits/CUSTOM_T1', { version: '1.6' })).status).toBe(201);
    expect((await pc.call('PUT', '/traits/CUSTOM_T1', { version: '1.6' })).status).toBe(204);
    expect((await pc.call('GET', '/traits/CUSTOM_T1', { version: '1.6' })).status).toBe(204);
    const bad = await pc.call('PUT', '/traits/lowercase', { version: '1.6' });
    expect(firstError(bad).detail).toContain('The trait is invalid.');
    const prefixed = (await pc.call('GET', '/traits?name=startswith:CUSTOM', { version: '1.6' })).body.traits;
    expect(prefixed).toEqual(['CUSTOM_T1']);
    const some = (await pc.call('GET', '/traits?name=in:CUSTOM_T1,HW_CPU_X86_AVX', { version: '1.6' })).body.traits;
    expect(some).toEqual(['CUSTOM_T1', 'HW_CPU_X86_AVX']);
    expect((await pc.call('GET', '/traits?associated=maybe', { version: '1.6' })).status).toBe(400);
    expect((await pc.call('DELETE', '/traits/HW_CPU_X86_AVX', { version: '1.6' })).status).toBe(400);
  });
  it('sets provider traits with the generation and refuses to delete traits in use', async () => {
    await pc.call('PUT', '/traits/CUSTOM_ON_RP', { version: '1.6' });
    const rp = await pc.createProvider('traited');
    const url = `/resource_providers/${rp.uuid}/traits`;
    const set = await pc.call('PUT', url, { version: '1.6', body: { traits: ['CUSTOM_ON_RP', 'HW_CPU_X86_AVX'], resource_provider_generation: 0 } });
    expect(set.status).toBe(200);
    expect(set.body.resource_provider_generation).toBe(1);
    const stale = await pc.call('PUT', url, { version: '1.6', body: { traits: [], resource_provider_generation: 0 } });
    expect(stale.status).toBe(409);
    const unknown = await pc.call('PUT', url, { version: '1.6', body: { traits: ['CUSTOM_NOPE'], resource_provider_generation: 1 } });
    expect(firstError(unknown).detail).toContain('No such trait CUSTOM_NOPE');
    expect((await pc.call('GET', '/traits?associated=true', { version: '1.6' })).body.traits.sort()).toEqual(['CUSTOM_ON_RP', 'HW_CPU_X86_AVX']);
    const inUse = await pc.call('DELETE', '/traits/CUSTOM_ON_RP', { version: '1.6' });
    expect(inUse.status).toBe(409);
    expect((await pc.call('DELETE', url, { version: '1.6' })).status).toBe(204);
    expect((await pc.call('GET', url, { version: '1.6' })).body).toEqual({ traits: [], resource_provider_generation: 2 });
  });
});

describe('aggregates', () => {
  const A = '2f8bd2a4-6f7e-4f2b-9fa6-2e0a3d2f1a01';
  const B = '2f8bd2a4-6f7e-4f2b-9fa6-2e0a3d2f1a02';
  it('1.1 takes a list and leaves the generation alone; 1.19 checks and bumps it', async () => {
    const rp = await pc.createProvider('agg');
    const url = `/resource_providers/${rp.uuid}/aggregates`;
    expect((await pc.call('GET', url)).status).toBe(404);
    const old = await pc.call('PUT', url, { version: '1.1', body: [A, B] });
    expect(old.body).toEqual({ aggregates: [A, B] });
    expect(await pc.generationOf(rp.uuid)).toBe(0);
    const dupes = await pc.call('PUT', url, { version: '1.1', body: [A, A] });
    expect(firstError(dupes).detail).toContain('has non-unique elements');
    const stale = await pc.call('PUT', url, { version: '1.19', body: { aggregates: [A], resource_provider_generation: 5 } });
    expect(stale.status).toBe(409);
    const ok = await pc.call('PUT', url, { version: '1.19', body: { aggregates: [A], resource_provider_generation: 0 } });
    expect(ok.body).toEqual({ aggregates: [A], resource_provider_generation: 1 });
    expect((await pc.call('GET', url, { version: '1.19' })).body).toEqual({ aggregates: [A], resource_provider_generation: 1 });
    const members = await pc.call('GET', `/resource_providers?member_of=${A}`, { version: '1.3' });
    expect(members.body.resource_providers.map((p: { uuid: string }) => p.uuid)).toEqual([rp.uuid]);
  });
});
