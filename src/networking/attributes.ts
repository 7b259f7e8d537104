// Neutron's RESOURCE_ATTRIBUTE_MAPs (neutron_lib/api/definitions/*.py plus the extensions
// this service loads: external-net, provider, binding, port-security, security-group,
// allowed-address-pairs, standard-attr-*, ...): the one source of what each resource has,
// what POST and PUT accept, defaults, conversions, validation messages, which attributes
// filter and sort, and which only admins see. Request checks (request-body.ts), views,
// list queries and the OpenAPI schemas (schemas/) are all derived from these maps.
import { isDeepStrictEqual } from 'node:util';
import { pyRepr } from '../http/python/repr.js';
import { isIpAddress, parseCidr } from './model/addresses.js';
import { invalidInput } from './errors.js';

export type Validator = (v: unknown) => string | null;

export interface Attribute {
  readonly post: boolean;
  readonly put: boolean;
  /** absent + post = required; a function = computed per request. */
  readonly default?: unknown;
  readonly convert?: (v: unknown) => unknown;
  readonly validate?: Validator;
  /** Filter/sort allowed (is_filter / is_sort_key). */
  readonly filter?: boolean;
  readonly sort?: boolean;
  /** GET policy admin-only (provider:*, binding:host_id, ...): members never see it. */
  readonly adminOnly?: boolean;
  /** Setting it (POST or PUT) is admin-only by policy. */
  readonly adminToSet?: boolean;
  /** ...except on create by the owner of the resource's network (create_port:mac_address is
   *  advsvc or network_owner or admin); the service checks that, knowing the network. */
  readonly networkOwnerToCreate?: boolean;
  /** Documentation type for OpenAPI. */
  readonly doc: 'string' | 'boolean' | 'integer' | 'array' | 'object' | 'any';
}

export type AttributeMap = Readonly<Record<string, Attribute>>;

/** str(data) as python's '%s' shows it. */
export const pyS = (v: unknown): string => (typeof v === 'string' ? v : pyRepr(v));

// --- converters (neutron_lib/api/converters.py); they raise InvalidInput themselves ---
export function convertToBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (['true', '1', 'yes', 'on', 't', 'y'].includes(s)) return true;
    if (['false', '0', 'no', 'off', 'f', 'n'].includes(s)) return false;
  }
  throw invalidInput(`'${pyS(v)}' cannot be converted to boolean`);
}

function convertToInt(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number(v);
  throw invalidInput(`'${pyS(v)}' is not an integer`);
}

const convertToIntOrNone = (v: unknown) => (v === null ? null : convertToInt(v));
/** convert_none_to_empty_list: `null` clears a list attribute (host_routes, routes, dns_nameservers). */
const convertNoneToEmptyList = (v: unknown) => (v === null ? [] : v);
const toLower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
const sanitizedMac = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/-/g, ':') : v);

