// In-process Cinder: the same block-storage plugin as the HTTP listeners, mounted on a private
// Fastify instance and called with app.inject, so the semantics are exactly the HTTP ones.
import Fastify, { type FastifyInstance } from 'fastify';
import type { BlockStorageService } from '../block-storage/block-storage-service.js';
import { blockStoragePlugin } from '../block-storage/plugin.js';
import { parseJson, projectPath, volumeHeaders, type BlockStorageTransport } from './transport.js';

export function createInProcessTransport(service: BlockStorageService): BlockStorageTransport {
  let app: FastifyInstance | null = null;
  let ready: Promise<FastifyInstance> | null = null;
  const getApp = (): Promise<FastifyInstance> => {
    ready ??= (async () => {
      const a = Fastify({
        loggerInstance: service.runtime.logger.child({ component: 'block-storage-in-process' }, { level: 'warn' }),
        genReqId: () => service.runtime.ids.requestId(),
        routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
      }) as unknown as FastifyInstance;
      await a.register(blockStoragePlugin, { prefix: '', linkPrefix: '', service });
      await a.ready();
      app = a;
      return a;
    })();
    return ready;
  };
  return {
    async request(ctx, method, path, version, body) {
      const a = await getApp();
      const res = await a.inject({
        method: method as 'GET', url: projectPath(ctx, path), headers: volumeHeaders(ctx, version, body !== undefined),
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      const rid = res.headers['x-openstack-request-id'];
      return { status: res.statusCode, body: parseJson(res.body), requestId: typeof rid === 'string' ? rid : null };
    },
    async close() {
      if (app) await app.close();
      app = null;
      ready = null;
    },
  };
}
