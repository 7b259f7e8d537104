// json.dumps values: ensure_ascii escapes and float columns that stay floats (separators are
// JSON.stringify's; see python-json.ts for why).
import { describe, expect, it } from 'vitest';
import { pyJsonDumps } from '../../../../src/http/python/json-dumps.js';

describe('pyJsonDumps', () => {
  it('escapes non-ASCII like ensure_ascii and keeps allocation_ratio a float', () => {
    // python3 -c 'import json; print(json.dumps({"a": [1, None, True], "n": "\u2603 \U0001F600", "allocation_ratio": 1.0}, separators=(",", ":")))'
    expect(pyJsonDumps({ a: [1, null, true], n: '\u2603 \u{1F600}', allocation_ratio: 1 }))
      .toBe('{"a":[1,null,true],"n":"\\u2603 \\ud83d\\ude00","allocation_ratio":1.0}');
    expect(pyJsonDumps({ inventories: { VCPU: { allocation_ratio: 16, total: 8 } }, x: [{ allocation_ratio: 1.5 }] }))
      .toBe('{"inventories":{"VCPU":{"allocation_ratio":16.0,"total":8}},"x":[{"allocation_ratio":1.5}]}');
  });
  it('leaves look-alikes inside strings alone', () => {
    expect(pyJsonDumps({ name: '"allocation_ratio":1,' })).toBe('{"name":"\\"allocation_ratio\\":1,"}');
  });
});