// --- validators (neutron_lib/api/validators) ---
export const str = (max?: number): Validator => (v) => {
  if (typeof v !== 'string') return `'${pyS(v)}' is not a valid string`;
  if (max !== undefined && v.length > max) return `'${v}' exceeds maximum length of ${max}`;
  return null;
};
const strOrNone = (max?: number): Validator => (v) => (v === null ? null : str(max)(v));
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);
export const uuid: Validator = (v) => (isUuid(v) ? null : `'${pyS(v)}' is not a valid UUID`);
const uuidOrNone: Validator = (v) => (v === null ? null : uuid(v));
const values = (allowed: readonly unknown[]): Validator => (v) => (allowed.includes(v) ? null : `${pyS(v)} is not in valid_values`);
const valuesOrNone = (allowed: readonly unknown[]): Validator => (v) => (v === null ? null : values(allowed)(v));
const range = (min: number, max: number): Validator => (v) => {
  if (typeof v !== 'number' || !Number.isInteger(v)) return `'${pyS(v)}' is not an integer`;
  if (v < min) return `'${v}' is too small - must be at least '${min}'`;
  if (v > max) return `'${v}' is too large - must be no larger than '${max}'`;
  return null;
};
const rangeOrNone = (min: number, max: number): Validator => (v) => (v === null ? null : range(min, max)(v));
const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const mac: Validator = (v) => (typeof v === 'string' && MAC_RE.test(v) && v !== '00:00:00:00:00:00' ? null : `'${pyS(v)}' is not a valid MAC address`);
export const ipAddress: Validator = (v) => (isIpAddress(v) ? null : `'${pyS(v)}' is not a valid IP address`);
const ipAddressOrNone: Validator = (v) => (v === null ? null : ipAddress(v));
const subnetCidr: Validator = (v) => {
  const c = parseCidr(v);
  if (!c || !(v as string).includes('/')) return `'${pyS(v)}' is not a valid IP subnet`;
  if (c.text !== v) return `'${pyS(v)}' isn't a recognized IP subnet cidr, '${c.text}' is recommended`;
  return null;
};
const subnetCidrOrNone: Validator = (v) => (v === null ? null : subnetCidr(v));
const ipOrSubnetOrNone: Validator = (v) => (v === null || isIpAddress(v) || subnetCidr(v) === null ? null : `'${pyS(v)}' is neither a valid IP address, nor is it a valid IP subnet`);
const dictOrNone: Validator = (v) => (v === null || (typeof v === 'object' && !Array.isArray(v)) ? null : `'${pyS(v)}' is not a dictionary`);
const list = (item: Validator, opts: { nonEmpty?: boolean } = {}): Validator => (v) => {
  if (!Array.isArray(v)) return `'${pyS(v)}' is not a list`;
  if (opts.nonEmpty && v.length === 0) return 'List should not be empty';
  for (const x of v) { const m = item(x); if (m) return m; }
  return null;
};
/** _validate_list_of_items: a list, without duplicates (checked before the items), of valid items. */
const listOfItems = (item: Validator): Validator => (v) => {
  if (!Array.isArray(v)) return `'${pyS(v)}' is not a list`;
  const seen: unknown[] = []; const dups: unknown[] = [];
  for (const x of v) {
    if (seen.some((y) => isDeepStrictEqual(x, y))) { if (!dups.some((y) => isDeepStrictEqual(x, y))) dups.push(x); } else seen.push(x);
  }
  if (dups.length) return `Duplicate items in the list: '${dups.map(pyS).join(', ')}'`;
  for (const x of v) { const m = item(x); if (m) return m; }
  return null;
};
/** type:list_of_unique_strings: neutron_lib's same list check over strings. */
const uniqueStrings = (max: number): Validator => listOfItems(str(max));
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const fixedIps: Validator = (v) => {
  if (!Array.isArray(v)) return `Invalid data format for fixed IP: '${pyS(v)}'`;
  const ips = new Set<string>();
  for (const f of v) {
    if (!isDict(f)) return `Invalid data format for fixed IP: '${pyS(f)}'`;
    const extra = Object.keys(f).filter((k) => k !== 'ip_address' && k !== 'subnet_id');
    if (extra.length) return `Invalid data format for fixed IP: '${pyS(f)}'`;
    if ('ip_address' in f) {
      const ip = f.ip_address;
      if (typeof ip === 'string' && ips.has(ip)) return `Duplicate IP address '${ip}'`;
      const m = ipAddress(ip);
      if (m) return m;
      ips.add(ip as string);
    }
    if ('subnet_id' in f) { const m = uuid(f.subnet_id); if (m) return m; }
  }
  return null;
};
const ipPools: Validator = (v) => {
  if (!Array.isArray(v)) return `Invalid data format for IP pool: '${pyS(v)}'`;
  for (const p of v) {
    if (!isDict(p) || Object.keys(p).some((k) => k !== 'start' && k !== 'end') || !('start' in p) || !('end' in p)) {
      return `Invalid data format for IP pool: '${pyS(p)}'`;
    }
    for (const k of ['start', 'end'] as const) { const m = ipAddress(p[k]); if (m) return m; }
  }
  return null;
};
const nameservers: Validator = (v) => {
  if (!Array.isArray(v)) return `Invalid data format for nameserver: '${pyS(v)}'`;
  const seen = new Set<string>();
  for (const h of v) {
    const m = ipAddress(h);
    if (m) return `'${pyS(h)}' is not a valid nameserver. ${m}`;
    if (seen.has(h as string)) return `Duplicate nameserver '${h as string}'`;
    seen.add(h as string);
  }
  return null;
};
const hostroutes: Validator = (v) => {
  if (!Array.isArray(v)) return `Invalid data format for hostroute: '${pyS(v)}'`;
  const seen = new Set<string>();
  for (const r of v) {
    if (!isDict(r) || Object.keys(r).length !== 2 || !('destination' in r) || !('nexthop' in r)) return `Invalid data format for hostroute: '${pyS(r)}'`;
    const m = subnetCidr(r.destination) ?? ipAddress(r.nexthop);
    if (m) return m;
    const key = `${pyS(r.destination)} ${pyS(r.nexthop)}`;
    if (seen.has(key)) return `Duplicate hostroute '${pyS(r)}'`;
    seen.add(key);
  }
  return null;
};
const addressPairs: Validator = (v) => {
  if (!Array.isArray(v)) return `Allowed address pairs must be a list.`;
  for (const p of v) {
    if (!isDict(p)) return `Allowed address pair ${pyS(p)} must be a dict.`;
    if (!('ip_address' in p)) return 'AllowedAddressPair must contain ip_address';
    for (const k of Object.keys(p)) if (k !== 'ip_address' && k !== 'mac_address') return `Unrecognized attribute(s) '${k}'`;
    const m = ipOrSubnetOrNone(p.ip_address) ?? ('mac_address' in p ? mac(p.mac_address) : null);
    if (m) return m;
  }
  return null;
};

