// Request-by-request comparison of novamock's Neutron with the real neutron-server 21.0.0
// (shared/reference/neutron-live). Both start empty; the same requests run against each and
// every answer (status + body) is compared after normalizing what is random by design:
// uuids (mapped in order of appearance), timestamps, MAC addresses, VXLAN ids, and
// addresses neutron picks at random from a pool (novamock takes the lowest free one).
//
//   ../shared/reference/neutron-live/run.sh 21496     (a fresh database on every start: restart it per run)
//   npx tsx scripts/networking-oracle-diff.ts http://127.0.0.1:21496 [--verbose]
//
// novamock runs in this process on a loopback port. Exit status 1 when a step differs and is
// not listed in KNOWN_DIFFERENCES.
import { request } from 'undici';
import { testConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { buildNetworkingApp, createServices } from '../src/app.js';
import { seedNetworking } from '../src/networking/seed.js';

const realUrl = process.argv[2] ?? 'http://127.0.0.1:21496';
const verbose = process.argv.includes('--verbose');
const PROJECT = 'fake_project_id'; // neutron-live's noauth project

/** Steps whose difference is known and explained (step name -> why). */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'port bound to host1': 'novamock reports the bound port ACTIVE, as a deployment whose OVS agent wires it; neutron-live has no agent, so DOWN',
  'port gets the group': 'the port is bound to host1 (previous step): ACTIVE here, DOWN without an agent',
  'floating IP associate': 'status ACTIVE once associated (a deployment\'s L3 agent); neutron-live has no L3 agent: DOWN',
  'floating IP create with port': 'status ACTIVE once associated (a deployment\'s L3 agent); neutron-live has no L3 agent: DOWN',
};

interface Step {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string | ((v: Vars) => string);
  body?: Record<string, unknown> | string | ((v: Vars) => unknown);
  /** keep values from the real and the mock answer for later steps */
  save?: (body: any, v: Vars) => void;
}
type Vars = Record<string, any>;

