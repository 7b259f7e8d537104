// Keystone tokens: password, token and application-credential auth, scopes, validation,
// revocation, and the two auth modes as every service sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { login, passwordBody } from '../../helpers/identity.js';
import { sendRequest } from '../../helpers/api-transport.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true }); });
afterAll(async () => { await t.close(); });

const roleNames = (body: any) => body.token.roles.map((r: { name: string }) => r.name).sort();

describe('password authentication (permissive mode, default seed)', () => {
  it('signs admin in on project admin with admin => member => reader and a catalog of every service', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', headers: { host: 'cloud:8080' }, payload: passwordBody('admin', 'secret', { project: 'admin' }) });
    expect(res.statusCode).toBe(201);
    const token = res.headers['x-subject-token'] as string;
    expect(token).toMatch(/^gAAAAA[A-Za-z0-9_-]{80,}$/);
    const body = res.json();
    expect(roleNames(body)).toEqual(['admin', 'member', 'reader']);
    expect(body.token.project).toEqual({ domain: { id: 'default', name: 'Default' }, id: 'admin', name: 'admin' });
    expect(body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);
    const types = body.token.catalog.map((c: { type: string }) => c.type);
    expect(types).toEqual(expect.arrayContaining(['identity', 'compute', 'placement', 'image']));
    const compute = body.token.catalog.find((c: { type: string }) => c.type === 'compute');
    expect(compute.endpoints.map((e: { interface: string }) => e.interface).sort()).toEqual(['admin', 'internal', 'public']);
    expect(compute.endpoints[0].url).toBe('http://cloud:8080/compute/v2.1');
  });

  it('refuses a seeded user with a wrong password, in keystone envelope with WWW-Authenticate', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody('demo', 'wrong', { project: 'demo' }) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } });
    expect(res.headers['www-authenticate']).toMatch(/^Keystone uri=/);
  });

  it('demo is member and reader on demo, and cannot scope to alt_demo', async () => {
    const { body } = await login(t.transport, 'demo', 'secret', { project: 'demo' });
    expect(roleNames(body)).toEqual(['member', 'reader']);
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody('demo', 'secret', { project: 'alt_demo' }) });
    expect(res.statusCode).toBe(401);
  });

  it('a user the cloud does not know signs in as a member of the project it names (permissive), never as admin', async () => {
    const { token, body } = await login(t.transport, 'admin:projX', 'anything', { project: 'projX' });
    expect(token).not.toContain('admin');
    expect(roleNames(body)).toEqual(['member', 'reader']);
    const servers = await sendRequest(t.transport, 'GET', '/compute/v2.1/os-hypervisors', { token });
    expect(servers.status).toBe(403);
    const placement = await sendRequest(t.transport, 'GET', '/placement/resource_providers', { token });
    expect(placement.status).toBe(403);
  });

  it('user names outside Latin-1 or with CR/LF get an answer in keystone envelope, never a 500', async () => {
    for (const name of ['ユーザー', 'a\r\nX-Injected: 1', '\u0000']) {
      const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody(name, 'x', { project: 'demo' }) });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['x-injected']).toBeUndefined();
      if (res.statusCode === 201) expect(res.headers['x-subject-token']).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('scopes to a domain and to the system', async () => {
    const system = await login(t.transport, 'admin', 'secret', { system: true });
    expect(system.body.token.system).toEqual({ all: true });
    expect(roleNames(system.body)).toEqual(['admin', 'member', 'reader']);
    const domain = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody('admin', 'secret', { domain: 'Default' }) });
    expect(domain.statusCode).toBe(401); // admin holds no role on the domain
  });

  it('an unscoped token has no roles and no catalog', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: { identity: { methods: ['password'], password: { user: { id: 'alt_demo', password: 'secret' } } }, scope: 'unscoped' } } });
    expect(res.statusCode).toBe(201);
    expect(res.json().token.roles).toBeUndefined();
    expect(res.json().token.catalog).toBeUndefined();
  });

  it('answers malformed bodies with keystone 400s', async () => {
    const noIdentity = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: {} } });
    expect(noIdentity.json()).toEqual({ error: { code: 400, title: 'Bad Request', message: "'identity' is a required property" } });
    const noDomain = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', password: 'secret' } } } } } });
    expect(noDomain.statusCode).toBe(400);
    expect(noDomain.json().error.message).toMatch(/^Expecting to find domain in user\./);
    const badJson = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', headers: { 'content-type': 'application/json' }, payload: '{"auth": ' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.title).toBe('Bad Request');
  });

  it('answers a body over the limit with 413 titled Request Entity Too Large', async () => {
    const big = JSON.stringify({ auth: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', headers: { 'content-type': 'application/json' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 413, title: 'Request Entity Too Large' });
  });
});

