// The validator compiler of the services that refuse what their schemas do not allow (identity,
// the control plane): no coercion, no defaults, unknown fields rejected rather than stripped.
// One Ajv per compiler, built and each route compiled at its first request (most routes of a
// run are never called). Failures carry Ajv's errors (`verbose`: with the offending value) for
// a service's own wording, and a message that names the field and what it allows.
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { IsOptional, type TSchema } from 'typebox';
import type { FastifySchemaCompiler } from 'fastify';

// Ajv is required at the first validated request (as in response-contract.ts): a reset or a
// token request without a body never loads it.
const requireOnDemand = createRequire(import.meta.url);

export function strictValidatorCompiler(): FastifySchemaCompiler<TSchema> {
  let ajv: Ajv | undefined;
  return ({ schema, httpPart }) => {
    let validate: ValidateFunction | undefined;
    // Fastify hands an absent body over as null: a body declared Type.Optional may be left out
    const absentAllowed = httpPart === 'body' && IsOptional(schema);
    return (data) => {
      if (absentAllowed && data === null) return { value: undefined };
      ajv ??= new (requireOnDemand('ajv') as typeof import('ajv')).Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false, verbose: true });
      validate ??= ajv.compile(schema);
      if (validate(data)) return { value: data };
      const errors = validate.errors ?? [];
      return { error: Object.assign(new Error(describe(httpPart ?? 'body', errors)), { validation: errors }) };
    };
  };
}

/** Fastify's wording (`body/hosts/0/vcpus must be >= 1`) of the first error, with the allowed values or the unknown field. */
function describe(part: string, errors: readonly ErrorObject[]): string {
  const e = errors[0];
  if (!e) return `${part} is invalid`;
  const p = e.params as { allowedValues?: unknown[]; additionalProperty?: string };
  const detail = e.keyword === 'enum' ? `: ${(p.allowedValues ?? []).join(', ')}`
    : e.keyword === 'additionalProperties' ? ` ('${p.additionalProperty}')` : '';
  return `${part}${e.instancePath} ${e.message ?? 'is invalid'}${detail}`;
}
