// Inventory arc: POST one, PUT all, PUT/GET/DELETE one, DELETE all (1.5), generation
// conflicts, capacity rules (reserved == total from 1.26), classes in use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { firstError, PlacementClient } from '../../helpers/placement.js';

let t: TestApp;
let pc: PlacementClient;
beforeAll(async () => { t = await createPlacementTestApp(); pc = new PlacementClient(t.transport, ''); });
afterAll(async () => { await t.close(); });

describe('inventories', () => {
  it('POST adds one inventory with defaults and bumps the generation', async () => {
    const rp = await pc.createProvider('inv-1');
    const r = await pc.call('POST', `/resource_providers/${rp.uuid}/inventories`, { body: { resource_class: 'DISK_GB', total: 2048 } });
    expect(r.status).toBe(201);
    expect(r.headers.location).toMatch(new RegExp(`/resource_providers/${rp.uuid}/inventories/DISK_GB$`));
    expect(r.body).toEqual({ total: 2048, reserved: 0, min_unit: 1, max_unit: 2147483647, step_size: 1, allocation_ratio: 1, resource_provider_generation: 1 });
    const again = await pc.call('POST', `/resource_providers/${rp.uuid}/inventories`, { body: { resource_class: 'DISK_GB', total: 10 } });
    expect(again.status).toBe(409);
    const unknown = await pc.call('POST', `/resource_providers/${rp.uuid}/inventories`, { body: { resource_class: 'CUSTOM_NOPE', total: 10 } });
    expect(unknown.status).toBe(400);
    expect(firstError(unknown).detail).toContain('No such resource class CUSTOM_NOPE.');
  });

  it('PUT replaces all, checks the generation and capacity', async () => {
    const rp = await pc.createProvider('inv-2');
    const put = await pc.setInventories(rp.uuid, 0, { VCPU: { total: 8 }, MEMORY_MB: { total: 1024, reserved: 512 } });
    expect(put.status).toBe(200);
    expect(put.body.resource_provider_generation).toBe(1);
    expect(Object.keys(put.body.inventories).sort()).toEqual(['MEMORY_MB', 'VCPU']);
    const stale = await pc.setInventories(rp.uuid, 0, { VCPU: { total: 8 } });
    expect(stale.status).toBe(409);
    expect(firstError(stale).detail).toContain('resource provider generation conflict');
    const equalOld = await pc.call('PUT', `/resource_providers/${rp.uuid}/inventories`, { version: '1.25', body: { resource_provider_generation: 1, inventories: { VCPU: { total: 4, reserved: 4 } } } });
    expect(equalOld.status).toBe(400);
    expect(firstError(equalOld).detail).toContain('The reserved value is greater than or equal to total.');
    const equalNew = await pc.setInventories(rp.uuid, 1, { VCPU: { total: 4, reserved: 4 } });
    expect(equalNew.status).toBe(200);
    const list = (await pc.call('GET', `/resource_providers/${rp.uuid}/inventories`)).body;
    expect(list).toEqual({ resource_provider_generation: 2, inventories: { VCPU: { total: 4, reserved: 4, min_unit: 1, max_unit: 2147483647, step_size: 1, allocation_ratio: 1 } } });
  });

  it('one inventory: show, update, delete', async () => {
    const rp = await pc.createProvider('inv-3');
    await pc.setInventories(rp.uuid, 0, { VCPU: { total: 8 } });
    const url = `/resource_providers/${rp.uuid}/inventories/VCPU`;
    expect((await pc.call('GET', url)).body).toMatchObject({ total: 8, resource_provider_generation: 1 });
    const upd = await pc.call('PUT', url, { body: { resource_provider_generation: 1, total: 16 } });
    expect(upd.body).toMatchObject({ total: 16, resource_provider_generation: 2 });
    expect((await pc.call('GET', `/resource_providers/${rp.uuid}/inventories/DISK_GB`)).status).toBe(404);
    expect((await pc.call('DELETE', url)).status).toBe(204);
    expect(await pc.generationOf(rp.uuid)).toBe(3);
    const gone = await pc.call('DELETE', url);
    expect(gone.status).toBe(404);
  });

  it('refuses to delete inventory that has allocations', async () => {
    const rp = await pc.createProvider('inv-4');
    await pc.setInventories(rp.uuid, 0, { VCPU: { total: 8 }, DISK_GB: { total: 8 } });
    const db = t.services.runtime.db;
    const id = db.prepare('SELECT id FROM resource_providers WHERE uuid = ?').pluck().get(rp.uuid) as number;
    db.prepare("INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES (?, 'c1', 0, 1, '2026-01-01')").run(id);
    const r = await pc.call('DELETE', `/resource_providers/${rp.uuid}/inventories`, { version: '1.23' });
    expect(r.status).toBe(409);
    expect(firstError(r)).toMatchObject({ code: 'placement.inventory.inuse' });
    expect(firstError(r).detail).toContain(`Inventory for 'VCPU' on resource provider '${rp.uuid}' in use.`);
    // nothing half-written: both inventories are still there, generation unchanged
    const list = (await pc.call('GET', `/resource_providers/${rp.uuid}/inventories`)).body;
    expect(Object.keys(list.inventories).sort()).toEqual(['DISK_GB', 'VCPU']);
    expect(list.resource_provider_generation).toBe(1);
  });

  it('lists inventories by resource class id, as the indexed query of placement returns them', async () => {
    const rp = await pc.createProvider('inv-order');
    await pc.setInventories(rp.uuid, 0, { DISK_GB: { total: 1 }, IPV4_ADDRESS: { total: 1 }, VCPU: { total: 1 }, MEMORY_MB: { total: 1 } });
    const list = (await pc.call('GET', `/resource_providers/${rp.uuid}/inventories`)).body;
    // as the real Placement 8.0.0 answers (checked against the oracle)
    expect(Object.keys(list.inventories)).toEqual(['VCPU', 'MEMORY_MB', 'DISK_GB', 'IPV4_ADDRESS']);
  });
});


describe('PUT inventories with none (1.15+)', () => {
  it('sends no Last-Modified, as the real Placement 8.0.0 (no inventory to take it from)', async () => {
    const rp = await pc.createProvider('inv-empty');
    const full = await pc.call('PUT', `/resource_providers/${rp.uuid}/inventories`, { version: '1.15', body: { resource_provider_generation: 0, inventories: { VCPU: { total: 2 } } } });
    expect(full.headers['last-modified']).toBeDefined();
    const r = await pc.call('PUT', `/resource_providers/${rp.uuid}/inventories`, { version: '1.15', body: { resource_provider_generation: 1, inventories: {} } });
    expect(r.status).toBe(200);
    expect(r.headers['last-modified']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('no-cache');
  });
});