const NAME = 255;
const DESCRIPTION = 255;
const PROJECT = 255;

// Attributes every standard resource has (project-id, standard-attr-description,
// -timestamp, -revisions, -tag).
const ID: Attribute = { post: false, put: false, validate: uuid, filter: true, sort: true, doc: 'string' };
const common = (opts: { name?: boolean; description?: boolean } = {}): Record<string, Attribute> => ({
  id: ID,
  ...(opts.name === false ? {} : { name: { post: true, put: true, default: '', validate: str(NAME), filter: true, sort: true, doc: 'string' } }),
  tenant_id: { post: true, put: false, validate: str(PROJECT), filter: true, sort: true, doc: 'string' },
  project_id: { post: true, put: false, validate: str(PROJECT), filter: true, sort: true, doc: 'string' },
  ...(opts.description === false ? {} : { description: { post: true, put: true, default: '', validate: str(DESCRIPTION), filter: true, sort: true, doc: 'string' } }),
  tags: { post: false, put: false, doc: 'array' },
  created_at: { post: false, put: false, filter: true, sort: true, doc: 'string' },
  updated_at: { post: false, put: false, filter: true, sort: true, doc: 'string' },
  revision_number: { post: false, put: false, filter: true, sort: true, doc: 'integer' },
});

const bool = (def: boolean, extra: Partial<Attribute> = {}): Attribute => ({ post: true, put: true, default: def, convert: convertToBoolean, filter: true, sort: true, doc: 'boolean', ...extra });
const readOnly = (doc: Attribute['doc'], extra: Partial<Attribute> = {}): Attribute => ({ post: false, put: false, doc, ...extra });

export const NETWORK: AttributeMap = {
  ...common(),
  subnets: readOnly('array', { filter: true }),
  admin_state_up: bool(true),
  status: readOnly('string', { filter: true, sort: true }),
  shared: bool(false, { adminToSet: true }),
  'router:external': bool(false, { adminToSet: true }),
  'provider:network_type': { post: true, put: false, default: undefined, validate: strOrNone(255), filter: true, adminOnly: true, adminToSet: true, doc: 'string' },
  'provider:physical_network': { post: true, put: false, default: undefined, validate: strOrNone(64), filter: true, adminOnly: true, adminToSet: true, doc: 'string' },
  'provider:segmentation_id': { post: true, put: false, default: undefined, convert: convertToIntOrNone, filter: true, adminOnly: true, adminToSet: true, doc: 'integer' },
  mtu: { post: true, put: true, default: undefined, convert: convertToIntOrNone, validate: rangeOrNone(68, 9216), filter: true, sort: true, doc: 'integer' },
  port_security_enabled: bool(true, { sort: false }),
  availability_zone_hints: { post: true, put: false, default: [], validate: uniqueStrings(255), doc: 'array' },
  availability_zones: readOnly('array'),
  is_default: bool(false, { adminToSet: true }),
  ipv4_address_scope: readOnly('string'),
  ipv6_address_scope: readOnly('string'),
};

