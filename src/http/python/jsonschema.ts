// The one python-jsonschema (4.x) engine: the keywords, each failure worded as jsonschema words
// it, and best_match. Services differ in how they call jsonschema, which a Dialect states:
// Placement, glance and cinder validate with the latest draft and pick best_match (placement's
// util.extract_json); nova validates with Draft4Validator, its own format checkers and minimum
// over numeric strings, and reports the first failure (nova/api/validation/validators.py).
// Schemas are TypeBox objects, i.e. plain JSON Schema. An unknown keyword is ignored, as
// jsonschema does.
import { pyRepr, pyStr } from './repr.js';
import { isUuidLike, jsonTypeOk as typeOk } from './json-value-checks.js';

type Schema = Record<string, unknown>;
type Path = (string | number)[];

export interface SchemaFailure {
  readonly message: string;
  readonly keyword: string;
  /** Where in the instance. */
  readonly path: Path;
  /** Where in the schema: the path to the failing keyword's parent schema. */
  readonly schemaPath: Path;
  readonly instance: unknown;
  /** The failures under anyOf/oneOf (only with Dialect.context). */
  readonly context?: SchemaFailure[];
  /** A format checker's own message (nova's InvalidName), which replaces the whole detail. */
  readonly cause?: string;
}

/** A format checker's verdict on a failing value. */
export interface FormatFailure { readonly message: string; readonly cause?: string | undefined }

export interface Dialect {
  /**
   * Draft 4 (nova's Draft4Validator): boolean exclusiveMinimum/exclusiveMaximum qualify
   * minimum/maximum, and an array `items` is a tuple. Otherwise the latest draft's numeric
   * exclusiveMinimum.
   */
  readonly draft4: boolean;
  /** The order the keywords of one schema are checked in (the first failure wins for nova). */
  readonly order: (s: Schema) => string[];
  readonly format: (format: string, v: unknown) => FormatFailure | null;
  /** The number minimum and maximum compare, or null to skip the value. */
  readonly number: (v: unknown) => number | null;
  /** Sort the unexpected names of "Additional properties are not allowed". */
  readonly sortExtras: boolean;
  /** Collect anyOf/oneOf sub-failures for best_match (else stop at the first one). */
  readonly context: boolean;
  /** The message of a oneOf that more than one subschema passes. */
  readonly oneOfMany: (v: unknown, passing: readonly unknown[]) => string;
  /** The legacy v2 API strips unknown keys instead (validators._soft_validate_additional_properties). */
  readonly softAdditionalProperties: boolean;
}

const jsonEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The latest draft as Placement, glance and cinder run it: best_match over every failure. */
export const LATEST_DRAFT: Dialect = {
  draft4: false,
  order: (s) => Object.keys(s),
  format: (format, v) => format === 'uuid' && typeof v === 'string' && !isUuidLike(v) ? { message: `${pyRepr(v)} is not a ${pyStr('uuid')}` } : null,
  number: (v) => typeof v === 'number' ? v : null,
  sortExtras: true,
  context: true,
  oneOfMany: (v) => `${pyRepr(v)} is valid under each of the given schemas`,
  softAdditionalProperties: false,
};

/** Every failure of `value` against `schema`, in the dialect's keyword order. */
export function* schemaFailures(schema: unknown, value: unknown, dialect: Dialect): Generator<SchemaFailure> {
  yield* check(schema, value, [], [], dialect);
}