describe('token validation and revocation', () => {
  it('validates, checks and revokes; a revoked token is refused everywhere', async () => {
    const admin = await login(t.transport, 'admin', 'secret', { project: 'admin' });
    const demo = await login(t.transport, 'demo', 'secret', { project: 'demo' });
    const get = await t.app.inject({ method: 'GET', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': admin.token, 'x-subject-token': demo.token } });
    expect(get.statusCode).toBe(200);
    expect(get.headers['x-subject-token']).toBe(demo.token);
    expect(get.json().token.user.name).toBe('demo');
    const head = await t.app.inject({ method: 'HEAD', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': demo.token, 'x-subject-token': demo.token } });
    expect(head.statusCode).toBe(200);
    // demo may not look at admin's token
    const peek = await t.app.inject({ method: 'GET', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': demo.token, 'x-subject-token': admin.token } });
    expect(peek.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': admin.token, 'x-subject-token': demo.token } });
    expect(del.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': admin.token, 'x-subject-token': demo.token } });
    expect(after.statusCode).toBe(404);
    expect(after.json().error.message).toBe('Failed to validate token');
    // permissive mode too: the revoked token is not read as a noauth user name, so every
    // service answers the 401 that makes a client sign in again
    for (const url of ['/identity/v3/projects', '/compute/v2.1/servers', '/placement/resource_providers', '/volume/v3/demo/volumes']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'x-auth-token': demo.token } });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('permissive mode: a token that cannot be a noauth `user:project` is 401, not a made-up user (gophercloud TestReauthAuthResultDeadlock)', async () => {
    for (const token of ['this is not a valid token', 'gAAAAABnot-issued-here', ' ']) {
      for (const url of ['/identity/v3/projects', '/compute/v2.1/flavors']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { 'x-auth-token': token } });
        expect(res.statusCode, `${url} with '${token}'`).toBe(401);
      }
    }
    // the noauth forms still work
    expect((await t.app.inject({ method: 'GET', url: '/identity/v3/projects', headers: { 'x-auth-token': 'admin' } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/compute/v2.1/flavors', headers: { 'x-auth-token': 'demo:demo' } })).statusCode).toBe(200);
  });

  it('rescopes with the token method, keeping the expiry and the audit chain', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: { identity: { methods: ['password'], password: { user: { id: 'admin', password: 'secret' } } }, scope: 'unscoped' } } });
    const unscoped = first.headers['x-subject-token'] as string;
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: { identity: { methods: ['token'], token: { id: unscoped } }, scope: { project: { id: 'demo' } } } } });
    expect(res.statusCode).toBe(201);
    expect(res.json().token.expires_at).toBe(first.json().token.expires_at);
    expect(res.json().token.audit_ids[1]).toBe(first.json().token.audit_ids[0]);
    expect(res.json().token.methods).toEqual(['password', 'token']);
  });
});

describe('methods', () => {
  it('an unsupported method is 401 listing the methods served, as keystone does', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: { identity: { methods: ['totp'], totp: {} } } } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 401, identity: { methods: ['password', 'token', 'application_credential'] }, message: 'Attempted to authenticate with an unsupported method.', title: 'Unauthorized' } });
  });
});
