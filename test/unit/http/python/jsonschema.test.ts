// The one python-jsonschema engine under its two dialects: what differs between Placement's
// (latest draft, best_match) and nova's (Draft 4, first failure) use of it.
import { describe, expect, it } from 'vitest';
import { bestMatch, firstFailure, LATEST_DRAFT, schemaFailures } from '../../../../src/http/python/jsonschema.js';
import { validationDetail } from '../../../../src/compute/schemas/nova-validator.js';

const schema = {
  type: 'object',
  properties: { a: { type: 'object', properties: { b: { type: 'integer' } } }, c: { type: 'string' } },
  required: ['c'],
};

describe('python jsonschema core', () => {
  it('best_match prefers the shallow failure, the first failure is the first in keyword order', () => {
    const value = { a: { b: 'x' } };
    expect(bestMatch(schemaFailures(schema, value, LATEST_DRAFT))?.message).toBe("'c' is a required property");
    expect(firstFailure(schemaFailures(schema, value, LATEST_DRAFT))?.message).toBe("'x' is not of type 'integer'");
  });

  it('reads exclusiveMinimum as a number in the latest draft and as a flag on minimum in Draft 4 (nova)', () => {
    expect(firstFailure(schemaFailures({ exclusiveMinimum: 0 }, 0, LATEST_DRAFT))?.message).toBe('0 is less than or equal to the minimum of 0');
    expect(validationDetail({ type: 'integer', minimum: 0, exclusiveMinimum: true }, 0, 'body')).toBe('0 is less than or equal to the minimum of 0');
    expect(validationDetail({ type: ['integer', 'string'], minimum: 1 }, '0', 'body')).toBe('0 is less than the minimum of 1');
    expect(firstFailure(schemaFailures({ minimum: 1 }, '0', LATEST_DRAFT))).toBeNull();
  });

  it('collects anyOf sub-failures for best_match only', () => {
    const any = { anyOf: [{ type: 'string' }, { type: 'object', required: ['x'] }] };
    const f = firstFailure(schemaFailures(any, {}, LATEST_DRAFT));
    expect(f?.context?.map((c) => c.message)).toEqual(["{} is not of type 'string'", "'x' is a required property"]);
    expect(validationDetail(any, {}, 'body')).toBe('{} is not valid under any of the given schemas');
  });
});
