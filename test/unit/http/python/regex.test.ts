import { describe, expect, it } from 'vitest';
import { checkPythonRegex, pythonRegexSearch, translatePythonRegex } from '../../../../src/http/python/regex.js';

describe('Python re patterns on RE2', () => {
  it.each([
    ['^.*\\-instance\\-[0-9]+$', 'srv-instance-3', true],
    ['^.*\\-instance\\-[0-9]+$', 'srv-instance-x', false],
    ['inst', 'my-instance', true], // re.search: unanchored
    ['^inst', 'my-instance', false],
    ['a\\Z', 'ba', true],
    ['\\u00e9t\\u00e9', 'été', true],
    ['\\_x\\ ', 'a_x b', true],
    ['(?P<n>ab)c', 'xabc', true],
    ['(?i)WEB', 'web1', true],
    ['a{,2}b$', 'aab', true],
    ['[]a]', ']', true],
    ['[^]a]', 'b', true],
    ['^(a+)+a{25}$', `${'a'.repeat(5000)}!`, false],
  ])('%s on %s', (pattern, text, expected) => {
    expect(pythonRegexSearch(pattern, text)).toBe(expected);
  });

  it('tells invalid from valid-but-unsupported', () => {
    expect(checkPythonRegex('[a')).toBe('invalid');
    expect(checkPythonRegex('a(')).toBe('invalid');
    expect(checkPythonRegex('\\q')).toBe('invalid');
    expect(checkPythonRegex('a\\')).toBe('invalid');
    expect(checkPythonRegex('(?=a)')).toBe('unsupported');
    expect(checkPythonRegex('(?<!a)b')).toBe('unsupported');
    expect(checkPythonRegex('(a)\\1')).toBe('unsupported');
    expect(checkPythonRegex('(?P<x>a)(?P=x)')).toBe('unsupported');
    expect(checkPythonRegex('(?x) a')).toBe('unsupported');
    expect(checkPythonRegex('a++')).toBe('unsupported');
    expect(checkPythonRegex('[(?=]')).toBe('ok');
    expect(translatePythonRegex('a\\Z')).toBe('a\\z');
  });
});
