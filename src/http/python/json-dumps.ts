// json.dumps as the Python services send it: floats that stay floats ("rxtx_factor": 1.0,
// "allocation_ratio": 16.0, where a JavaScript number prints "1"), and ensure_ascii (non-ASCII
// escaped as \uXXXX). json.dumps' ", " / ": " separators are NOT reproduced in bodies:
// re-spacing a large body costs more than the whole request (GET /resource_providers with 1000
// providers), and no JSON parser sees the difference.

/** repr() of a Python float as JSON carries it: integral values keep their ".0". */
export function pyFloatRepr(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

const NON_ASCII = /[\u0080-\uffff]/g;
const HAS_NON_ASCII = /[^\u0000-\u007f]/;

/** ensure_ascii over JSON text: each non-ASCII UTF-16 unit as \uXXXX (a surrogate pair as two, as Python). */
export function escapeNonAscii(json: string): string {
  return HAS_NON_ASCII.test(json) ? json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

// Compute's views mark the values nova holds as floats; the serialiser writes them back.
const MARK = '\u0000float:';

export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): string {
    return `${MARK}${pyFloatRepr(this.value)}\u0000`;
  }
}

export function pyFloat(v: number): PyFloat {
  return new PyFloat(v);
}

/**
 * A body already serialised by its route, as the pieces of its JSON text in order (GET
 * /servers/detail: each server's view as serverDetailJson wrote it, between the list's brackets),
 * so that a large one is written into its response buffer piece by piece: each view's objects are
 * garbage as soon as its text is written, not kept for one JSON.stringify of the whole page.
 */
export class JsonPieces {
  constructor(readonly pieces: readonly string[]) {}
}

const FLOAT_MARK = '"\\u0000float:';

/** A compute body: JSON.stringify with each pyFloat() written as Python writes the float. */
export function serializeBody(body: unknown): string {
  if (body instanceof JsonPieces) return body.pieces.join('');
  const text = JSON.stringify(body);
  // most bodies hold no float: one search instead of the regex's scan (a 1.7 MB page: ~0.6 ms)
  return text.includes(FLOAT_MARK) ? text.replace(/"\\u0000float:([^"\\]+)\\u0000"/g, '$1') : text;
}

// Placement knows its float columns by name (allocation_ratio) and patches the JSON text, which
// is cheaper on its large bodies than marking every value in the views.
/** Keys whose values Placement holds as Python floats. */
const FLOAT_KEYS = ['allocation_ratio'];
// Inside a JSON string every quote is escaped (\"), so an unescaped `"key":` is a real key.
const INTEGRAL_FLOAT = new RegExp(`(?<!\\\\)"(${FLOAT_KEYS.join('|')})":(-?\\d+)(?=[,}\\]])`, 'g');

/** A Placement body: ensure_ascii, and its float columns as floats. */
export function pyJsonDumps(v: unknown): string {
  let text = JSON.stringify(v === undefined ? null : v);
  if (text.includes('_ratio"')) text = text.replace(INTEGRAL_FLOAT, '"$1":$2.0');
  return escapeNonAscii(text);
}

/** json.dumps with its defaults (separators ', ' and ': ', ensure_ascii), as oslo's jsonutils.dumps writes. */
export function pythonJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(pythonJsonDumps).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${escapeNonAscii(JSON.stringify(k))}: ${pythonJsonDumps(x)}`).join(', ')}}`;
  return escapeNonAscii(JSON.stringify(v));
}
