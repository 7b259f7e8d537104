// In-process image service: the image plugin on a private Fastify instance, called with
// app.inject, so that compute sees exactly the HTTP semantics (status, errors, headers).
import type { ImageService } from '../image/image-service.js';
import { inProcessApp } from '../http/in-process-app.js';
import { imagePlugin } from '../image/plugin.js';
import { imageHeaders, type ImageTransport } from './transport.js';

export function createInProcessTransport(service: ImageService): ImageTransport {
  const app = inProcessApp(service.runtime, 'image-in-process', (a) => a.register(imagePlugin, { prefix: '', linkPrefix: '', service }));
  return {
    async request(ctx, req) {
      const a = await app.get();
      const res = await a.inject({
        method: req.method, url: req.path, headers: imageHeaders(ctx, req.contentType),
        ...(req.body !== undefined ? { payload: req.body } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
      return { status: res.statusCode, headers, body: res.rawPayload };
    },
    close: () => app.close(),
  };
}
