// IPv6 addresses as nova stores them: netaddr.IPAddress parses with glibc's inet_pton and
// prints with inet_ntop, so 0000:0000:0000:0000:0000:babe:220.12.22.2 reads back as
// ::babe:dc0c:1602 (the longest run of two or more zero groups, the first on a tie, becomes
// '::'; a dotted quad only for IPv4-compatible and IPv4-mapped addresses).

function parseIpv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    // inet_pton4: decimal digits, no leading zero, at most 255
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0')) || Number(p) > 255) return null;
    out.push(Number(p));
  }
  return out;
}

/** The eight 16-bit groups, or null where inet_pton(AF_INET6) fails. */
export function parseIpv6(s: string): number[] | null {
  if (s.startsWith(':') && !s.startsWith('::')) return null;
  const words: number[] = [];
  let gap = -1;
  let i = s.startsWith('::') ? 2 : 0;
  if (i === 2) gap = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    const hex = /^[0-9a-fA-F]{1,4}/.exec(rest)?.[0];
    // a dotted quad may only close the address
    const quad = /^[0-9.]+$/.test(rest) && rest.includes('.') ? parseIpv4(rest) : null;
    if (quad) {
      if (words.length > 6) return null;
      words.push((quad[0]! << 8) | quad[1]!, (quad[2]! << 8) | quad[3]!);
      i = s.length;
      break;
    }
    if (hex === undefined) return null;
    words.push(Number.parseInt(hex, 16));
    i += hex.length;
    if (i === s.length) break;
    if (s[i] !== ':') return null;
    i++;
    if (s[i] === ':') {
      if (gap >= 0) return null;
      gap = words.length;
      i++;
    } else if (i === s.length) {
      return null; // a single trailing ':'
    }
  }
  if (words.length > 8) return null;
  if (gap < 0) return words.length === 8 ? words : null;
  if (words.length === 8) return null;
  return [...words.slice(0, gap), ...new Array<number>(8 - words.length).fill(0), ...words.slice(gap)];
}

/** inet_ntop(AF_INET6) of the groups (glibc). */
export function formatIpv6(w: readonly number[]): string {
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (w[i] === 0) {
      cur = cur.base < 0 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
      if (cur.len > best.len) best = { ...cur };
    } else {
      cur = { base: -1, len: 0 };
    }
  }
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base >= 0 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && w[5] === 0xffff))) {
      out += `${w[6]! >> 8}.${w[6]! & 0xff}.${w[7]! >> 8}.${w[7]! & 0xff}`;
      break;
    }
    out += w[i]!.toString(16);
  }
  if (best.base >= 0 && best.base + best.len === 8) out += ':';
  return out;
}

/** str(netaddr.IPAddress(s)) for an IPv6 address; the input itself when it does not parse. */
export function normalizeIpv6(s: string): string {
  const w = parseIpv6(s);
  return w ? formatIpv6(w) : s;
}
