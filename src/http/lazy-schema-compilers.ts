// Fastify's own response serializers (fast-json-stringify), built on first use instead of at
// start-up. Fastify compiles every route's response schemas before it listens; with several
// hundred routes that was the largest part of the start (~0.7 s of CPU), while a test run
// touches a few dozen routes. The compiled function is the one Fastify would have built, with
// the same options and shared schemas, so answers are unchanged; only the compile moves from
// start-up to the first response of that route and status. (Validators: the services compile
// their own, see each plugin's setValidatorCompiler; only a custom validator factory would make
// Fastify stop lower-casing header schemas, so the default one stays.)
import type { FastifyServerOptions } from 'fastify';
import { createRequire } from 'node:module';
import type { SerializerFactory } from '@fastify/fast-json-stringify-compiler';

type Fn = (...args: never[]) => unknown;

/** A function that calls `compile()` once, on its first call, and forwards to the result. */
export function compileOnFirstCall<F extends Fn>(compile: () => F): F {
  let compiled: F | undefined;
  return function (this: unknown, ...args: Parameters<F>): unknown {
    compiled ??= compile();
    return compiled.apply(this, args);
  } as unknown as F;
}

// Fastify's own default, required at the first compile (the bundle leaves it out: scripts/build.mjs)
const requireOnDemand = createRequire(import.meta.url);
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

export function lazySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  return { compilersFactory: { buildSerializer: lazySerializerFactory() } };
}
