// The policy matrix: for each auth mode, each caller and each admin-only API of every service
// served, the status the real Zed service gives with its default policy (enforce_scope and
// enforce_new_defaults off, so a deprecated rule is OR-ed with its new default and the admin role
// administers whatever the token's scope):
// nova/policies/*.py (Zed: ADMIN = context_is_admin = role:admin, no system scope),
// placement/policies/*.py (SYSTEM_READER = role:reader and system_scope:all, SYSTEM_ADMIN, each
// OR-ed with the deprecated role:admin), keystone/common/policies/*.py (ADMIN_OR_SYSTEM_READER...),
// neutron/conf/policies/*.py (ADMIN = rule:admin_only), cinder/policies/*.py (rule:admin_api),
// glance/policies/*.py (role:admin), and the control plane's own rule (admin only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { login } from '../helpers/identity.js';
import { sendRequest } from '../helpers/api-transport.js';

type Caller = 'admin' | 'system-admin' | 'system-reader' | 'member' | 'reader' | 'none' | 'noauth-admin' | 'noauth-member';

interface Row {
  service: string; method: string; url: string; body?: unknown; headers?: Record<string, string>;
  /** the status for the admin role (project-scoped, system-scoped, noauth admin) */
  admin: number;
  /** the status for a system-scoped reader (a reader role on the system): default 403 */
  systemReader?: number;
  /** the status for demo's member and reader (default 403) */
  member?: number;
  /** a list whose policy is enforced per item (neutron): every caller with a token gets 200 */
  filtered?: true;
}

const PLACEMENT_1_20 = { 'openstack-api-version': 'placement 1.20' };
const PLACEMENT_1_39 = { 'openstack-api-version': 'placement 1.39' };

// every row: allowed to the admin role (the status given), 403 to member and reader unless said,
// 401 without a token
const ROWS: Row[] = [
  // nova: os_compute_api:* whose default is base.ADMIN
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-hypervisors', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-hypervisors/detail', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-hypervisors/statistics', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-hypervisors/host1/search', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-services', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-aggregates', admin: 200 },
  { service: 'compute', method: 'POST', url: '/compute/v2.1/os-aggregates', body: { aggregate: { name: 'pm-$' } }, admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-migrations', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-simple-tenant-usage', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-availability-zone/detail', admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-keypairs?user_id=alt_demo', headers: { 'openstack-api-version': 'compute 2.10' }, admin: 200 },
  { service: 'compute', method: 'PUT', url: '/compute/v2.1/os-quota-sets/alt_demo', body: { quota_set: { instances: 20 } }, admin: 200 },
  { service: 'compute', method: 'GET', url: '/compute/v2.1/os-quota-class-sets/default', admin: 200 },
  { service: 'compute', method: 'PUT', url: '/compute/v2.1/os-quota-class-sets/default', body: { quota_class_set: { instances: 10 } }, admin: 200 },
  { service: 'compute', method: 'POST', url: '/compute/v2.1/flavors', body: { flavor: { name: 'pm-$', ram: 64, vcpus: 1, disk: 1 } }, admin: 200 },
  { service: 'compute', method: 'POST', url: '/compute/v2.1/flavors/1/os-extra_specs', body: { extra_specs: { 'hw:cpu_policy': 'shared' } }, admin: 200 },
  // placement: SYSTEM_READER reads (a system reader may), SYSTEM_ADMIN writes
  { service: 'placement', method: 'GET', url: '/placement/resource_providers', admin: 200, systemReader: 200 },
  { service: 'placement', method: 'GET', url: '/placement/resource_classes', headers: { 'openstack-api-version': 'placement 1.2' }, admin: 200, systemReader: 200 },
  { service: 'placement', method: 'GET', url: '/placement/traits', headers: { 'openstack-api-version': 'placement 1.6' }, admin: 200, systemReader: 200 },
  { service: 'placement', method: 'GET', url: '/placement/allocation_candidates?resources=VCPU:1', headers: PLACEMENT_1_20, admin: 200, systemReader: 200 },
  // placement:usages = PROJECT_READER_OR_SYSTEM_READER: demo's own readers may read demo's usages
  { service: 'placement', method: 'GET', url: '/placement/usages?project_id=demo', headers: { 'openstack-api-version': 'placement 1.9' }, admin: 200, systemReader: 200, member: 200 },
  { service: 'placement', method: 'GET', url: '/placement/usages?project_id=alt_demo', headers: { 'openstack-api-version': 'placement 1.9' }, admin: 200, systemReader: 200 },
  { service: 'placement', method: 'POST', url: '/placement/resource_providers', body: { name: 'pm-$' }, headers: PLACEMENT_1_20, admin: 200 },
  { service: 'placement', method: 'POST', url: '/placement/resource_classes', body: { name: 'CUSTOM_PM_$' }, headers: PLACEMENT_1_39, admin: 201 },
  { service: 'placement', method: 'PUT', url: '/placement/traits/CUSTOM_PM_$', headers: PLACEMENT_1_39, admin: 201 },
  // keystone: ADMIN_OR_SYSTEM_READER(_OR_DOMAIN_READER) reads, admin writes
  { service: 'identity', method: 'GET', url: '/identity/v3/projects', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/users', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/groups', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/roles', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/role_assignments', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/services', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/endpoints', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/users/alt_demo', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'GET', url: '/identity/v3/users/alt_demo/projects', admin: 200, systemReader: 200 },
  { service: 'identity', method: 'POST', url: '/identity/v3/projects', body: { project: { name: 'pm-$' } }, admin: 201 },
  { service: 'identity', method: 'POST', url: '/identity/v3/users', body: { user: { name: 'pm-$' } }, admin: 201 },
  { service: 'identity', method: 'POST', url: '/identity/v3/roles', body: { role: { name: 'pm-$' } }, admin: 201 },
  { service: 'identity', method: 'POST', url: '/identity/v3/groups', body: { group: { name: 'pm-$' } }, admin: 201 },
  { service: 'identity', method: 'PATCH', url: '/identity/v3/projects/alt_demo', body: { project: { description: 'pm' } }, admin: 200 },
  // cinder: rule:admin_api, and quotas of another project; URLs without a project id (3.67's form,
  // served at any version: a system-scoped token has no project to name, and a URL naming
  // another project than the token's is cinder's 400 "Malformed request url")
  { service: 'block-storage', method: 'POST', url: '/volume/v3/types', body: { volume_type: { name: 'pm-$' } }, admin: 200 },
  { service: 'block-storage', method: 'PUT', url: '/volume/v3/os-quota-sets/alt_demo', body: { quota_set: { volumes: 20 } }, admin: 200 },
  { service: 'block-storage', method: 'GET', url: '/volume/v3/os-quota-sets/alt_demo', admin: 200 },
  // glance: publicize_image = role:admin
  { service: 'image', method: 'POST', url: '/image/v2/images', body: { name: 'pm-$', visibility: 'public' }, admin: 201 },
  // neutron's policy.yaml defaults: admin_only attributes, agents and the quota API
  { service: 'networking', method: 'POST', url: '/networking/v2.0/networks', body: { network: { name: 'pm-$', shared: true } }, admin: 201 },
  { service: 'networking', method: 'POST', url: '/networking/v2.0/networks', body: { network: { name: 'pm-$', 'router:external': true } }, admin: 201 },
  { service: 'networking', method: 'POST', url: '/networking/v2.0/networks', body: { network: { name: 'pm-$', 'provider:network_type': 'vxlan' } }, admin: 201 },
  { service: 'networking', method: 'GET', url: '/networking/v2.0/quotas', admin: 200 },
  { service: 'networking', method: 'PUT', url: '/networking/v2.0/quotas/alt_demo', body: { quota: { network: 20 } }, admin: 200 },
  // get_agent = ADMIN, enforced per item on a list: others get 200 and an empty list
  { service: 'networking', method: 'GET', url: '/networking/v2.0/agents', admin: 200, filtered: true },
  { service: 'control plane', method: 'GET', url: '/_mock/hosts', admin: 200 },
];