export const SUBNET: AttributeMap = {
  ...common(),
  network_id: { post: true, put: false, validate: uuid, filter: true, sort: true, doc: 'string' },
  ip_version: { post: true, put: false, convert: convertToInt, validate: values([4, 6]), filter: true, sort: true, doc: 'integer' },
  subnetpool_id: { post: true, put: false, default: null, validate: uuidOrNone, filter: true, sort: true, doc: 'string' },
  prefixlen: { post: true, put: false, default: undefined, convert: convertToIntOrNone, doc: 'integer' },
  cidr: { post: true, put: false, default: undefined, filter: true, sort: true, doc: 'string' },
  gateway_ip: { post: true, put: true, default: undefined, validate: ipAddressOrNone, filter: true, sort: true, doc: 'string' },
  allocation_pools: { post: true, put: true, default: undefined, validate: ipPools, doc: 'array' },
  dns_nameservers: { post: true, put: true, default: [], convert: convertNoneToEmptyList, validate: nameservers, filter: true, doc: 'array' },
  host_routes: { post: true, put: true, default: [], convert: convertNoneToEmptyList, validate: hostroutes, doc: 'array' },
  enable_dhcp: bool(true),
  ipv6_ra_mode: { post: true, put: true, default: null, validate: valuesOrNone(['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac']), filter: true, sort: true, doc: 'string' },
  ipv6_address_mode: { post: true, put: true, default: null, validate: valuesOrNone(['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac']), filter: true, sort: true, doc: 'string' },
  service_types: { post: true, put: true, default: [], validate: list(str(255)), doc: 'array' },
};

export const PORT: AttributeMap = {
  ...common(),
  network_id: { post: true, put: false, validate: uuid, filter: true, sort: true, doc: 'string' },
  admin_state_up: bool(true),
  mac_address: { post: true, put: true, default: undefined, convert: sanitizedMac, validate: mac, filter: true, sort: true, adminToSet: true, networkOwnerToCreate: true, doc: 'string' },
  fixed_ips: { post: true, put: true, default: undefined, validate: fixedIps, filter: true, doc: 'array' },
  device_id: { post: true, put: true, default: '', validate: str(255), filter: true, sort: true, doc: 'string' },
  device_owner: { post: true, put: true, default: '', validate: str(255), filter: true, sort: true, doc: 'string' },
  status: readOnly('string', { filter: true, sort: true }),
  security_groups: { post: true, put: true, default: undefined, validate: listOfItems(uuid), filter: true, doc: 'array' },
  port_security_enabled: { ...bool(true), default: undefined, sort: false },
  allowed_address_pairs: { post: true, put: true, default: [], validate: addressPairs, doc: 'array' },
  extra_dhcp_opts: { post: true, put: true, default: [], validate: list(dictOrNone), doc: 'array' },
  'binding:host_id': { post: true, put: true, default: '', validate: str(255), filter: true, adminOnly: true, adminToSet: true, doc: 'string' },
  'binding:profile': { post: true, put: true, default: {}, validate: dictOrNone, adminOnly: true, adminToSet: true, doc: 'object' },
  'binding:vnic_type': { post: true, put: true, default: 'normal', validate: values(['normal', 'direct', 'macvtap', 'baremetal', 'direct-physical', 'virtio-forwarder', 'smart-nic', 'vdpa', 'accelerator-direct', 'accelerator-direct-physical', 'remote-managed']), filter: true, doc: 'string' },
  'binding:vif_type': readOnly('string', { adminOnly: true }),
  'binding:vif_details': readOnly('object', { adminOnly: true }),
};

export const SECURITY_GROUP: AttributeMap = {
  ...common(),
  name: { post: true, put: true, default: '', validate: str(NAME), filter: true, sort: true, doc: 'string' },
  stateful: bool(true),
  shared: readOnly('boolean', { filter: true }),
  security_group_rules: readOnly('array'),
};

