// In-process Cinder: the same block-storage plugin as the HTTP listeners, mounted on a private
// Fastify instance and called with app.inject, so the semantics are exactly the HTTP ones.
import type { BlockStorageService } from '../block-storage/block-storage-service.js';
import { inProcessApp } from '../http/in-process-app.js';
import { parseJson, projectPath, volumeHeaders, type BlockStorageTransport } from './transport.js';

export function createInProcessTransport(service: BlockStorageService): BlockStorageTransport {
  // the plugin (routes, schemas) is loaded with the app, at the first call: not before listening
  const app = inProcessApp(service.runtime, 'block-storage-in-process',
    async (a) => a.register((await import('../block-storage/plugin.js')).blockStoragePlugin, { prefix: '', linkPrefix: '', service }));
  return {
    async request(ctx, method, path, version, body) {
      const a = await app.get();
      const res = await a.inject({
        method: method as 'GET', url: projectPath(ctx, path), headers: volumeHeaders(ctx, version, body !== undefined),
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      const rid = res.headers['x-openstack-request-id'];
      return { status: res.statusCode, body: parseJson(res.body), requestId: typeof rid === 'string' ? rid : null };
    },
    close: () => app.close(),
  };
}
