// GET /allocation_candidates over HTTP (inject), data built through the API: the provider
// index must follow every kind of write (allocations, inventories, traits, aggregates,
// re-parenting, deletion) without a restart, and the route speaks placement's headers/errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { PlacementClient } from '../../helpers/placement.js';

let t: TestApp;

let pc: PlacementClient;

const CN1 = 'a0000000-0000-4000-8000-000000000001';
const CN2 = 'a0000000-0000-4000-8000-000000000002';
const SS = 'a0000000-0000-4000-8000-000000000003';
const PF = 'a0000000-0000-4000-8000-000000000004';
const AGG = 'b0000000-0000-4000-8000-000000000001';
const C1 = 'c0000000-0000-4000-8000-000000000001';

async function provider(uuid: string, name: string, inventories: Record<string, Record<string, number>>, parent?: string) {
  const created = await pc.call('POST', '/resource_providers', { version: '1.20', body: { uuid, name, ...(parent ? { parent_provider_uuid: parent } : {}) } });
  expect(created.status).toBe(200);
  const res = await pc.call('PUT', `/resource_providers/${uuid}/inventories`, { version: '1.20', body: { resource_provider_generation: created.body.generation, inventories } });
  expect(res.status).toBe(200);
}

const generation = async (uuid: string) => (await pc.call('GET', `/resource_providers/${uuid}`, { version: '1.20' })).body.generation as number;

async function candidates(query: string, version = '1.34') {
  const r = await pc.call('GET', `/allocation_candidates?${query}`, { version: version });
  expect(r.status).toBe(200);
  return r.body as { allocation_requests: { allocations: Record<string, { resources: Record<string, number> }> }[]; provider_summaries: Record<string, { resources: Record<string, { capacity: number; used: number }>; traits: string[] }> };
}

/** Each candidate as "uuid:RC=n,..." joined by '+', sorted: easy to compare. */
async function shapes(query: string, version = '1.34'): Promise<string[]> {
  const body = await candidates(query, version);
  return body.allocation_requests.map((ar) => Object.entries(ar.allocations)
    .map(([u, a]) => `${u.slice(-1)}:${Object.entries(a.resources).map(([rc, n]) => `${rc}=${n}`).sort().join(',')}`).sort().join('+')).sort();
}

beforeAll(async () => {
  t = await createPlacementTestApp();
  pc = new PlacementClient(t.transport, '');
  await provider(CN1, 'cn1', { VCPU: { total: 4 }, MEMORY_MB: { total: 2048 } });
  await provider(CN2, 'cn2', { VCPU: { total: 4 }, MEMORY_MB: { total: 2048 }, DISK_GB: { total: 100 } });
});
afterAll(async () => { await t.close(); });

describe('GET /allocation_candidates follows the writes', () => {
  it('sees allocations come and go', async () => {
    expect(await shapes('resources=VCPU:3')).toEqual(['1:VCPU=3', '2:VCPU=3']);
    const put = await pc.call('PUT', `/allocations/${C1}`, { version: '1.28', body: {
      allocations: { [CN1]: { resources: { VCPU: 2 } } }, project_id: 'p', user_id: 'u', consumer_generation: null,
    } });
    expect(put.status).toBe(204);
    expect(await shapes('resources=VCPU:3')).toEqual(['2:VCPU=3']);
    expect((await candidates('resources=VCPU:1')).provider_summaries[CN1].resources.VCPU).toEqual({ capacity: 4, used: 2 });
    expect((await pc.call('DELETE', `/allocations/${C1}`, { version: '1.28' })).status).toBe(204);
    expect(await shapes('resources=VCPU:3')).toEqual(['1:VCPU=3', '2:VCPU=3']);
  });

  it('sees inventory changes', async () => {
    const gen = await generation(CN1);
    const r = await pc.call('PUT', `/resource_providers/${CN1}/inventories`, { version: '1.20', body: {
      resource_provider_generation: gen, inventories: { VCPU: { total: 16 }, MEMORY_MB: { total: 2048 } },
    } });
    expect(r.status).toBe(200);
    expect(await shapes('resources=VCPU:10')).toEqual(['1:VCPU=10']);
  });

  it('sees traits and forbidden traits', async () => {
    expect((await pc.call('PUT', '/traits/CUSTOM_FAST', { version: '1.6' })).status).toBe(201);
    const r = await pc.call('PUT', `/resource_providers/${CN2}/traits`, { version: '1.6', body: { resource_provider_generation: await generation(CN2), traits: ['CUSTOM_FAST'] } });
    expect(r.status).toBe(200);
    expect(await shapes('resources=VCPU:1&required=CUSTOM_FAST')).toEqual(['2:VCPU=1']);
    expect(await shapes('resources=VCPU:1&required=!CUSTOM_FAST')).toEqual(['1:VCPU=1']);
    expect((await candidates('resources=VCPU:1&required=CUSTOM_FAST')).provider_summaries[CN2].traits).toEqual(['CUSTOM_FAST']);
  });

  it('sees a sharing provider joining an aggregate', async () => {
    await provider(SS, 'ss', { DISK_GB: { total: 500 } });
    expect(await shapes('resources=VCPU:1,DISK_GB:10')).toEqual(['2:DISK_GB=10,VCPU=1']);
    for (const u of [CN1, CN2, SS]) {
      expect((await pc.call('PUT', `/resource_providers/${u}/aggregates`, { version: '1.1', body: [AGG] })).status).toBe(200);
    }
    expect((await pc.call('PUT', `/resource_providers/${SS}/traits`, { version: '1.6', body: { resource_provider_generation: await generation(SS), traits: ['MISC_SHARES_VIA_AGGREGATE'] } })).status).toBe(200);
    expect(await shapes('resources=VCPU:1,DISK_GB:10')).toEqual(['1:VCPU=1+3:DISK_GB=10', '2:DISK_GB=10,VCPU=1', '2:VCPU=1+3:DISK_GB=10']);
    expect(await shapes(`resources=VCPU:1,DISK_GB:10&member_of=!${AGG}`, '1.32')).toEqual([]);
  });

  it('sees nested providers, re-parenting and deletion', async () => {
    await provider(PF, 'pf', { SRIOV_NET_VF: { total: 8 } }, CN1);
    expect(await shapes('resources=VCPU:1,SRIOV_NET_VF:2')).toEqual(['1:VCPU=1+4:SRIOV_NET_VF=2']);
    expect(await shapes('resources=VCPU:1,SRIOV_NET_VF:2', '1.28')).toEqual([]);
    const moved = await pc.call('PUT', `/resource_providers/${PF}`, { version: '1.37', body: { name: 'pf', parent_provider_uuid: CN2 } });
    expect(moved.status).toBe(200);
    expect(await shapes('resources=VCPU:1,SRIOV_NET_VF:2')).toEqual(['2:VCPU=1+4:SRIOV_NET_VF=2']);
    const summaries = (await candidates('resources=SRIOV_NET_VF:2', '1.29')).provider_summaries as unknown as Record<string, { root_provider_uuid: string }>;
    expect(summaries[PF].root_provider_uuid).toBe(CN2);
    expect((await pc.call('DELETE', `/resource_providers/${PF}`, { version: '1.20' })).status).toBe(204);
    expect(await shapes('resources=SRIOV_NET_VF:2')).toEqual([]);
  });

  it('filters GET /resource_providers with the same index', async () => {
    const r = await pc.call('GET', '/resource_providers?resources=DISK_GB:50&required=MISC_SHARES_VIA_AGGREGATE', { version: '1.22' });
    expect(r.status).toBe(200);
    expect(r.body.resource_providers.map((p: { uuid: string }) => p.uuid)).toEqual([SS]);
  });
});

