// Nova filters servers with Python's `re.search` (oslo.db's sqlite REGEXP, MySQL REGEXP in a
// deployment). A backtracking engine on the event loop lets one pattern stall every request
// (`^(a+)+a{25}$` against `aaaa…!`), so patterns run on RE2 (re2js, linear time). Python's
// syntax is translated where the two differ (`\Z`, `\uXXXX`, escaped non-punctuation, `{,n}`);
// what RE2 cannot run at all (look-around, back-references, verbose mode) is reported as
// unsupported rather than guessed.
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

// re2js (270 kB) is required by the first pattern, not at start-up; the bundle leaves it out
// (scripts/build.mjs EXTERNAL), so it comes from node_modules then.
const requireOnDemand = createRequire(import.meta.url);
let re2js: typeof import('re2js') | undefined;

export class PythonRegexError extends Error {
  constructor(readonly kind: 'invalid' | 'unsupported', message: string) { super(message); }
}

/** Characters RE2 accepts after a backslash as themselves. */
const RE2_PUNCT = /[!-/:-@[-`{-~]/;
const UNSUPPORTED = /^\(\?(?:[=!]|<[=!]|P=|>|\(|#)|^\(\?[aiLmsux-]*x/;

/** Python `re` pattern -> RE2 pattern, or a PythonRegexError. */
export function translatePythonRegex(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw new PythonRegexError('invalid', 'bad escape (end of pattern)');
      i++;
      if (/[1-9]/.test(n) && !inClass) throw new PythonRegexError('unsupported', 'back-references are not supported');
      if (n === 'Z' && !inClass) { out += '\\z'; continue; }
      if (n === 'u' || n === 'U') {
        const len = n === 'u' ? 4 : 8;
        const hex = pattern.slice(i + 1, i + 1 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new PythonRegexError('invalid', `bad escape \\${n}`);
        out += `\\x{${hex}}`;
        i += len;
        continue;
      }
      if (n === 'N') throw new PythonRegexError('unsupported', 'named Unicode escapes are not supported');
      if (/[A-Za-z0-9]/.test(n)) { out += `\\${n}`; continue; }
      // Python takes any other escaped character as itself
      const cp = pattern.codePointAt(i)!;
      out += RE2_PUNCT.test(n) ? `\\${n}` : `\\x{${cp.toString(16)}}`;
      if (cp > 0xffff) i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a ']' first in the class (after an optional '^') is a literal in both engines
      if (pattern[i + 1] === '^') { out += '^'; i++; }
      if (pattern[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?' && UNSUPPORTED.test(pattern.slice(i, i + 12))) {
      throw new PythonRegexError('unsupported', 'look-around, conditional, atomic groups, comments and verbose mode are not supported');
    }
    if (c === '{') {
      const m = /^\{,(\d+)\}/.exec(pattern.slice(i));
      if (m) { out += `{0,${m[1]}}`; i += m[0].length - 1; continue; }
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && pattern[i + 1] === '+') {
      throw new PythonRegexError('unsupported', 'possessive quantifiers are not supported');
    }
    out += c;
  }
  if (inClass) throw new PythonRegexError('invalid', 'unterminated character set');
  return out;
}

const cache = new Map<string, RE2JS>();

/** Compile a Python pattern (cached); throws PythonRegexError. */
export function compilePythonRegex(pattern: string): RE2JS {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const translated = translatePythonRegex(pattern);
  let re: RE2JS;
  try {
    re2js ??= requireOnDemand('re2js') as typeof import('re2js');
    re = re2js.RE2JS.compile(translated);
  } catch (err) {
    throw new PythonRegexError('invalid', err instanceof Error ? err.message : String(err));
  }
  if (cache.size >= 256) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}

/** Python's `re.search(pattern, text) is not None`, in linear time. */
export function pythonRegexSearch(pattern: string, text: string): boolean {
  return compilePythonRegex(pattern).matcher(text).find();
}

/** 'ok', 'invalid' (re.compile would raise) or 'unsupported' (valid Python, beyond RE2). */
export function checkPythonRegex(pattern: string): 'ok' | PythonRegexError['kind'] {
  try { compilePythonRegex(pattern); return 'ok'; } catch (err) {
    if (err instanceof PythonRegexError) return err.kind;
    throw err;
  }
}
