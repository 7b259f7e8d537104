// json.dumps byte shape: separators, ensure_ascii, floats that stay floats.
import { describe, expect, it } from 'vitest';
import { pyFloatValue, pyJsonDumps } from '../../../src/placement/python-json.js';

describe('pyJsonDumps', () => {
  it('matches python json.dumps', () => {
    // python3 -c 'import json; print(json.dumps({"a": [1, None, True], "n": "\u2603 \U0001F600", "r": 1.0}))'
    expect(pyJsonDumps({ a: [1, null, true], n: '\u2603 \u{1F600}', r: pyFloatValue(1) }))
      .toBe('{"a": [1, null, true], "n": "\\u2603 \\ud83d\\ude00", "r": 1.0}');
    expect(pyJsonDumps({ r: pyFloatValue(1.5), e: [], o: {} })).toBe('{"r": 1.5, "e": [], "o": {}}');
  });
});
