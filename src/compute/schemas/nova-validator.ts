// Request validation worded exactly as nova's api/validation/validators.py words it: the python
// jsonschema engine (http/python/jsonschema.ts) as nova runs it (Draft 4, first error wins,
// keywords in schema order) plus nova's changes: minimum/maximum also accept numeric strings,
// the 'name'/'uuid'/... format checkers, and the "Invalid input for field/attribute <key>.
// Value: <repr>. <message>" envelope (query parameters: "Invalid input for query parameters
// <key>. ..."). Schemas are TypeBox objects, i.e. plain JSON Schema.
import { parseIsoTime } from '../../http/python/iso8601.js';
import { parseIpv6 } from '../../http/python/ipv6.js';
import { checkPythonRegex } from '../../http/python/regex.js';
import { ApiError } from '../../http/api-error.js';
import { pyRepr, pyStr } from '../../http/python/repr.js';
import { isUuidLike } from '../../http/python/json-value-checks.js';
import { firstFailure, isValid, schemaFailures, type Dialect, type FormatFailure } from '../../http/python/jsonschema.js';

type Schema = Record<string, unknown>;

// nova/api/validation/parameter_types.py: printable characters, no leading/trailing whitespace.
const NAME_REASON = 'printable characters. Can not start or end with whitespace.';
const NAME_WITH_SPACES_REASON = 'printable characters with at least one non space character';
const AZ_REASON = 'printable characters except :. Can not start or end with whitespace.';
const AZ_WITH_SPACES_REASON = 'printable characters except :, with at least one non space character';
// parameter_types._is_printable: not category C*, and no Z* other than Zs.
const isPrintable = (s: string) => !/[\p{C}\p{Zl}\p{Zp}]/u.test(s);

/** The formats the legacy v2 schemas use instead (aggregates' create_v20/update_v20, servers' base_create_v20). */
const LEGACY_FORMATS: Record<string, string> = { name: 'name_with_leading_trailing_spaces', az_name: 'az_name_with_leading_trailing_spaces' };

/** Nova's FormatChecker: null = ok, else [jsonschema message, InvalidName reason?]. */
function checkFormat(format: string, v: unknown): FormatFailure | null {
  const bad = (cause?: string) => ({ message: `${pyRepr(v)} is not a ${pyRepr(format)}`, cause });
  const invalidName = (reason: string) => bad(`An invalid 'name' value was provided. The name must be: ${reason}`);
  switch (format) {
    case 'uuid':
      return typeof v === 'string' && !isUuidLike(v) ? bad() : null;
    case 'name':
      if (typeof v !== 'string' || !isPrintable(v) || /^\s|\s$/u.test(v) || v.length === 0) return invalidName(NAME_REASON);
      return null;
    case 'name_with_leading_trailing_spaces':
      if (typeof v !== 'string' || !isPrintable(v) || !/\S/u.test(v)) return invalidName(NAME_WITH_SPACES_REASON);
      return null;
    case 'az_name':
      if (typeof v !== 'string' || !isPrintable(v) || v.includes(':') || /^\s|\s$/u.test(v) || v.length === 0) return invalidName(AZ_REASON);
      return null;
    case 'az_name_with_leading_trailing_spaces':
      if (typeof v !== 'string' || !isPrintable(v) || v.includes(':') || !/\S/u.test(v)) return invalidName(AZ_WITH_SPACES_REASON);
      return null;
    case 'keypair_name_20':
    case 'keypair_name_292': {
      if (typeof v !== 'string') return null;
      const safe = format === 'keypair_name_20' ? '_- ' : '@._- ';
      const allowed = new RegExp(`^[${safe.replace(/[-.]/g, '\\$&')}0-9A-Za-z]*$`);
      if (!allowed.test(v)) {
        return bad(`An invalid 'name' value was provided. The name must be: Only expected characters: [${safe}0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ]`);
      }
      return null;
    }
    case 'regex':
      if (typeof v !== 'string' || v === '') return bad();
      // valid Python syntax RE2 cannot run (look-around...) passes here; the filter refuses it
      return checkPythonRegex(v) === 'invalid' ? bad() : null;
    case 'base64':
      return typeof v === 'string' && !pyBase64Decodes(v) ? bad() : null;
    case 'date-time':
      // timeutils.parse_isotime: iso8601's one regex, nothing looser
      return typeof v === 'string' && parseIsoTime(v) === null ? bad() : null;
    case 'ipv4':
      return typeof v === 'string' && !/^(\d{1,3})(\.\d{1,3}){3}$/.test(v) ? bad() : null;
    case 'ipv6':
      // netaddr.valid_ipv6 = inet_pton(AF_INET6): a dotted quad alone is no IPv6 address
      return typeof v === 'string' && parseIpv6(v) === null ? bad() : null;
    default:
      return null;
  }
}

