// The policy matrix: for each auth mode, each caller and each admin-only API of every service
// served, the status the real Zed service gives with its default policy (enforce_scope and
// enforce_new_defaults off, so the admin role administers whatever the token's scope):
// nova/policies/*.py, placement/policies/*.py, keystone/common/policies/*.py,
// cinder/policies/*.py, and the control plane's own rule (admin only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, login } from '../helpers/identity.js';

type Caller = 'admin' | 'system-admin' | 'member' | 'reader' | 'none' | 'noauth-admin' | 'noauth-member';

interface Row { service: string; method: string; url: string; body?: unknown; headers?: Record<string, string>; admin: number }

// every row: allowed to the admin role (the status given), 403 to member and reader, 401 without a token
const ROWS: Row[] = [
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-hypervisors', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-services', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-aggregates', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-migrations', admin: 200 },
  { service: 'compute', method: 'POST', url: '/compute/v2.1/flavors', body: { flavor: { name: 'pm-$', ram: 64, vcpus: 1, disk: 1 } }, admin: 200 },
  { service: 'placement', method: 'GET', url: '/placement/resource_providers', admin: 200 },
  { service: 'placement', method: 'GET', url: '/placement/resource_classes', headers: { 'openstack-api-version': 'placement 1.2' }, admin: 200 },
  { service: 'placement', method: 'POST', url: '/placement/resource_providers', body: { name: 'pm-$' }, headers: { 'openstack-api-version': 'placement 1.20' }, admin: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/projects', admin: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/users', admin: 200 },
  { service: 'identity', method: 'POST', url: '/identity/v3/projects', body: { project: { name: 'pm-$' } }, admin: 201 },
  { service: 'identity', method: 'GET', url: '/identity/v3/role_assignments', admin: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/services', admin: 200 },
  { service: 'block-storage', method: 'POST', url: '/volume/v3/types', body: { volume_type: { name: 'pm-$' } }, admin: 200 },
  // neutron's policy.yaml defaults: admin_only attributes and the quota API
  { service: 'networking', method: 'POST', url: '/networking/v2.0/networks', body: { network: { name: 'pm-$', shared: true } }, admin: 201 },
  { service: 'networking', method: 'POST', url: '/networking/v2.0/networks', body: { network: { name: 'pm-$', 'router:external': true } }, admin: 201 },
  { service: 'networking', method: 'POST', url: '/networking/v2.0/networks', body: { network: { name: 'pm-$', 'provider:network_type': 'vxlan' } }, admin: 201 },
  { service: 'networking', method: 'GET', url: '/networking/v2.0/quotas', admin: 200 },
  { service: 'networking', method: 'PUT', url: '/networking/v2.0/quotas/alt_demo', body: { quota: { network: 20 } }, admin: 200 },
  { service: 'control plane', method: 'GET', url: '/_mock/hosts', admin: 200 },
];

async function callersFor(t: TestApp, mode: 'permissive' | 'keystone'): Promise<Map<Caller, string | undefined>> {
  const admin = (await login(t.app, 'admin', 'secret', { project: 'admin' })).token;
  // a user that holds only reader on demo
  const readerRole = (await call(t.app, admin, 'GET', '/identity/v3/roles?name=reader')).json().roles[0].id;
  const user = (await call(t.app, admin, 'POST', '/identity/v3/users', { user: { name: 'only-reader', password: 'pw' } })).json().user;
  await call(t.app, admin, 'PUT', `/identity/v3/projects/demo/users/${user.id}/roles/${readerRole}`);
  const callers = new Map<Caller, string | undefined>([
    ['admin', admin],
    ['system-admin', (await login(t.app, 'admin', 'secret', { system: true })).token],
    ['member', (await login(t.app, 'demo', 'secret', { project: 'demo' })).token],
    ['reader', (await login(t.app, 'only-reader', 'pw', { project: 'demo' })).token],
    ['none', undefined],
  ]);
  if (mode === 'permissive') {
    callers.set('noauth-admin', 'admin');
    callers.set('noauth-member', 'demo:demo');
  }
  return callers;
}

function expected(row: Row, caller: Caller, mode: 'permissive' | 'keystone'): number {
  if (caller === 'none') return 401;
  if (caller.startsWith('noauth') && mode === 'keystone') return 401;
  if (caller === 'admin' || caller === 'system-admin' || caller === 'noauth-admin') return row.admin;
  return 403;
}

for (const mode of ['permissive', 'keystone'] as const) {
  describe(`policy matrix, AUTH_MODE=${mode}`, () => {
    let t: TestApp;
    let callers: Map<Caller, string | undefined>;
    beforeAll(async () => {
      t = await createTestApp({ seed: true, authMode: mode });
      callers = await callersFor(t, mode);
    });
    afterAll(async () => { await t.close(); });

    it('every admin-only API of every service answers each caller as the real service does', async () => {
      let n = 0;
      const mismatches: string[] = [];
      for (const row of ROWS) {
        for (const [caller, token] of callers) {
          const body = row.body === undefined ? undefined : JSON.parse(JSON.stringify(row.body).replace('$', `${caller}-${n++}`));
          const res = await t.app.inject({
            method: row.method as 'GET', url: row.url,
            headers: { ...(token ? { 'x-auth-token': token } : {}), ...(row.headers ?? {}) },
            ...(body !== undefined ? { payload: body } : {}),
          });
          const want = expected(row, caller, mode);
          if (res.statusCode !== want) mismatches.push(`${row.service} ${row.method} ${row.url} as ${caller}: ${res.statusCode}, expected ${want}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  });
}
