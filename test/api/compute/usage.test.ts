// os-simple-tenant-usage on a manual clock: hours x flavor sizes over the period, per tenant.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { ManualClock } from '../../../src/runtime/clock.js';

let t: TestApp;
let c: ComputeClient;
const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
beforeAll(async () => { t = await createTestApp({ seed: true }, { clock }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

describe('os-simple-tenant-usage', () => {
  test('two hours of m1.small for one tenant, detailed rows, paging links at 2.40', async () => {
    const a = await c.createServer({ name: 'u1', token: 'usr:tp', flavorRef: '2' });
    const b = await c.createServer({ name: 'u2', token: 'usr:tp', flavorRef: '1' });
    // paginate_query orders them by (project_id, uuid), not by age
    const [first] = [a.id, b.id].sort() as [string, string];
    clock.advance(2 * 3600 * 1000);
    const r = await c.call('GET', '/os-simple-tenant-usage?start=2025-12-31T00:00:00&detailed=1');
    expect(r.status).toBe(200);
    const [usage] = r.body.tenant_usages;
    expect(usage).toMatchObject({ tenant_id: 'tp', total_hours: 4, total_vcpus_usage: 4, total_memory_mb_usage: 2 * 2048 + 2 * 512, total_local_gb_usage: 2 * 20 + 2 * 1 });
    expect(usage.start).toBe('2025-12-31T00:00:00.000000');
    expect(usage.stop).toBe('2026-01-01T02:00:00.000000');
    expect(r.text).toContain('"total_hours":4.0');
    // strtime of the parsed datetime: the request's microseconds survive (openstacksdk compares them)
    const micro = await c.call('GET', '/os-simple-tenant-usage/tp?start=2025-12-31T00:00:00.123456&end=2026-01-01T01:30:00.5');
    expect(micro.body.tenant_usage).toMatchObject({ start: '2025-12-31T00:00:00.123456', stop: '2026-01-01T01:30:00.500000' });
    expect(usage.server_usages.map((u: { instance_id: string }) => u.instance_id)).toEqual([a.id, b.id].sort());
    expect(usage.server_usages.find((u: { instance_id: string }) => u.instance_id === a.id))
      .toMatchObject({ instance_id: a.id, name: 'u1', flavor: 'm1.small', hours: 2, state: 'active', uptime: 7200, ended_at: null, vcpus: 1, memory_mb: 2048, local_gb: 20 });

    const brief = (await c.call('GET', '/os-simple-tenant-usage?start=2025-12-31T00:00:00')).body.tenant_usages[0];
    expect(brief).not.toHaveProperty('server_usages');
    const paged = await c.call('GET', '/os-simple-tenant-usage?start=2025-12-31T00:00:00&limit=1', { version: '2.40' });
    expect(paged.body.tenant_usages_links[0].href).toContain(`/v2.1/os-simple-tenant-usage?limit=1&start=2025-12-31T00%3A00%3A00&marker=${first}`);

    const own = await c.call('GET', '/os-simple-tenant-usage/tp?start=2025-12-31T00:00:00', { token: 'usr:tp' });
    expect(own.body.tenant_usage.total_hours).toBe(4);
    expect((await c.call('GET', '/os-simple-tenant-usage/other', { token: 'usr:tp' })).status).toBe(403);
    expect((await c.call('GET', '/os-simple-tenant-usage', { token: 'usr:tp' })).status).toBe(403);
    expect((await c.call('GET', '/os-simple-tenant-usage/nobody')).body).toEqual({ tenant_usage: {} });
  });

  test('bad periods', async () => {
    expect((await c.call('GET', '/os-simple-tenant-usage?start=bad')).body).toEqual({ badRequest: { code: 400, message: 'Invalid datetime string: Datetime is in invalid format' } });
    expect((await c.call('GET', '/os-simple-tenant-usage?start=2030-01-01T00:00:00')).body.badRequest.message).toBe('Invalid start time. The start time cannot occur after the end time.');
  });
});
