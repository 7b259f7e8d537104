// json.dumps values as Placement sends them: non-ASCII escaped as \uXXXX (ensure_ascii), and
// float columns (allocation_ratio) that read back as floats ("1.0", not "1"). json.dumps'
// ", " / ": " separators are NOT reproduced: re-spacing a large body costs more than the whole
// request (GET /resource_providers with 1000 providers), and no JSON parser sees the difference.

/** Keys whose values Placement holds as Python floats. */
const FLOAT_KEYS = ['allocation_ratio'];
// Inside a JSON string every quote is escaped (\"), so an unescaped `"key":` is a real key.
const INTEGRAL_FLOAT = new RegExp(`(?<!\\\\)"(${FLOAT_KEYS.join('|')})":(-?\\d+)(?=[,}\\]])`, 'g');
const NON_ASCII = /[\u0080-\uffff]/g;
const HAS_NON_ASCII = /[^\u0000-\u007f]/;

export function pyJsonDumps(v: unknown): string {
  let text = JSON.stringify(v === undefined ? null : v);
  if (text.includes('_ratio"')) text = text.replace(INTEGRAL_FLOAT, '"$1":$2.0');
  return HAS_NON_ASCII.test(text) ? text.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}