const steps: Step[] = [
  { name: 'versions', method: 'GET', path: '/' },
  { name: 'v2.0 index', method: 'GET', path: '/v2.0/' },
  { name: 'unknown collection', method: 'GET', path: '/v2.0/nothing' },
  { name: 'network create public', method: 'POST', path: '/v2.0/networks', body: { network: { name: 'public', 'router:external': true, 'provider:network_type': 'flat', 'provider:physical_network': 'public' } }, save: (b, v) => { v.pub = b.network.id; } },
  { name: 'second flat network on the same physnet', method: 'POST', path: '/v2.0/networks', body: { network: { name: 'x', 'provider:network_type': 'flat', 'provider:physical_network': 'public' } } },
  { name: 'subnet create public', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { name: 'public-subnet', network_id: v.pub, cidr: '172.24.4.0/24', ip_version: 4, enable_dhcp: false } }), save: (b, v) => { v.pubsub = b.subnet.id; } },
  { name: 'network create private', method: 'POST', path: '/v2.0/networks', body: { network: { name: 'private' } }, save: (b, v) => { v.priv = b.network.id; } },
  { name: 'subnet create private v4', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { name: 'private-subnet', network_id: v.priv, cidr: '10.0.0.0/26', ip_version: 4 } }), save: (b, v) => { v.privsub = b.subnet.id; } },
  { name: 'subnet create private v6 slaac', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { name: 'v6', network_id: v.priv, cidr: 'fd00::/64', ip_version: 6, ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' } }), save: (b, v) => { v.privsub6 = b.subnet.id; } },
  { name: 'subnet overlapping', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { network_id: v.priv, cidr: '10.0.0.0/24', ip_version: 4 } }) },
  { name: 'subnet bad cidr', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { network_id: v.priv, cidr: '10.0.0.0/33', ip_version: 4 } }) },
  { name: 'subnet cidr not canonical', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { network_id: v.priv, cidr: '10.1.0.5/24', ip_version: 4 } }) },
  { name: 'subnet version mismatch', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { network_id: v.priv, cidr: '10.2.0.0/24', ip_version: 6 } }) },
  { name: 'subnet without network', method: 'POST', path: '/v2.0/subnets', body: { subnet: { cidr: '10.3.0.0/24', ip_version: 4 } } },
  { name: 'subnet on unknown network', method: 'POST', path: '/v2.0/subnets', body: { subnet: { network_id: '0b6ba5fa-4e59-4b39-9be5-2d5a6c0e0a11', cidr: '10.3.0.0/24', ip_version: 4 } } },
  { name: 'subnet pools and routes', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { name: 'pools', network_id: v.priv, cidr: '10.9.0.0/24', ip_version: 4, gateway_ip: '10.9.0.254', allocation_pools: [{ start: '10.9.0.10', end: '10.9.0.20' }], host_routes: [{ destination: '0.0.0.0/0', nexthop: '10.9.0.254' }], dns_nameservers: ['8.8.8.8'] } }), save: (b, v) => { v.poolsub = b.subnet.id; } },
  { name: 'subnet pool outside cidr', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { network_id: v.priv, cidr: '10.8.0.0/24', ip_version: 4, allocation_pools: [{ start: '10.7.0.10', end: '10.7.0.20' }] } }) },
  { name: 'subnet gateway in pool', method: 'POST', path: '/v2.0/subnets', body: (v) => ({ subnet: { network_id: v.priv, cidr: '10.8.0.0/24', ip_version: 4, gateway_ip: '10.8.0.15', allocation_pools: [{ start: '10.8.0.10', end: '10.8.0.20' }] } }) },
  { name: 'delete subnet pools', method: 'DELETE', path: (v) => `/v2.0/subnets/${v.poolsub}` },
  { name: 'network show', method: 'GET', path: (v) => `/v2.0/networks/${v.priv}?fields=name&fields=subnets&fields=mtu&fields=status` },
  { name: 'network not found', method: 'GET', path: '/v2.0/networks/nope' },
  { name: 'network bad attribute', method: 'POST', path: '/v2.0/networks', body: { network: { name: 'n', bogus: 1 } } },
  { name: 'network bad boolean', method: 'POST', path: '/v2.0/networks', body: { network: { name: 'n', admin_state_up: 'maybe' } } },
  { name: 'network name too long', method: 'POST', path: '/v2.0/networks', body: { network: { name: 'n'.repeat(256) } } },
  { name: 'network read-only update', method: 'PUT', path: (v) => `/v2.0/networks/${v.priv}`, body: { network: { status: 'DOWN' } } },
  { name: 'network update', method: 'PUT', path: (v) => `/v2.0/networks/${v.priv}`, body: { network: { description: 'd' } } },
  { name: 'body required', method: 'POST', path: '/v2.0/networks', body: {} },
  { name: 'body not json', method: 'POST', path: '/v2.0/networks', body: '{bad' },
  { name: 'wrong envelope', method: 'POST', path: '/v2.0/networks', body: { port: {} } },
  { name: 'port create', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, name: 'p1' } }), save: (b, v) => { v.p1 = b.port.id; v.p1ip = b.port.fixed_ips[0].ip_address; } },
  { name: 'port fixed ip taken', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, fixed_ips: [{ ip_address: v.p1ip }] } }) },
  { name: 'port fixed ip by request', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, fixed_ips: [{ subnet_id: v.privsub, ip_address: '10.0.0.50' }] } }), save: (b, v) => { v.p2 = b.port.id; } },
  { name: 'port ip outside subnets', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, fixed_ips: [{ ip_address: '192.168.1.5' }] } }) },
  { name: 'port ip not in subnet', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, fixed_ips: [{ subnet_id: v.privsub, ip_address: '10.0.1.5' }] } }) },
  { name: 'port subnet of another network', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, fixed_ips: [{ subnet_id: v.pubsub }] } }) },
  { name: 'port bad fixed ip', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, fixed_ips: [{ ip_address: 'x' }] } }) },
  { name: 'port bad mac', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, mac_address: 'zz' } }) },
  { name: 'port given mac', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, mac_address: 'fa:16:3e:00:00:01' } }), save: (b, v) => { v.p3 = b.port.id; } },
  { name: 'port mac in use', method: 'POST', path: '/v2.0/ports', body: (v) => ({ port: { network_id: v.priv, mac_address: 'fa:16:3e:00:00:01' } }) },
  { name: 'port without network', method: 'POST', path: '/v2.0/ports', body: { port: { name: 'x' } } },
  { name: 'port on unknown network', method: 'POST', path: '/v2.0/ports', body: { port: { network_id: '0b6ba5fa-4e59-4b39-9be5-2d5a6c0e0a11' } } },
  { name: 'port bound to host1', method: 'PUT', path: (v) => `/v2.0/ports/${v.p1}`, body: { port: { 'binding:host_id': 'host1', device_owner: 'compute:nova', device_id: 'abc' } } },
  { name: 'port bound to unknown host', method: 'PUT', path: (v) => `/v2.0/ports/${v.p2}`, body: { port: { 'binding:host_id': 'host9' } } },
  { name: 'port security off with groups', method: 'PUT', path: (v) => `/v2.0/ports/${v.p3}`, body: { port: { port_security_enabled: false } } },
  { name: 'port security off and no groups', method: 'PUT', path: (v) => `/v2.0/ports/${v.p3}`, body: { port: { port_security_enabled: false, security_groups: [] } } },
  { name: 'port address pair without security', method: 'PUT', path: (v) => `/v2.0/ports/${v.p3}`, body: { port: { allowed_address_pairs: [{ ip_address: '10.0.0.40' }] } } },
  { name: 'ports filtered by fixed ip', method: 'GET', path: (v) => `/v2.0/ports?fixed_ips=ip_address%3D${v.p1ip}&fields=id&fields=name` },
  { name: 'ports filtered by device owner', method: 'GET', path: '/v2.0/ports?device_owner=compute:nova&fields=name' },
  { name: 'unknown filter', method: 'GET', path: '/v2.0/ports?bogus=1' },
  { name: 'bad sort key', method: 'GET', path: '/v2.0/networks?sort_key=bogus&sort_dir=asc' },
  { name: 'sort without dir', method: 'GET', path: '/v2.0/networks?sort_key=name' },
  { name: 'sorted by name desc', method: 'GET', path: '/v2.0/networks?sort_key=name&sort_dir=desc&fields=name' },
  { name: 'bad limit', method: 'GET', path: '/v2.0/networks?limit=-1' },
  { name: 'security groups (default made)', method: 'GET', path: '/v2.0/security-groups?fields=name&fields=description' },
  { name: 'security group create', method: 'POST', path: '/v2.0/security-groups', body: { security_group: { name: 'web' } }, save: (b, v) => { v.sg = b.security_group.id; } },
  { name: 'security group named default', method: 'POST', path: '/v2.0/security-groups', body: { security_group: { name: 'default' } } },
  { name: 'rule tcp 80', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', protocol: 'tcp', port_range_min: 80, port_range_max: 80, remote_ip_prefix: '0.0.0.0/0' } }) },
  { name: 'rule duplicate', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', protocol: 'tcp', port_range_min: 80, port_range_max: 80, remote_ip_prefix: '0.0.0.0/0' } }) },
  { name: 'rule ports reversed', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', protocol: 'tcp', port_range_min: 90, port_range_max: 80 } }) },
  { name: 'rule ports without protocol', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', port_range_min: 80, port_range_max: 80 } }) },
  { name: 'rule bad direction', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'sideways' } }) },
  { name: 'rule bad protocol', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', protocol: 'bogus' } }) },
  { name: 'rule ethertype conflict', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', ethertype: 'IPv4', remote_ip_prefix: 'fd00::/64' } }) },
  { name: 'rule icmp', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', protocol: 'icmp', port_range_min: 8, port_range_max: 0 } }) },
  { name: 'rule icmp bad type', method: 'POST', path: '/v2.0/security-group-rules', body: (v) => ({ security_group_rule: { security_group_id: v.sg, direction: 'ingress', protocol: 'icmp', port_range_min: 300 } }) },
  { name: 'rule unknown group', method: 'POST', path: '/v2.0/security-group-rules', body: { security_group_rule: { security_group_id: '0b6ba5fa-4e59-4b39-9be5-2d5a6c0e0a11', direction: 'ingress' } } },
  { name: 'port gets the group', method: 'PUT', path: (v) => `/v2.0/ports/${v.p1}`, body: (v) => ({ port: { security_groups: [v.sg] } }) },
  { name: 'group in use', method: 'DELETE', path: (v) => `/v2.0/security-groups/${v.sg}` },
  { name: 'router create with gateway', method: 'POST', path: '/v2.0/routers', body: (v) => ({ router: { name: 'router1', external_gateway_info: { network_id: v.pub } } }), save: (b, v) => { v.r1 = b.router.id; } },
  { name: 'router gateway on internal network', method: 'POST', path: '/v2.0/routers', body: (v) => ({ router: { name: 'r2', external_gateway_info: { network_id: v.priv } } }) },
  { name: 'router add interface', method: 'PUT', path: (v) => `/v2.0/routers/${v.r1}/add_router_interface`, body: (v) => ({ subnet_id: v.privsub }) },
  { name: 'router add interface again', method: 'PUT', path: (v) => `/v2.0/routers/${v.r1}/add_router_interface`, body: (v) => ({ subnet_id: v.privsub }) },
  { name: 'router add interface without ids', method: 'PUT', path: (v) => `/v2.0/routers/${v.r1}/add_router_interface`, body: {} },
  { name: 'router interface port delete', method: 'GET', path: (v) => `/v2.0/ports?device_id=${v.r1}&device_owner=network:router_interface&fields=fixed_ips` },
  { name: 'floating IP create with port', method: 'POST', path: '/v2.0/floatingips', body: (v) => ({ floatingip: { floating_network_id: v.pub, port_id: v.p1 } }), save: (b, v) => { v.fip = b.floatingip.id; } },
  { name: 'floating IP on internal network', method: 'POST', path: '/v2.0/floatingips', body: (v) => ({ floatingip: { floating_network_id: v.priv } }) },
  { name: 'floating IP disassociate', method: 'PUT', path: (v) => `/v2.0/floatingips/${v.fip}`, body: { floatingip: { port_id: null } } },
  { name: 'floating IP associate', method: 'PUT', path: (v) => `/v2.0/floatingips/${v.fip}`, body: (v) => ({ floatingip: { port_id: v.p1 } }) },
  { name: 'floating IP pools', method: 'GET', path: '/v2.0/floatingip-pools' },
  { name: 'network in use', method: 'DELETE', path: (v) => `/v2.0/networks/${v.priv}` },
  { name: 'subnet in use', method: 'DELETE', path: (v) => `/v2.0/subnets/${v.privsub}` },
  { name: 'router in use', method: 'DELETE', path: (v) => `/v2.0/routers/${v.r1}` },
  { name: 'tags replace', method: 'PUT', path: (v) => `/v2.0/networks/${v.priv}/tags`, body: { tags: ['b', 'a'] } },
  { name: 'tag add', method: 'PUT', path: (v) => `/v2.0/networks/${v.priv}/tags/c` },
  { name: 'tag filter', method: 'GET', path: '/v2.0/networks?tags=a,c&fields=name' },
  { name: 'tag not found', method: 'GET', path: (v) => `/v2.0/networks/${v.priv}/tags/zzz` },
  { name: 'tags list', method: 'GET', path: (v) => `/v2.0/networks/${v.priv}/tags` },
  { name: 'port delete with floating IP', method: 'DELETE', path: (v) => `/v2.0/ports/${v.p1}` },
  { name: 'floating IP after its port went', method: 'GET', path: (v) => `/v2.0/floatingips/${v.fip}` },
  { name: 'floating IP delete', method: 'DELETE', path: (v) => `/v2.0/floatingips/${v.fip}` },
  { name: 'router remove interface', method: 'PUT', path: (v) => `/v2.0/routers/${v.r1}/remove_router_interface`, body: (v) => ({ subnet_id: v.privsub }) },
  { name: 'router remove interface again', method: 'PUT', path: (v) => `/v2.0/routers/${v.r1}/remove_router_interface`, body: (v) => ({ subnet_id: v.privsub }) },
  { name: 'router delete', method: 'DELETE', path: (v) => `/v2.0/routers/${v.r1}` },
  { name: 'quota defaults', method: 'GET', path: `/v2.0/quotas/${PROJECT}` },
  { name: 'quota set', method: 'PUT', path: '/v2.0/quotas/other', body: { quota: { network: 5 } } },
  { name: 'quota bad value', method: 'PUT', path: '/v2.0/quotas/other', body: { quota: { network: 'x' } } },
  { name: 'auto-allocated without default network', method: 'GET', path: `/v2.0/auto-allocated-topology/${PROJECT}` },
  { name: 'extension show', method: 'GET', path: '/v2.0/extensions/router' },
  { name: 'extension unknown', method: 'GET', path: '/v2.0/extensions/bogus' },
  { name: 'pagination', method: 'GET', path: '/v2.0/networks?limit=1&sort_key=name&sort_dir=asc&fields=name&fields=id' },
  { name: 'pagination next page', method: 'GET', path: (v) => `/v2.0/networks?limit=1&sort_key=name&sort_dir=asc&fields=name&marker=${v.priv}` },
];

// ------------------------------------------------------------------ normalization

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const RANDOM_IP_KEYS = new Set(['ip_address', 'floating_ip_address', 'fixed_ip_address']);

class Normalizer {
  private ids = new Map<string, string>();
  constructor(private readonly base: string) {}
  id(u: string): string {
    let n = this.ids.get(u);
    if (!n) { n = `<id${this.ids.size + 1}>`; this.ids.set(u, n); }
    return n;
  }
  value(key: string, v: unknown): unknown {
    if (typeof v === 'string') {
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v)) return '<time>';
      if (key === 'mac_address') return '<mac>';
      if (RANDOM_IP_KEYS.has(key) && !/^10\.0\.0\.(1|50)$/.test(v) && !v.startsWith('fd00::f816')) return '<ip>';
      if (key === 'href') return v.replace(this.base, '<base>').replace(UUID, (u) => this.id(u));
      return v.replace(UUID, (u) => this.id(u)).replace(/fa:16:3e(:[0-9a-f]{2}){3}/g, '<mac>').replace(/172\.24\.4\.\d+|10\.0\.0\.\d+/g, '<ip>').replace(/fd00::f816:3eff:fe[0-9a-f]{2}:[0-9a-f]{1,4}/g, '<ip6>');
    }
    if (key === 'provider:segmentation_id' && typeof v === 'number') return '<vni>';
    if (key === 'standard_attr_id' || key === 'revision_number') return '<n>';
    if (Array.isArray(v)) return v.map((x) => this.value('', x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k.replace(UUID, (u) => this.id(u))] = this.value(k, (v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  }
}

/** Lists whose order neutron does not define (DB order without sort): compared as sorted. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
}

function diff(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => diff(x, b[i], `${path}[${i}]`));
  return [`${path || '(body)'}: real ${JSON.stringify(a)} / mock ${JSON.stringify(b)}`];
}

// ------------------------------------------------------------------ run

async function call(base: string, step: Step, vars: Vars, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const path = typeof step.path === 'function' ? step.path(vars) : step.path;
  const rawBody = typeof step.body === 'function' ? (step.body as (v: Vars) => unknown)(vars) : step.body;
  const res = await request(`${base}${path}`, {
    method: step.method, headers: { ...headers, ...(rawBody !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: rawBody === undefined ? undefined : typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody),
  });
  const text = await res.body.text();
  let body: unknown = text;
  try { body = text ? JSON.parse(text) : null; } catch { /* plain text */ }
  return { status: res.statusCode, body };
}

async function main(): Promise<void> {
  const runtime = createRuntime(testConfig({ seed: false }));
  const services = createServices(runtime);
  seedNetworking(services.networking, { networks: [], routers: [], agent_hosts: ['host1', 'host2'] });
  const app = await buildNetworkingApp(services);
  const mockUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const real = new Normalizer(realUrl);
  const mock = new Normalizer(mockUrl);
  const realVars: Vars = {}; const mockVars: Vars = {};
  let same = 0; let known = 0; const failures: string[] = [];
  for (const step of steps) {
    const r = await call(realUrl, step, realVars, {});
    const m = await call(mockUrl, step, mockVars, { 'x-auth-token': 'admin', 'x-project-id': PROJECT });
    if (step.save && r.status < 300 && m.status < 300) { step.save(r.body, realVars); step.save(m.body, mockVars); }
    const a = canonical(real.value('', r.body)); const b = canonical(mock.value('', m.body));
    const problems = r.status !== m.status ? [`status: real ${r.status} / mock ${m.status}`, ...diff(a, b)] : diff(a, b);
    if (!problems.length) { same++; if (verbose) console.log(`same   ${step.name}`); continue; }
    if (KNOWN_DIFFERENCES[step.name]) { known++; console.log(`known  ${step.name}: ${KNOWN_DIFFERENCES[step.name]}`); if (verbose) for (const p of problems) console.log(`         ${p}`); continue; }
    failures.push(step.name);
    console.log(`DIFF   ${step.name}`);
    for (const p of problems.slice(0, 12)) console.log(`         ${p}`);
  }
  console.log(`\n${steps.length} requests: ${same} same, ${known} known differences, ${failures.length} differ`);
  await app.close();
  runtime.db.close();
  process.exitCode = failures.length ? 1 : 0;
}

void main();
