// nova's validation messages, word for word (python-jsonschema 4 + nova's validators.py).
import { describe, expect, test } from 'vitest';
import { validationDetail } from '../../../src/compute/schemas/nova-validator.js';
import { pyRepr } from '../../../src/http/python/repr.js';
import { serverCreateBody, resizeBody } from '../../../src/compute/schemas/servers.js';
import { flavorCreateBody } from '../../../src/compute/schemas/flavors.js';

const at = (table: { min: string; max?: string; schema: unknown }[], v: string) =>
  table.find((r) => r.min === v || (Number(r.min.split('.')[1]) <= Number(v.split('.')[1]) && (!r.max || Number(r.max.split('.')[1]) >= Number(v.split('.')[1]))))!.schema;

describe('pyRepr', () => {
  test.each([
    [null, 'None'], [true, 'True'], [false, 'False'], [1, '1'], [1.5, '1.5'], ['a', "'a'"], ["it's", '"it\'s"'],
    ['a\nb', "'a\\nb'"], [[1, 'x'], "[1, 'x']"], [{ a: { b: [] } }, "{'a': {'b': []}}"],
  ])('%j -> %s', (v, out) => expect(pyRepr(v)).toBe(out));
});

describe('messages', () => {
  test('required, additional, type, enum, pattern, min/max length', () => {
    const resize = at(resizeBody, '2.1');
    expect(validationDetail(resize, {}, 'body')).toBe("'resize' is a required property");
    expect(validationDetail(resize, { resize: { flavorRef: 1, x: 1, y: 2 } }, 'body'))
      .toBe("Invalid input for field/attribute resize. Value: {'flavorRef': 1, 'x': 1, 'y': 2}. Additional properties are not allowed ('x', 'y' were unexpected)");
    expect(validationDetail(resize, { resize: { flavorRef: [] } }, 'body'))
      .toBe("Invalid input for field/attribute flavorRef. Value: []. [] is not of type 'string', 'integer'");
    expect(validationDetail(resize, { resize: { flavorRef: '' } }, 'body'))
      .toBe("Invalid input for field/attribute flavorRef. Value: . '' is too short");
    expect(validationDetail(resize, { resize: { flavorRef: '1', 'OS-DCF:diskConfig': 'x' } }, 'body'))
      .toBe("Invalid input for field/attribute OS-DCF:diskConfig. Value: x. 'x' is not one of ['AUTO', 'MANUAL']");
  });

  test('properties are checked before required (nova\'s schema order)', () => {
    const create = at(flavorCreateBody, '2.1');
    expect(validationDetail(create, { flavor: { name: 5 } }, 'body'))
      .toBe("Invalid input for field/attribute name. Value: 5. 5 is not of type 'string'");
  });

  test('numeric strings meet minimum/maximum like nova\'s overrides', () => {
    const create = at(flavorCreateBody, '2.1');
    expect(validationDetail(create, { flavor: { name: 'a', ram: '0', vcpus: 1, disk: 0 } }, 'body'))
      .toBe('Invalid input for field/attribute ram. Value: 0. 0 is less than the minimum of 1');
    expect(validationDetail(create, { flavor: { name: 'a', ram: 1, vcpus: 1, disk: 0, rxtx_factor: 0 } }, 'body'))
      .toBe('Invalid input for field/attribute rxtx_factor. Value: 0. 0 is less than or equal to the minimum of 0');
  });

  test('metadata keys by pattern; name format (InvalidName replaces the message)', () => {
    const create = at(serverCreateBody, '2.93');
    const base = { name: 'vm', flavorRef: '1', networks: 'none' };
    expect(validationDetail(create, { server: { ...base, metadata: { 'bad/key': 'v' } } }, 'body'))
      .toBe("Invalid input for field/attribute metadata. Value: {'bad/key': 'v'}. 'bad/key' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'");
    expect(validationDetail(create, { server: { ...base, name: 'tab\there' } }, 'body'))
      .toBe("An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace.");
    expect(validationDetail(create, { server: { ...base, imageRef: 'not-a-uuid' } }, 'body'))
      .toBe("Invalid input for field/attribute imageRef. Value: not-a-uuid. 'not-a-uuid' is not valid under any of the given schemas");
    expect(validationDetail(create, { server: { ...base, tags: ['a/b'] } }, 'body'))
      .toBe("Invalid input for field/attribute 0. Value: a/b. 'a/b' does not match '^[^,/]*$'");
  });

  test('query parameters name the parameter first', () => {
    const schema = { type: 'object', properties: { limit: { type: 'array', items: { type: ['integer', 'string'], pattern: '^[0-9]*$' } } } };
    expect(validationDetail(schema, { limit: ['x'] }, 'query')).toBe("Invalid input for query parameters limit. Value: x. 'x' does not match '^[0-9]*$'");
  });
});
