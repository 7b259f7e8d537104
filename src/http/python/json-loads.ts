// Python's json.loads (the C scanner's grammar and error messages), used when JSON.parse
// rejects a body: Placement reports "Malformed JSON: <json.JSONDecodeError>", and Python also
// accepts NaN, Infinity and -Infinity, which JSON.parse does not.

export class PythonJsonError extends Error {}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function fail(msg: string, s: string, pos: number): never {
  const before = s.slice(0, pos);
  const lineno = (before.match(/\n/g)?.length ?? 0) + 1;
  const colno = pos - before.lastIndexOf('\n');
  throw new PythonJsonError(`${msg}: line ${lineno} column ${colno} (char ${pos})`);
}

/** Thrown by a value parser that found no value at all (the scanner's StopIteration). */
class NoValue {
  constructor(readonly pos: number) {}
}

export function pythonJsonLoads(s: string): unknown {
  const skip = (i: number) => { while (i < s.length && WS.has(s[i]!)) i++; return i; };

  const scanString = (end: number): [string, number] => {
    const begin = end - 1;
    let out = '';
    for (;;) {
      let i = end;
      while (i < s.length && s[i] !== '"' && s[i] !== '\\' && s.charCodeAt(i) >= 0x20) i++;
      if (i >= s.length) fail('Unterminated string starting at', s, begin);
      out += s.slice(end, i);
      const t = s[i]!;
      end = i + 1;
      if (t === '"') return [out, end];
      if (t !== '\\') fail('Invalid control character at', s, i);
      if (end >= s.length) fail('Unterminated string starting at', s, begin);
      const esc = s[end]!;
      if (esc !== 'u') {
        const ch = ESCAPES[esc];
        if (ch === undefined) fail('Invalid \\escape', s, end - 1);
        out += ch;
        end += 1;
        continue;
      }
      const hex = s.slice(end + 1, end + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape', s, end - 1);
      out += String.fromCharCode(parseInt(hex, 16));
      end += 5;
    }
  };

  const scanOnce = (i: number): [unknown, number] => {
    if (i >= s.length) throw new NoValue(i);
    const c = s[i]!;
    if (c === '"') return scanString(i + 1);
    if (c === '{') return parseObject(i + 1);
    if (c === '[') return parseArray(i + 1);
    if (s.startsWith('null', i)) return [null, i + 4];
    if (s.startsWith('true', i)) return [true, i + 4];
    if (s.startsWith('false', i)) return [false, i + 5];
    if (s.startsWith('NaN', i)) return [NaN, i + 3];
    if (s.startsWith('Infinity', i)) return [Infinity, i + 8];
    if (s.startsWith('-Infinity', i)) return [-Infinity, i + 9];
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (m && m[0] !== '-' && m.index === i && m[0].length) return [Number(m[0]), i + m[0].length];
    throw new NoValue(i);
  };

  const value = (i: number): [unknown, number] => {
    try { return scanOnce(i); } catch (e) { if (e instanceof NoValue) fail('Expecting value', s, e.pos); throw e; }
  };

  const parseObject = (i: number): [unknown, number] => {
    const out: Record<string, unknown> = {};
    i = skip(i);
    if (s[i] === '}') return [out, i + 1];
    for (;;) {
      if (s[i] !== '"') fail('Expecting property name enclosed in double quotes', s, i);
      const [key, afterKey] = scanString(i + 1);
      i = skip(afterKey);
      if (s[i] !== ':') fail("Expecting ':' delimiter", s, i);
      i = skip(i + 1);
      const [v, afterValue] = value(i);
      out[key] = v;
      i = skip(afterValue);
      if (s[i] === '}') return [out, i + 1];
      if (s[i] !== ',') fail("Expecting ',' delimiter", s, i);
      i = skip(i + 1);
    }
  };

  const parseArray = (i: number): [unknown, number] => {
    const out: unknown[] = [];
    i = skip(i);
    if (s[i] === ']') return [out, i + 1];
    for (;;) {
      const [v, afterValue] = value(i);
      out.push(v);
      i = skip(afterValue);
      if (s[i] === ']') return [out, i + 1];
      if (s[i] !== ',') fail("Expecting ',' delimiter", s, i);
      i = skip(i + 1);
    }
  };

  const [result, end] = value(skip(0));
  const rest = skip(end);
  if (rest !== s.length) fail('Extra data', s, rest);
  return result;
}
