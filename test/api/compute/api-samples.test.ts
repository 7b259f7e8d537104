// Our views against nova's own api_samples templates (Debian python3-nova ships them): the
// shape (every key, recursively; list items merged) of each response must equal the template's
// at the same microversion. Values are the environment's (names, ips) and are not compared.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

const ROOT = '/usr/lib/python3/dist-packages/nova/tests/functional/api_sample_tests/api_samples';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBk6DcmRZnwQ4ZAjJ8G2P6GSYBgpTsH/g9ULr8/ZzTFm test@x';

/** A template as JSON: every %(name)s (quoted or not) becomes a string. */
function template(path: string): unknown {
  const text = readFileSync(`${ROOT}/${path}`, 'utf8')
    // unquoted placeholders (numbers, null-or-time) first, then strings holding one
    .replace(/([:[,]\s*)%\([^)]*\)s/g, '$1"X"')
    .replace(/"(?:[^"\\]|\\.)*%\([^)]*\)s(?:[^"\\]|\\.)*"/g, '"X"');
  return JSON.parse(text);
}

type Shape = { [k: string]: Shape } | 'list' | null;

/** Keys recursively; a list's items are merged into one shape under '[]'. */
function shape(v: unknown, skip: (path: string) => boolean, path = ''): Shape {
  if (Array.isArray(v)) {
    const merged: Record<string, Shape> = {};
    for (const item of v) {
      const s = shape(item, skip, `${path}[]`);
      if (s && typeof s === 'object') Object.assign(merged, s);
    }
    return { '[]': Object.keys(merged).length > 0 ? merged : null };
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, Shape> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = `${path}.${k}`;
      if (!skip(p)) out[k] = shape(x, skip, p);
    }
    return out;
  }
  return null;
}

/** Paths that depend on the deployment, not on the view code (ports, volumes, user metadata). */
const ENVIRONMENT = [/\.addresses\./, /\.security_groups$/, /\.volumes_attached\[\]/, /\.metadata\./, /\.extra_specs\./,
  /hypervisors\[\]\.servers$/,
  // the sample world names its hosts 'conductor', 'scheduler', 'compute'
  /availabilityZoneInfo\[\]\.hosts\./,
  // only in-progress live migrations carry links; the sample lists one, our world has none
  /^\.migrations\[\]\.links$/];
const skip = (p: string) => ENVIRONMENT.some((re) => re.test(p.replace('os-extended-volumes:volumes_attached', 'volumes_attached')));

const available = existsSync(ROOT);
let t: TestApp;
let c: ComputeClient;
let serverId: string;
let actionId: string;

beforeAll(async () => {
  if (!available) return;
  t = await createTestApp({ seed: true });
  c = new ComputeClient(t.transport);
  serverId = (await c.createServer({ name: 'sampled', extra: { metadata: { 'My Server Name': 'Apache1' } } })).id;
  await c.action(serverId, { resize: { flavorRef: '2' } });
  await c.waitForServerStatus(serverId, 'VERIFY_RESIZE');
  await c.action(serverId, { confirmResize: null });
  await c.waitForServerStatus(serverId, 'ACTIVE');
  actionId = (await c.call('GET', `/servers/${serverId}/os-instance-actions`)).body.instanceActions.at(-1).request_id;
  await c.call('POST', '/os-keypairs', { version: '2.2', body: { keypair: { name: 'keypair-sample', public_key: KEY } } });
});
afterAll(async () => { if (available) await t.close(); });

