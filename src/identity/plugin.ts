// A keystone v3 shim under /identity so that the openstack CLI and openstacksdk can log in
// (password or token auth) and find the compute, placement and image endpoints in the catalog.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../runtime/clock.js';
import { IdentityError, parseToken, renderToken, scopeFromAuthBody, tokenFor } from './token-shim.js';

export interface IdentityPluginOptions {
  linkPrefix: string;
  clock: Clock;
}

const AnyObject = Type.Object({}, { additionalProperties: true });
const ErrorBody = Type.Object({ error: Type.Object({ code: Type.Integer(), title: Type.String(), message: Type.String() }, { additionalProperties: false }) }, { additionalProperties: false });
const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' };

export const identityPlugin: FastifyPluginAsync<IdentityPluginOptions> = async (app, opts) => {
  const root = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  const v3 = (req: FastifyRequest) => ({
    id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${root(req)}${opts.linkPrefix}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  });

  // Keystone's envelope for every failure, including Fastify's own (bad JSON, body too large).
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err instanceof IdentityError ? err.status : err.statusCode ?? 500;
    const code = status >= 400 && status < 500 ? status : 500;
    if (code === 500) req.log.error({ err }, 'identity shim failed');
    return reply.code(code).send({ error: { code, title: TITLES[code] ?? 'Internal Server Error', message: code === 500 ? 'An unexpected error prevented the server from fulfilling your request.' : err.message } });
  });

  app.get('/', { schema: { response: { 300: AnyObject } } }, async (req, reply) => reply.code(300).send({ versions: { values: [v3(req)] } }));
  app.get('/v3', { schema: { response: { 200: AnyObject } } }, async (req) => ({ version: v3(req) }));
  app.get('/v3/', { schema: { response: { 200: AnyObject } } }, async (req) => ({ version: v3(req) }));

  app.post('/v3/auth/tokens', { schema: { body: AnyObject, response: { 201: AnyObject, 400: ErrorBody, 401: ErrorBody } } }, async (req, reply) => {
    const scope = scopeFromAuthBody(req.body);
    return reply.code(201).header('x-subject-token', tokenFor(scope))
      .send(renderToken(scope, `${root(req)}`, opts.clock.now()));
  });

  app.get('/v3/auth/tokens', { schema: { response: { 200: AnyObject, 401: ErrorBody, 404: ErrorBody } } }, async (req, reply) => {
    if (!req.headers['x-auth-token']) throw new IdentityError(401, 'The request you have made requires authentication.');
    const subject = req.headers['x-subject-token'];
    const scope = typeof subject === 'string' ? parseToken(subject) : null;
    if (!scope) throw new IdentityError(404, 'Could not find token.');
    return reply.header('x-subject-token', subject).send(renderToken(scope, root(req), opts.clock.now()));
  });
};
