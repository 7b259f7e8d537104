// The response contract check: every answer a route gives is validated against the response
// schema the route declares for that status (the schemas openapi/ documents). Installed only by
// the test helpers (buildApp's `responseContract` option): the schemas are compiled here, on
// first use, and never at start-up or for serialization, because the services serialize their
// answers themselves (Python-compatible floats, key order, ...) and Fastify's serializer would
// drop or reshape fields.
//
// A schema may also bound a value to a microversion window ("x-min-version", "x-max-version",
// as 'X.Y'): the value must not be there in an answer of a version outside it (a 2.47 flavor
// dict in a 2.46 answer, OS-EXT-IPS keys in a PUT answer before 2.75). The answer's version is
// the one its OpenStack-API-Version header names; without one the bounds are not checked.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { Microversion } from './microversion.js';

// Ajv is required at the first check, not imported: app.ts imports this module, and a static
// import of Ajv cost the start-up ~0.2 s (loaded from node_modules, scripts/build.mjs) for a
// check only the tests install.
const requireOnDemand = createRequire(import.meta.url);

export interface ContractViolation {
  readonly method: string;
  readonly url: string;
  /** The route's URL pattern, e.g. /compute/v2.1/servers/:server_id */
  readonly route: string;
  readonly status: number;
  readonly problems: readonly string[];
}

export type ContractSink = (violation: ContractViolation) => void;

type ResponseSchemas = Readonly<Record<string, unknown>>;

/** What the version keywords read: the answer's microversion (validate.call's `this`). */
interface AnswerContext { readonly version: Microversion | null }

/** The version of an answer from its OpenStack-API-Version header ('compute 2.47'), or null. */
export function answerVersion(header: unknown): Microversion | null {
  if (typeof header !== 'string') return null;
  const m = /^\s*\S+\s+(\d+\.\d+)\s*$/.exec(header);
  return m ? Microversion.parse(m[1]!) : null;
}

function versionKeyword(ajv: Ajv, keyword: 'x-min-version' | 'x-max-version'): void {
  ajv.addKeyword({
    keyword,
    schemaType: 'string',
    validate(this: AnswerContext | undefined, bound: string) {
      const v = this?.version;
      if (!v) return true;
      return keyword === 'x-min-version' ? v.atLeast(bound) : v.within(undefined, bound);
    },
  });
}

/** The declared schema for a status: exact code, then 2XX-style ranges, then default. */
export function declaredResponse(responses: ResponseSchemas, status: number): unknown {
  const exact = responses[String(status)];
  if (exact !== undefined) return exact;
  const range = responses[`${String(status)[0]}XX`] ?? responses[`${String(status)[0]}xx`];
  if (range !== undefined) return range;
  return responses.default;
}

/** Checks answers against schemas; one compiled validator per schema object. */
export class ResponseContract {
  private ajv: Ajv | null = null;
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  /**
   * The problems of one answer (empty when it keeps the contract). `body` is the raw payload;
   * a JSON content type is parsed, other media types (HTML error pages, image data) are not
   * checked beyond the status being declared.
   */
  check(responses: ResponseSchemas, status: number, contentType: string | undefined, body: string | Buffer | null, version: Microversion | null = null): string[] {
    const schema = declaredResponse(responses, status);
    if (schema === undefined) return [`status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`];
    const text = body === null ? '' : body.toString('utf8');
    const isJson = /\bjson\b/i.test(contentType ?? '');
    if (text === '') {
      if (isNullSchema(schema)) return [];
      return acceptsNull(this.validator(schema)) ? [] : ['the answer has no body but the schema declares one'];
    }
    if (!isJson) return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return ['the body is not JSON although its content type says so'];
    }
    if (isNullSchema(schema)) return ['the schema declares no body but the answer has one'];
    const validate = this.validator(schema);
    if (validate.call({ version } satisfies AnswerContext, value)) return [];
    return (validate.errors ?? []).map((e) => {
      const where = e.instancePath || '(body)';
      if (e.keyword === 'x-min-version') return `${where} is there from ${String(e.schema)} only; the answer is ${String(version)}`;
      if (e.keyword === 'x-max-version') return `${where} is there up to ${String(e.schema)} only; the answer is ${String(version)}`;
      return `${where} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`;
    });
  }

  private validator(schema: unknown): ValidateFunction {
    const key = schema as object;
    let fn = this.compiled.get(key);
    if (!fn) {
      if (!this.ajv) {
        this.ajv = new (requireOnDemand('ajv') as typeof import('ajv')).Ajv({ strict: false, allErrors: true, validateFormats: false, passContext: true, verbose: true });
        versionKeyword(this.ajv, 'x-min-version');
        versionKeyword(this.ajv, 'x-max-version');
      }
      fn = this.ajv.compile(schema as object);
      this.compiled.set(key, fn);
    }
    return fn;
  }
}

function isNullSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'null';
}

function acceptsNull(validate: ValidateFunction): boolean {
  return validate(null) === true;
}

/**
 * Validate every answer of the app's routes that declare response schemas (routes without any
 * are left to the coverage test). Add before the services register: the hook reaches them all.
 */
export function installResponseContract(app: FastifyInstance, sink: ContractSink): void {
  const contract = new ResponseContract();
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const responses = (req.routeOptions.schema as { response?: ResponseSchemas } | undefined)?.response;
    // a route that declares no success answer yet is left to the coverage test
    if (!responses || !Object.keys(responses).some((k) => k.startsWith('2') || k === '300') || req.method === 'HEAD') return payload;
    if (payload !== null && payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // a stream (image data)
    const status = reply.statusCode;
    const contentType = reply.getHeader('content-type');
    const problems = contract.check(responses, status, typeof contentType === 'string' ? contentType : undefined, (payload ?? null) as string | Buffer | null, answerVersion(reply.getHeader('openstack-api-version')));
    if (problems.length) sink({ method: req.method, url: req.url, route: req.routeOptions.url ?? '', status, problems });
    return payload;
  });
}