function* check(schema: unknown, v: unknown, path: Path, spath: Path, d: Dialect): Generator<SchemaFailure> {
  if (schema === true || schema === undefined) return;
  if (schema === false) { yield { message: `False schema does not allow ${pyRepr(v)}`, keyword: 'false', path, schemaPath: spath, instance: v }; return; }
  const s = schema as Schema;
  const fail = (keyword: string, message: string, extra: { context?: SchemaFailure[]; cause?: string | undefined } = {}): SchemaFailure =>
    ({ message, keyword, path, schemaPath: spath, instance: v, ...extra });
  const passes = (sub: unknown, i: number, key: string) => check(sub, v, path, [...spath, key, i], d).next().done === true;
  for (const key of d.order(s)) {
    const kw = s[key];
    switch (key) {
      case 'type': {
        const types = Array.isArray(kw) ? (kw as string[]) : [kw as string];
        if (!types.some((t) => typeOk(t, v))) yield fail(key, `${pyRepr(v)} is not of type ${types.map(pyStr).join(', ')}`);
        break;
      }
      case 'enum':
        if (!(kw as unknown[]).some((e) => jsonEqual(e, v))) yield fail(key, `${pyRepr(v)} is not one of ${pyRepr(kw)}`);
        break;
      case 'const':
        if (!jsonEqual(kw, v)) yield fail(key, `${pyRepr(kw)} was expected`);
        break;
      case 'properties':
        if (typeOk('object', v)) {
          const o = v as Schema;
          for (const [p, sub] of Object.entries(kw as Schema)) {
            if (Object.hasOwn(o, p)) yield* check(sub, o[p], [...path, p], [...spath, 'properties', p], d);
          }
        }
        break;
      case 'patternProperties':
        if (typeOk('object', v)) {
          for (const [re, sub] of Object.entries(kw as Schema)) {
            const rx = new RegExp(re, 'u');
            for (const [p, x] of Object.entries(v as Schema)) if (rx.test(p)) yield* check(sub, x, [...path, p], [...spath, 'patternProperties', re], d);
          }
        }
        break;
      case 'additionalProperties': {
        if (!typeOk('object', v)) break;
        const o = v as Schema;
        const props = (s.properties ?? {}) as Schema;
        const patterns = Object.keys((s.patternProperties ?? {}) as Schema).map((re) => new RegExp(re, 'u'));
        const extras = Object.keys(o).filter((p) => !Object.hasOwn(props, p) && !patterns.some((rx) => rx.test(p)));
        if (kw !== null && typeof kw === 'object') {
          for (const p of extras) yield* check(kw, o[p], [...path, p], [...spath, 'additionalProperties'], d);
        } else if (kw === false && extras.length > 0 && d.softAdditionalProperties && !s.patternProperties) {
          for (const p of extras) delete o[p];
        } else if (kw === false && extras.length > 0) {
          if (s.patternProperties) {
            const joined = [...extras].sort().map(pyStr).join(', ');
            const pats = Object.keys(s.patternProperties as Schema).sort().map(pyStr).join(', ');
            yield fail(key, `${joined} ${extras.length === 1 ? 'does' : 'do'} not match any of the regexes: ${pats}`);
          } else {
            const joined = (d.sortExtras ? [...extras].sort() : extras).map(pyStr).join(', ');
            yield fail(key, `Additional properties are not allowed (${joined} ${extras.length === 1 ? 'was' : 'were'} unexpected)`);
          }
        }
        break;
      }
      case 'required':
        if (typeOk('object', v)) for (const p of kw as string[]) if (!Object.hasOwn(v as object, p)) yield fail(key, `${pyStr(p)} is a required property`);
        break;
      case 'minProperties':
        if (typeOk('object', v) && Object.keys(v as object).length < (kw as number)) yield fail(key, `${pyRepr(v)} does not have enough properties`);
        break;
      case 'maxProperties':
        if (typeOk('object', v) && Object.keys(v as object).length > (kw as number)) yield fail(key, `${pyRepr(v)} has too many properties`);
        break;
      case 'items':
        if (Array.isArray(v)) {
          if (d.draft4 && Array.isArray(kw)) for (let i = 0; i < Math.min(kw.length, v.length); i++) yield* check(kw[i], v[i], [...path, i], [...spath, 'items', i], d);
          else for (let i = 0; i < v.length; i++) yield* check(kw, v[i], [...path, i], [...spath, 'items'], d);
        }
        break;
      case 'minItems':
        if (Array.isArray(v) && v.length < (kw as number)) yield fail(key, `${pyRepr(v)} is too short`);
        break;
      case 'maxItems':
        if (Array.isArray(v) && v.length > (kw as number)) yield fail(key, `${pyRepr(v)} is too long`);
        break;
      case 'uniqueItems':
        if (kw === true && Array.isArray(v) && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) yield fail(key, `${pyRepr(v)} has non-unique elements`);
        break;
      case 'minLength':
        if (typeof v === 'string' && [...v].length < (kw as number)) yield fail(key, `${pyRepr(v)} is too short`);
        break;
      case 'maxLength':
        if (typeof v === 'string' && [...v].length > (kw as number)) yield fail(key, `${pyRepr(v)} is too long`);
        break;
      case 'pattern':
        if (typeof v === 'string' && !new RegExp(kw as string, 'u').test(v)) yield fail(key, `${pyRepr(v)} does not match ${pyStr(kw as string)}`);
        break;
      case 'format': {
        const f = d.format(kw as string, v);
        if (f) yield fail(key, f.message, { cause: f.cause });
        break;
      }
      case 'minimum': {
        const n = typeof v === 'boolean' ? null : d.number(v);
        const exclusive = d.draft4 && s.exclusiveMinimum === true;
        if (n !== null && (exclusive ? n <= (kw as number) : n < (kw as number))) {
          yield fail(key, `${pyRepr(n)} is less than ${exclusive ? 'or equal to ' : ''}the minimum of ${pyRepr(kw)}`);
        }
        break;
      }
      case 'maximum': {
        const n = typeof v === 'boolean' ? null : d.number(v);
        const exclusive = d.draft4 && s.exclusiveMaximum === true;
        if (n !== null && (exclusive ? n >= (kw as number) : n > (kw as number))) {
          yield fail(key, `${pyRepr(n)} is greater than ${exclusive ? 'or equal to ' : ''}the maximum of ${pyRepr(kw)}`);
        }
        break;
      }
      case 'exclusiveMinimum':
        // Draft 4's boolean form is read by 'minimum' above
        if (!d.draft4 && typeof v === 'number' && v <= (kw as number)) yield fail(key, `${pyRepr(v)} is less than or equal to the minimum of ${pyRepr(kw)}`);
        break;
      case 'anyOf': {
        const subs = kw as unknown[];
        if (d.context) {
          const all = subs.map((sub, i) => [...check(sub, v, path, [...spath, 'anyOf', i], d)]);
          if (!all.some((errs) => errs.length === 0)) yield fail(key, `${pyRepr(v)} is not valid under any of the given schemas`, { context: all.flat() });
        } else if (!subs.some((sub, i) => passes(sub, i, 'anyOf'))) {
          yield fail(key, `${pyRepr(v)} is not valid under any of the given schemas`);
        }
        break;
      }
      case 'oneOf': {
        const subs = kw as unknown[];
        let passing: unknown[];
        let context: SchemaFailure[] | undefined;
        if (d.context) {
          const all = subs.map((sub, i) => [...check(sub, v, path, [...spath, 'oneOf', i], d)]);
          passing = subs.filter((_, i) => all[i]!.length === 0);
          context = all.flat();
        } else {
          passing = subs.filter((sub, i) => passes(sub, i, 'oneOf'));
        }
        if (passing.length === 0) yield fail(key, `${pyRepr(v)} is not valid under any of the given schemas`, context ? { context } : {});
        else if (passing.length > 1) yield fail(key, d.oneOfMany(v, passing));
        break;
      }
      case 'allOf':
        for (const [i, sub] of (kw as unknown[]).entries()) yield* check(sub, v, path, [...spath, 'allOf', i], d);
        break;
      case 'not':
        if (check(kw, v, path, spath, d).next().done) yield fail(key, `${pyRepr(v)} should not be valid under ${pyRepr(kw)}`);
        break;
      default:
        break;
    }
  }
}

