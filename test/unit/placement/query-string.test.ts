// webob-style query parsing and CPython's UTF-8 error text (expected strings from the real
// Placement's answers to ?name=%ff, ?name=%E0%A4%A, ?name=%E0%A4).
import { describe, expect, it } from 'vitest';
import { parseQueryString } from '../../../src/placement/query-string.js';
import { parseJsonBody } from '../../../src/placement/request-body.js';

describe('parseQueryString', () => {
  it('keeps order and repeats, decodes + and %-escapes, leaves bad escapes literal', () => {
    expect(parseQueryString('/x?a=1&b=two+words&a=%41%42&c&d=%A').pairs).toEqual([['a', '1'], ['b', 'two words'], ['a', 'AB'], ['c', ''], ['d', '%A']]);
    expect(parseQueryString('/x').pairs).toEqual([]);
  });
  it('reports undecodable UTF-8 as Python does', () => {
    expect(parseQueryString('/x?name=%ff').decodeError).toBe("'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    expect(parseQueryString('/x?name=%E0%A4%A').decodeError).toBe("'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
    expect(parseQueryString('/x?name=%E0%A4').decodeError).toBe("'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
    expect(parseQueryString('/x?name=%E2%98%83').decodeError).toBeNull();
    expect(parseQueryString('/x?name=%E2%98%83').pairs).toEqual([['name', '\u2603']]);
  });
});

describe('bodies that are not UTF-8', () => {
  it('are Malformed JSON with the decoder error, as jsonutils.loads fails', () => {
    expect(() => parseJsonBody(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x20, 0x22, 0xff, 0x22, 0x7d])))
      .toThrow("Malformed JSON: 'utf-8' codec can't decode byte 0xff in position 7: invalid start byte");
  });
});
