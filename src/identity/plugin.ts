// Keystone v3 under /identity (and at / of IDENTITY_STANDALONE_PORT): the route table, the
// strict JSON-schema validation keystone applies, and keystone's error envelope for every
// failure, Fastify's own included (bad JSON, body too large, unknown URL).
import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { strictValidatorCompiler } from '../http/strict-validator.js';
import type { Identity } from './identity.js';
import { IdentityError, TITLES } from './identity-errors.js';
import { ROUTES } from './routes/index.js';
import { origin, registerRoutes } from './routes/register.js';
import { pyRepr } from '../http/python/repr.js';

export interface IdentityPluginOptions {
  linkPrefix: string;
  identity: Identity;
  /** PUBLIC_URL, or null: the catalog then uses the scheme and Host of the request. */
  publicUrl: string | null;
  /** On a standalone listener, the main port the catalog's URLs point at. */
  mainPort?: number;
}

const CLIENT_FAULT = ' The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';

/** python-jsonschema's wording of an Ajv error, prefixed with the field as keystone's validator does. */
export function keystoneSchemaMessage(e: ErrorObject): string {
  // keystone validates the object inside the wrapper ({"project": {...}}): drop the wrapper
  const segments = e.instancePath.split('/').filter(Boolean).slice(1);
  const v = pyRepr(e.data);
  const p = e.params as Record<string, unknown>;
  const text = e.keyword === 'required' ? `'${String(p.missingProperty)}' is a required property`
    : e.keyword === 'type' ? `${v} is not of type '${String(p.type)}'`
      : e.keyword === 'minLength' ? `${v} is too short`
        : e.keyword === 'maxLength' ? `${v} is too long`
          : e.keyword === 'pattern' ? `${v} does not match '${String(p.pattern)}'`
            : e.keyword === 'additionalProperties' ? `Additional properties are not allowed ('${String(p.additionalProperty)}' was unexpected)`
              : e.keyword === 'minProperties' ? `${v} does not have enough properties`
                : e.keyword === 'uniqueItems' ? `${v} has non-unique elements`
                  : `${v} is not valid under any of the given schemas`;
  return segments.length ? `Invalid input for field '${segments.join('/')}': ${text}` : text;
}

export const identityPlugin: FastifyPluginAsync<IdentityPluginOptions> = async (app, opts) => {
  app.setValidatorCompiler(strictValidatorCompiler());

  // keystone reads an empty body as no body (tempest's grant PUTs send Content-Type with none)
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    if ((text as string).trim() === '') { done(null, undefined); return; }
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(Object.assign(new IdentityError(400, `Expecting to find valid JSON in request body.${CLIENT_FAULT}`)), undefined);
    }
  });

  const catalogBase = (req: FastifyRequest): string => {
    if (opts.publicUrl) return opts.publicUrl;
    if (opts.mainPort === undefined) return origin(req);
    const host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
    return `${req.protocol}://${host}:${opts.mainPort}`;
  };

  app.setErrorHandler((err: FastifyError & { validation?: ErrorObject[] }, req, reply) => {
    let status: number;
    let message: string;
    let extra: Record<string, unknown> = {};
    if (err instanceof IdentityError) {
      status = err.status;
      message = err.message;
      extra = err.extra;
    } else if (err.validation) {
      status = 400;
      const errs = err.validation;
      message = keystoneSchemaMessage(errs.find((e) => e.keyword === 'anyOf') ?? errs[0]!);
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      status = 413;
      message = 'Request is too large.';
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      message = 'Unsupported Media Type';
    } else if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      message = err instanceof SyntaxError || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? `Expecting to find valid JSON in request body.${CLIENT_FAULT}` : err.message;
    } else {
      status = 500;
      message = 'An unexpected error prevented the server from fulfilling your request.';
      req.log.error({ err, requestId: req.id }, 'identity: unexpected error');
    }
    if (status === 401) reply.header('www-authenticate', `Keystone uri="${origin(req)}${opts.linkPrefix}"`);
    return reply.code(status).send({ error: { code: status, ...extra, message, title: TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request') } });
  });

  app.setNotFoundHandler(async (req, reply) => reply.code(404).send({ error: { code: 404, message: `The resource could not be found.`, title: 'Not Found' } }));

  registerRoutes(app, ROUTES, { identity: opts.identity, linkPrefix: opts.linkPrefix, catalogBase });
};
