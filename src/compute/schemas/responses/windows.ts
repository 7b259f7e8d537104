// Fields of a compute answer that only some microversions have. The bounds are data the
// response contract checks ("x-min-version"/"x-max-version", http/response-contract.ts: the
// field must not be in an answer of another version) and the documents show (the description).
import { Type, type TSchema } from 'typebox';

/** An optional field present from `version` on. */
export function since(version: string, schema: TSchema, note = ''): TSchema {
  return Type.Optional({ ...schema, description: `from ${version}${note ? `; ${note}` : ''}`, 'x-min-version': version } as TSchema);
}

/** An optional field present before `version` only (up to the one before it). */
export function until(version: string, schema: TSchema): TSchema {
  return Type.Optional(upTo(version, { ...schema, description: `before ${version}` } as TSchema));
}

/** A schema (a union's branch) for the answers before `version`. */
export function upTo(version: string, schema: TSchema): TSchema {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  if (!(minor > 0)) throw new Error(`no version before ${version}`);
  return { ...schema, 'x-max-version': `${major}.${minor - 1}` } as TSchema;
}

/** A schema (a union's branch) for the answers from `version` on. */
export function from(version: string, schema: TSchema): TSchema {
  return { ...schema, 'x-min-version': version } as TSchema;
}
