// Glance v2 as an encapsulated Fastify plugin, mounted under /image (main port) or at / (the
// standalone listener). The pipeline follows glance-api's paste pipeline: request id ->
// auth (401 without a token, except the version documents) -> router (404 / 405 + Allow) ->
// deserializer (body per route: JSON, JSON patch, or a stream) -> controller -> serializer.
// Every error is a webob page (views/error-page.ts).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { authFromHeaders } from '../http/auth-context.js';
import { ApiError } from '../http/api-error.js';
import { discardBody } from '../http/oversize-body.js';
import { pythonJsonLoads } from '../http/python/json-loads.js';
import type { ImageCaller, ImageService } from './image-service.js';
import { ImageError, explained } from './image-error.js';
import { errorPage } from './views/error-page.js';
import { ROUTES } from './routes/index.js';
import { operationNames } from '../http/openapi.js';
import { ErrorDoc } from './schemas/documents.js';
import type { BodyKind, ImageRoute } from './routes/route-declaration.js';
import { mountRouteTable } from '../http/route-table.js';

export interface ImagePluginOptions {
  linkPrefix: string;
  service: ImageService;
}

interface ParsedBody { stream?: Readable; raw?: Buffer }

declare module 'fastify' {
  /** How the route's body is read (its deserializer). */
  interface FastifyContextConfig { imageBody?: BodyKind }
}

function sendError(req: FastifyRequest, reply: FastifyReply, status: number, explanation: string | null, detail: string, headers: Record<string, string> = {}) {
  const page = errorPage(status, explanation, detail, req.headers.accept, { method: req.method, contentType: req.headers['content-type'] });
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(status).type(page.contentType).send(page.body);
}

function queryPairs(url: string): [string, string][] {
  const q = url.indexOf('?');
  return q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1))];
}

export const imagePlugin: FastifyPluginAsync<ImagePluginOptions> = async (app, opts) => {
  const { service, linkPrefix } = opts;
  const bodyLimit = service.runtime.config.bodyLimit;

  // Bodies are read by the route's deserializer: data routes get the stream itself (uploads are
  // streamed to the store, bounded by the image size cap, not by the JSON body limit).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (req, payload, done) => {
    const kind = req.routeOptions.config?.imageBody;
    if (kind === 'octet-stream') { done(null, { stream: payload } satisfies ParsedBody); return; }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (c: Buffer) => {
      size += c.length;
      if (size > bodyLimit && !failed) { failed = true; done(explained(413, 'The request is larger than the server is willing or able to process.'), undefined); return; }
      if (!failed) chunks.push(c);
    });
    payload.on('end', () => { if (!failed) done(null, { raw: Buffer.concat(chunks) } satisfies ParsedBody); });
    payload.on('error', (err) => { if (!failed) { failed = true; done(err, undefined); } });
  });
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // a callback hook: an async one costs a promise per request. An answer sent here ends the
  // request without calling done (Fastify's rule for callback hooks).
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-openstack-request-id', req.id);
    const path = req.url.split('?')[0]!.slice(linkPrefix.length) || '/';
    if (path !== '/' && path !== '/versions' && !authFromHeaders(req.headers)) {
      void sendError(req, reply, 401, null, '');
      return;
    }
    done();
  });

  app.setNotFoundHandler(async (req, reply) => sendError(req, reply, 404, null, ''));

  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    // a refused upload: let the client finish sending (bounded) so that it reads the 413
    if ((err as { status?: number }).status === 413 || err.statusCode === 413) {
      await discardBody(req.raw, service.runtime.config.oversizeDiscardLimit);
    }
    if (err instanceof ImageError) return sendError(req, reply, err.status, err.explanation, err.extraDetail, err.headers);
    if (err instanceof ApiError) return sendError(req, reply, err.status, err.detail, '', err.headers);
    const status = err.statusCode;
    if (status === 413) return sendError(req, reply, 413, null, '');
    if (status && status >= 400 && status < 500) return sendError(req, reply, status, null, '');
    req.log.error({ err, requestId: req.id }, 'image: unexpected error');
    return sendError(req, reply, 500, null, '');
  });

  mountRouteTable(app, ROUTES, {
    route: ([route]) => ({ config: { imageBody: route.body }, schema: routeSchema(route), handler: (req, reply) => run(route, req, reply) }),
    // glance's router: a method a known URL lacks is 405 with the ones it has
    unroutedMethods: { methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], handler: async (req, reply, allow) => sendError(req, reply, 405, null, '', { allow }) },
  });

  function routeSchema(route: ImageRoute) {
    return {
      summary: route.summary,
      ...operationNames('image', route.method, route.path),
      ...(route.schemas.body ? { body: route.schemas.body } : {}),
      response: { ...route.schemas.response, default: ErrorDoc },
    };
  }

  async function run(route: ImageRoute, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const auth = authFromHeaders(req.headers);
    const caller: ImageCaller = { owner: auth?.projectId || null, isAdmin: auth?.isAdmin ?? false };
    const parsed = (req.body ?? {}) as ParsedBody;
    let json: unknown;
    if (route.body === 'json' || route.body === 'json-patch') {
      if (parsed.raw && parsed.raw.length) {
        try {
          json = pythonJsonLoads(parsed.raw.toString('utf8'));
        } catch {
          throw explained(400, 'Malformed JSON in request body.');
        }
      }
    }
    if (route.body === 'octet-stream') {
      const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (ct !== 'application/octet-stream') {
        parsed.stream?.resume();
        throw explained(415, `The request media type ${ct} is not supported by this server.`);
      }
    }
    const res = await route.handler({
      req, reply, caller, service, linkPrefix,
      params: req.params as Record<string, string>,
      queryPairs: queryPairs(req.url),
      json,
      stream: parsed.stream ?? null,
    });
    for (const [k, v] of Object.entries(res.headers ?? {})) reply.header(k, v);
    reply.code(res.status);
    if (res.stream) return reply.send(res.stream);
    if (res.body === undefined && res.bare) return reply.send();
    if (res.body === undefined) {
      // webob's empty answers (204) still carry its default content type
      return reply.type('text/html; charset=UTF-8').send();
    }
    return reply.type('application/json').send(JSON.stringify(res.body));
  }
};
