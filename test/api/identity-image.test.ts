import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { systemClock } from '../../src/runtime/clock.js';
import { identityPlugin } from '../../src/identity/plugin.js';
import { imagePlugin } from '../../src/image/plugin.js';
import { createImageService } from '../../src/image/image-service.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { testConfig } from '../../src/config.js';

// The shims are mounted by buildApp; here they are tested on their own so a broken sibling service cannot hide them.
let t: { app: ReturnType<typeof Fastify>; close(): Promise<void> };
beforeAll(async () => {
  const app = Fastify();
  await app.register(identityPlugin, { prefix: '/identity', linkPrefix: '/identity', clock: systemClock });
  const runtime = createRuntime(testConfig());
  await app.register(imagePlugin, { prefix: '/image', linkPrefix: '/image', service: createImageService(runtime, { sizeCap: 1024 }) });
  await app.ready();
  t = { app, close: () => app.close() };
});
afterAll(async () => { await t.close(); });

const passwordAuth = (user: string, project?: string) => ({
  auth: {
    identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password: 'x' } } },
    ...(project ? { scope: { project: { name: project, domain: { name: 'Default' } } } } : {}),
  },
});

describe('identity shim', () => {
  it('lists v3 at /identity', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/identity/', headers: { host: 'cloud:8080' } });
    expect(res.statusCode).toBe(300);
    expect(res.json().versions.values[0]).toMatchObject({ id: 'v3.14', status: 'stable', links: [{ rel: 'self', href: 'http://cloud:8080/identity/v3/' }] });
  });

  it('issues a user:project token with a catalog pointing at this host', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', headers: { host: 'cloud:8080' }, payload: passwordAuth('demo', 'demo-project') });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-subject-token']).toBe('demo:demo-project');
    const token = res.json().token;
    expect(token.project).toMatchObject({ id: 'demo-project', name: 'demo-project' });
    expect(token.roles.map((r: { name: string }) => r.name)).not.toContain('admin');
    const compute = token.catalog.find((c: { type: string }) => c.type === 'compute');
    expect(compute.endpoints.find((e: { interface: string }) => e.interface === 'public').url).toBe('http://cloud:8080/compute/v2.1');
  });

  it('gives admin the admin role, and validates tokens', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordAuth('admin', 'admin') });
    const token = issued.headers['x-subject-token'] as string;
    expect(issued.json().token.roles.map((r: { name: string }) => r.name)).toContain('admin');
    const check = await t.app.inject({ method: 'GET', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': token, 'x-subject-token': token } });
    expect(check.statusCode).toBe(200);
    expect(check.json().token.user.name).toBe('admin');
  });

  it('answers a body without identity with keystone 400 envelope', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: {} } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 400, title: 'Bad Request', message: "'identity' is a required property" } });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', headers: { 'content-type': 'application/json' }, payload: '{"auth": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(400);
  });
});

describe('image shim', () => {
  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/image/v2/images' });
    expect(res.statusCode).toBe(401);
  });

  it("lists the glance fixture's images and shows one", async () => {
    const list = await t.app.inject({ method: 'GET', url: '/image/v2/images', headers: { 'x-auth-token': 'admin' } });
    expect(list.statusCode).toBe(200);
    const ids = list.json().images.map((i: { id: string }) => i.id);
    expect(ids).toContain('155d900f-4e14-4e4c-a73d-069cbf4541e6');
    const one = await t.app.inject({ method: 'GET', url: '/image/v2/images/155d900f-4e14-4e4c-a73d-069cbf4541e6', headers: { 'x-auth-token': 'admin' } });
    expect(one.json()).toMatchObject({ name: 'fakeimage123456', status: 'active', disk_format: 'raw', architecture: 'x86_64' });
  });

  it('filters by name and pages with limit/marker', async () => {
    const byName = await t.app.inject({ method: 'GET', url: '/image/v2/images?name=fakeimage7', headers: { 'x-auth-token': 'admin' } });
    expect(byName.json().images.map((i: { id: string }) => i.id)).toEqual(['70a599e0-31e7-49b7-b260-868f441e862b']);
    const page = await t.app.inject({ method: 'GET', url: '/image/v2/images?limit=2', headers: { 'x-auth-token': 'admin' } });
    expect(page.json().images).toHaveLength(2);
    // glance orders by created_at desc, then id desc: the fixture images share created_at
    expect(page.json().images.map((i: { id: string }) => i.id)).toEqual(['cedef40a-ed67-4d10-800e-17455edce175', 'c905cedb-7281-47e4-8a62-f26bc5fc4c77']);
    expect(page.json().next).toBe('/v2/images?limit=2&marker=c905cedb-7281-47e4-8a62-f26bc5fc4c77');
  });

  it('answers an unknown image with 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/image/v2/images/nope', headers: { 'x-auth-token': 'admin' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('No image found with ID nope');
  });
});
