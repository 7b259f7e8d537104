// Allocation stories over HTTP (inject), with data built through the API as Placement's
// gabbits do: PUT/GET/DELETE per consumer, POST for several, generations, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { PlacementClient } from '../../helpers/placement.js';

let t: TestApp;

let pc: PlacementClient;

const CN = 'a0000000-0000-4000-8000-00000000000a';
const SS = 'a0000000-0000-4000-8000-00000000000b';
const C1 = 'c0000000-0000-4000-8000-000000000001';
const C2 = 'c0000000-0000-4000-8000-000000000002';
const C3 = 'c0000000-0000-4000-8000-000000000003';

async function provider(uuid: string, name: string, inventories: Record<string, Record<string, number>>) {
  expect((await pc.call('POST', '/resource_providers', { version: '1.20', body: { uuid, name } })).status).toBe(200);
  const res = await pc.call('PUT', `/resource_providers/${uuid}/inventories`, { version: '1.20', body: { resource_provider_generation: 0, inventories } });
  expect(res.status).toBe(200);
}

const rpGeneration = async (uuid: string) => (await pc.call('GET', `/resource_providers/${uuid}`, { version: '1.20' })).body.generation as number;

beforeAll(async () => {
  t = await createPlacementTestApp();
  pc = new PlacementClient(t.transport, '');
  await provider(CN, 'cn', { VCPU: { total: 8, allocation_ratio: 2 }, MEMORY_MB: { total: 4096, max_unit: 2048 } });
  await provider(SS, 'ss', { DISK_GB: { total: 100, step_size: 10, min_unit: 10 } });
});
afterAll(async () => { await t.close(); });

