// In-process image service. Reads of one image (GET /v2/images/{id}, what every boot and rebuild
// asks) go straight to the route table's handler with what the image plugin would give it (the
// caller from the token, the path parameter) and its errors rendered as the plugin's error
// handler renders them: the same status, body and content type as over HTTP, without
// light-my-request's fake request and response. Every other call goes through app.inject on a
// private Fastify with the same image plugin, so compute sees exactly the HTTP semantics.
// The route table and the plugin (routes, schemas, views) load at the first call, not before
// the server listens.
import type { ImageCaller, ImageService } from '../image/image-service.js';
import { inProcessApp } from '../http/in-process-app.js';
import { authFromHeaders } from '../http/auth-context.js';
import { ApiError } from '../http/api-error.js';
import { ImageError } from '../image/image-error.js';
import type { ImageRoute } from '../image/routes/route-declaration.js';
import { imageHeaders, type ImageRequest, type ImageResponse, type ImageTransport } from './transport.js';

let showRoute: Promise<{ route: ImageRoute | undefined; errorPage: typeof import('../image/views/error-page.js').errorPage }> | undefined;
const loadShowRoute = () => showRoute ??= Promise.all([import('../image/routes/index.js'), import('../image/views/error-page.js')])
  .then(([{ ROUTES }, { errorPage }]) => ({ route: ROUTES.find((r) => r.method === 'GET' && r.path === '/v2/images/{image_id}'), errorPage }));
const SHOW_PATH = /^\/v2\/images\/([A-Za-z0-9_\-.~]+)$/;

/** The headers Fastify gives a string answer (date and connection, which no caller reads, left out). */
function answer(status: number, id: string, contentType: string, body: string): ImageResponse {
  const bytes = Buffer.from(body, 'utf8');
  // Fastify adds utf-8 to a JSON media type that names no charset
  const type = contentType.includes('json') && !/charset/i.test(contentType) ? `${contentType}; charset=utf-8` : contentType;
  return { status, headers: { 'x-openstack-request-id': id, 'content-type': type, 'content-length': String(bytes.length) }, body: bytes };
}

export function createInProcessTransport(service: ImageService): ImageTransport {
  const app = inProcessApp(service.runtime, 'image-in-process',
    async (a) => a.register((await import('../image/plugin.js')).imagePlugin, { prefix: '', linkPrefix: '', service }));

  async function show(headers: Record<string, string>, imageId: string): Promise<ImageResponse | null> {
    const auth = authFromHeaders(headers);
    if (!auth) return null; // the 401 is the plugin's
    // the request id Fastify's genReqId would have drawn (seeded ids stay in step): drawn
    // before the first call's await on the route table, as it was drawn before it was lazy
    const id = service.runtime.ids.requestId();
    const { route: SHOW, errorPage } = await loadShowRoute();
    if (!SHOW) throw new Error('image route table has no GET /v2/images/{image_id}');
    const caller: ImageCaller = { owner: auth.projectId || null, isAdmin: auth.isAdmin };
    try {
      const res = await SHOW.handler({
        req: undefined as never, reply: undefined as never, caller, service, linkPrefix: '',
        params: { image_id: imageId }, queryPairs: [], json: undefined, stream: null,
      });
      if (res.body === undefined || res.stream || res.headers) throw new Error('image show answered without a JSON body');
      return answer(res.status, id, 'application/json', JSON.stringify(res.body));
    } catch (err) {
      // the plugin's error handler
      let page;
      if (err instanceof ImageError) page = { status: err.status, p: errorPage(err.status, err.explanation, err.extraDetail, headers.accept, { method: 'GET' }) };
      else if (err instanceof ApiError) page = { status: err.status, p: errorPage(err.status, err.detail, '', headers.accept, { method: 'GET' }) };
      else {
        service.runtime.logger.error({ err, requestId: id }, 'image: unexpected error');
        page = { status: 500, p: errorPage(500, null, '', headers.accept, { method: 'GET' }) };
      }
      return answer(page.status, id, page.p.contentType, page.p.body);
    }
  }

  return {
    async request(ctx, req: ImageRequest) {
      const headers = imageHeaders(ctx, req.contentType);
      const m = req.method === 'GET' && req.body === undefined ? SHOW_PATH.exec(req.path) : null;
      const direct = m ? await show(headers, m[1]!) : null;
      if (direct) return direct;
      const a = await app.get();
      const res = await a.inject({
        method: req.method, url: req.path, headers,
        ...(req.body !== undefined ? { payload: req.body } : {}),
      });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = String(v);
      return { status: res.statusCode, headers: out, body: res.rawPayload };
    },
    close: () => app.close(),
  };
}
