// POST /reshaper stories: move VCPU inventory and its allocations from a root provider to a
// new child and back, with upstream's generation arithmetic and its failure modes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { PlacementClient } from '../../helpers/placement.js';

let t: TestApp;

let pc: PlacementClient;

const ROOT = 'b0000000-0000-4000-8000-00000000000a';
const CHILD = 'b0000000-0000-4000-8000-00000000000b';
const C1 = 'c1000000-0000-4000-8000-000000000001';
const C2 = 'c1000000-0000-4000-8000-000000000002';

const usages = async (uuid: string) => (await pc.call('GET', `/resource_providers/${uuid}/usages`, { version: '1.30' })).body;

beforeAll(async () => {
  t = await createPlacementTestApp();
  pc = new PlacementClient(t.transport, '');
  expect((await pc.call('POST', '/resource_providers', { version: '1.20', body: { uuid: ROOT, name: 'root' } })).status).toBe(200);
  expect((await pc.call('PUT', `/resource_providers/${ROOT}/inventories`, { version: '1.20', body: {
    resource_provider_generation: 0, inventories: { VCPU: { total: 8 }, DISK_GB: { total: 100 } },
  } })).status).toBe(200);
  for (const [c, vcpu] of [[C1, 2], [C2, 3]] as const) {
    expect((await pc.call('PUT', `/allocations/${c}`, { version: '1.28', body: {
      allocations: { [ROOT]: { resources: { VCPU: vcpu, DISK_GB: 10 } } }, project_id: 'p', user_id: 'u', consumer_generation: null,
    } })).status).toBe(204);
  }
  expect((await pc.call('POST', '/resource_providers', { version: '1.20', body: { uuid: CHILD, name: 'child', parent_provider_uuid: ROOT } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

const moveToChild = (rootGen: number, childGen: number, c1Gen: number | null, c2Gen: number | null) => ({
  inventories: {
    [ROOT]: { resource_provider_generation: rootGen, inventories: { DISK_GB: { total: 100 } } },
    [CHILD]: { resource_provider_generation: childGen, inventories: { VCPU: { total: 8 } } },
  },
  allocations: {
    [C1]: { allocations: { [ROOT]: { resources: { DISK_GB: 10 } }, [CHILD]: { resources: { VCPU: 2 } } }, project_id: 'p', user_id: 'u', consumer_generation: c1Gen },
    [C2]: { allocations: { [ROOT]: { resources: { DISK_GB: 10 } }, [CHILD]: { resources: { VCPU: 3 } } }, project_id: 'p', user_id: 'u', consumer_generation: c2Gen },
  },
});

describe('POST /reshaper', () => {
  it('refuses to remove inventory that still has allocations', async () => {
    const res = await pc.call('POST', '/reshaper', { version: '1.30', body: {
      inventories: { [ROOT]: { resource_provider_generation: 3, inventories: { DISK_GB: { total: 100 } } } }, allocations: {},
    } });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].code).toBe('placement.inventory.inuse');
    expect(res.body.errors[0].detail).toContain(`update conflict: Inventory for 'VCPU' on resource provider '${ROOT}' in use.`);
  });

  it('checks provider and consumer generations first', async () => {
    let res = await pc.call('POST', '/reshaper', { version: '1.30', body: moveToChild(2, 0, 1, 1) });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].detail).toContain(`resource provider generation conflict for provider ${ROOT}: actual: 3, given: 2`);
    res = await pc.call('POST', '/reshaper', { version: '1.30', body: moveToChild(3, 0, 1, 7) });
    expect(res.body.errors[0].detail).toContain('consumer generation conflict - expected 1 but got 7');
    res = await pc.call('POST', '/reshaper', { version: '1.30', body: { ...moveToChild(3, 0, 1, 1), inventories: { 'dddddddd-0000-4000-8000-000000000000': { resource_provider_generation: 0, inventories: {} } } } });
    expect([res.status, res.body.errors[0].code]).toEqual([400, 'placement.resource_provider.not_found']);
  });

  it('names an unknown class as malformed reshaper data and writes nothing', async () => {
    const body = moveToChild(3, 0, 1, 1);
    body.inventories[CHILD].inventories = { DISK_OF_STEEL: { total: 8 } } as never;
    const res = await pc.call('POST', '/reshaper', { version: '1.30', body });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].detail).toContain('malformed reshaper data: No such resource class DISK_OF_STEEL.');
    expect((await usages(ROOT)).resource_provider_generation).toBe(3);
  });

  it('moves inventory and allocations to the child, then back', async () => {
    expect((await pc.call('POST', '/reshaper', { version: '1.30', body: moveToChild(3, 0, 1, 1) })).status).toBe(204);
    // root: interim set +1, allocations +1, final set +1; child likewise.
    expect(await usages(ROOT)).toEqual({ resource_provider_generation: 6, usages: { DISK_GB: 20 } });
    expect(await usages(CHILD)).toEqual({ resource_provider_generation: 3, usages: { VCPU: 5 } });
    expect((await pc.call('GET', `/allocations/${C1}`, { version: '1.28' })).body.consumer_generation).toBe(2);

    const back = await pc.call('POST', '/reshaper', { version: '1.30', body: {
      inventories: {
        [ROOT]: { resource_provider_generation: 6, inventories: { DISK_GB: { total: 100 }, VCPU: { total: 8 } } },
        [CHILD]: { resource_provider_generation: 3, inventories: {} },
      },
      allocations: {
        [C1]: { allocations: { [ROOT]: { resources: { DISK_GB: 10, VCPU: 2 } } }, project_id: 'p', user_id: 'u', consumer_generation: 2 },
        [C2]: { allocations: {}, project_id: 'p', user_id: 'u', consumer_generation: 2 },
      },
    } });
    expect(back.status).toBe(204);
    // The child had no new inventory (no interim pass) and is not in the allocation list.
    expect(await usages(ROOT)).toEqual({ resource_provider_generation: 9, usages: { VCPU: 2, DISK_GB: 10 } });
    expect(await usages(CHILD)).toEqual({ resource_provider_generation: 5, usages: {} });
    expect((await pc.call('GET', `/allocations/${C2}`, { version: '1.28' })).body).toEqual({ allocations: {} });
  });

  it('takes mappings from 1.34 and requires consumer_type from 1.38', async () => {
    const body = (extra: Record<string, unknown>) => ({
      inventories: { [ROOT]: { resource_provider_generation: 9, inventories: { DISK_GB: { total: 100 }, VCPU: { total: 8 } } } },
      allocations: { [C1]: { allocations: { [ROOT]: { resources: { VCPU: 2 } } }, project_id: 'p', user_id: 'u', consumer_generation: 3, ...extra } },
    });
    expect((await pc.call('POST', '/reshaper', { version: '1.33', body: body({ mappings: { '': [ROOT] } }) })).body.errors[0].detail).toContain('Additional properties are not allowed');
    expect((await pc.call('POST', '/reshaper', { version: '1.38', body: body({}) })).body.errors[0].detail).toContain("'consumer_type' is a required property");
    expect((await pc.call('POST', '/reshaper', { version: '1.38', body: body({ consumer_type: 'RESHAPED', mappings: { '': [ROOT] } }) })).status).toBe(204);
    expect((await pc.call('GET', `/allocations/${C1}`, { version: '1.38' })).body.consumer_type).toBe('RESHAPED');
    expect((await pc.call('POST', '/reshaper', { version: '1.29', body: body({}) })).status).toBe(404);
  });
});