const PROTOCOLS = ['ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ip', 'ipip', 'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp'];
export const SECURITY_GROUP_RULE: AttributeMap = {
  ...common({ name: false }),
  description: { post: true, put: true, default: '', validate: str(DESCRIPTION), filter: true, sort: true, doc: 'string' },
  security_group_id: { post: true, put: false, validate: uuid, filter: true, sort: true, doc: 'string' },
  remote_group_id: { post: true, put: false, default: null, filter: true, sort: true, doc: 'string' },
  remote_address_group_id: { post: true, put: false, default: null, validate: uuidOrNone, filter: true, sort: true, doc: 'string' },
  direction: { post: true, put: false, validate: values(['ingress', 'egress']), filter: true, sort: true, doc: 'string' },
  protocol: { post: true, put: false, default: null, convert: (v) => (typeof v === 'string' ? v.toLowerCase() : v), filter: true, sort: true, doc: 'string' },
  port_range_min: { post: true, put: false, default: null, filter: true, sort: true, doc: 'integer' },
  port_range_max: { post: true, put: false, default: null, filter: true, sort: true, doc: 'integer' },
  ethertype: { post: true, put: false, default: 'IPv4', filter: true, sort: true, doc: 'string' },
  remote_ip_prefix: { post: true, put: false, default: null, filter: true, sort: true, doc: 'string' },
  normalized_cidr: readOnly('string', { filter: true }),
  standard_attr_id: readOnly('integer'),
};
export const KNOWN_PROTOCOLS = PROTOCOLS;

export const FLOATINGIP: AttributeMap = {
  ...common({ name: false }),
  floating_ip_address: { post: true, put: false, default: null, validate: ipAddressOrNone, filter: true, sort: true, doc: 'string' },
  subnet_id: { post: true, put: false, default: null, validate: uuidOrNone, doc: 'string' },
  floating_network_id: { post: true, put: false, validate: uuid, filter: true, sort: true, doc: 'string' },
  router_id: readOnly('string', { filter: true, sort: true }),
  port_id: { post: true, put: true, default: null, validate: uuidOrNone, filter: true, sort: true, doc: 'string' },
  fixed_ip_address: { post: true, put: true, default: null, validate: ipAddressOrNone, filter: true, sort: true, doc: 'string' },
  status: readOnly('string', { filter: true, sort: true }),
  port_details: readOnly('object'),
  dns_domain: readOnly('string'),
  dns_name: readOnly('string'),
  qos_policy_id: readOnly('string'),
};

export const ROUTER: AttributeMap = {
  ...common(),
  admin_state_up: bool(true),
  status: readOnly('string', { filter: true, sort: true }),
  external_gateway_info: { post: true, put: true, default: null, validate: dictOrNone, doc: 'object' },
  distributed: { ...bool(false, { adminOnly: true, adminToSet: true }), default: false },
  ha: { ...bool(false, { adminOnly: true, adminToSet: true }), default: false },
  availability_zone_hints: { post: true, put: false, default: [], validate: uniqueStrings(255), doc: 'array' },
  availability_zones: readOnly('array'),
  routes: { post: false, put: true, default: [], convert: convertNoneToEmptyList, validate: hostroutes, doc: 'array' },
  flavor_id: { post: true, put: false, default: null, validate: uuidOrNone, doc: 'string' },
};

export interface ResourceKind {
  /** 'network' */
  readonly singular: string;
  /** 'networks' (the URL and the list key) */
  readonly collection: string;
  /** URL segment (security-groups) */
  readonly path: string;
  readonly attributes: AttributeMap;
}

export const RESOURCES: readonly ResourceKind[] = [
  { singular: 'network', collection: 'networks', path: 'networks', attributes: NETWORK },
  { singular: 'subnet', collection: 'subnets', path: 'subnets', attributes: SUBNET },
  { singular: 'port', collection: 'ports', path: 'ports', attributes: PORT },
  { singular: 'security_group', collection: 'security_groups', path: 'security-groups', attributes: SECURITY_GROUP },
  { singular: 'security_group_rule', collection: 'security_group_rules', path: 'security-group-rules', attributes: SECURITY_GROUP_RULE },
  { singular: 'floatingip', collection: 'floatingips', path: 'floatingips', attributes: FLOATINGIP },
  { singular: 'router', collection: 'routers', path: 'routers', attributes: ROUTER },
];

export const kindOf = (singular: string): ResourceKind => RESOURCES.find((r) => r.singular === singular)!;
export { toLower };
