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

function hexDigit(c: number): number {
  return c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
}

/**
 * percentDecode + UTF-8 decoding for the usual part: ASCII whose escapes are ASCII too, whose
 * bytes are its characters (valid UTF-8, nothing to report). Null for anything else, which takes
 * the byte path. Every query a client sends goes through here: the byte path cost a few buffers
 * per key and per value.
 */
function decodeAscii(raw: string): string | null {
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x80) return null;
    if (c === 43) { // '+'
      out += `${raw.slice(from, i)} `;
      from = i + 1;
    } else if (c === 37 && i + 2 < raw.length) { // '%' and two hex digits, as percentDecode
      const hi = hexDigit(raw.charCodeAt(i + 1));
      const lo = hexDigit(raw.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) continue;
      const byte = hi * 16 + lo;
      if (byte >= 0x80) return null;
      out += raw.slice(from, i) + String.fromCharCode(byte);
      i += 2;
      from = i + 1;
    }
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/** One key or value as text; its UTF-8 error kept in `out` if it is the first. */
function decodePart(raw: string, out: ParsedQuery): string {
  const ascii = decodeAscii(raw);
  if (ascii !== null) return ascii;
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
