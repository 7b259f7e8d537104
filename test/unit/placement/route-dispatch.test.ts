// The route table dispatcher on a synthetic table: version windows (404 for a new URL, 405 for
// a new method on an old URL), overloads by window, automatic 405 + Allow, empty path params,
// header checks before or after the window, rawJson passthrough.
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/http/api-error.js';
import { Microversion } from '../../../src/http/microversion.js';
import { registerRoutes } from '../../../src/placement/routes/register.js';
import type { RouteDeclaration } from '../../../src/placement/routes/route-declaration.js';
import type { PlacementService } from '../../../src/placement/placement-service.js';
import { always } from '../../../src/placement/schemas/versioned.js';

const table: RouteDeclaration[] = [
  { path: '/things', method: 'GET', summary: 'old URL', schemas: { response: null }, handler: () => ({ status: 200, body: { v: 'any' } }) },
  { path: '/things', method: 'DELETE', minVersion: '1.5', outsideWindow: 405, summary: 'new method', schemas: { response: null }, handler: () => ({ status: 204 }) },
  { path: '/gadgets/{id}', method: 'GET', minVersion: '1.2', checkAccept: true, summary: 'new URL', schemas: { response: null }, handler: (c) => ({ status: 200, body: { id: c.params.id } }) },
  { path: '/gadgets/{id}', method: 'PUT', minVersion: '1.2', maxVersion: '1.6', requireContent: 'application/json', summary: 'overload 1', schemas: { body: always(Type.Object({ n: Type.Integer() }, { additionalProperties: false })), response: null }, handler: (c) => ({ status: 200, body: c.json(always(Type.Object({ n: Type.Integer() }, { additionalProperties: false }))) }) },
  { path: '/gadgets/{id}', method: 'PUT', minVersion: '1.7', summary: 'overload 2', schemas: { response: null }, handler: () => ({ status: 201, headers: { location: '/gadgets/x' } }) },
  { path: '/raw', method: 'GET', minVersion: '1.1', checkAccept: true, headerChecksFirst: true, summary: 'raw', schemas: { response: null }, handler: () => ({ status: 200, rawJson: '{"raw":true}', get body(): unknown { throw new Error('body must not be read'); } }) },
];

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.decorateRequest('microversion', null as unknown as Microversion);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    req.microversion = Microversion.of(String(req.headers['v'] ?? '1.0'));
    req.auth = { token: 'admin', userId: 'admin', projectId: 'admin', roles: ['admin'], systemScope: null, isAdmin: true };
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  app.setErrorHandler(async (err, _req, reply) => {
    if (err instanceof ApiError) { for (const [k, v] of Object.entries(err.headers)) reply.header(k, v); return reply.code(err.status).send({ status: err.status, detail: err.detail }); }
    return reply.code(500).send({ error: String(err) });
  });
  app.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ status: 404, notFound: true }));
  registerRoutes(app, table, { service: { runtime: { settings: { policyProfile: 'default' } } } as unknown as PlacementService, linkPrefix: '' });
  await app.ready();
});
afterAll(async () => { await app.close(); });

const call = (method: string, url: string, v = '1.0', headers: Record<string, string> = {}, payload?: string) =>
  app.inject({ method: method as 'GET', url, headers: { v, ...headers }, ...(payload !== undefined ? { payload } : {}) });

describe('version windows', () => {
  it('a URL below its window is a 404, a method below its window a 405', async () => {
    expect((await call('GET', '/gadgets/a', '1.1')).statusCode).toBe(404);
    expect((await call('GET', '/gadgets/a', '1.2')).json()).toEqual({ id: 'a' });
    expect((await call('DELETE', '/things', '1.4')).statusCode).toBe(405);
    expect((await call('DELETE', '/things', '1.5')).statusCode).toBe(204);
  });
  it('overloads pick the declaration whose window holds the version', async () => {
    expect((await call('PUT', '/gadgets/a', '1.6', { 'content-type': 'application/json' }, '{"n": 1}')).json()).toEqual({ n: 1 });
    const created = await call('PUT', '/gadgets/a', '1.7');
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('http://localhost:80/gadgets/x');
  });
});

describe('405 and 404', () => {
  it('lists the declared methods in Allow, whatever the version', async () => {
    const r = await call('POST', '/things');
    expect(r.statusCode).toBe(405);
    expect(r.headers.allow).toBe('GET, DELETE');
    expect((await call('HEAD', '/things')).statusCode).toBe(405);
  });
  it('an empty path parameter is no route', async () => {
    expect((await call('GET', '/gadgets/', '1.2')).json()).toEqual({ status: 404, notFound: true });
    expect((await call('PATCH', '/gadgets/', '1.2')).json()).toEqual({ status: 404, notFound: true });
  });
});

describe('header checks', () => {
  it('Accept and Content-Type are checked inside the window by default', async () => {
    expect((await call('GET', '/gadgets/a', '1.2', { accept: 'text/plain' })).statusCode).toBe(406);
    expect((await call('GET', '/gadgets/a', '1.1', { accept: 'text/plain' })).statusCode).toBe(404);
    const r = await call('PUT', '/gadgets/a', '1.6', { 'content-type': 'text/plain' }, 'x');
    expect(r.statusCode).toBe(415);
    expect(r.json().detail).toBe('The media type text/plain is not supported, use application/json');
  });
  it('or before it when the declaration says so', async () => {
    expect((await call('GET', '/raw', '1.0', { accept: 'text/plain' })).statusCode).toBe(406);
    expect((await call('GET', '/raw', '1.0')).statusCode).toBe(404);
  });
});

describe('responses', () => {
  it('sends rawJson as is without reading body', async () => {
    const r = await call('GET', '/raw', '1.1');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toBe('{"raw":true}');
  });
});