/** [template, method path, version, caller] */
const CASES: [string, string, string, string?][] = [
  ['servers/server-get-resp.json.tpl', '/servers/ID', '2.1'],
  ['servers/v2.63/server-get-resp.json.tpl', '/servers/ID', '2.63', 'certs'],
  ...['2.3', '2.9', '2.16', '2.19', '2.47', '2.71', '2.73'].map((v): [string, string, string] => [`servers/v${v}/server-get-resp.json.tpl`, '/servers/ID', v]),
  ['servers/v2.90/server-get-resp.json.tpl', '/servers/ID', '2.90', 'member'],
  ['servers/servers-details-resp.json.tpl', '/servers/detail?limit=1', '2.1'],
  ['servers/v2.16/servers-details-resp.json.tpl', '/servers/detail?limit=1', '2.16'],
  ['servers/v2.73/servers-details-resp.json.tpl', '/servers/detail', '2.73'],
  ['servers/servers-list-resp.json.tpl', '/servers?limit=1', '2.1'],
  ['flavors/flavor-get-resp.json.tpl', '/flavors/1', '2.1'],
  ['flavors/flavors-detail-resp.json.tpl', '/flavors/detail', '2.1'],
  ['flavors/flavors-list-resp.json.tpl', '/flavors', '2.1'],
  ...['2.55', '2.61', '2.75'].flatMap((v): [string, string, string][] => [
    [`flavors/v${v}/flavor-get-resp.json.tpl`, '/flavors/1', v],
    [`flavors/v${v}/flavors-detail-resp.json.tpl`, '/flavors/detail', v],
    [`flavors/v${v}/flavors-list-resp.json.tpl`, '/flavors', v],
  ]),
  ['os-hypervisors/v2.53/hypervisors-list-resp.json.tpl', '/os-hypervisors?limit=1', '2.53'],
  ['os-hypervisors/v2.53/hypervisors-detail-resp.json.tpl', '/os-hypervisors/detail?limit=1', '2.53'],
  ['os-hypervisors/v2.88/hypervisors-detail-resp.json.tpl', '/os-hypervisors/detail?limit=1', '2.88'],
  ['os-instance-actions/instance-action-get-resp.json.tpl', '/servers/ID/os-instance-actions/ACTION', '2.1'],
  ['os-instance-actions/v2.58/instance-action-get-resp.json.tpl', '/servers/ID/os-instance-actions/ACTION', '2.58'],
  ['os-instance-actions/v2.62/instance-action-get-resp.json.tpl', '/servers/ID/os-instance-actions/ACTION', '2.62'],
  ['os-instance-actions/v2.84/instance-action-get-resp.json.tpl', '/servers/ID/os-instance-actions/ACTION', '2.84'],
  ['os-instance-actions/v2.51/instance-action-get-non-admin-resp.json.tpl', '/servers/ID/os-instance-actions/ACTION', '2.51', 'member'],
  ['os-instance-actions/instance-actions-list-resp.json.tpl', '/servers/ID/os-instance-actions', '2.1'],
  ['os-instance-actions/v2.58/instance-actions-list-resp.json.tpl', '/servers/ID/os-instance-actions', '2.58'],
  ['os-migrations/migrations-get.json.tpl', '/os-migrations', '2.1'],
  ['os-migrations/v2.23/migrations-get.json.tpl', '/os-migrations', '2.23'],
  ['os-migrations/v2.59/migrations-get.json.tpl', '/os-migrations', '2.59'],
  ['os-migrations/v2.80/migrations-get.json.tpl', '/os-migrations', '2.80'],
  ['flavor-extra-specs/flavor-extra-specs-list-resp.json.tpl', '/flavors/6/os-extra_specs', '2.1'],
  ['server-metadata/server-metadata-all-resp.json.tpl', '/servers/ID/metadata', '2.1'],
  ['limits/limit-get-resp.json.tpl', '/limits', '2.1'],
  ['limits/v2.36/limit-get-resp.json.tpl', '/limits', '2.36'],
  ['limits/v2.39/limit-get-resp.json.tpl', '/limits', '2.39'],
  ['limits/v2.57/limit-get-resp.json.tpl', '/limits', '2.57'],
  ['os-quota-sets/quotas-show-get-resp.json.tpl', '/os-quota-sets/p1', '2.1'],
  ['os-quota-sets/v2.36/quotas-show-get-resp.json.tpl', '/os-quota-sets/p1', '2.36'],
  ['os-quota-sets/v2.57/quotas-show-get-resp.json.tpl', '/os-quota-sets/p1', '2.57'],
  ['os-quota-sets/v2.57/quotas-show-detail-get-resp.json.tpl', '/os-quota-sets/p1/detail', '2.57'],
  ['os-keypairs/v2.2/keypairs-get-resp.json.tpl', '/os-keypairs/keypair-sample', '2.2'],
  ['os-keypairs/v2.2/keypairs-list-resp.json.tpl', '/os-keypairs', '2.2'],
  ['os-services/services-list-get-resp.json.tpl', '/os-services', '2.1'],
  ['os-services/v2.11/services-list-get-resp.json.tpl', '/os-services', '2.11'],
  ['os-services/v2.53/services-list-get-resp.json.tpl', '/os-services', '2.53'],
  ['os-availability-zone/availability-zone-detail-resp.json.tpl', '/os-availability-zone/detail', '2.1'],
  ['versions/v21-version-get-resp.json.tpl', '', '2.1'],
];