const WEAK = new Set(['anyOf', 'oneOf']);

function relevance(f: SchemaFailure): [number, number] {
  return [-f.path.length, WEAK.has(f.keyword) ? 0 : 1];
}
function cmp(a: SchemaFailure, b: SchemaFailure): number {
  const [a1, a2] = relevance(a);
  const [b1, b2] = relevance(b);
  return a1 - b1 || a2 - b2;
}

/** jsonschema.exceptions.best_match: Placement's, glance's and cinder's pick. */
export function bestMatch(failures: Iterable<SchemaFailure>): SchemaFailure | null {
  const errors = [...failures];
  if (!errors.length) return null;
  let best = errors[0]!;
  for (const e of errors.slice(1)) if (cmp(e, best) > 0) best = e;
  while (best.context && best.context.length) {
    const sorted = [...best.context].sort(cmp);
    if (sorted.length >= 2 && cmp(sorted[0]!, sorted[1]!) === 0) return best;
    best = sorted[0]!;
  }
  return best;
}

/** Nova's pick: the first failure in keyword order (validators._SchemaValidator.validate). */
export function firstFailure(failures: Iterable<SchemaFailure>): SchemaFailure | null {
  for (const f of failures) return f;
  return null;
}

type Check = (v: unknown) => boolean;
const ALWAYS: Check = () => true;
const NEVER: Check = () => false;
const compiledByDialect = new WeakMap<Dialect, WeakMap<object, Check>>();

