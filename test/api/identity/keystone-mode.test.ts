// AUTH_MODE=keystone: only issued tokens, from real users with the right password; every
// service answers 401 to anything else and reads roles and project from the token alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { login, passwordBody } from '../../helpers/identity.js';
import { sendRequest } from '../../helpers/api-transport.js';

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
    const demo = await login(t.transport, 'demo', 'secret', { project: 'demo' });
    const res = await t.app.inject({ method: 'GET', url: '/compute/v2.1/os-hypervisors', headers: { 'x-auth-token': demo.token, 'x-roles': 'admin', 'x-project-id': 'admin' } });
    expect(res.statusCode).toBe(403);
    const servers = await sendRequest(t.transport, 'GET', '/compute/v2.1/servers', { token: demo.token });
    expect(servers.status).toBe(200);
    const rp = await t.app.inject({ method: 'GET', url: '/placement/resource_providers', headers: { 'x-auth-token': demo.token, 'x-roles': 'admin' } });
    expect(rp.statusCode).toBe(403);
    const admin = await login(t.transport, 'admin', 'secret', { project: 'admin' });
    expect((await sendRequest(t.transport, 'GET', '/compute/v2.1/os-hypervisors', { token: admin.token })).status).toBe(200);
    expect((await sendRequest(t.transport, 'GET', '/placement/resource_providers', { token: admin.token })).status).toBe(200);
    expect((await sendRequest(t.transport, 'GET', '/_mock/hosts', { token: admin.token })).status).toBe(200);
  });

  it('a server created with a token belongs to the token project', async () => {
    const demo = await login(t.transport, 'demo', 'secret', { project: 'demo' });
    const res = await t.app.inject({ method: 'POST', url: '/compute/v2.1/servers', headers: { 'x-auth-token': demo.token, 'openstack-api-version': 'compute 2.90' }, payload: { server: { name: 'k1', flavorRef: '1', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', networks: 'none' } } });
    expect(res.statusCode).toBe(202);
    const shown = await sendRequest(t.transport, 'GET', `/compute/v2.1/servers/${res.json().server.id}`, { token: demo.token });
    expect(shown.body.server.tenant_id).toBe('demo');
    expect(shown.body.server.user_id).toBe('demo');
  });

  it('revoking a grant or disabling a user ends its tokens at once', async () => {
    const admin = await login(t.transport, 'admin', 'secret', { project: 'admin' });
    const alt = await login(t.transport, 'alt_demo', 'secret', { project: 'alt_demo' });
    expect((await sendRequest(t.transport, 'GET', '/compute/v2.1/servers', { token: alt.token })).status).toBe(200);
    const member = (await sendRequest(t.transport, 'GET', '/identity/v3/roles?name=member', { token: admin.token })).body.roles[0].id;
    const revoke = await sendRequest(t.transport, 'DELETE', `/identity/v3/projects/alt_demo/users/alt_demo/roles/${member}`, { token: admin.token });
    expect(revoke.status).toBe(204);
    expect((await sendRequest(t.transport, 'GET', '/compute/v2.1/servers', { token: alt.token })).status).toBe(401);
    expect((await sendRequest(t.transport, 'PUT', `/identity/v3/projects/alt_demo/users/alt_demo/roles/${member}`, { token: admin.token })).status).toBe(204);
    const again = await login(t.transport, 'alt_demo', 'secret', { project: 'alt_demo' });
    expect((await sendRequest(t.transport, 'PATCH', '/identity/v3/users/alt_demo', { token: admin.token, body: { user: { enabled: false } } })).status).toBe(200);
    expect((await sendRequest(t.transport, 'GET', '/compute/v2.1/servers', { token: again.token })).status).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody('alt_demo', 'secret', { project: 'alt_demo' }) })).statusCode).toBe(401);
  });

  it('a token expires after TOKEN_EXPIRATION', async () => {
    const { createTestApp: make } = await import('../../helpers/app.js');
    let now = Date.parse('2026-01-01T00:00:00Z');
    const app = await make({ seed: true, authMode: 'keystone', tokenExpiration: 60 }, { clock: { now: () => new Date(now) } as never });
    try {
      const demo = await login(app.transport, 'demo', 'secret', { project: 'demo' });
      expect(demo.body.token.expires_at).toBe('2026-01-01T00:01:00.000000Z');
      expect((await sendRequest(app.transport, 'GET', '/compute/v2.1/servers', { token: demo.token })).status).toBe(200);
      now += 61_000;
      expect((await sendRequest(app.transport, 'GET', '/compute/v2.1/servers', { token: demo.token })).status).toBe(401);
    } finally { await app.close(); }
  });
});