describe.skipIf(!available)('views match nova\'s api_samples templates', () => {
  test('every template named exists', () => {
    expect(CASES.map(([tpl]) => tpl).filter((tpl) => !existsSync(`${ROOT}/${tpl}`))).toEqual([]);
  });

  test.each(CASES)('%s at %s', async (tpl, path, version, caller) => {
    let url = path.replace('ID', serverId).replace('ACTION', actionId);
    let token: string | undefined;
    if (caller === 'certs') {
      // the 2.63 sample boots with trusted image certificates
      const own = await c.createServer({ name: 'certified', extra: { trusted_image_certificates: ['0b5d2c72-12cc-4ba6-a8d7-3ff5cc1d8cb8', '674736e3-f25c-405c-8362-bbf991e0ce0a'] } });
      url = path.replace('ID', own.id);
    }
    if (caller === 'member') {
      // the member's own server, so that the policy-filtered view is shown
      const own = await c.createServer({ name: 'member-sample', token: 'fake:memberp', extra: { metadata: { 'My Server Name': 'Apache1' } } });
      const rid = (await c.call('GET', `/servers/${own.id}/os-instance-actions`, { token: 'fake:memberp' })).body.instanceActions[0].request_id;
      url = path.replace('ID', own.id).replace('ACTION', rid);
      token = 'fake:memberp';
    }
    const r = url === ''
      ? { status: 200, body: (await t.app.inject({ method: 'GET', url: '/compute/v2.1', headers: { 'x-auth-token': 'admin' } })).json() }
      : await c.call('GET', url, { version, token });
    expect(r.status).toBe(200);
    expect(shape(r.body, skip)).toEqual(shape(template(tpl), skip));
  });
});

/** A request template with its placeholders filled: the sample's own request must be accepted. */
function request(path: string, subs: Record<string, string>): unknown {
  let n = 0;
  const text = readFileSync(`${ROOT}/${path}`, 'utf8').replace(/%\(([^)]+)\)s/g, (_m, name: string) => subs[name] ?? `sample${n++}`);
  return JSON.parse(text);
}

interface WriteCase {
  name: string;
  req: string;
  resp: string;
  method: string;
  /** SERVER is replaced by a fresh ACTIVE server's id, SERVICE by host1's service uuid. */
  path: string;
  version: string;
  subs?: Record<string, string>;
  status: number;
  setup?: () => Promise<void>;
}

