// URLs the router cannot decode (bad %-escapes) answer in the envelope of the service they
// are under, never Fastify's generic {"error": "Bad Request", "code": "FST_ERR_BAD_URL"}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true }); });
afterAll(async () => { await t.close(); });

const admin = { 'x-auth-token': 'admin' };

describe('bad %-escapes per service', () => {
  it('compute: 401 without a token, badRequest with one', async () => {
    for (const url of ['/compute/v2.1/os-services/%ff', '/compute/v2.1/servers/%ff%fe?name=x', '/compute/v2.1/flavors/%c3%28/os-extra_specs']) {
      const anon = await t.app.inject({ method: 'GET', url });
      expect(anon.statusCode).toBe(401);
      expect(anon.json()).toEqual({ error: { code: 401, message: 'The request you have made requires authentication.' } });
      const r = await t.app.inject({ method: 'GET', url, headers: admin });
      expect(r.statusCode).toBe(400);
      expect(Object.keys(r.json())).toEqual(['badRequest']);
      expect(r.json().badRequest.code).toBe(400);
      expect(r.headers['x-compute-request-id']).toMatch(/^req-/);
    }
  });

  it('compute: a malformed escape stays literal and matches nothing (nova 404 page)', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/compute/v2.1/os-services/%zz', headers: { ...admin, accept: 'application/json' } });
    expect(r.statusCode).toBe(404);
  });

  it('placement: its own envelope', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/placement/resource_providers/%ff', headers: admin });
    expect(r.statusCode).toBe(404);
    expect(r.json().errors[0].status).toBe(404);
  });

  it('identity: keystone envelope', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/identity/v3/%ff' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: { code: 400, title: 'Bad Request', message: expect.any(String) } });
  });

  it('image: glance plain text', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/image/v2/images/%ff', headers: admin });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body).toMatch(/^400 Bad Request\n\n/);
  });

  it('control plane: admin check first, then its envelope', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/_mock/reset%ff' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/_mock/reset%ff', headers: { 'x-auth-token': 'bob:p' } })).statusCode).toBe(403);
    const r = await t.app.inject({ method: 'POST', url: '/_mock/reset%ff', headers: admin });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json())).toEqual(['error']);
    expect(t.services.compute.hosts.list().length).toBe(2);
  });
});
