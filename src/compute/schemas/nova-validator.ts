// Request validation worded exactly as nova's api/validation/validators.py words it: python
// jsonschema 4.x (Draft 4, first error wins, keywords in schema order) plus nova's changes:
// minimum/maximum also accept numeric strings, the 'name'/'uuid'/... format checkers, and the
// "Invalid input for field/attribute <key>. Value: <repr>. <message>" envelope (query
// parameters: "Invalid input for query parameters <key>. ..."). Schemas are TypeBox objects,
// i.e. plain JSON Schema.
import { parseIsoTime } from '../../http/python/iso8601.js';
import { parseIpv6 } from '../../http/python/ipv6.js';
import { checkPythonRegex } from '../../http/python/regex.js';
import { ApiError } from '../../http/api-error.js';
import { pyRepr, pyStr } from '../../http/python/repr.js';
import { isUuidLike, jsonTypeOk as typeOk } from '../../http/python/json-value-checks.js';

type Schema = Record<string, unknown>;

interface Failure {
  message: string;
  path: (string | number)[];
  instance: unknown;
  /** A format checker's own message (nova's InvalidName) replaces the whole detail. */
  causeMessage?: string;
}


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
function checkFormat(format: string, v: unknown): { message: string; cause?: string } | null {
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

/** oslo_utils.uuidutils.is_uuid_like */
/** int(x) or float(x) as nova's _number_from_str does; null when not a number. */
function numberFromStr(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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

function* check(schema: unknown, v: unknown, path: (string | number)[], legacy = false): Generator<Failure> {
  if (schema === true || schema === undefined) return;
  if (schema === false) { yield { message: `False schema does not allow ${pyRepr(v)}`, path, instance: v }; return; }
  const s = schema as Schema;
  const fail = (message: string, causeMessage?: string): Failure => ({ message, path, instance: v, causeMessage });
  for (const key of keywordOrder(s)) {
    const kw = s[key];
    switch (key) {
      case 'type': {
        const types = Array.isArray(kw) ? (kw as string[]) : [kw as string];
        if (!types.some((t) => typeOk(t, v))) yield fail(`${pyRepr(v)} is not of type ${types.map(pyStr).join(', ')}`);
        break;
      }
      case 'enum':
        if (!(kw as unknown[]).some((e) => jsonEqual(e, v))) yield fail(`${pyRepr(v)} is not one of ${pyRepr(kw)}`);
        break;
      case 'const':
        if (!jsonEqual(kw, v)) yield fail(`${pyRepr(kw)} was expected`);
        break;
      case 'properties':
        if (typeOk('object', v)) {
          const o = v as Record<string, unknown>;
          for (const [p, ps] of Object.entries(kw as Record<string, unknown>)) {
            if (Object.hasOwn(o, p)) yield* check(ps, o[p], [...path, p], legacy);
          }
        }
        break;
      case 'patternProperties':
        if (typeOk('object', v)) {
          const o = v as Record<string, unknown>;
          for (const [pat, ps] of Object.entries(kw as Record<string, unknown>)) {
            const re = new RegExp(pat, 'u');
            for (const [k, x] of Object.entries(o)) if (re.test(k)) yield* check(ps, x, [...path, k], legacy);
          }
        }
        break;
      case 'additionalProperties':
        if (typeOk('object', v)) {
          const o = v as Record<string, unknown>;
          const props = (s.properties ?? {}) as Record<string, unknown>;
          const patterns = Object.keys((s.patternProperties ?? {}) as Record<string, unknown>).map((p) => new RegExp(p, 'u'));
          const extras = Object.keys(o).filter((k) => !Object.hasOwn(props, k) && !patterns.some((re) => re.test(k)));
          if (kw !== null && typeof kw === 'object') {
            for (const k of extras) yield* check(kw, o[k], [...path, k], legacy);
          } else if (kw === false && extras.length > 0 && legacy && !s.patternProperties) {
            // the legacy v2 API strips unknown keys (validators._soft_validate_additional_properties)
            for (const k of extras) delete o[k];
          } else if (kw === false && extras.length > 0) {
            if (s.patternProperties) {
              const joined = [...extras].sort().map(pyStr).join(', ');
              const pats = Object.keys(s.patternProperties as object).sort().map(pyStr).join(', ');
              yield fail(`${joined} ${extras.length === 1 ? 'does' : 'do'} not match any of the regexes: ${pats}`);
            } else {
              yield fail(`Additional properties are not allowed (${extras.map(pyStr).join(', ')} ${extras.length === 1 ? 'was' : 'were'} unexpected)`);
            }
          }
        }
        break;
      case 'required':
        if (typeOk('object', v)) {
          for (const p of kw as string[]) if (!Object.hasOwn(v as object, p)) yield fail(`${pyStr(p)} is a required property`);
        }
        break;
      case 'minProperties':
        if (typeOk('object', v) && Object.keys(v as object).length < (kw as number)) yield fail(`${pyRepr(v)} does not have enough properties`);
        break;
      case 'maxProperties':
        if (typeOk('object', v) && Object.keys(v as object).length > (kw as number)) yield fail(`${pyRepr(v)} has too many properties`);
        break;
      case 'items':
        if (Array.isArray(v)) {
          if (Array.isArray(kw)) for (let i = 0; i < Math.min(kw.length, v.length); i++) yield* check(kw[i], v[i], [...path, i], legacy);
          else for (let i = 0; i < v.length; i++) yield* check(kw, v[i], [...path, i], legacy);
        }
        break;
      case 'minItems':
        if (Array.isArray(v) && v.length < (kw as number)) yield fail(`${pyRepr(v)} is too short`);
        break;
      case 'maxItems':
        if (Array.isArray(v) && v.length > (kw as number)) yield fail(`${pyRepr(v)} is too long`);
        break;
      case 'uniqueItems':
        if (kw === true && Array.isArray(v) && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) {
          yield fail(`${pyRepr(v)} has non-unique elements`);
        }
        break;
      case 'minLength':
        if (typeof v === 'string' && [...v].length < (kw as number)) yield fail(`${pyRepr(v)} is too short`);
        break;
      case 'maxLength':
        if (typeof v === 'string' && [...v].length > (kw as number)) yield fail(`${pyRepr(v)} is too long`);
        break;
      case 'pattern':
        if (typeof v === 'string' && !new RegExp(kw as string, 'u').test(v)) yield fail(`${pyRepr(v)} does not match ${pyStr(kw as string)}`);
        break;
      case 'format':
        {
          // v2.0 schemas take names with surrounding spaces (parameter_types.name_with_leading_trailing_spaces)
          // the legacy v2 schemas (*_v20) allow what normalize_name strips afterwards
          const f = checkFormat(legacy ? (LEGACY_FORMATS[kw as string] ?? (kw as string)) : (kw as string), v);
          if (f) yield fail(f.message, f.cause);
        }
        break;
      case 'minimum': {
        const n = numberFromStr(v);
        if (n !== null && typeof v !== 'boolean') {
          if (s.exclusiveMinimum === true ? n <= (kw as number) : n < (kw as number)) {
            yield fail(s.exclusiveMinimum === true
              ? `${pyRepr(n)} is less than or equal to the minimum of ${pyRepr(kw)}`
              : `${pyRepr(n)} is less than the minimum of ${pyRepr(kw)}`);
          }
        }
        break;
      }
      case 'maximum': {
        const n = numberFromStr(v);
        if (n !== null && typeof v !== 'boolean') {
          if (s.exclusiveMaximum === true ? n >= (kw as number) : n > (kw as number)) {
            yield fail(s.exclusiveMaximum === true
              ? `${pyRepr(n)} is greater than or equal to the maximum of ${pyRepr(kw)}`
              : `${pyRepr(n)} is greater than the maximum of ${pyRepr(kw)}`);
          }
        }
        break;
      }
      case 'anyOf':
        if (!(kw as unknown[]).some((sub) => check(sub, v, path, legacy).next().done)) yield fail(`${pyRepr(v)} is not valid under any of the given schemas`);
        break;
      case 'oneOf': {
        const ok = (kw as unknown[]).filter((sub) => check(sub, v, path, legacy).next().done);
        if (ok.length === 0) yield fail(`${pyRepr(v)} is not valid under any of the given schemas`);
        else if (ok.length > 1) yield fail(`${pyRepr(v)} is valid under each of ${ok.map(pyRepr).join(', ')}`);
        break;
      }
      case 'allOf':
        for (const sub of kw as unknown[]) yield* check(sub, v, path, legacy);
        break;
      case 'not':
        if (check(kw, v, path, legacy).next().done) yield fail(`${pyRepr(v)} should not be valid under ${pyRepr(kw)}`);
        break;
      default:
        break;
    }
  }
}

/** The first failure's detail as nova words it, or null when valid. */
export function validationDetail(schema: unknown, value: unknown, where: 'body' | 'query', legacy = false): string | null {
  const first = check(schema, value, [], legacy).next();
  if (first.done) return null;
  const f = first.value;
  if (f.causeMessage) return f.causeMessage;
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