describe('PUT/GET /allocations/{consumer_uuid}', () => {
  it('writes a consumer at 1.38 and reads it back with generations and type', async () => {
    const put = await pc.call('PUT', `/allocations/${C1}`, { version: '1.38', body: {
      allocations: { [CN]: { resources: { VCPU: 2, MEMORY_MB: 1024 } }, [SS]: { resources: { DISK_GB: 20 } } },
      project_id: 'p1', user_id: 'u1', consumer_generation: null, consumer_type: 'INSTANCE',
    } });
    expect(put.status).toBe(204);
    const got = await pc.call('GET', `/allocations/${C1}`, { version: '1.38' });
    expect(got.body).toEqual({
      allocations: { [CN]: { resources: { VCPU: 2, MEMORY_MB: 1024 }, generation: 2 }, [SS]: { resources: { DISK_GB: 20 }, generation: 2 } },
      project_id: 'p1', user_id: 'u1', consumer_generation: 1, consumer_type: 'INSTANCE',
    });
    expect(got.headers['cache-control']).toBe('no-cache');
    expect(got.headers['last-modified']).toMatch(/^\w+, \d+ \w+ \d{4} [\d:]+ GMT$/);
    // Old versions see less.
    expect((await pc.call('GET', `/allocations/${C1}`, { version: '1.11' })).body).toEqual({
      allocations: { [CN]: { resources: { VCPU: 2, MEMORY_MB: 1024 }, generation: 2 }, [SS]: { resources: { DISK_GB: 20 }, generation: 2 } },
    });
    expect((await pc.call('GET', `/allocations/${C1}`, { version: '1.14' })).headers['last-modified']).toBeUndefined();
  });

  it('answers consumer generation conflicts with 409 placement.concurrent_update', async () => {
    const body = (gen: number | null) => ({
      allocations: { [CN]: { resources: { VCPU: 1 } }, [SS]: { resources: { DISK_GB: 20 } } },
      project_id: 'p1', user_id: 'u1', consumer_generation: gen, consumer_type: 'INSTANCE',
    });
    const stale = await pc.call('PUT', `/allocations/${C1}`, { version: '1.38', body: body(0) });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0].code).toBe('placement.concurrent_update');
    expect(stale.body.errors[0].detail).toContain('consumer generation conflict - expected 1 but got 0');
    const fresh = await pc.call('PUT', `/allocations/${C2}`, { version: '1.38', body: body(3) });
    expect(fresh.body.errors[0].detail).toContain('expected null but got 3');
    expect((await pc.call('PUT', `/allocations/${C1}`, { version: '1.38', body: body(1) })).status).toBe(204);
    expect((await pc.call('GET', `/allocations/${C1}`, { version: '1.28' })).body.consumer_generation).toBe(2);
  });

  it('takes the list form before 1.12 and a dashless consumer uuid', async () => {
    const res = await pc.call('PUT', `/allocations/${C2.replace(/-/g, '').toUpperCase()}`, { version: '1.7', body: {
      allocations: [{ resource_provider: { uuid: CN }, resources: { VCPU: 1 } }],
    } });
    expect(res.status).toBe(204);
    const got = await pc.call('GET', `/allocations/${C2}`, { version: '1.12' });
    expect(got.body.project_id).toBe('00000000-0000-0000-0000-000000000000');
    expect((await pc.call('GET', `/allocations/${C2}`, { version: '1.38' })).body.consumer_type).toBe('unknown');
  });

  it('rejects bad input in the Placement envelope and writes nothing', async () => {
    const before = await rpGeneration(CN);
    const cases: [string, string, unknown, number, string][] = [
      ['/allocations/not-a-uuid', '1.28', { allocations: {}, project_id: 'p', user_id: 'u', consumer_generation: null }, 400, 'Malformed consumer_uuid: not-a-uuid'],
      [`/allocations/${C3}`, '1.28', '{"allocations": ', 400, 'Malformed JSON'],
      [`/allocations/${C3}`, '1.0', { allocations: [{ resource_provider: { uuid: CN }, resources: { VCPU: 0 } }] }, 400, '0 is less than the minimum of 1'],
      [`/allocations/${C3}`, '1.12', { allocations: {}, project_id: 'p', user_id: 'u' }, 400, 'does not have enough properties'],
      [`/allocations/${C3}`, '1.38', { allocations: { [CN]: { resources: { VCPU: 1 } } }, project_id: 'p', user_id: 'u', consumer_generation: null }, 400, "'consumer_type' is a required property"],
      [`/allocations/${C3}`, '1.28', { allocations: { [CN]: { resources: { COWS: 1 } } }, project_id: 'p', user_id: 'u', consumer_generation: null }, 400, `Unable to allocate inventory for consumer ${C3}: No such resource class COWS.`],
      [`/allocations/${C3}`, '1.28', { allocations: { [CN]: { resources: { DISK_GB: 10 } } }, project_id: 'p', user_id: 'u', consumer_generation: null }, 409, `Inventory for 'DISK_GB' on resource provider '${CN}' invalid.`],
      [`/allocations/${C3}`, '1.28', { allocations: { [CN]: { resources: { MEMORY_MB: 4000 } } }, project_id: 'p', user_id: 'u', consumer_generation: null }, 409, 'would violate inventory constraints'],
      [`/allocations/${C3}`, '1.28', { allocations: { [CN]: { resources: { VCPU: 16 } } }, project_id: 'p', user_id: 'u', consumer_generation: null }, 409, 'would exceed the capacity'],
      [`/allocations/${C3}`, '1.28', { allocations: { 'be8b9cba-e7db-4a12-a386-99b4242167fe': { resources: { VCPU: 1 } } }, project_id: 'p', user_id: 'u', consumer_generation: null }, 400, "Allocation for resource provider 'be8b9cba-e7db-4a12-a386-99b4242167fe' that does not exist."],
    ];
    for (const [url, version, body, status, detail] of cases) {
      // a string is a malformed body, sent as is
      const res = await pc.call('PUT', url, typeof body === 'string' ? { version, raw: body, contentType: 'application/json' } : { version, body });
      expect(res.status, `${url} ${version} ${detail}`).toBe(status);
      expect(res.body.errors[0].detail).toContain(detail);
    }
    // Bodies of the wrong shape at every schema window: 400 in the envelope, never a 500.
    const shapes = ['null', '"x"', '[]', '{"allocations": null}', `{"allocations": {"${CN}": []}}`, `{"allocations": {"${CN}": {"resources": []}}}`,
      `{"allocations": {"${CN}": {"resources": {"VCPU": 1.5}}}, "project_id": "p", "user_id": "u", "consumer_generation": null}`];
    for (const version of ['1.0', '1.8', '1.12', '1.28', '1.34', '1.38']) {
      for (const raw of shapes) {
        const res = await pc.call('PUT', `/allocations/${C3}`, { version, raw, contentType: 'application/json' });
        expect(res.status, `${version} ${raw}`).toBe(400);
        expect(res.body.errors[0].detail).toContain('JSON does not validate');
      }
    }
    // A failed write leaves neither the consumer nor a generation bump behind.
    expect(await rpGeneration(CN)).toBe(before);
    expect((await pc.call('GET', `/allocations/${C3}`, { version: '1.28' })).body).toEqual({ allocations: {} });
    const retry = await pc.call('PUT', `/allocations/${C3}`, { version: '1.28', body: { allocations: { [CN]: { resources: { VCPU: 1 } } }, project_id: 'p', user_id: 'u', consumer_generation: null } });
    expect(retry.status).toBe(204);
  });
});

