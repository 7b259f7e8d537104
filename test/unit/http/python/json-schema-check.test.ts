// python-jsonschema 4.10 wording: each expectation below was produced by running
// jsonschema.validate on the same schema and instance with Debian's python3-jsonschema.
import { describe, expect, it } from 'vitest';
import { validateJson } from '../../../../src/http/python/json-schema-check.js';
import { isUuidLike } from '../../../../src/http/python/json-value-checks.js';

const cases: [string, object, unknown, string, string][] = [
  ['required', { type: 'object', properties: { name: { type: 'string', maxLength: 200 } }, required: ['name'], additionalProperties: false }, { namex: 1 },
    "'name' is a required property", "Failed validating 'required' in schema:"],
  ['maxLength', { type: 'object', properties: { name: { type: 'string', maxLength: 3 } }, required: ['name'], additionalProperties: false }, { name: 'abcd' },
    "'abcd' is too long", "Failed validating 'maxLength' in schema['properties']['name']:"],
  ['minimum', { type: 'object', properties: { total: { type: 'integer', minimum: 1 } } }, { total: 0 },
    '0 is less than the minimum of 1', "Failed validating 'minimum' in schema['properties']['total']:"],
  ['maximum', { type: 'object', properties: { total: { type: 'integer', maximum: 10 } } }, { total: 11 },
    '11 is greater than the maximum of 10', "Failed validating 'maximum' in schema['properties']['total']:"],
  ['pattern', { type: 'object', properties: { n: { type: 'string', pattern: '^[A-Z]+$' } } }, { n: 'instance' },
    "'instance' does not match '^[A-Z]+$'", "Failed validating 'pattern' in schema['properties']['n']:"],
  ['patternProperties', { type: 'object', patternProperties: { '^[A-Z]+$': { type: 'integer' } }, additionalProperties: false }, { bad: 1 },
    "'bad' does not match any of the regexes: '^[A-Z]+$'", "Failed validating 'additionalProperties' in schema:"],
  ['minProperties', { type: 'object', minProperties: 1 }, {},
    '{} does not have enough properties', "Failed validating 'minProperties' in schema:"],
  ['uniqueItems', { type: 'array', items: { type: 'string', format: 'uuid' }, uniqueItems: true }, ['a', 'a'],
    "['a', 'a'] has non-unique elements", "Failed validating 'uniqueItems' in schema:"],
  ['type list', { type: 'object', properties: { x: { type: ['integer', 'null'] } } }, { x: 's' },
    "'s' is not of type 'integer', 'null'", "Failed validating 'type' in schema['properties']['x']:"],
  ['anyOf', { type: 'object', properties: { p: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] } } }, { p: 1 },
    '1 is not valid under any of the given schemas', "Failed validating 'anyOf' in schema['properties']['p']:"],
  ['type', { type: 'object', properties: { b: { type: 'array' } } }, { b: 'beta' },
    "'beta' is not of type 'array'", "Failed validating 'type' in schema['properties']['b']:"],
  ['minLength', { type: 'object', properties: { s: { type: 'string', minLength: 1 } } }, { s: '' },
    "'' is too short", "Failed validating 'minLength' in schema['properties']['s']:"],
];

describe('validateJson words failures like python-jsonschema', () => {
  for (const [name, schema, instance, message, where] of cases) {
    it(name, () => {
      const text = validateJson(schema, instance);
      expect(text).not.toBeNull();
      const lines = text!.split('\n');
      expect(lines[0]).toBe(message);
      expect(lines[2]).toBe(where);
    });
  }
  it('accepts valid documents', () => {
    expect(validateJson({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }, { n: 3 })).toBeNull();
  });
  it('names the unexpected properties, sorted', () => {
    expect(validateJson({ type: 'object', properties: {}, additionalProperties: false }, { b: 1, a: 2 })!.split('\n')[0])
      .toBe("Additional properties are not allowed ('a', 'b' were unexpected)");
  });
});

describe('isUuidLike (oslo_utils)', () => {
  it('accepts dashed, undashed, upper-case and braced uuids', () => {
    for (const u of ['fd0dd55c-6330-463b-876c-31c54e95cb95', 'fd0dd55c6330463b876c31c54e95cb95', 'FD0DD55C-6330-463B-876C-31C54E95CB95', '{fd0dd55c-6330-463b-876c-31c54e95cb95}']) {
      expect(isUuidLike(u)).toBe(true);
    }
  });
  it('rejects the rest', () => {
    for (const u of ['', 'foo', 'fd0dd55c-6330-463b-876c-31c54e95cb9', 'zd0dd55c-6330-463b-876c-31c54e95cb95']) expect(isUuidLike(u)).toBe(false);
  });
});
