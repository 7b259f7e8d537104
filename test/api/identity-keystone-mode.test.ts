// AUTH_MODE=keystone: only issued tokens, from real users with the right password; every
// service answers 401 to anything else and reads roles and project from the token alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, login, passwordBody } from '../helpers/identity.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true, authMode: 'keystone', tokenExpiration: 60 }); });
afterAll(async () => { await t.close(); });

describe('keystone mode', () => {
  it('refuses users it does not know', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody('stranger', 'x', { project: 'demo' }) });
    expect(res.statusCode).toBe(401);
  });

  it('every service answers 401 to noauth tokens and to no token', async () => {
    for (const token of ['admin', 'demo:demo', 'admin:admin', undefined]) {
      const headers = token === undefined ? {} : { 'x-auth-token': token, 'x-roles': 'admin' };
      for (const url of ['/compute/v2.1/servers', '/placement/resource_providers', '/image/v2/images', '/identity/v3/projects', '/_mock/hosts']) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        expect(res.statusCode, `${url} with ${token}`).toBe(401);
      }
    }
  });

  it('an issued token works on every service; x-roles and x-project-id cannot raise it', async () => {
    const demo = await login(t.app, 'demo', 'secret', { project: 'demo' });
    const res = await t.app.inject({ method: 'GET', url: '/compute/v2.1/os-hypervisors', headers: { 'x-auth-token': demo.token, 'x-roles': 'admin', 'x-project-id': 'admin' } });
    expect(res.statusCode).toBe(403);
    const servers = await call(t.app, demo.token, 'GET', '/compute/v2.1/servers');
    expect(servers.statusCode).toBe(200);
    const rp = await t.app.inject({ method: 'GET', url: '/placement/resource_providers', headers: { 'x-auth-token': demo.token, 'x-roles': 'admin' } });
    expect(rp.statusCode).toBe(403);
    const admin = await login(t.app, 'admin', 'secret', { project: 'admin' });
    expect((await call(t.app, admin.token, 'GET', '/compute/v2.1/os-hypervisors')).statusCode).toBe(200);
    expect((await call(t.app, admin.token, 'GET', '/placement/resource_providers')).statusCode).toBe(200);
    expect((await call(t.app, admin.token, 'GET', '/_mock/hosts')).statusCode).toBe(200);
  });

  it('a server created with a token belongs to the token project', async () => {
    const demo = await login(t.app, 'demo', 'secret', { project: 'demo' });
    const res = await t.app.inject({ method: 'POST', url: '/compute/v2.1/servers', headers: { 'x-auth-token': demo.token, 'openstack-api-version': 'compute 2.90' }, payload: { server: { name: 'k1', flavorRef: '1', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', networks: 'none' } } });
    expect(res.statusCode).toBe(202);
    const shown = await call(t.app, demo.token, 'GET', `/compute/v2.1/servers/${res.json().server.id}`);
    expect(shown.json().server.tenant_id).toBe('demo');
    expect(shown.json().server.user_id).toBe('demo');
  });

  it('revoking a grant or disabling a user ends its tokens at once', async () => {
    const admin = await login(t.app, 'admin', 'secret', { project: 'admin' });
    const alt = await login(t.app, 'alt_demo', 'secret', { project: 'alt_demo' });
    expect((await call(t.app, alt.token, 'GET', '/compute/v2.1/servers')).statusCode).toBe(200);
    const member = (await call(t.app, admin.token, 'GET', '/identity/v3/roles?name=member')).json().roles[0].id;
    const revoke = await call(t.app, admin.token, 'DELETE', `/identity/v3/projects/alt_demo/users/alt_demo/roles/${member}`);
    expect(revoke.statusCode).toBe(204);
    expect((await call(t.app, alt.token, 'GET', '/compute/v2.1/servers')).statusCode).toBe(401);
    expect((await call(t.app, admin.token, 'PUT', `/identity/v3/projects/alt_demo/users/alt_demo/roles/${member}`)).statusCode).toBe(204);
    const again = await login(t.app, 'alt_demo', 'secret', { project: 'alt_demo' });
    expect((await call(t.app, admin.token, 'PATCH', '/identity/v3/users/alt_demo', { user: { enabled: false } })).statusCode).toBe(200);
    expect((await call(t.app, again.token, 'GET', '/compute/v2.1/servers')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody('alt_demo', 'secret', { project: 'alt_demo' }) })).statusCode).toBe(401);
  });

  it('a token expires after TOKEN_EXPIRATION', async () => {
    const { createTestApp: make } = await import('../helpers/app.js');
    let now = Date.parse('2026-01-01T00:00:00Z');
    const app = await make({ seed: true, authMode: 'keystone', tokenExpiration: 60 }, { clock: { now: () => new Date(now) } as never });
    try {
      const demo = await login(app.app, 'demo', 'secret', { project: 'demo' });
      expect(demo.body.token.expires_at).toBe('2026-01-01T00:01:00.000000Z');
      expect((await call(app.app, demo.token, 'GET', '/compute/v2.1/servers')).statusCode).toBe(200);
      now += 61_000;
      expect((await call(app.app, demo.token, 'GET', '/compute/v2.1/servers')).statusCode).toBe(401);
    } finally { await app.close(); }
  });
});
