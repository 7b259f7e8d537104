// Bad input never yields a 500 or a half-written change: every answer is Placement's
// envelope with a 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { PlacementClient } from '../../helpers/placement.js';

let t: TestApp;
let pc: PlacementClient;
let uuid: string;
beforeAll(async () => {
  t = await createPlacementTestApp({ bodyLimit: 64 * 1024 });
  pc = new PlacementClient(t.transport, '');
  uuid = (await pc.createProvider('victim')).uuid;
});
afterAll(async () => { await t.close(); });

const writes = (u: string): [string, string][] => [
  ['POST', '/resource_providers'], ['PUT', `/resource_providers/${u}`], ['PUT', `/resource_providers/${u}/inventories`],
  ['POST', `/resource_providers/${u}/inventories`], ['PUT', `/resource_providers/${u}/inventories/VCPU`],
  ['PUT', `/resource_providers/${u}/traits`], ['PUT', `/resource_providers/${u}/aggregates`], ['POST', '/resource_classes'],
];

const bodies: [string, string][] = [
  ['malformed', '{"name": '], ['not an object', '[1, 2, 3]'], ['null', 'null'], ['string', '"x"'], ['empty', ''],
  ['deep nesting', '['.repeat(5000) + ']'.repeat(5000)], ['deep malformed nesting', '['.repeat(200000)],
  ['python-only literals', '{"resource_provider_generation": 0, "inventories": {"VCPU": {"total": 1, "allocation_ratio": NaN}}, "total": Infinity, "allocation_ratio": -Infinity, "resource_class": "VCPU", "name": "x", "traits": [], "aggregates": []}'], ['unknown fields', '{"bogus": true, "name": "x"}'],
  ['huge number', '{"resource_provider_generation": 1e400, "inventories": {}}'],
  ['unicode', '{"name": "\u2603\ud83d\ude00 snow"}'], ['wrong types', '{"name": 5, "resource_provider_generation": "0", "traits": {}}'],
];

describe('never a 500', () => {
  for (const [label, raw] of bodies) {
    it(`bodies: ${label}`, async () => {
      for (const [method, path] of writes(uuid)) {
        for (const version of ['1.0', '1.39']) {
          const r = await pc.call(method, path, { version, raw, headers: { 'content-type': 'application/json' } });
          expect(r.status, `${method} ${path} @${version}: ${r.text}`).toBeLessThan(500);
          if (r.status >= 400) expect(r.body.errors[0].status).toBe(r.status);
        }
      }
    });
  }
  it('a body over the limit is a 413 in the envelope', async () => {
    const r = await pc.call('POST', '/resource_providers', { raw: `{"name": "${'x'.repeat(70 * 1024)}"}`, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(r.body.errors[0].title).toBe('Request Entity Too Large');
  });
  it('bad uuids and odd path segments', async () => {
    for (const path of ['/resource_providers/not-a-uuid', '/resource_providers/%E2%98%83', '/resource_providers/x/inventories/%00', '/traits/%F0%9F%98%80', '/resource_classes/%25']) {
      const r = await pc.call('GET', path, { version: 'latest' });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
  });
  it('URLs the router cannot decode are a Placement 404 (after auth and negotiation)', async () => {
    for (const path of ['/resource_providers/%E0%A4%A', '/traits/%ZZ', `/resource_providers/${'a'.repeat(1200)}`]) {
      const r = await pc.call('GET', path, { version: '1.23' });
      expect(r.status, path).toBe(404);
      expect(r.body.errors[0]).toMatchObject({ title: 'Not Found', code: 'placement.undefined_code' });
      expect(r.headers['openstack-api-version']).toBe('placement 1.23');
    }
    expect((await pc.call('GET', '/traits/%ZZ', { token: null })).status).toBe(401);
    expect((await pc.call('GET', '/traits/%ZZ', { version: '0.5' })).status).toBe(406);
  });
  it('unicode names round-trip', async () => {
    const r = await pc.call('POST', '/resource_providers', { version: '1.20', body: { name: '\u00e7\u2603\ud83d\ude00' } });
    expect(r.status).toBe(200);
    const found = await pc.call('GET', `/resource_providers?name=${encodeURIComponent('\u00e7\u2603\ud83d\ude00')}`);
    expect(found.body.resource_providers).toHaveLength(1);
  });
  it('failed writes leave nothing behind', async () => {
    const before = (await pc.call('GET', `/resource_providers/${uuid}`)).body;
    await pc.call('PUT', `/resource_providers/${uuid}/inventories`, { body: { resource_provider_generation: before.generation, inventories: { VCPU: { total: 4 }, CUSTOM_NOPE: { total: 1 } } } });
    const inv = (await pc.call('GET', `/resource_providers/${uuid}/inventories`)).body;
    expect(inv).toEqual({ resource_provider_generation: before.generation, inventories: {} });
  });
});
