// The image client compute uses, over both transports: in-process (inject) and HTTP (undici to
// the standalone image listener, as IMAGE_URL would point at any glance). Same answers, and
// glance's errors become nova's exceptions (ImageNotFound, ImageBadRequest, ...).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildImageApp, createServices, type Services } from '../../src/app.js';
import { createImageClient, type ImageClient } from '../../src/image-client/index.js';
import { md5 } from '../helpers/image.js';

let services: Services;
let listener: FastifyInstance;
const clients: Record<string, ImageClient> = {};

beforeAll(async () => {
  services = createServices(createRuntime(testConfig()));
  listener = await buildImageApp(services);
  await listener.listen({ port: 0, host: '127.0.0.1' });
  const a = listener.server.address();
  clients['in-process'] = createImageClient(services.image, null);
  clients.http = createImageClient(services.image, `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
});
afterAll(async () => {
  for (const c of Object.values(clients)) await c.close();
  await listener.close();
  services.runtime.db.close();
});

const ctx = { token: 'demo:demo' };

describe.each(['in-process', 'http'])('%s image client', (name) => {
  it('shows a seeded image with its properties apart', async () => {
    const img = await clients[name]!.show(ctx, '155d900f-4e14-4e4c-a73d-069cbf4541e6');
    expect(img).toMatchObject({ status: 'active', diskFormat: 'raw', containerFormat: 'raw', minRam: 0, properties: { architecture: 'x86_64', kernel_id: 'nokernel' } });
  });

  it('creates, updates, uploads to, pages through and deletes images', async () => {
    const c = clients[name]!;
    const img = await c.create(ctx, { name: `snap-${name}`, containerFormat: 'bare', diskFormat: 'raw', properties: { image_type: 'snapshot', instance_uuid: 'i-1' } });
    expect(img).toMatchObject({ status: 'queued', owner: 'demo', properties: { image_type: 'snapshot', instance_uuid: 'i-1' } });
    const updated = await c.update(ctx, img.id, { image_state: 'available', instance_uuid: 'i-2' });
    expect(updated.properties).toMatchObject({ image_state: 'available', instance_uuid: 'i-2' });
    await c.upload(ctx, img.id, Buffer.from('disk bytes'));
    expect(await c.show(ctx, img.id)).toMatchObject({ status: 'active', size: 10, checksum: md5('disk bytes') });
    const page = await c.detail(ctx, { filters: { name: `snap-${name}` }, limit: 1 });
    expect(page.images.map((i) => i.id)).toEqual([img.id]);
    expect(page.nextMarker).toBe(img.id);
    expect((await c.detail(ctx, { filters: { name: `snap-${name}` }, limit: 1, marker: img.id })).images).toEqual([]);
    await c.delete(ctx, img.id);
    expect(await c.find(ctx, img.id)).toBeNull();
  });

  it("translates glance's errors as nova's glance.py does", async () => {
    const c = clients[name]!;
    await expect(c.show(ctx, 'nope')).rejects.toMatchObject({ type: 'ImageNotFound', message: 'Image nope could not be found.' });
    await expect(c.upload(ctx, '155d900f-4e14-4e4c-a73d-069cbf4541e6', Buffer.from('x'))).rejects.toMatchObject({ type: 'ImageNotAuthorized' });
    await expect(c.detail(ctx, { marker: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({ type: 'MarkerNotFound' });
    const img = await c.create(ctx, { name: 'p' });
    await c.update(ctx, img.id, { protected: true });
    await expect(c.delete(ctx, img.id)).rejects.toMatchObject({ type: 'ImageNotAuthorized' });
  });
});
