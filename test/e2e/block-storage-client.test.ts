// nova's cinder.py calls through both transports: in-process (inject) and HTTP (a real socket on
// the standalone block-storage listener). Same answers, same nova exceptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createRuntime } from '../../src/runtime/runtime.js';
import { testConfig } from '../../src/config.js';
import { buildVolumeApp, createServices, type Services } from '../../src/app.js';
import { createBlockStorageClient, type BlockStorageClient } from '../../src/block-storage-client/index.js';
import { NovaError } from '../../src/nova-exceptions/nova-error.js';

let services: Services;
let listener: FastifyInstance;
const clients: Record<string, BlockStorageClient> = {};
const ctx = { userId: 'demo', projectId: 'demo', roles: ['member'] };
const server = '44444444-4444-4444-8444-444444444444';

beforeAll(async () => {
  services = createServices(createRuntime(testConfig()));
  listener = await buildVolumeApp(services);
  await listener.listen({ port: 0, host: '127.0.0.1' });
  const port = (listener.server.address() as { port: number }).port;
  clients['in-process'] = createBlockStorageClient(services.blockStorage, null);
  clients.http = createBlockStorageClient(services.blockStorage, `http://127.0.0.1:${port}`);
});
afterAll(async () => {
  for (const c of Object.values(clients)) await c.close();
  await listener.close();
  services.runtime.db.close();
});

describe.each(['in-process', 'http'])('block-storage client (%s)', (name) => {
  const c = () => clients[name]!;

  it('creates, waits for, attaches (reserve, connect, complete) and detaches a volume', async () => {
    const v = await c().create(ctx, { size: 1, name: 'bfv', imageId: '155d900f-4e14-4e4c-a73d-069cbf4541e6' });
    expect(v.status).toBe('creating');
    await services.blockStorage.settle();
    expect(await c().get(ctx, v.id)).toMatchObject({ status: 'available', bootable: true, attachStatus: 'detached' });
    const a = await c().attachmentCreate(ctx, v.id, server);
    expect(a).toMatchObject({ status: 'reserved', instance: server, connectionInfo: {} });
    const u = await c().attachmentUpdate(ctx, a.id, { host: 'compute1', initiator: 'iqn.x' }, '/dev/vda');
    expect(u.connectionInfo).toMatchObject({ driver_volume_type: 'iscsi', data: { access_mode: 'rw' } });
    expect(u.connectionInfo.data).not.toHaveProperty('attachment_id');
    await c().attachmentComplete(ctx, a.id);
    expect(await c().get(ctx, v.id)).toMatchObject({ status: 'in-use', attachStatus: 'attached', attachments: { [server]: { attachmentId: a.id, mountpoint: '/dev/vda' } } });
    await c().attachmentDelete(ctx, a.id);
    await c().attachmentDelete(ctx, a.id); // already gone: fine
    expect((await c().get(ctx, v.id)).status).toBe('available');
    await c().delete(ctx, v.id);
  });

  it('translates cinder errors into nova exceptions', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(c().get(ctx, missing)).rejects.toMatchObject({ type: 'VolumeNotFound', message: `Volume ${missing} could not be found.` });
    await expect(c().attachmentCreate(ctx, missing, server)).rejects.toMatchObject({ type: 'VolumeNotFound' });
    await expect(c().attachmentGet(ctx, missing)).rejects.toMatchObject({ type: 'VolumeAttachmentNotFound' });
    await expect(c().getSnapshot(ctx, missing)).rejects.toMatchObject({ type: 'SnapshotNotFound' });
    const err = await c().create(ctx, { size: 1, imageId: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NovaError);
    expect((err as NovaError).type).toBe('InvalidInput');
    expect((err as NovaError).message).toMatch(/^Invalid input received: Invalid image identifier or unable to access requested image\. \(HTTP 400\) \(Request-ID: req-/);
    const v = await c().create(ctx, { size: 1 });
    await services.blockStorage.settle();
    await c().attachmentCreate(ctx, v.id, server);
    await expect(c().attachmentCreate(ctx, v.id, '55555555-5555-4555-8555-555555555555')).rejects.toMatchObject({ type: 'InvalidInput' });
  });
});

it('a Cinder that does not answer is CinderConnectionFailed', async () => {
  const dead = createBlockStorageClient(services.blockStorage, 'http://127.0.0.1:1');
  await expect(dead.get(ctx, 'x')).rejects.toMatchObject({ type: 'CinderConnectionFailed' });
  await dead.close();
});
