// In-process image service: the image plugin on a private Fastify instance, called with
// app.inject, so that compute sees exactly the HTTP semantics (status, errors, headers).
import Fastify, { type FastifyInstance } from 'fastify';
import type { ImageService } from '../image/image-service.js';
import { imagePlugin } from '../image/plugin.js';
import { imageHeaders, type ImageTransport } from './transport.js';

export function createInProcessTransport(service: ImageService): ImageTransport {
  let app: FastifyInstance | null = null;
  let ready: Promise<FastifyInstance> | null = null;
  const getApp = (): Promise<FastifyInstance> => {
    ready ??= (async () => {
      const a = Fastify({
        loggerInstance: service.runtime.logger.child({ component: 'image-in-process' }, { level: 'warn' }),
        genReqId: () => service.runtime.ids.requestId(),
        routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
      }) as unknown as FastifyInstance;
      await a.register(imagePlugin, { prefix: '', linkPrefix: '', service });
      await a.ready();
      app = a;
      return a;
    })();
    return ready;
  };
  return {
    async request(ctx, req) {
      const a = await getApp();
      const res = await a.inject({
        method: req.method, url: req.path, headers: imageHeaders(ctx, req.contentType),
        ...(req.body !== undefined ? { payload: req.body } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
      return { status: res.statusCode, headers, body: res.rawPayload };
    },
    async close() {
      if (app) await app.close();
      app = null;
      ready = null;
    },
  };
}
