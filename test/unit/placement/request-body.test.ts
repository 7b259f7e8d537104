// Python json.loads error messages; expected strings printed by Debian's python3
// (json.loads(c) -> 'Malformed JSON: %s' % e).
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../../src/placement/request-body.js';

const cases: [string, string][] = [
  ['{"name": ', 'Expecting value: line 1 column 10 (char 9)'],
  ['{"name": "x",}', 'Expecting property name enclosed in double quotes: line 1 column 14 (char 13)'],
  ['{"name" "x"}', "Expecting ':' delimiter: line 1 column 9 (char 8)"],
  ['{"a": 1 "b": 2}', "Expecting ',' delimiter: line 1 column 9 (char 8)"],
  ['[1, 2', "Expecting ',' delimiter: line 1 column 6 (char 5)"],
  ['{"a": "unterminated', 'Unterminated string starting at: line 1 column 7 (char 6)'],
  ['nul', 'Expecting value: line 1 column 1 (char 0)'],
  ['{} x', 'Extra data: line 1 column 4 (char 3)'],
  ['', 'Expecting value: line 1 column 1 (char 0)'],
  ['{"a":\n  tru}', 'Expecting value: line 2 column 3 (char 8)'],
  ["{'a': 1}", 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
  ['{"a": "\\x"}', 'Invalid \\escape: line 1 column 8 (char 7)'],
  ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
  ['{"a": -}', 'Expecting value: line 1 column 7 (char 6)'],
  ['"\t"', 'Invalid control character at: line 1 column 2 (char 1)'],
];

describe('Malformed JSON messages', () => {
  for (const [body, message] of cases) {
    it(JSON.stringify(body), () => {
      expect(() => parseJsonBody(body)).toThrow(`Malformed JSON: ${message}`);
    });
  }
  it('accepts what Python accepts', () => {
    expect(parseJsonBody('{"a": NaN, "b": -Infinity}')).toEqual({ a: NaN, b: -Infinity });
  });
});