const WRITES: WriteCase[] = [
  { name: 'flavor create 2.1', req: 'flavor-manage/flavor-create-post-req.json.tpl', resp: 'flavor-manage/flavor-create-post-resp.json.tpl', method: 'POST', path: '/flavors', version: '2.1', subs: { flavor_id: 'w1', flavor_name: 'w1' }, status: 200 },
  ...['2.55', '2.61', '2.75'].flatMap((v): WriteCase[] => [
    { name: `flavor create ${v}`, req: `flavor-manage/v${v}/flavor-create-post-req.json.tpl`, resp: `flavor-manage/v${v}/flavor-create-post-resp.json.tpl`, method: 'POST', path: '/flavors', version: v, subs: { flavor_id: `c${v}`, flavor_name: `c${v}` }, status: 200 },
    { name: `flavor update ${v}`, req: `flavor-manage/v${v}/flavor-update-req.json.tpl`, resp: `flavor-manage/v${v}/flavor-update-resp.json.tpl`, method: 'PUT', path: `/flavors/c${v}`, version: v, status: 200 },
  ]),
  {
    name: 'flavor access add (2.7)', req: 'flavor-access/v2.7/flavor-access-add-tenant-req.json.tpl', resp: 'flavor-access/flavor-access-add-tenant-resp.json.tpl',
    method: 'POST', path: '/flavors/private1/action', version: '2.7', subs: { tenant_id: 'tenant1' }, status: 200,
    setup: async () => { await c.call('POST', '/flavors', { body: { flavor: { name: 'private1', id: 'private1', ram: 1, vcpus: 1, disk: 1, 'os-flavor-access:is_public': false } } }); },
  },
  { name: 'server create 2.37', req: 'servers/server-create-req-v237.json.tpl', resp: 'servers/server-create-resp.json.tpl', method: 'POST', path: '/servers', version: '2.37', subs: { availability_zone: 'nova', user_data: 'IyEvYmluL2Jhc2gK' }, status: 202 },
  { name: 'server create 2.57', req: 'servers/server-create-req-v257.json.tpl', resp: 'servers/server-create-resp.json.tpl', method: 'POST', path: '/servers', version: '2.57', subs: { availability_zone: 'nova', user_data: 'IyEvYmluL2Jhc2gK' }, status: 202 },
  { name: 'server update 2.1', req: 'servers/server-update-req.json.tpl', resp: 'servers/server-update-resp.json.tpl', method: 'PUT', path: '/servers/SERVER', version: '2.1', status: 200 },
  { name: 'server update 2.71', req: 'servers/v2.71/server-update-req.json.tpl', resp: 'servers/v2.71/server-update-resp.json.tpl', method: 'PUT', path: '/servers/SERVER', version: '2.71', status: 200 },
  { name: 'server update 2.75', req: 'servers/v2.75/server-update-req.json.tpl', resp: 'servers/v2.75/server-update-resp.json.tpl', method: 'PUT', path: '/servers/SERVER', version: '2.75', status: 200 },
  { name: 'keypair import 2.10', req: 'os-keypairs/v2.10/keypairs-import-post-req.json.tpl', resp: 'os-keypairs/v2.10/keypairs-import-post-resp.json.tpl', method: 'POST', path: '/os-keypairs', version: '2.10', subs: { public_key: KEY, keypair_type: 'ssh', user_id: 'admin', keypair_name: 'imported' }, status: 201 },
  { name: 'service disable 2.53', req: 'os-services/v2.53/service-disable-log-put-req.json.tpl', resp: 'os-services/v2.53/service-disable-log-put-resp.json.tpl', method: 'PUT', path: '/os-services/SERVICE', version: '2.53', status: 200 },
  { name: 'quota update 2.57', req: 'os-quota-sets/v2.57/quotas-update-post-req.json.tpl', resp: 'os-quota-sets/v2.57/quotas-update-post-resp.json.tpl', method: 'PUT', path: '/os-quota-sets/pw', version: '2.57', status: 200 },
  { name: 'server metadata item', req: 'server-metadata/server-metadata-req.json.tpl', resp: 'server-metadata/server-metadata-resp.json.tpl', method: 'PUT', path: '/servers/SERVER/metadata/foo', version: '2.1', status: 200 },
];

describe.skipIf(!available)('write answers match nova\'s api_samples templates for nova\'s own requests', () => {
  const SUBS = { access_ip_v4: '1.2.3.4', access_ip_v6: '80fe::', image_id: '155d900f-4e14-4e4c-a73d-069cbf4541e6' };
  test.each(WRITES.map((w) => [w.name, w] as const))('%s', async (_name, w) => {
    await w.setup?.();
    let path = w.path;
    if (path.includes('SERVER')) path = path.replace('SERVER', (await c.createServer({ name: 'written' })).id);
    if (path.includes('SERVICE')) {
      const [svc] = (await c.call('GET', '/os-services?host=host1&binary=nova-compute', { version: '2.53' })).body.services;
      path = path.replace('SERVICE', svc.id);
    }
    const r = await c.call(w.method, path, { version: w.version, body: request(w.req, { ...SUBS, ...(w.subs ?? {}) }) });
    expect(r.status, r.text).toBe(w.status);
    expect(shape(r.body, skip)).toEqual(shape(template(w.resp), skip));
  });
});
