// cinder/api/validation/parameter_types.py, as TypeBox schemas (plain JSON Schema underneath).
import { Type, type TSchema } from 'typebox';

/** A schema written as cinder writes it (multi-type unions TypeBox has no builder for). */
export const Raw = <T = unknown>(schema: Record<string, unknown>): TSchema => Type.Unsafe<T>(schema);

export const BOOLEAN_VALUES = [true, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't',
  false, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f'] as const;
export const booleanParam = () => Raw<boolean | string>({ type: ['boolean', 'string'], enum: [...BOOLEAN_VALUES] });
export const optionalBoolean = () => Raw<boolean | string | null>({ oneOf: [{ type: 'null' }, { type: ['boolean', 'string'], enum: [...BOOLEAN_VALUES] }] });

/** strutils.bool_from_string(strict=True) over the accepted spellings. */
export function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return ['true', '1', 'on', 'yes', 'y', 't'].includes(String(v).toLowerCase());
}

export const nullableName = () => Raw<string | null>({ type: ['string', 'null'], minLength: 0, maxLength: 255 });
export const nullableDescription = () => Raw<string | null>({ type: ['string', 'null'], minLength: 0, maxLength: 255 });
export const uuidParam = () => Type.String({ format: 'uuid' });
export const optionalUuid = () => Raw<string | null>({ oneOf: [{ type: 'null' }, { type: 'string', format: 'uuid' }] });
export const volumeSize = () => Raw<number | string>({ type: ['integer', 'string'], pattern: '^[0-9]+$', minimum: 1, maximum: 2147483647 });
export const volumeSizeAllowsNull = () => Raw<number | string | null>({ type: ['integer', 'string', 'null'], pattern: '^[0-9]+$', minimum: 1, maximum: 2147483647 });
const METADATA_KEY = '^[a-zA-Z0-9-_:. /]{1,255}$';
export const metadata = () => Raw<Record<string, string>>({ type: 'object', patternProperties: { [METADATA_KEY]: { type: 'string', maxLength: 255 } }, additionalProperties: false });
export const metadataAllowsNull = () => Raw<Record<string, string> | null>({ type: ['object', 'null'], patternProperties: { [METADATA_KEY]: { type: 'string', maxLength: 255 } }, additionalProperties: false });

/** Response pieces. */
export const Link = Type.Object({ rel: Type.String(), href: Type.String() }, { additionalProperties: false });
export const AnyObject = Type.Object({}, { additionalProperties: true });

/** An object schema as cinder writes one: only the `required` names are required. */
export function obj(props: Record<string, TSchema>, required: readonly string[], additionalProperties: boolean): TSchema {
  const shaped: Record<string, TSchema> = {};
  for (const [k, v] of Object.entries(props)) shaped[k] = required.includes(k) ? v : Type.Optional(v);
  return Type.Object(shaped, { additionalProperties });
}