/**
 * base64.decodebytes (binascii.a2b_base64, non-strict) succeeds: characters outside the alphabet
 * are skipped, a pad sequence that completes a quad ends the input, and otherwise the data
 * characters must fill whole quads (else "Incorrect padding").
 */
function pyBase64Decodes(v: string): boolean {
  let quad = 0;
  let pads = 0;
  for (const ch of v) {
    if (ch === '=') {
      if (quad >= 2 && quad + ++pads >= 4) return true;
      continue;
    }
    if (!/[A-Za-z0-9+/]/.test(ch)) continue;
    pads = 0;
    quad = (quad + 1) % 4;
  }
  return quad === 0;
}

/** int(x) or float(x) as nova's _number_from_str does; null when not a number. */
function numberFromStr(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * Keywords in the order nova's schemas are written (type, properties, required,
 * additionalProperties): TypeBox emits `required` before `properties`, and jsonschema reports
 * the first failure in schema order.
 */
function keywordOrder(s: Schema): string[] {
  const keys = Object.keys(s);
  const req = keys.indexOf('required');
  if (req < 0) return keys;
  const rest = keys.filter((k) => k !== 'required');
  const after = Math.max(rest.indexOf('properties'), rest.indexOf('patternProperties'));
  if (after < 0) return keys;
  rest.splice(after + 1, 0, 'required');
  return rest;
}

/** Nova's Draft4Validator with its format checker and _validate_minimum/_maximum over numeric strings. */
const NOVA: Dialect = {
  draft4: true,
  order: keywordOrder,
  format: checkFormat,
  number: numberFromStr,
  sortExtras: false,
  context: false,
  oneOfMany: (v, passing) => `${pyRepr(v)} is valid under each of ${passing.map(pyRepr).join(', ')}`,
  softAdditionalProperties: false,
};

/**
 * The legacy v2 API: unknown keys are stripped, and the v2.0 schemas (*_v20) take names with
 * surrounding spaces (parameter_types.name_with_leading_trailing_spaces) that normalize_name
 * strips afterwards.
 */
const NOVA_LEGACY_V2: Dialect = {
  ...NOVA,
  format: (format, v) => checkFormat(LEGACY_FORMATS[format] ?? format, v),
  softAdditionalProperties: true,
};

/** The first failure's detail as nova words it, or null when valid. */
export function validationDetail(schema: unknown, value: unknown, where: 'body' | 'query', legacy = false): string | null {
  // most requests are valid: say so without the engine that words failures (the legacy v2
  // dialect strips unknown keys as it goes, which only that engine does)
  if (!legacy && isValid(schema, value, NOVA)) return null;
  const f = firstFailure(schemaFailures(schema, value, legacy ? NOVA_LEGACY_V2 : NOVA));
  if (f === null) return null;
  if (f.cause) return f.cause;
  if (f.path.length === 0) return f.message;
  const key = where === 'body' ? f.path[f.path.length - 1] : f.path[0];
  const label = where === 'body' ? 'field/attribute' : 'query parameters';
  return `Invalid input for ${label} ${key}. Value: ${pyValue(f.instance)}. ${f.message}`;
}

/** '%s' formatting of a value (str(), not repr(), for the top level). */
function pyValue(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** Throw nova's 400 for the first failure. */
export function assertValid(schema: unknown, value: unknown, where: 'body' | 'query', legacy = false): void {
  const detail = validationDetail(schema, value, where, legacy);
  if (detail !== null) throw new ApiError(400, null, detail);
}
