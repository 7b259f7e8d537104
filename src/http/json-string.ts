// A string as JSON.stringify writes it, for code that writes JSON text by hand (the request log
// line, the servers/detail views): most strings need no escaping, and a regex test is cheaper
// than the call.

/** What JSON.stringify must escape in a string (well-formed: any surrogate goes through it, lone ones are escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(s), without its call when nothing in s needs escaping. */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}