describe('GET /allocation_candidates protocol', () => {
  it('exists from 1.10', async () => {
    expect((await pc.call('GET', '/allocation_candidates?resources=VCPU:1', { version: '1.9' })).status).toBe(404);
  });

  it('sends cache headers from 1.15 only', async () => {
    const old = await pc.call('GET', '/allocation_candidates?resources=VCPU:1', { version: '1.14' });
    expect(old.headers['cache-control']).toBeUndefined();
    const now = await pc.call('GET', '/allocation_candidates?resources=VCPU:1', { version: '1.15' });
    expect(now.headers['cache-control']).toBe('no-cache');
    expect(now.headers['last-modified']).toMatch(/^\w+, \d+ \w+ \d{4} [\d:]+ GMT$/);
    expect(now.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers bad queries in the placement envelope', async () => {
    const r = await pc.call('GET', '/allocation_candidates?resources=VCPU:1&limit=0', { version: '1.16' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].detail).toContain("Failed validating 'pattern'");
    const rc = await pc.call('GET', '/allocation_candidates?resources=MCPU:1', { version: '1.23' });
    expect(rc.body.errors[0]).toMatchObject({ status: 400, code: 'placement.undefined_code' });
    expect(rc.body.errors[0].detail).toContain('Invalid resource class in resources parameter: No such resource class MCPU.');
    const trait = await pc.call('GET', '/allocation_candidates?resources=VCPU:1&required=CUSTOM_NOPE', { version: '1.23' });
    expect(trait.body.errors[0].detail).toContain('No such trait(s): CUSTOM_NOPE.');
  });

  it.each([
    'resources=VCPU:1&limit=abc&limit=5',
    'resources=VCPU:99999999999999999999',
    'resources=VCPU:1,VCPU:2',
    'resources=%E2%98%83:1',
    'resources=VCPU:1&required=%E2%98%83',
    'resources=VCPU:1&member_of=in:',
    'resources=VCPU:1&member_of=!in:,',
    'resources=VCPU:1&in_tree=%7Burn:uuid:a0000000-0000-4000-8000-000000000001%7D',
    'resources_=VCPU:1',
    'resources=VCPU:1&same_subtree=',
    'resources1=VCPU:1&required2=CUSTOM_FAST&same_subtree=2&group_policy=none',
    'resources=VCPU:1&root_required=in:CUSTOM_FAST',
    'resources=VCPU:1&resources%00=VCPU:1',
  ])('never answers 500: %s', async (qs) => {
    const r = await pc.call('GET', `/allocation_candidates?${qs}`, { version: '1.39' });
    expect([200, 400]).toContain(r.status);
    if (r.status === 400) expect(r.body.errors[0].status).toBe(400);
  });
});

