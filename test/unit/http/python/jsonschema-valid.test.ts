// isValid, the engine's "is there any failure?" answered without wording one, against
// schemaFailures itself: random schemas over every keyword the engine knows, random JSON
// values, both drafts. A disagreement would let an invalid request through (or word a failure
// for a valid one).
import { describe, expect, it } from 'vitest';
import { isValid, LATEST_DRAFT, schemaFailures, type Dialect } from '../../../../src/http/python/jsonschema.js';
import { seededRandom as rng } from '../../../../src/runtime/seeded-random.js';

const KEYS = ['a', 'b', 'c', 'x_1', '_y'];
const STRINGS = ['', 'a', 'ab', 'abc', '12', ' 3.5 ', '-1e2', 'x y', '😀😀', 'a😀', '155d900f-4e14-4e4c-a73d-069cbf4541e6', 'not-a-uuid', '_z'];
const TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

function value(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 2 ? 6 : 8));
  switch (k) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor(r() * 11) - 5;
    case 3: return Math.round(r() * 100) / 10 - 5;
    case 4: case 5: return STRINGS[Math.floor(r() * STRINGS.length)];
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (const key of KEYS) if (r() < 0.4) o[key] = value(r, depth + 1);
      return o;
    }
  }
}

function schema(r: () => number, depth: number, draft4: boolean): unknown {
  if (r() < 0.08) return r() < 0.7;
  const s: Record<string, unknown> = {};
  const n = 1 + Math.floor(r() * (depth > 2 ? 2 : 4));
  const sub = () => schema(r, depth + 1, draft4);
  const num = () => Math.floor(r() * 9) - 3;
  for (let i = 0; i < n; i++) {
    switch (Math.floor(r() * (depth > 2 ? 19 : 25))) {
      case 0: s.type = r() < 0.7 ? TYPES[Math.floor(r() * TYPES.length)] : [TYPES[Math.floor(r() * TYPES.length)], TYPES[Math.floor(r() * TYPES.length)]]; break;
      case 1: s.enum = Array.from({ length: 1 + Math.floor(r() * 3) }, () => value(r, 3)); break;
      case 2: s.const = value(r, 3); break;
      case 3: s.required = KEYS.filter(() => r() < 0.3); break;
      case 4: s.minProperties = Math.floor(r() * 3); break;
      case 5: s.maxProperties = Math.floor(r() * 3); break;
      case 6: s.minItems = Math.floor(r() * 3); break;
      case 7: s.maxItems = Math.floor(r() * 3); break;
      case 8: s.uniqueItems = r() < 0.7; break;
      case 9: s.minLength = Math.floor(r() * 3); break;
      case 10: s.maxLength = Math.floor(r() * 3); break;
      case 11: s.pattern = ['^a', '\\d', '^$', 'b$', '\\p{L}'][Math.floor(r() * 5)]; break;
      case 12: s.format = ['uuid', 'name', 'other'][Math.floor(r() * 3)]; break;
      case 13: s.minimum = num(); if (draft4 && r() < 0.5) s.exclusiveMinimum = r() < 0.7; break;
      case 14: s.maximum = num(); if (draft4 && r() < 0.5) s.exclusiveMaximum = r() < 0.7; break;
      case 15: if (!draft4) s.exclusiveMinimum = num(); break;
      case 16: s.additionalProperties = r() < 0.6 ? r() < 0.5 : sub(); break;
      case 17: s.description = 'ignored'; break;
      case 18: s.properties = Object.fromEntries(KEYS.filter(() => r() < 0.4).map((key) => [key, sub()])); break;
      case 19: s.patternProperties = Object.fromEntries(['^_', '^x', '\\d'].filter(() => r() < 0.5).map((re) => [re, sub()])); break;
      case 20: s.items = draft4 && r() < 0.4 ? [sub(), sub()] : sub(); break;
      case 21: s.anyOf = [sub(), sub()]; break;
      case 22: s.oneOf = Array.from({ length: 1 + Math.floor(r() * 3) }, sub); break;
      case 23: s.allOf = [sub(), sub()]; break;
      default: s.not = sub(); break;
    }
  }
  return s;
}

/** A Draft 4 dialect shaped like nova's: numeric strings compared, formats that fail, keywords in reverse order. */
const DRAFT4: Dialect = {
  draft4: true,
  order: (s) => Object.keys(s).reverse(),
  format: (format, v) => (format === 'name' && typeof v === 'string' && (v === '' || /^\s|\s$/u.test(v)))
    || (format === 'uuid' && typeof v === 'string' && !/^[0-9a-f-]{36}$/.test(v)) ? { message: 'bad', cause: 'bad' } : null,
  number: (v) => (typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?(e\d+)?\s*$/.test(v) ? Number(v) : null),
  sortExtras: false,
  context: false,
  oneOfMany: () => 'many',
  softAdditionalProperties: false,
};

describe('isValid', () => {
  for (const [name, dialect] of [['latest draft (best_match)', LATEST_DRAFT], ['draft 4 (first failure)', DRAFT4]] as const) {
    it(`agrees with schemaFailures, ${name}`, () => {
      const r = rng(name.length);
      let valid = 0;
      for (let i = 0; i < 3000; i++) {
        const s = schema(r, 0, dialect.draft4);
        for (let j = 0; j < 4; j++) {
          const v = value(r, 0);
          const expected = schemaFailures(s, v, dialect).next().done === true;
          if (expected) valid++;
          expect(isValid(s, v, dialect), `${JSON.stringify(s)} on ${JSON.stringify(v)}`).toBe(expected);
        }
      }
      // both answers occur often enough for the comparison to mean something
      expect(valid).toBeGreaterThan(1500);
      expect(valid).toBeLessThan(10500);
    });
  }

  it('agrees on the numeric bounds at and around them, both drafts', () => {
    const bounds: Record<string, unknown>[] = [];
    for (const b of [-1, 0, 2]) {
      bounds.push({ minimum: b }, { maximum: b }, { exclusiveMinimum: b }, { minimum: b, maximum: b + 1 });
      for (const e of [true, false]) bounds.push({ minimum: b, exclusiveMinimum: e }, { maximum: b, exclusiveMaximum: e }, { minimum: b, maximum: b, exclusiveMaximum: e });
    }
    for (const dialect of [LATEST_DRAFT, DRAFT4]) {
      for (const s of bounds) {
        for (const v of [-2, -1, -0.5, 0, 0.5, 1, 2, 2.5, 3, '2', ' 0 ', true, null]) {
          expect(isValid(s, v, dialect), `${JSON.stringify(s)} on ${JSON.stringify(v)}`).toBe(schemaFailures(s, v, dialect).next().done === true);
        }
      }
    }
  });

  it('leaves a dialect that strips unknown properties to schemaFailures', () => {
    const soft = { ...DRAFT4, softAdditionalProperties: true };
    const body = { a: 1, z: 2 };
    expect(isValid({ properties: { a: {} }, additionalProperties: false }, body, soft)).toBe(false);
    expect(body).toEqual({ a: 1, z: 2 });
  });

  it('says false for a schema it cannot compile, so that schemaFailures answers (or throws)', () => {
    expect(isValid({ pattern: '(' }, 'x', LATEST_DRAFT)).toBe(false);
    expect(() => [...schemaFailures({ pattern: '(' }, 'x', LATEST_DRAFT)]).toThrow();
    expect(isValid({ pattern: '(' }, 1, LATEST_DRAFT)).toBe(false);
    expect([...schemaFailures({ pattern: '(' }, 1, LATEST_DRAFT)]).toEqual([]);
  });
});
