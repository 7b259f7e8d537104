// pprint.pformat(width=72) layout, as jsonschema prints schemas and instances. Expected
// strings produced by Debian's python3 (pprint.pformat(obj, width=72)).
import { describe, expect, it } from 'vitest';
import { pyPformat, pyRepr } from '../../../../src/http/python/repr.js';

describe('pyPformat', () => {
  it('wraps a nested schema like pprint', () => {
    const s = { type: 'object', properties: { name: { type: 'string', maxLength: 200 }, uuid: { type: 'string', format: 'uuid' }, parent_provider_uuid: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] } }, required: ['name'], additionalProperties: false };
    expect(pyPformat(s)).toBe("{'additionalProperties': False,\n 'properties': {'name': {'maxLength': 200, 'type': 'string'},\n                'parent_provider_uuid': {'anyOf': [{'format': 'uuid',\n                                                    'type': 'string'},\n                                                   {'type': 'null'}]},\n                'uuid': {'format': 'uuid', 'type': 'string'}},\n 'required': ['name'],\n 'type': 'object'}");
  });
  it('puts long list items one per line', () => {
    const v = { a: [1, 2, 3], b: 'x'.repeat(80), c: Array.from({ length: 30 }, (_, i) => i) };
    const expected = `{'a': [1, 2, 3],\n 'b': '${'x'.repeat(80)}',\n 'c': [${Array.from({ length: 30 }, (_, i) => String(i)).join(',\n       ')}]}`;
    expect(pyPformat(v)).toBe(expected);
  });
  it('reprs scalars the Python way', () => {
    expect(pyRepr([true, false, null, "it's", 'a"b', 1.5])).toBe(`[True, False, None, "it's", 'a"b', 1.5]`);
  });
});
