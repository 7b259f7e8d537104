// JSON Schema validation that words its failures exactly like python-jsonschema 4.x, because
// Placement clients (and its gabbits) match substrings of "JSON does not validate: ...".
// The schemas are the TypeBox ones in schemas/ (plain JSON Schema objects). Covers the
// keywords Placement's schemas use; an unknown keyword is ignored, as jsonschema does.
import { pyPformat, pyRepr, pyStr } from './repr.js';
import { isUuidLike, jsonTypeOk as typeOk } from './json-value-checks.js';

type Schema = Record<string, unknown>;

interface Failure {
  message: string;
  keyword: string;
  /** instance path */
  path: (string | number)[];
  /** schema path to the failing keyword's parent schema */
  schemaPath: (string | number)[];
  schema: unknown;
  instance: unknown;
  context?: Failure[];
}

const WEAK = new Set(['anyOf', 'oneOf']);

function pyEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function* check(schema: unknown, v: unknown, path: (string | number)[], spath: (string | number)[]): Generator<Failure> {
  if (schema === true || schema === undefined) return;
  if (schema === false) { yield { message: `False schema does not allow ${pyRepr(v)}`, keyword: 'false', path, schemaPath: spath, schema, instance: v }; return; }
  const s = schema as Schema;
  const fail = (keyword: string, message: string): Failure => ({ message, keyword, path, schemaPath: spath, schema: s[keyword], instance: v });
  for (const key of Object.keys(s)) {
    const val = s[key];
    switch (key) {
      case 'type': {
        const types = Array.isArray(val) ? (val as string[]) : [val as string];
        if (!types.some((t) => typeOk(t, v))) yield fail(key, `${pyRepr(v)} is not of type ${types.map(pyStr).join(', ')}`);
        break;
      }
      case 'enum':
        if (!(val as unknown[]).some((e) => pyEqual(e, v))) yield fail(key, `${pyRepr(v)} is not one of ${pyRepr(val)}`);
        break;
      case 'const':
        if (!pyEqual(val, v)) yield fail(key, `${pyRepr(val)} was expected`);
        break;
      case 'minLength':
        if (typeof v === 'string' && [...v].length < (val as number)) yield fail(key, `${pyRepr(v)} is too short`);
        break;
      case 'maxLength':
        if (typeof v === 'string' && [...v].length > (val as number)) yield fail(key, `${pyRepr(v)} is too long`);
        break;
      case 'pattern':
        if (typeof v === 'string' && !new RegExp(val as string, 'u').test(v)) yield fail(key, `${pyRepr(v)} does not match ${pyStr(val as string)}`);
        break;
      case 'format':
        if (val === 'uuid' && typeof v === 'string' && !isUuidLike(v)) yield fail(key, `${pyRepr(v)} is not a ${pyStr('uuid')}`);
        break;
      case 'minimum':
        if (typeof v === 'number' && v < (val as number)) yield fail(key, `${pyRepr(v)} is less than the minimum of ${pyRepr(val)}`);
        break;
      case 'maximum':
        if (typeof v === 'number' && v > (val as number)) yield fail(key, `${pyRepr(v)} is greater than the maximum of ${pyRepr(val)}`);
        break;
      case 'exclusiveMinimum':
        if (typeof v === 'number' && v <= (val as number)) yield fail(key, `${pyRepr(v)} is less than or equal to the minimum of ${pyRepr(val)}`);
        break;
      case 'minItems':
        if (Array.isArray(v) && v.length < (val as number)) yield fail(key, `${pyRepr(v)} is too short`);
        break;
      case 'maxItems':
        if (Array.isArray(v) && v.length > (val as number)) yield fail(key, `${pyRepr(v)} is too long`);
        break;
      case 'uniqueItems':
        if (val && Array.isArray(v) && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) yield fail(key, `${pyRepr(v)} has non-unique elements`);
        break;
      case 'items':
        if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* check(val, v[i], [...path, i], [...spath, 'items']);
        break;
      case 'minProperties':
        if (typeOk('object', v) && Object.keys(v as object).length < (val as number)) yield fail(key, `${pyRepr(v)} does not have enough properties`);
        break;
      case 'maxProperties':
        if (typeOk('object', v) && Object.keys(v as object).length > (val as number)) yield fail(key, `${pyRepr(v)} has too many properties`);
        break;
      case 'required':
        if (typeOk('object', v)) for (const p of val as string[]) if (!(p in (v as object))) yield fail(key, `${pyStr(p)} is a required property`);
        break;
      case 'properties':
        if (typeOk('object', v)) {
          for (const [p, sub] of Object.entries(val as Schema)) {
            if (Object.hasOwn(v as object, p)) yield* check(sub, (v as Schema)[p], [...path, p], [...spath, 'properties', p]);
          }
        }
        break;
      case 'patternProperties':
        if (typeOk('object', v)) {
          for (const [re, sub] of Object.entries(val as Schema)) {
            const rx = new RegExp(re, 'u');
            for (const [p, x] of Object.entries(v as Schema)) if (rx.test(p)) yield* check(sub, x, [...path, p], [...spath, 'patternProperties', re]);
          }
        }
        break;
      case 'additionalProperties': {
        if (!typeOk('object', v)) break;
        const props = Object.keys((s.properties as Schema | undefined) ?? {});
        const patterns = Object.keys((s.patternProperties as Schema | undefined) ?? {}).map((re) => new RegExp(re, 'u'));
        const extras = Object.keys(v as object).filter((p) => !props.includes(p) && !patterns.some((rx) => rx.test(p)));
        if (val !== null && typeof val === 'object') {
          for (const p of extras) yield* check(val, (v as Schema)[p], [...path, p], [...spath, 'additionalProperties']);
        } else if (val === false && extras.length) {
          const joined = [...extras].sort().map(pyStr).join(', ');
          if (s.patternProperties) {
            const pats = Object.keys(s.patternProperties as Schema).sort().map(pyStr).join(', ');
            yield fail(key, `${joined} ${extras.length === 1 ? 'does' : 'do'} not match any of the regexes: ${pats}`);
          } else {
            yield fail(key, `Additional properties are not allowed (${joined} ${extras.length === 1 ? 'was' : 'were'} unexpected)`);
          }
        }
        break;
      }
      case 'anyOf': {
        const all: Failure[] = [];
        let ok = false;
        (val as unknown[]).forEach((sub, i) => {
          const errs = [...check(sub, v, path, [...spath, 'anyOf', i])];
          if (!errs.length) ok = true;
          all.push(...errs);
        });
        if (!ok) yield { ...fail(key, `${pyRepr(v)} is not valid under any of the given schemas`), context: all };
        break;
      }
      case 'oneOf': {
        const all: Failure[] = [];
        let matches = 0;
        (val as unknown[]).forEach((sub, i) => {
          const errs = [...check(sub, v, path, [...spath, 'oneOf', i])];
          if (!errs.length) matches++;
          all.push(...errs);
        });
        if (matches === 0) yield { ...fail(key, `${pyRepr(v)} is not valid under any of the given schemas`), context: all };
        else if (matches > 1) yield fail(key, `${pyRepr(v)} is valid under each of the given schemas`);
        break;
      }
      case 'allOf':
        for (const [i, sub] of (val as unknown[]).entries()) yield* check(sub, v, path, [...spath, 'allOf', i]);
        break;
      case 'not':
        if (![...check(val, v, path, spath)].length) yield fail(key, `${pyRepr(v)} should not be valid under ${pyRepr(val)}`);
        break;
      default:
        break;
    }
  }
}

