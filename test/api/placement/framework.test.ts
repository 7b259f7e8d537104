// The Placement framework over HTTP: microversion negotiation, auth, error envelope, routing
// (404 / 405 + Allow / version windows), content checks, cache headers, CORS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';
import { firstError, PlacementClient } from '../../helpers/placement.js';
import { ROUTES } from '../../../src/placement/routes/index.js';

let t: TestApp;
let pc: PlacementClient;
beforeAll(async () => { t = await createPlacementTestApp(); pc = new PlacementClient(t.transport, ''); });
afterAll(async () => { await t.close(); });

describe('microversions', () => {
  it('answers 1.0 without a header and echoes the version', async () => {
    const r = await pc.call('GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers['openstack-api-version']).toBe('placement 1.0');
    expect(r.headers.vary).toBe('openstack-api-version');
    expect(r.body.versions[0]).toMatchObject({ id: 'v1.0', min_version: '1.0', max_version: '1.39', status: 'CURRENT', links: [{ rel: 'self', href: '' }] });
  });
  it("maps 'latest' to 1.39", async () => {
    expect((await pc.call('GET', '/', { version: 'latest' })).headers['openstack-api-version']).toBe('placement 1.39');
  });
  it('rejects an unknown version with 406 and the supported range', async () => {
    const r = await pc.call('GET', '/', { version: '0.5' });
    expect(r.status).toBe(406);
    expect(r.headers['openstack-api-version']).toBeUndefined();
    expect(firstError(r)).toMatchObject({ title: 'Not Acceptable', max_version: '1.39', min_version: '1.0' });
    expect(firstError(r).detail).toContain('Unacceptable version header: 0.5');
  });
  it('rejects a malformed version with 400', async () => {
    for (const v of ['pony.horse', '1.2.3']) {
      const r = await pc.call('GET', '/', { version: v });
      expect(r.status).toBe(400);
      expect(firstError(r).detail).toContain(`invalid version string: ${v}`);
    }
  });
  it('adds cache headers from 1.15 only', async () => {
    expect((await pc.call('GET', '/', { version: '1.14' })).headers['cache-control']).toBeUndefined();
    const r = await pc.call('GET', '/', { version: '1.15' });
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['last-modified']).toMatch(/^\w+, \d+ \w+ \d{4} [\d:]+ GMT$/);
  });
});

describe('auth (noauth2)', () => {
  it('needs no token at / but 401 elsewhere', async () => {
    expect((await pc.call('GET', '/', { token: null })).status).toBe(200);
    const r = await pc.call('GET', '/resource_providers', { token: null });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: '401 Unauthorized', title: 'Unauthorized' });
  });
  it('gives a non-admin token no role, so the default policy says 403', async () => {
    const r = await pc.call('GET', '/resource_providers', { token: 'user:project' });
    expect(r.status).toBe(403);
    expect(firstError(r).detail).toContain('Policy does not allow placement:resource_providers:list to be performed.');
  });
});

describe('routing and errors', () => {
  it('404 for an unknown URL, with request id and (1.23) the default code', async () => {
    const r = await pc.call('GET', '/barnabas', { version: '1.23' });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('application/json');
    expect(firstError(r)).toMatchObject({ title: 'Not Found', code: 'placement.undefined_code' });
    expect(firstError(r).request_id).toMatch(/^req-[0-9a-f-]+$/);
    expect(r.headers['x-openstack-request-id']).toBe(firstError(r).request_id);
  });
  it('405 with Allow for a known URL and a wrong method', async () => {
    const r = await pc.call('DELETE', '/resource_providers');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, POST');
    expect(firstError(r).detail).toContain('The method DELETE is not allowed for this resource.');
  });
  it('405 with the URL\'s Allow for every method a URL of the table lacks; 404 with a {param} left empty', async () => {
    const allow = new Map<string, string[]>();
    for (const r of ROUTES) { const m = allow.get(r.path) ?? []; if (!m.includes(r.method)) m.push(r.method); allow.set(r.path, m); }
    for (const [path, methods] of allow) {
      const url = path.replace(/\{\w+\}/g, 'a-b');
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].filter((m) => !methods.includes(m))) {
        const r = await pc.call(method, `${url}?x=1`, { version: 'latest' });
        expect([path, method, r.status, r.headers.allow, r.headers.vary]).toEqual([path, method, 405, methods.join(', '), 'openstack-api-version']);
        if (method !== 'HEAD') expect(firstError(r).code).toBe('placement.undefined_code');
      }
      if (!path.includes('{')) continue;
      for (const method of ['GET', 'PATCH']) {
        const r = await pc.call(method, path.replace(/\{\w+\}/g, ''));
        expect([path, method, r.status, r.headers.vary]).toEqual([path, method, 404, undefined]);
      }
    }
  });
  it('a URL newer than the version is 404, a newer method on an old URL 405', async () => {
    expect((await pc.call('GET', '/traits', { version: '1.5' })).status).toBe(404);
    expect((await pc.call('GET', '/traits', { version: '1.6' })).status).toBe(200);
    const rp = await pc.createProvider('window');
    expect((await pc.call('DELETE', `/resource_providers/${rp.uuid}/inventories`, { version: '1.4' })).status).toBe(405);
    expect((await pc.call('DELETE', `/resource_providers/${rp.uuid}/inventories`, { version: '1.5' })).status).toBe(204);
  });
  it('renders HTML errors when the client prefers HTML', async () => {
    const r = await pc.call('GET', '/nowhere', { headers: { accept: 'text/html' } });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain('The resource could not be found');
  });
  it('406 when Accept excludes JSON on a JSON resource', async () => {
    const r = await pc.call('GET', '/resource_providers', { headers: { accept: 'text/plain' } });
    expect(r.status).toBe(406);
    // text/plain is what the client accepts, so webob words the error in plain text.
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toContain('Only application/json is provided');
  });
});

