// The control plane is admin-only whatever the URL looks like: authorisation follows the matched
// route, so query strings, escapes, trailing and double slashes cannot open it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true }); });
afterAll(async () => { await t.close(); });

const hostCount = () => t.services.compute.hosts.list().length;

describe('/_mock authorisation', () => {
  it('serves the status document without a token, and nothing else', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/_mock/status' });
    expect(r.statusCode).toBe(200);
    expect(r.json().status.hosts).toEqual(['host1', 'host2']);
    const q = await t.app.inject({ method: 'GET', url: '/_mock/status?x=1' });
    expect(q.statusCode).toBe(200);
  });

  const attacks: Array<[string, string]> = [
    ['POST', '/_mock/reset?/status'],
    ['POST', '/_mock/reset?x=/status'],
    ['POST', '/_mock/reset?status'],
    ['POST', '/_mock/%72eset?/status'],
    ['POST', '/_mock/reset#/status'],
    ['POST', '/_mock/reset/'],
    ['POST', '/_mock/reset//status'],
    ['POST', '/_mock//reset?/status'],
    ['POST', '//_mock/reset?/status'],
    ['POST', '/_mock/status/../reset'],
    ['POST', '/_mock/reset%2Fstatus'],
    ['POST', '/_mock/reset%3F/status'],
    ['POST', '/_mock/hosts?/status'],
    ['GET', '/_mock/hosts?/status'],
    ['GET', '/_mock/audit?/status'],
    ['GET', '/_mock/faults?/status'],
    ['DELETE', '/_mock/faults?/status'],
    ['DELETE', '/_mock/hosts/host1?/status'],
    ['DELETE', '/_mock/hosts/host1%3F/status'],
    ['POST', '/_mock/progress?/status'],
    ['GET', '/_mock/status/'],
    ['GET', '/_mock/nothing-here/status'],
  ];

  it.each(attacks)('%s %s: 401 without a token, 403 for a member, nothing changed', async (method, url) => {
    const before = hostCount();
    const anon = await t.app.inject({ method: method as 'GET', url, payload: method === 'POST' ? { hosts: [] } : undefined });
    // a URL that leaves /_mock altogether is simply not found; everything under it needs the admin
    if (url.startsWith('//')) expect(anon.statusCode).toBe(404);
    else {
      expect(anon.statusCode).toBe(401);
      const member = await t.app.inject({ method: method as 'GET', url, headers: { 'x-auth-token': 'alice:proj' }, payload: method === 'POST' ? { hosts: [] } : undefined });
      expect(member.statusCode).toBe(403);
      expect(member.json()).toEqual({ error: 'admin only' });
    }
    expect(hostCount()).toBe(before);
  });

  it('still works for the admin, and an unknown /_mock URL is a 404 in its envelope', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/_mock/hosts?x=1', headers: { 'x-auth-token': 'admin' } });
    expect(r.statusCode).toBe(200);
    const nf = await t.app.inject({ method: 'GET', url: '/_mock/nothing', headers: { 'x-auth-token': 'admin' } });
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toEqual({ error: 'no route GET /_mock/nothing' });
  });
});