describe('GET /resource_providers/{uuid}/allocations and usages', () => {
  it('lists consumers on a provider with consumer generations from 1.28', async () => {
    const res = await pc.call('GET', `/resource_providers/${SS}/allocations`, { version: '1.28' });
    expect(res.body).toEqual({ allocations: { [C1]: { resources: { DISK_GB: 20 }, consumer_generation: 2 } }, resource_provider_generation: await rpGeneration(SS) });
    expect((await pc.call('GET', `/resource_providers/${SS}/allocations`, { version: '1.27' })).body.allocations[C1]).toEqual({ resources: { DISK_GB: 20 } });
    const missing = await pc.call('GET', '/resource_providers/cb8a3007-b93a-471f-9e1f-4d58355678bd/allocations', { version: '1.28' });
    expect(missing.status).toBe(404);
  });

  it('sums usages per inventory class, 0 where nothing is allocated', async () => {
    const res = await pc.call('GET', `/resource_providers/${CN}/usages`, { version: '1.28' });
    expect(res.body.usages).toEqual({ VCPU: 3, MEMORY_MB: 0 });
    expect(res.body.resource_provider_generation).toBe(await rpGeneration(CN));
  });
});

describe('POST /allocations', () => {
  it('is all-or-nothing across consumers', async () => {
    const genCN = await rpGeneration(CN);
    const res = await pc.call('POST', '/allocations', { version: '1.28', body: {
      [C1]: { allocations: {}, project_id: 'p1', user_id: 'u1', consumer_generation: 2 },
      [C2]: { allocations: { [CN]: { resources: { VCPU: 16 } } }, project_id: 'p1', user_id: 'u1', consumer_generation: 1 },
    } });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].detail).toContain('would exceed the capacity');
    expect((await pc.call('GET', `/allocations/${C1}`, { version: '1.28' })).body.consumer_generation).toBe(2);
    expect(await rpGeneration(CN)).toBe(genCN);
  });

  it('moves allocations between consumers in one request', async () => {
    const res = await pc.call('POST', '/allocations', { version: '1.28', body: {
      [C1]: { allocations: {}, project_id: 'p1', user_id: 'u1', consumer_generation: 2 },
      [C2]: { allocations: { [CN]: { resources: { VCPU: 4 } }, [SS]: { resources: { DISK_GB: 20 } } }, project_id: 'p1', user_id: 'u1', consumer_generation: 1 },
    } });
    expect(res.status).toBe(204);
    expect((await pc.call('GET', `/allocations/${C1}`, { version: '1.28' })).body).toEqual({ allocations: {} });
    expect((await pc.call('GET', `/allocations/${C2}`, { version: '1.28' })).body.consumer_generation).toBe(2);
    // C1 is gone: a new write must expect a new consumer.
    const again = await pc.call('PUT', `/allocations/${C1}`, { version: '1.28', body: { allocations: { [CN]: { resources: { VCPU: 1 } } }, project_id: 'p1', user_id: 'u1', consumer_generation: 0 } });
    expect(again.body.errors[0].detail).toContain('expected null but got 0');
  });

  it('is 404 before 1.13 and GET /allocations is 405 with Allow: POST', async () => {
    expect((await pc.call('POST', '/allocations', { version: '1.12', body: {} })).status).toBe(404);
    const res = await pc.call('GET', '/allocations', { version: '1.28' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });
});

