// nova/api/validation/parameter_types.py as TypeBox schemas. Nova's types mix JSON types
// (['integer', 'string'] with a pattern) and custom formats, so most are Type.Unsafe with the
// exact JSON Schema nova uses: the validator words its failures from these keywords.
import { Type, type TSchema } from 'typebox';
import { ApiError } from '../../http/api-error.js';

/** single_param / multi_params: query values are lists. */
export const multiParams = (items: TSchema) => Type.Array(items);
export const singleParam = (items: TSchema) => Type.Array(items, { maxItems: 1 });

export const boolean = Type.Unsafe<boolean | string>({
  type: ['boolean', 'string'],
  enum: [true, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
    false, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'],
});

export const positiveInteger = Type.Unsafe<number | string>({ type: ['integer', 'string'], pattern: '^[0-9]*$', minimum: 1, minLength: 1 });
export const nonNegativeInteger = Type.Unsafe<number | string>({ type: ['integer', 'string'], pattern: '^[0-9]*$', minimum: 0, minLength: 1 });

export const name = Type.Unsafe<string>({ type: 'string', minLength: 1, maxLength: 255, format: 'name' });
export const nameWithLeadingTrailingSpaces = Type.Unsafe<string>({ type: 'string', minLength: 1, maxLength: 255, format: 'name_with_leading_trailing_spaces' });
export const azName = Type.Unsafe<string>({ type: 'string', minLength: 1, maxLength: 255, format: 'az_name' });

/** Printable characters (parameter_types.valid_description_regex). */
const DESCRIPTION_PATTERN = '^[^\\p{C}\\p{Zl}\\p{Zp}]*$';
export const description = Type.Unsafe<string | null>({ type: ['string', 'null'], minLength: 0, maxLength: 255, pattern: DESCRIPTION_PATTERN });
export const flavorDescription = Type.Unsafe<string | null>({ type: ['string', 'null'], minLength: 0, maxLength: 65535, pattern: DESCRIPTION_PATTERN });

export const hostname = Type.Unsafe<string>({ type: 'string', minLength: 2, maxLength: 63, pattern: '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$' });
export const fqdn = Type.Unsafe<string>({ type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9-._]*$' });
export const projectId = Type.Unsafe<string>({ type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9-]*$' });
export const uuid = Type.Unsafe<string>({ type: 'string', format: 'uuid' });
export const imageIdOrEmpty = Type.Unsafe<string>({ oneOf: [{ type: 'string', format: 'uuid' }, { type: 'string', maxLength: 0 }] });
export const adminPassword = Type.Unsafe<string>({ type: 'string' });
export const flavorRef = Type.Unsafe<string | number>({ type: ['string', 'integer'], minLength: 1 });

const METADATA_KEY = '^[a-zA-Z0-9-_:. ]{1,255}$';
export const metadata = Type.Unsafe<Record<string, string>>({
  type: 'object', patternProperties: { [METADATA_KEY]: { type: 'string', maxLength: 255 } }, additionalProperties: false,
});

export const accessIPv4 = Type.Unsafe<string>({ type: 'string', format: 'ipv4' });
export const accessIPv6 = Type.Unsafe<string>({ type: 'string', format: 'ipv6' });
export const diskConfig = Type.Unsafe<string>({ type: 'string', enum: ['AUTO', 'MANUAL'] });

const volumeSize = { type: ['integer', 'string'], pattern: '^[0-9]+$', minimum: 1, maximum: 0x7fffffff };
export const flavorParamPositive = Type.Unsafe<number | string>({ ...volumeSize });
export const flavorParamNonNegative = Type.Unsafe<number | string>({ ...volumeSize, minimum: 0 });

/** nova/objects/tag.py MAX_TAG_LENGTH = 60 */
export const tag = Type.Unsafe<string>({ type: 'string', minLength: 1, maxLength: 60, pattern: '^[^,/]*$' });

export const trustedCerts = Type.Unsafe<string[] | null>({
  type: ['array', 'null'], minItems: 1, maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1 },
});

export const paginationParameters = {
  limit: multiParams(nonNegativeInteger),
  marker: multiParams(Type.String()),
};

const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes'];
const FALSE_STRINGS = ['0', 'f', 'false', 'off', 'n', 'no'];

/** nova/utils bool_from_string as the API uses it (strict=False). */
export function boolFromString(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return TRUE_STRINGS.includes(String(v).trim().toLowerCase());
}

/** oslo strutils.bool_from_string(strict=True): the boolean, or null where it raises ValueError. */
export function strictBoolOrNull(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  if (TRUE_STRINGS.includes(t)) return true;
  if (FALSE_STRINGS.includes(t)) return false;
  return null;
}

/** strutils.bool_from_string(strict=True) with its ValueError message as nova's 400. */
export function strictBool(v: unknown): boolean {
  const b = strictBoolOrNull(v);
  if (b === null) {
    throw new ApiError(400, null, `Unrecognized value '${String(v)}', acceptable values are: ${[...FALSE_STRINGS, ...TRUE_STRINGS].sort().map((x) => `'${x}'`).join(', ')}`);
  }
  return b;
}
