// IP address arithmetic for subnets and IPAM (netaddr's role in neutron): addresses as
// BigInt so IPv4 and IPv6 share one code path. Parsing is ipaddr.js's.
import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

export interface Cidr {
  readonly version: IpVersion;
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical text: network address / prefix (what neutron stores). */
  readonly text: string;
}

const BITS = { 4: 32, 6: 128 } as const;

export function isIpAddress(s: unknown): s is string {
  return typeof s === 'string' && ipaddr.isValid(s) && (s.includes(':') ? ipaddr.IPv6.isValid(s) : ipaddr.IPv4.isValidFourPartDecimal(s));
}

export function ipVersion(s: string): IpVersion {
  return s.includes(':') ? 6 : 4;
}

export function ipToBig(s: string): bigint {
  const bytes = ipaddr.parse(s).toByteArray();
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function bigToIp(n: bigint, version: IpVersion): string {
  const len = version === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = len - 1; i >= 0; i--) bytes.push(Number((n >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** Canonical form of an address (compressed IPv6, as netaddr prints it). */
export function normalizeIp(s: string): string {
  return bigToIp(ipToBig(s), ipVersion(s));
}

/** Parse 'a.b.c.d/n' (or an address alone, as a host prefix); null when it is no CIDR. */
export function parseCidr(s: unknown): Cidr | null {
  if (typeof s !== 'string') return null;
  const [addr, len, extra] = s.split('/');
  if (extra !== undefined || addr === undefined || !isIpAddress(addr)) return null;
  const version = ipVersion(addr);
  const bits = BITS[version];
  const prefix = len === undefined ? bits : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  const network = ipToBig(addr) & mask;
  return { version, network, prefix, text: `${bigToIp(network, version)}/${prefix}` };
}

export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt(BITS[c.version] - c.prefix);
}

export function lastAddress(c: Cidr): bigint {
  return c.network + cidrSize(c) - 1n;
}

export function cidrContains(c: Cidr, ip: string): boolean {
  if (ipVersion(ip) !== c.version) return false;
  const n = ipToBig(ip);
  return n >= c.network && n <= lastAddress(c);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** The address a host has on an IPv6 SLAAC subnet: the prefix plus the MAC's EUI-64. */
export function eui64Address(c: Cidr, mac: string): string {
  const bytes = mac.split(':').map((h) => parseInt(h, 16));
  const eui = [bytes[0]! ^ 0x02, bytes[1]!, bytes[2]!, 0xff, 0xfe, bytes[3]!, bytes[4]!, bytes[5]!];
  let iid = 0n;
  for (const b of eui) iid = (iid << 8n) | BigInt(b);
  return bigToIp(c.network | iid, 6);
}
