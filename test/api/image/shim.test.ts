import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { imagePlugin } from '../../../src/image/plugin.js';
import { createImageService } from '../../../src/image/image-service.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { testConfig } from '../../../src/config.js';

// The image service is mounted by buildApp; here it is tested on its own so a broken sibling service cannot hide it
// (identity: test/api/identity/*.test.ts).
let t: { app: ReturnType<typeof Fastify>; close(): Promise<void> };
beforeAll(async () => {
  const app = Fastify();
  const runtime = createRuntime(testConfig());
  await app.register(imagePlugin, { prefix: '/image', linkPrefix: '/image', service: createImageService(runtime, { sizeCap: 1024 }) });
  await app.ready();
  t = { app, close: () => app.close() };
});
afterAll(async () => { await t.close(); });

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
