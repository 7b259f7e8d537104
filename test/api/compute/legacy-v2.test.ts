// The legacy v2 API under /compute/v2: the v2.1 controllers at "2.0", no microversion headers,
// unknown body keys stripped and names with spaces accepted (answers taken from the real Nova).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { IMAGE } from '../../helpers/compute.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true }); });
afterAll(async () => { await t.close(); });

const v2 = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => t.app.inject({
  method: method as 'GET', url: `/compute/v2${path}`, headers: { 'x-auth-token': 'admin', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
  payload: body === undefined ? undefined : JSON.stringify(body),
});

describe('legacy v2 API', () => {
  test('views are 2.0, links name /v2/, version headers are neither read nor sent', async () => {
    const r = await v2('GET', '/flavors/1', undefined, { 'x-openstack-nova-api-version': '2.60' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['openstack-api-version']).toBeUndefined();
    expect(r.headers['x-compute-request-id']).toMatch(/^req-/);
    expect(r.json().flavor).not.toHaveProperty('description');
    expect(r.json().flavor.links[0]).toEqual({ rel: 'self', href: 'http://localhost:80/compute/v2/flavors/1' });
  });

  test('unknown keys are stripped and names may carry spaces', async () => {
    const extra = await v2('POST', '/flavors', { flavor: { name: 'v2f', ram: 1, vcpus: 1, disk: 1, bogus: 1 } });
    expect(extra.statusCode).toBe(200);
    expect(extra.json().flavor.name).toBe('v2f');
    const spaced = await v2('POST', '/flavors', { flavor: { name: ' v2g', ram: 1, vcpus: 1, disk: 1 } });
    expect(spaced.statusCode).toBe(200);
    expect(spaced.json().flavor.name).toBe('v2g');
    const bad = await v2('POST', '/flavors', { flavor: { name: 'x', ram: 'abc', vcpus: 1, disk: 1 } });
    expect(bad.json()).toEqual({ badRequest: { code: 400, message: "Invalid input for field/attribute ram. Value: abc. 'abc' does not match '^[0-9]+$'" } });
  });

  test('servers boot without networks and list with /v2 links; newer routes are 404', async () => {
    const made = await v2('POST', '/servers', { server: { name: 'v2s', imageRef: IMAGE, flavorRef: '1', extra: 1 } });
    expect(made.statusCode).toBe(202);
    expect(made.headers.location).toBe(`http://localhost:80/compute/v2/servers/${made.json().server.id}`);
    await t.services.compute.workflows.idle();
    const list = await v2('GET', '/servers?limit=1');
    expect(list.json().servers_links[0].href).toMatch(/^http:\/\/localhost:80\/compute\/v2\/servers\?limit=1&marker=/);
    expect((await v2('PUT', '/flavors/1', { flavor: { description: 'x' } })).json()).toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    expect((await v2('GET', '/os-migrations')).statusCode).toBe(200);
  });
});
