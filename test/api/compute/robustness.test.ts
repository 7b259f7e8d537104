// Bad input never reaches a 500: every route of the table, at the oldest and newest
// microversion, with odd bodies, odd ids and odd query strings, answers nova's envelope.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { COMPUTE_ROUTES } from '../../../src/compute/routes/index.js';
import { SERVER_ACTIONS } from '../../../src/compute/routes/server-actions.js';

let t: TestApp;
let serverId: string;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
  serverId = (await new ComputeClient(t.transport).createServer({ name: 'target' })).id;
});
afterAll(async () => { await t.close(); });

const BODIES = [undefined, '', '{}', '[]', '"x"', 'null', '7', '{"a": 1}', '{"server": {"name": {"x": [1, {"y": null}]}}}',
  '{"flavor": null}', '{"resize": {"flavorRef": null}}', '{"quota_set": {"instances": "1e9999"}}', '{"extra_specs": {"k": "' + 'x'.repeat(300) + '"}}'];
const QUERIES = ['', '?limit=x&marker=y', '?sort_key=zz&sort_dir=up', '?changes-since=bad&changes-before=worse', '?limit=-1',
  '?name=(&status=', '?all_tenants&deleted=maybe&locked=perhaps', '?with_servers=maybe&hypervisor_hostname_pattern='];

describe('no 500 on bad input', () => {
  test.each(COMPUTE_ROUTES.map((r) => [r.method, r.url] as const))('%s %s', async (method, url) => {
    const ids = [serverId, 'nope', '00000000-0000-0000-0000-000000000000'];
    for (const id of ids) {
      const path = url.replace(/:server_id/g, serverId).replace(/:[a-z_]+/g, id);
      for (const version of ['2.1', '2.93']) {
        const bodies = method === 'POST' || method === 'PUT' ? BODIES : [undefined];
        const queries = method === 'GET' ? QUERIES : [''];
        for (const body of bodies) {
          for (const query of queries) {
            const r = await t.app.inject({
              method, url: `/compute/v2.1${path}${query}`,
              headers: { 'x-auth-token': 'admin', 'x-openstack-nova-api-version': version, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
              payload: body,
            });
            const where = `${method} ${path}${query} @${version} body=${String(body).slice(0, 40)}`;
            expect(r.statusCode, `${where}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
            if (r.statusCode >= 400 && !r.headers['content-type']?.toString().startsWith('text/html')) {
              const b = r.json();
              expect(Object.keys(b), where).toHaveLength(1);
              expect(Object.values(b)[0], where).toMatchObject({ code: r.statusCode, message: expect.any(String) });
            }
          }
        }
      }
    }
  });
});

// Every server action with odd argument shapes, on a live server, at the oldest and newest
// microversion: a 4xx in nova's envelope (or the action's success), never a 500.
describe('no 500 from an action\'s arguments', () => {
  const ARGS = [null, {}, [], 'x', 1, true, { bogus: 1 }, { type: null }, { adminPass: 1 }, { host: '' }, { imageRef: null }];
  test.each(SERVER_ACTIONS.map((a) => a.name))('%s', async (name) => {
    const id = (await new ComputeClient(t.transport).createServer({ name: `fuzz-${name}` })).id;
    for (const version of ['2.1', '2.93']) {
      for (const arg of ARGS) {
        const r = await t.app.inject({
          method: 'POST', url: `/compute/v2.1/servers/${id}/action`,
          headers: { 'x-auth-token': 'admin', 'x-openstack-nova-api-version': version, 'content-type': 'application/json' },
          payload: JSON.stringify({ [name]: arg }),
        });
        const where = `${name}=${JSON.stringify(arg)} @${version}: ${r.body.slice(0, 300)}`;
        expect(r.statusCode, where).toBeLessThan(500);
        if (r.statusCode >= 400) {
          const b = r.json();
          expect(Object.keys(b), where).toHaveLength(1);
          expect(Object.values(b)[0], where).toMatchObject({ code: r.statusCode, message: expect.any(String) });
        }
        await t.services.compute.workflows.idle();
      }
    }
    await t.app.inject({ method: 'DELETE', url: `/compute/v2.1/servers/${id}`, headers: { 'x-auth-token': 'admin' } });
    await t.services.compute.workflows.idle();
  });
});
