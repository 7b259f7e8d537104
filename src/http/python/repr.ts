// Python's repr() of JSON values, because Placement's error messages embed them
// (jsonschema: "'name' is a required property", "1 is not of type 'string'").
export function pyRepr(v: unknown, depth = 0): string {
  // A hostile body can nest thousands deep; the message only needs the outer layers.
  if (depth > 100) return Array.isArray(v) ? '[...]' : v !== null && typeof v === 'object' ? '{...}' : pyRepr(v);
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map((x) => pyRepr(x, depth + 1)).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStr(k)}: ${pyRepr(x, depth + 1)}`).join(', ')}}`;
  }
  return String(v);
}

function pyNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  const s = String(n);
  return s.includes('e') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s;
}

/** repr(str): single quotes unless the text holds a single quote and no double quote. */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

/** repr(float): always shows a fraction ('1.0'), as the value was stored as a float. */
export function pyFloat(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? `${n}.0` : pyRepr(n);
}

/** repr() with dict keys sorted, as pprint prints dicts. */
function sortedRepr(v: unknown, depth = 0): string {
  if (depth > 100) return Array.isArray(v) ? '[...]' : v !== null && typeof v === 'object' ? '{...}' : pyRepr(v);
  if (Array.isArray(v)) return `[${v.map((x) => sortedRepr(x, depth + 1)).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `{${keys.map((k) => `${pyStr(k)}: ${sortedRepr((v as Record<string, unknown>)[k], depth + 1)}`).join(', ')}}`;
  }
  return pyRepr(v);
}

/**
 * pprint.pformat(obj, width) for JSON values: one line when it fits, else dict items and
 * list elements one per line (pprint's non-compact layout). jsonschema prints schemas and
 * instances in its messages this way (width 72).
 */
export function pyPformat(obj: unknown, width = 72): string {
  const out: string[] = [];
  const format = (v: unknown, indent: number, allowance: number, depth: number): void => {
    const rep = sortedRepr(v, depth);
    if (rep.length <= width - indent - allowance || depth > 100) { out.push(rep); return; }
    if (Array.isArray(v) && v.length) {
      out.push('[');
      const inner = indent + 1;
      v.forEach((x, i) => {
        if (i) out.push(`,\n${' '.repeat(inner)}`);
        format(x, inner, i === v.length - 1 ? allowance + 1 : 1, depth + 1);
      });
      out.push(']');
      return;
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length) {
      out.push('{');
      const inner = indent + 1;
      const keys = Object.keys(v as object).sort();
      keys.forEach((k, i) => {
        if (i) out.push(`,\n${' '.repeat(inner)}`);
        const kr = pyStr(k);
        out.push(`${kr}: `);
        format((v as Record<string, unknown>)[k], inner + kr.length + 2, i === keys.length - 1 ? allowance + 1 : 1, depth + 1);
      });
      out.push('}');
      return;
    }
    out.push(rep);
  };
  format(obj, 0, 0, 0);
  return out.join('');
}
