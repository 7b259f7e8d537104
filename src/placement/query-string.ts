// The query string as webob's req.GET reads it: pairs in order, '+' as space, %-escapes
// decoded to bytes and the bytes decoded as UTF-8. A value that is not UTF-8 makes
// Placement's validate_query_params answer 400 with Python's UnicodeDecodeError text, so the
// first such error is kept (the pairs hold a lossy decoding for routes that never validate).
import { pythonUtf8Error } from '../http/python/utf8.js';

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

/** One key or value as text; its UTF-8 error kept in `out` if it is the first. */
function decodePart(raw: string, out: ParsedQuery): string {
  const bytes = percentDecode(raw);
  out.decodeError ??= pythonUtf8Error(bytes);
  return Buffer.from(bytes).toString('utf8');
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
    // the key first: its decoding error is the one kept when both have one
    const key = decodePart(rawKey, out);
    out.pairs.push([key, decodePart(rawValue, out)]);
  }
  return out;
}