describe('bodies', () => {
  it('needs a content type when there is a body', async () => {
    const r = await pc.call('POST', '/resource_providers', { raw: 'I want a resource provider please' });
    expect(r.status).toBe(400);
    expect(firstError(r).detail).toContain('content-type header required');
  });
  it('415 for a wrong or missing content type', async () => {
    const r = await pc.call('POST', '/resource_providers', { raw: 'x', headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
    const none = await pc.call('PUT', '/resource_providers/d3a64825-8228-4ccb-8a6c-1c6d3eb6a3e8');
    expect(none.status).toBe(415);
    expect(firstError(none).detail).toContain('The media type None is not supported, use application/json');
  });
  it('Malformed JSON and schema failures in python-jsonschema words', async () => {
    const bad = await pc.call('POST', '/resource_providers', { raw: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(firstError(bad).detail).toContain('Malformed JSON: Expecting value: line 1 column 10 (char 9)');
    const schema = await pc.call('POST', '/resource_providers', { body: { namex: 1 } });
    expect(schema.status).toBe(400);
    expect(firstError(schema).detail).toContain("JSON does not validate: 'name' is a required property");
    expect(firstError(schema).detail).toContain("Failed validating 'required' in schema");
    const extra = await pc.call('POST', '/resource_providers', { body: { name: 'a', bad_field: 1 } });
    expect(firstError(extra).detail).toContain("Additional properties are not allowed ('bad_field' was unexpected)");
  });
});

describe('CORS profile', () => {
  it('answers preflights for allowed origins only, and is a 405 without the profile', async () => {
    const headers = { origin: 'http://valid.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'openstack-api-version' };
    expect((await pc.call('OPTIONS', '/', { headers })).status).toBe(405);
    t.services.runtime.settings.policyProfile = 'cors';
    try {
      const ok = await pc.call('OPTIONS', '/', { headers });
      expect(ok.status).toBe(200);
      expect(ok.headers['access-control-allow-origin']).toBe('http://valid.example.com');
      expect(ok.headers['access-control-allow-headers']).toBe('openstack-api-version');
      const invalid = await pc.call('OPTIONS', '/', { headers: { ...headers, origin: 'http://invalid.example.com' } });
      expect(invalid.status).toBe(200);
      expect(invalid.headers['access-control-allow-origin']).toBeUndefined();
      expect(ok.headers).toMatchObject({ 'access-control-allow-credentials': 'true', 'access-control-max-age': '3600', vary: 'Origin' });
      const get = await pc.call('GET', '/', { headers: { origin: 'http://valid.example.com' } });
      expect(get.headers['access-control-allow-origin']).toBe('http://valid.example.com');
      expect(get.headers.vary).toBe('openstack-api-version,Origin');
      // as oslo.middleware, only the configured allow_headers pass a preflight
      const denied = await pc.call('OPTIONS', '/resource_providers', { headers: { ...headers, 'access-control-request-headers': 'x-auth-token' } });
      expect(denied.status).toBe(200);
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
      const unauth = await pc.call('GET', '/resource_providers', { token: null, headers: { origin: 'http://valid.example.com' } });
      expect(unauth.status).toBe(401);
      expect(unauth.headers['access-control-allow-origin']).toBe('http://valid.example.com');
    } finally {
      t.services.runtime.settings.policyProfile = 'default';
    }
  });
});
