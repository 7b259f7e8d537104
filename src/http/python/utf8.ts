// CPython's UTF-8 decoding errors, word for word: Placement quotes them for query strings
// (validate_query_params) and bodies (extract_json's "Malformed JSON").

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
