// Fastify's own schema compilers, built on first use instead of at start-up. Fastify compiles
// every route's response schemas before it listens; with several hundred routes that was the
// largest part of the start (~0.7 s of CPU), while a test run touches a few dozen routes. And
// Fastify() itself loads Ajv (with its formats) for its default validator, which no service
// uses (each plugin sets its own validator compiler). The compiled functions are the ones
// Fastify would have built, with the same options and shared schemas, so answers are
// unchanged; only the compile moves from start-up to the first use of that route.
import type { FastifyServerOptions } from 'fastify';
import { createRequire } from 'node:module';
import type { SerializerFactory } from '@fastify/fast-json-stringify-compiler';

/** Fastify's validator factory: (shared schemas, options) -> (route schema) -> validate. */
type ValidatorFactory = (externalSchemas: unknown, options: unknown) => (routeSchema: RouteSchema) => Fn;
interface RouteSchema { schema: unknown; method: string; url: string; httpPart?: string }

type Fn = (...args: never[]) => unknown;

/** A function that calls `compile()` once, on its first call, and forwards to the result. */
export function compileOnFirstCall<F extends Fn>(compile: () => F): F {
  let compiled: F | undefined;
  return function (this: unknown, ...args: Parameters<F>): unknown {
    compiled ??= compile();
    return compiled.apply(this, args);
  } as unknown as F;
}

// Fastify's own defaults, required at the first compile (the bundle leaves them out: scripts/build.mjs)
const requireOnDemand = createRequire(import.meta.url);
let fastifyValidator: ValidatorFactory | undefined;
const defaultValidatorFactory: ValidatorFactory = (externalSchemas, options) => {
  fastifyValidator ??= (requireOnDemand('@fastify/ajv-compiler') as { AjvCompiler(): ValidatorFactory }).AjvCompiler();
  return fastifyValidator(externalSchemas, options);
};
let fastifyDefault: SerializerFactory | undefined;
const defaultSerializerFactory: SerializerFactory = (externalSchemas, options) => {
  fastifyDefault ??= (requireOnDemand('@fastify/fast-json-stringify-compiler') as typeof import('@fastify/fast-json-stringify-compiler')).SerializerSelector();
  return fastifyDefault(externalSchemas, options);
};

/** fast-json-stringify serializers compiled at a route's first response with that status. */
export function lazySerializerFactory(eager: SerializerFactory = defaultSerializerFactory): SerializerFactory {
  return ((externalSchemas, options) => {
    const compilerFor = compileOnFirstCall(() => eager(externalSchemas, options));
    return (routeSchema) => compileOnFirstCall(() => compilerFor(routeSchema) as unknown as Fn);
  }) as SerializerFactory;
}

/** Ajv validators compiled at a route's first validated request. */
export function lazyValidatorFactory(eager: ValidatorFactory = defaultValidatorFactory): ValidatorFactory {
  return (externalSchemas, options) => {
    const compilerFor = compileOnFirstCall(() => eager(externalSchemas, options));
    return (routeSchema) => {
      // Fastify lower-cases a header schema's names only for its default factory: keep header
      // schemas on the services' own compilers rather than answer differently.
      if (routeSchema.httpPart === 'headers') throw new Error(`${routeSchema.method} ${routeSchema.url}: a header schema needs a service's validator compiler`);
      let compiled: (Fn & { errors?: unknown }) | undefined;
      const validate = function (this: unknown, ...args: never[]): unknown {
        compiled ??= compilerFor(routeSchema) as Fn & { errors?: unknown };
        const result = compiled.apply(this, args);
        validate.errors = compiled.errors; // Fastify reads `.errors` after a call that returned false
        return result;
      } as Fn & { errors?: unknown; schemaEnv?: unknown };
      // Fastify hands Ajv validators (marked by `schemaEnv`) the parent object, so that they may
      // replace the root value (coercion, defaults): keep that open for the deferred one
      validate.schemaEnv = true;
      return validate;
    };
  };
}

export function lazySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
  return { compilersFactory: { buildValidator: lazyValidatorFactory() as unknown as Factories['buildValidator'], buildSerializer: lazySerializerFactory() } };
}
