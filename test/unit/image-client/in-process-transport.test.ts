// The in-process image transport answers image reads without app.inject; status, headers that
// matter and body must be what app.inject on the image plugin gives (request ids included: both
// sides draw them from the same seeded sequence).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { seededIds } from '../../../src/runtime/id-source.js';
import { createServices, type Services } from '../../../src/app.js';
import { createInProcessTransport } from '../../../src/image-client/in-process-transport.js';
import { inProcessApp, type InProcessApp } from '../../../src/http/in-process-app.js';
import { imagePlugin } from '../../../src/image/plugin.js';
import { imageHeaders, type ImageCallContext, type ImageRequest, type ImageTransport } from '../../../src/image-client/transport.js';

const admin: ImageCallContext = { token: 'admin:admin', roles: ['admin'] };
const demo: ImageCallContext = { token: 'demo:demo', roles: ['member'] };
const alt: ImageCallContext = { token: 'alt:alt', roles: ['member'] };

let direct: Services;
let viaInject: Services;
let transport: ImageTransport;
let app: InProcessApp;

beforeAll(() => {
  direct = createServices(createRuntime(testConfig({ seed: true }), { ids: seededIds(11) }));
  viaInject = createServices(createRuntime(testConfig({ seed: true }), { ids: seededIds(11) }));
  transport = createInProcessTransport(direct.image);
  app = inProcessApp(viaInject.image.runtime, 'image-in-process', (a) => a.register(imagePlugin, { prefix: '', linkPrefix: '', service: viaInject.image }));
});
afterAll(async () => {
  await transport.close();
  await app.close();
  direct.runtime.db.close();
  viaInject.runtime.db.close();
});

describe('in-process image transport', () => {
  it('answers image reads (found, hidden, missing, malformed ids) as app.inject on the image plugin does', async () => {
    const a = await app.get();
    const ask = async (ctx: ImageCallContext, req: ImageRequest) => {
      const got = await transport.request(ctx, req);
      const res = await a.inject({ method: req.method, url: req.path, headers: imageHeaders(ctx, req.contentType), ...(req.body !== undefined ? { payload: req.body as string } : {}) });
      const pick = (h: Record<string, unknown>) => ({ id: h['x-openstack-request-id'], type: h['content-type'], length: h['content-length'] });
      expect({ req, status: got.status, headers: pick(got.headers), body: got.body.toString('utf8') })
        .toEqual({ req, status: res.statusCode, headers: pick(res.headers), body: res.body });
      return got;
    };
    const list = JSON.parse((await ask(admin, { method: 'GET', path: '/v2/images' })).body.toString('utf8')) as { images: { id: string }[] };
    expect(list.images.length).toBeGreaterThan(0);
    const created = await ask(demo, { method: 'POST', path: '/v2/images', contentType: 'application/json', body: JSON.stringify({ name: 'private-one', visibility: 'private' }) });
    const privateId = (JSON.parse(created.body.toString('utf8')) as { id: string }).id;
    for (const ctx of [admin, demo, alt]) {
      for (const { id } of list.images) expect((await ask(ctx, { method: 'GET', path: `/v2/images/${id}` })).status).toBe(200);
      await ask(ctx, { method: 'GET', path: `/v2/images/${privateId}` });
      expect((await ask(ctx, { method: 'GET', path: '/v2/images/0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b' })).status).toBe(404);
      await ask(ctx, { method: 'GET', path: '/v2/images/not-a-uuid' });
    }
    expect((await ask({ token: '' }, { method: 'GET', path: `/v2/images/${privateId}` })).status).toBe(401);
  });
});
