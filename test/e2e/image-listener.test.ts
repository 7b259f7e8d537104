// The standalone image listener (IMAGE_STANDALONE_PORT): glance at `/` of its own port over a
// real socket, sharing the database with the main port; an upload streamed in chunks.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request } from 'undici';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { testConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildApp, buildImageApp, createServices, type Services } from '../../src/app.js';

let services: Services;
let main: FastifyInstance;
let image: FastifyInstance;
const url = (app: FastifyInstance) => {
  const a = app.server.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
};

beforeAll(async () => {
  services = createServices(createRuntime(testConfig()));
  main = await buildApp(services);
  image = await buildImageApp(services);
  await main.listen({ port: 0, host: '127.0.0.1' });
  await image.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await image.close(); await main.close(); services.runtime.db.close(); });

it('serves glance at / of its own port, sharing images with the main port', async () => {
  const versions = await request(`${url(image)}/`);
  expect(versions.statusCode).toBe(300);
  const body = await versions.body.json() as { versions: { links: { href: string }[] }[] };
  expect(body.versions[0]!.links[0]!.href).toBe(`${url(image)}/v2/`);
  const created = await request(`${url(image)}/v2/images`, {
    method: 'POST', headers: { 'x-auth-token': 'demo:demo', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'standalone', disk_format: 'raw', container_format: 'bare' }),
  });
  expect(created.statusCode).toBe(201);
  const img = await created.body.json() as { id: string };
  expect(created.headers.location).toBe(`${url(image)}/v2/images/${img.id}`);
  // chunked upload (no Content-Length), as the glance client streams a file
  const up = await request(`${url(image)}/v2/images/${img.id}/file`, {
    method: 'PUT', headers: { 'x-auth-token': 'demo:demo', 'content-type': 'application/octet-stream' },
    body: Readable.from([Buffer.alloc(100000, 1), Buffer.alloc(100000, 2)]),
  });
  expect(up.statusCode).toBe(204);
  await up.body.dump();
  const shown = await request(`${url(main)}/image/v2/images/${img.id}`, { headers: { 'x-auth-token': 'demo:demo' } });
  expect(await shown.body.json()).toMatchObject({ status: 'active', size: 200000 });
});

it('answers an upload over IMAGE_SIZE_CAP with 413 to a client that sends its whole body first', async () => {
  const capped = createServices(createRuntime(testConfig({ imageSizeCap: 1000 })));
  const app = await buildImageApp(capped);
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const created = await request(`${url(app)}/v2/images`, {
      method: 'POST', headers: { 'x-auth-token': 'demo:demo', 'content-type': 'application/json' }, body: JSON.stringify({ name: 'big' }),
    });
    const { id } = await created.body.json() as { id: string };
    const { request: httpRequest } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url(app)}/v2/images/${id}/file`, {
        method: 'PUT', headers: { 'x-auth-token': 'demo:demo', 'content-type': 'application/octet-stream', 'content-length': 300000 },
      }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      // the whole body goes out before the answer is read, as Python's http.client does
      req.end(Buffer.alloc(300000, 7));
    });
    expect(status).toBe(413);
    const shown = await request(`${url(app)}/v2/images/${id}`, { headers: { 'x-auth-token': 'demo:demo' } });
    expect(await shown.body.json()).toMatchObject({ status: 'queued', size: null });
  } finally {
    await app.close();
    capped.runtime.db.close();
  }
});
