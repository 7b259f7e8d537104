// The query string as webob's req.GET reads it: pairs in order, '+' as space, %-escapes
// decoded to bytes and the bytes decoded as UTF-8. A value that is not UTF-8 makes
// Placement's validate_query_params answer 400 with Python's UnicodeDecodeError text, so the
// first such error is kept (the pairs hold a lossy decoding for routes that never validate).

export interface ParsedQuery {
  pairs: [string, string][];
  /** "'utf-8' codec can't decode ..." for the first undecodable key or value, else null. */
  decodeError: string | null;
}

function percentDecode(text: string): Uint8Array {
  const src = Buffer.from(text.replace(/\+/g, ' '), 'utf8');
  const out: number[] = [];
  const hex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === 37 && i + 2 < src.length && hex(src[i + 1]!) >= 0 && hex(src[i + 2]!) >= 0) {
      out.push(hex(src[i + 1]!) * 16 + hex(src[i + 2]!));
      i += 2;
    } else {
      out.push(c);
    }
  }
  return Uint8Array.from(out);
}

/** CPython's UTF-8 decoder error for these bytes, or null when they are valid UTF-8. */
export function pythonUtf8Error(b: Uint8Array): string | null {
  const describe = (start: number, end: number, reason: string) => (end - start === 1
    ? `'utf-8' codec can't decode byte 0x${b[start]!.toString(16).padStart(2, '0')} in position ${start}: ${reason}`
    : `'utf-8' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`);
  let i = 0;
  while (i < b.length) {
    const lead = b[i]!;
    if (lead < 0x80) { i++; continue; }
    if (lead < 0xc2 || lead > 0xf4) return describe(i, i + 1, 'invalid start byte');
    const need = lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return describe(i, b.length, 'unexpected end of data');
      const c = b[i + k]!;
      let ok = (c & 0xc0) === 0x80;
      if (ok && k === 1) {
        if (lead === 0xe0) ok = c >= 0xa0;
        else if (lead === 0xed) ok = c <= 0x9f;
        else if (lead === 0xf0) ok = c >= 0x90;
        else if (lead === 0xf4) ok = c <= 0x8f;
      }
      if (!ok) return describe(i, i + k, 'invalid continuation byte');
    }
    i += need + 1;
  }
  return null;
}

export function parseQueryString(url: string): ParsedQuery {
  const q = url.indexOf('?');
  const out: ParsedQuery = { pairs: [], decodeError: null };
  if (q < 0) return out;
  for (const part of url.slice(q + 1).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const decoded = [rawKey, rawValue].map((raw) => {
      const bytes = percentDecode(raw);
      out.decodeError ??= pythonUtf8Error(bytes);
      return Buffer.from(bytes).toString('utf8');
    });
    out.pairs.push([decoded[0]!, decoded[1]!]);
  }
  return out;
}