async function callersFor(t: TestApp, mode: 'permissive' | 'keystone'): Promise<Map<Caller, string | undefined>> {
  const admin = (await login(t.transport, 'admin', 'secret', { project: 'admin' })).token;
  // a user that holds only reader on demo
  const readerRole = (await sendRequest(t.transport, 'GET', '/identity/v3/roles?name=reader', { token: admin })).body.roles[0].id;
  const user = (await sendRequest(t.transport, 'POST', '/identity/v3/users', { token: admin, body: { user: { name: 'only-reader', password: 'pw' } } })).body.user;
  await sendRequest(t.transport, 'PUT', `/identity/v3/projects/demo/users/${user.id}/roles/${readerRole}`, { token: admin });
  // and one that holds only reader on the system
  const auditor = (await sendRequest(t.transport, 'POST', '/identity/v3/users', { token: admin, body: { user: { name: 'system-reader', password: 'pw' } } })).body.user;
  await sendRequest(t.transport, 'PUT', `/identity/v3/system/users/${auditor.id}/roles/${readerRole}`, { token: admin });
  const callers = new Map<Caller, string | undefined>([
    ['admin', admin],
    ['system-admin', (await login(t.transport, 'admin', 'secret', { system: true })).token],
    ['member', (await login(t.transport, 'demo', 'secret', { project: 'demo' })).token],
    ['system-reader', (await login(t.transport, 'system-reader', 'pw', { system: true })).token],
    ['reader', (await login(t.transport, 'only-reader', 'pw', { project: 'demo' })).token],
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
  if (row.filtered) return 200;
  if (caller === 'system-reader') return row.systemReader ?? 403;
  if (caller === 'member' || caller === 'reader') return row.member ?? 403;
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
          // a fresh name per request: '$' becomes a counter (digits suit resource class and trait names)
          const unique = String(n++);
          const body = row.body === undefined ? undefined : JSON.parse(JSON.stringify(row.body).replace('$', unique));
          const res = await t.app.inject({
            method: row.method as 'GET', url: row.url.replace('$', unique),
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