function relevance(f: Failure): [number, number] {
  return [-f.path.length, WEAK.has(f.keyword) ? 0 : 1];
}
function cmp(a: Failure, b: Failure): number {
  const [a1, a2] = relevance(a);
  const [b1, b2] = relevance(b);
  return a1 - b1 || a2 - b2;
}

/** jsonschema.exceptions.best_match */
function bestMatch(errors: Failure[]): Failure | null {
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

function pathText(p: (string | number)[]): string {
  return p.map((x) => `[${typeof x === 'number' ? x : pyStr(x)}]`).join('');
}

/** str(jsonschema.ValidationError): the message, then where in the schema and the instance. */
function describe(f: Failure, root: Schema): string {
  let parent: unknown = root;
  for (const k of f.schemaPath) parent = (parent as Record<string | number, unknown>)[k];
  const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');
  return `${f.message}\n\nFailed validating ${pyStr(f.keyword)} in schema${pathText(f.schemaPath)}:\n${indent(pyPformat(parent))}`
    + `\n\nOn instance${pathText(f.path)}:\n${indent(pyPformat(f.instance))}`;
}

/** null when valid, else the text Placement puts after "JSON does not validate: ". */
export function validateJson(schema: object, value: unknown): string | null {
  const best = bestMatch([...check(schema, value, [], [])]);
  return best ? describe(best, schema as Schema) : null;
}

/** The same check for a query dict (util.validate_query_params); kept as a name others import. */
export const validateQuery = validateJson;

/**
 * jsonschema's best_match as data (message, instance path, failing instance), for services
 * that word validation errors themselves (cinder: "Invalid input for field/attribute ...").
 */
export function bestFailure(schema: object, value: unknown): { message: string; path: (string | number)[]; instance: unknown } | null {
  const best = bestMatch([...check(schema, value, [], [])]);
  return best ? { message: best.message, path: best.path, instance: best.instance } : null;
}