describe('GET /usages', () => {
  it('totals a project, per user, and by consumer type from 1.38', async () => {
    expect((await pc.call('GET', '/usages?project_id=p1', { version: '1.9' })).body).toEqual({ usages: { VCPU: 4, DISK_GB: 20 } });
    expect((await pc.call('GET', '/usages?project_id=p1&user_id=nobody', { version: '1.9' })).body).toEqual({ usages: {} });
    // C2 was written at 1.7 (no type) and later moved to p1: it counts as "unknown".
    expect((await pc.call('GET', '/usages?project_id=p1', { version: '1.38' })).body).toEqual({ usages: { unknown: { VCPU: 4, DISK_GB: 20, consumer_count: 1 } } });
    expect((await pc.call('GET', '/usages?project_id=p1&consumer_type=all', { version: '1.38' })).body).toEqual({ usages: { all: { VCPU: 4, DISK_GB: 20, consumer_count: 1 } } });
    expect((await pc.call('GET', '/usages?project_id=p1&consumer_type=INSTANCE', { version: '1.38' })).body).toEqual({ usages: {} });
    expect((await pc.call('GET', '/usages?project_id=p&consumer_type=unknown', { version: '1.38' })).body).toEqual({ usages: { unknown: { VCPU: 1, consumer_count: 1 } } });
    expect((await pc.call('GET', '/usages?project_id=p1&consumer_type=instance', { version: '1.38' })).status).toBe(400);
    expect((await pc.call('GET', '/usages', { version: '1.9' })).status).toBe(400);
    expect((await pc.call('GET', '/usages?project_id=p1', { version: '1.8' })).status).toBe(404);
  });
});

describe('DELETE /allocations/{consumer_uuid}', () => {
  it('removes the allocations and the consumer, then 404s', async () => {
    const gen = await rpGeneration(CN);
    expect((await pc.call('DELETE', `/allocations/${C2}`, { version: '1.28' })).status).toBe(204);
    // Upstream's delete does not bump the provider generation.
    expect(await rpGeneration(CN)).toBe(gen);
    const again = await pc.call('DELETE', `/allocations/${C2}`, { version: '1.28' });
    expect(again.status).toBe(404);
    expect(again.body.errors[0].detail).toContain(`No allocations for consumer '${C2}'`);
    expect((await pc.call('GET', `/resource_providers/${SS}/usages`, { version: '1.28' })).body.usages).toEqual({ DISK_GB: 0 });
  });
});

describe('searches see allocation writes at once (provider index marked dirty)', () => {
  const IDX = 'a0000000-0000-4000-8000-0000000000ee';
  const CX = 'c0000000-0000-4000-8000-0000000000ee';
  const candidates = async () => (await pc.call('GET', '/allocation_candidates?resources=CUSTOM_IDX:2', { version: '1.28' })).body.allocation_requests.length;
  const providers = async () => (await pc.call('GET', '/resource_providers?resources=CUSTOM_IDX:2', { version: '1.28' })).body.resource_providers.length;

  it('after PUT, POST, DELETE and reshaper', async () => {
    expect((await pc.call('PUT', '/resource_classes/CUSTOM_IDX', { version: '1.7' })).status).toBe(201);
    await provider(IDX, 'idx', { CUSTOM_IDX: { total: 2 } });
    expect([await candidates(), await providers()]).toEqual([1, 1]);
    const body = { allocations: { [IDX]: { resources: { CUSTOM_IDX: 1 } } }, project_id: 'p', user_id: 'u', consumer_generation: null };
    expect((await pc.call('PUT', `/allocations/${CX}`, { version: '1.28', body })).status).toBe(204);
    expect([await candidates(), await providers()]).toEqual([0, 0]);
    expect((await pc.call('DELETE', `/allocations/${CX}`, { version: '1.28' })).status).toBe(204);
    expect([await candidates(), await providers()]).toEqual([1, 1]);
    expect((await pc.call('POST', '/allocations', { version: '1.28', body: { [CX]: body } })).status).toBe(204);
    expect(await candidates()).toBe(0);
    const gen = await rpGeneration(IDX);
    expect((await pc.call('POST', '/reshaper', { version: '1.30', body: {
      inventories: { [IDX]: { resource_provider_generation: gen, inventories: { CUSTOM_IDX: { total: 3 } } } },
      allocations: {},
    } })).status).toBe(204);
    expect([await candidates(), await providers()]).toEqual([1, 1]);
  });
});
