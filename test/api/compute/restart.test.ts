// A cloud reopened from its file in the same process (a new runtime over the same database, the
// old one abandoned as a crash leaves it): what the last reset chose is kept, and a reset or seed
// that a crash interrupted is made again on the next start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';

const dir = mkdtempSync(join(tmpdir(), 'novamock-restart-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
const H = { 'x-auth-token': 'admin' };
const open: TestApp[] = [];
afterEach(async () => { for (const t of open.splice(0)) await t.close(); });

async function start(database: string, progression: 'immediate' | 'manual' = 'immediate'): Promise<TestApp> {
  const t = await createTestApp({ seed: true, database, progression });
  open.push(t);
  return t;
}

describe('restart in process', () => {
  test('the reset\'s hosts, config and profile are the cloud\'s after a restart', async () => {
    const db = join(dir, 'settings.db');
    const a = await start(db);
    const r = await a.app.inject({
      method: 'POST', url: '/_mock/reset', headers: H,
      payload: { hosts: [{ name: 'solo', vcpus: 4 }], config: { allow_resize_to_same_host: true, scheduler: { max_attempts: 1 } }, profile: 'legacy-rbac' },
    });
    expect(r.statusCode).toBe(200);
    const b = await start(db);
    expect((await b.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts.map((h: { name: string; vcpus: number }) => [h.name, h.vcpus])).toEqual([['solo', 4]]);
    expect(b.services.runtime.settings).toMatchObject({ allowResizeToSameHost: true, policyProfile: 'legacy-rbac', novaOptions: { scheduler: { max_attempts: 1 } } });
  });

  test('a reset the process died in is made again on the next start', async () => {
    const db = join(dir, 'interrupted.db');
    const a = await start(db);
    expect((await a.app.inject({ method: 'POST', url: '/_mock/reset', headers: H, payload: { hosts: [{ name: 'h1' }, { name: 'h2' }] } })).statusCode).toBe(200);
    // the next reset dies after emptying the tables (the mark is down first)
    a.services.compute.hosts.beginReset();
    a.services.placement.reset();
    a.services.compute.store.clear();
    const b = await start(db);
    expect((await b.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2']);
    const flavors = await b.app.inject({ method: 'GET', url: '/compute/v2.1/flavors', headers: H });
    expect(flavors.json().flavors).toHaveLength(6);
    expect((await b.app.inject({ method: 'GET', url: '/_mock/audit', headers: H })).json().audit).toEqual([]);
    // and the next start opens it as it is
    const c = await start(db);
    expect((await c.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts).toEqual((await b.app.inject({ method: 'GET', url: '/_mock/hosts', headers: H })).json().hosts);
  });

  test('a soft delete and a restore that were acknowledged but not run are run by the next start', async () => {
    const db = join(dir, 'soft.db');
    const V = { ...H, 'openstack-api-version': 'compute 2.93' };
    const a = await start(db, 'manual');
    expect((await a.app.inject({ method: 'POST', url: '/_mock/reset', headers: H, payload: { config: { reclaim_instance_interval: 600 } } })).statusCode).toBe(200);
    const made = await a.app.inject({
      method: 'POST', url: '/compute/v2.1/servers', headers: V,
      payload: { server: { name: 's', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none' } },
    });
    const id = made.json().server.id as string;
    await runManualToEnd(a.services.compute);
    expect((await a.app.inject({ method: 'DELETE', url: `/compute/v2.1/servers/${id}`, headers: V })).statusCode).toBe(204);
    const show = async (t: TestApp) => (await t.app.inject({ method: 'GET', url: `/compute/v2.1/servers/${id}`, headers: V })).json().server;
    expect((await show(a))['OS-EXT-STS:task_state']).toBe('soft-deleting');
    const b = await start(db, 'manual');
    expect([(await show(b)).status, (await show(b))['OS-EXT-STS:task_state']]).toEqual(['SOFT_DELETED', null]);
    expect((await b.app.inject({ method: 'POST', url: `/compute/v2.1/servers/${id}/action`, headers: V, payload: { restore: null } })).statusCode).toBe(202);
    const c = await start(db, 'manual');
    expect([(await show(c)).status, (await show(c))['OS-EXT-STS:task_state']]).toEqual(['ACTIVE', null]);
    expect((await c.app.inject({ method: 'GET', url: '/_mock/audit', headers: H })).json().audit).toEqual([]);
  });
});