/**
 * True when `value` has no failure against `schema` (schemaFailures would yield nothing): the
 * question most requests ask, answered without wording a failure, building paths or running
 * generators. Schemas are compiled to closures once per dialect. Not for a dialect that strips
 * unknown properties (only schemaFailures does that); false when unsure (a schema the checker
 * cannot compile), so that callers then word the failure, or throw, through schemaFailures.
 */
export function isValid(schema: unknown, value: unknown, d: Dialect): boolean {
  if (d.softAdditionalProperties) return false;
  try {
    return compileCheck(schema, d)(value);
  } catch {
    return false;
  }
}

function compileCheck(schema: unknown, d: Dialect): Check {
  if (schema === true || schema === undefined) return ALWAYS;
  if (schema === false) return NEVER;
  let cache = compiledByDialect.get(d);
  if (!cache) { cache = new WeakMap(); compiledByDialect.set(d, cache); }
  const known = cache.get(schema as object);
  if (known) return known;
  const checks = keywordChecks(schema as Schema, d);
  const compiled: Check = checks.length === 1 ? checks[0]! : (v) => {
    for (const c of checks) if (!c(v)) return false;
    return true;
  };
  cache.set(schema as object, compiled);
  return compiled;
}

/** The keywords of one schema as checks; each mirrors its case in check() above. */
function keywordChecks(s: Schema, d: Dialect): Check[] {
  const checks: Check[] = [];
  const isObject = (v: unknown): v is Schema => typeOk('object', v);
  for (const key of d.order(s)) {
    const kw = s[key];
    switch (key) {
      case 'type': {
        const types = Array.isArray(kw) ? (kw as string[]) : [kw as string];
        checks.push((v) => types.some((t) => typeOk(t, v)));
        break;
      }
      case 'enum': {
        const texts = (kw as unknown[]).map((e) => JSON.stringify(e));
        checks.push((v) => { const t = JSON.stringify(v); return texts.some((e) => e === t); });
        break;
      }
      case 'const': {
        const text = JSON.stringify(kw);
        checks.push((v) => JSON.stringify(v) === text);
        break;
      }
      case 'properties': {
        const props = Object.entries(kw as Schema).map(([p, sub]) => [p, compileCheck(sub, d)] as const);
        checks.push((v) => {
          if (!isObject(v)) return true;
          for (const [p, c] of props) if (Object.hasOwn(v, p) && !c(v[p])) return false;
          return true;
        });
        break;
      }
      case 'patternProperties': {
        const pats = Object.entries(kw as Schema).map(([re, sub]) => [new RegExp(re, 'u'), compileCheck(sub, d)] as const);
        checks.push((v) => {
          if (!isObject(v)) return true;
          for (const [rx, c] of pats) for (const [p, x] of Object.entries(v)) if (rx.test(p) && !c(x)) return false;
          return true;
        });
        break;
      }
      case 'additionalProperties': {
        const props = (s.properties ?? {}) as Schema;
        const patterns = Object.keys((s.patternProperties ?? {}) as Schema).map((re) => new RegExp(re, 'u'));
        const declared = (p: string) => Object.hasOwn(props, p) || patterns.some((rx) => rx.test(p));
        if (kw !== null && typeof kw === 'object') {
          const c = compileCheck(kw, d);
          checks.push((v) => {
            if (!isObject(v)) return true;
            for (const p of Object.keys(v)) if (!declared(p) && !c(v[p])) return false;
            return true;
          });
        } else if (kw === false) {
          checks.push((v) => !isObject(v) || Object.keys(v).every(declared));
        }
        break;
      }
      case 'required': {
        const names = kw as string[];
        checks.push((v) => !isObject(v) || names.every((p) => Object.hasOwn(v, p)));
        break;
      }
      case 'minProperties':
        checks.push((v) => !isObject(v) || Object.keys(v).length >= (kw as number));
        break;
      case 'maxProperties':
        checks.push((v) => !isObject(v) || Object.keys(v).length <= (kw as number));
        break;
      case 'items':
        if (d.draft4 && Array.isArray(kw)) {
          const subs = kw.map((sub) => compileCheck(sub, d));
          checks.push((v) => {
            if (!Array.isArray(v)) return true;
            for (let i = 0; i < Math.min(subs.length, v.length); i++) if (!subs[i]!(v[i])) return false;
            return true;
          });
        } else {
          const c = compileCheck(kw, d);
          checks.push((v) => !Array.isArray(v) || v.every((x) => c(x)));
        }
        break;
      case 'minItems':
        checks.push((v) => !Array.isArray(v) || v.length >= (kw as number));
        break;
      case 'maxItems':
        checks.push((v) => !Array.isArray(v) || v.length <= (kw as number));
        break;
      case 'uniqueItems':
        if (kw === true) checks.push((v) => !Array.isArray(v) || new Set(v.map((x) => JSON.stringify(x))).size === v.length);
        break;
      case 'minLength':
        checks.push((v) => typeof v !== 'string' || [...v].length >= (kw as number));
        break;
      case 'maxLength':
        checks.push((v) => typeof v !== 'string' || [...v].length <= (kw as number));
        break;
      case 'pattern': {
        const rx = new RegExp(kw as string, 'u');
        checks.push((v) => typeof v !== 'string' || rx.test(v));
        break;
      }
      case 'format':
        checks.push((v) => !d.format(kw as string, v));
        break;
      case 'minimum': {
        const exclusive = d.draft4 && s.exclusiveMinimum === true;
        checks.push((v) => {
          const n = typeof v === 'boolean' ? null : d.number(v);
          return n === null || !(exclusive ? n <= (kw as number) : n < (kw as number));
        });
        break;
      }
      case 'maximum': {
        const exclusive = d.draft4 && s.exclusiveMaximum === true;
        checks.push((v) => {
          const n = typeof v === 'boolean' ? null : d.number(v);
          return n === null || !(exclusive ? n >= (kw as number) : n > (kw as number));
        });
        break;
      }
      case 'exclusiveMinimum':
        if (!d.draft4) checks.push((v) => typeof v !== 'number' || v > (kw as number));
        break;
      case 'anyOf': {
        const subs = (kw as unknown[]).map((sub) => compileCheck(sub, d));
        checks.push((v) => subs.some((c) => c(v)));
        break;
      }
      case 'oneOf': {
        const subs = (kw as unknown[]).map((sub) => compileCheck(sub, d));
        checks.push((v) => {
          let passing = 0;
          for (const c of subs) if (c(v)) passing++;
          return passing === 1;
        });
        break;
      }
      case 'allOf': {
        const subs = (kw as unknown[]).map((sub) => compileCheck(sub, d));
        checks.push((v) => subs.every((c) => c(v)));
        break;
      }
      case 'not': {
        const c = compileCheck(kw, d);
        checks.push((v) => !c(v));
        break;
      }
      default:
        break;
    }
  }
  return checks.length ? checks : [ALWAYS];
}
