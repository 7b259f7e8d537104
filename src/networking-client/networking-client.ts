// Typed Neutron calls for the compute side (what nova/network/neutron.py asks of
// neutronclient), over an in-process or HTTP transport. A non-2xx answer raises
// NetworkingClientError carrying neutron's type and message, as neutronclient's exceptions do.
import type { NetworkingTransport } from './transport.js';

export interface FixedIp { subnet_id: string; ip_address: string }

export interface Port {
  id: string;
  name: string;
  network_id: string;
  project_id: string;
  mac_address: string;
  fixed_ips: FixedIp[];
  device_id: string;
  device_owner: string;
  status: string;
  security_groups: string[];
  port_security_enabled?: boolean;
  admin_state_up: boolean;
  'binding:host_id'?: string;
  'binding:vif_type'?: string;
  'binding:vnic_type'?: string;
  'binding:profile'?: Record<string, unknown>;
  'binding:vif_details'?: Record<string, unknown>;
  allowed_address_pairs?: { ip_address: string; mac_address: string }[];
  [key: string]: unknown;
}

export interface Network {
  id: string;
  name: string;
  project_id: string;
  shared: boolean;
  'router:external': boolean;
  subnets: string[];
  status: string;
  admin_state_up: boolean;
  mtu: number;
  port_security_enabled?: boolean;
  [key: string]: unknown;
}

export interface Subnet {
  id: string;
  name: string;
  network_id: string;
  project_id: string;
  ip_version: 4 | 6;
  cidr: string;
  gateway_ip: string | null;
  enable_dhcp: boolean;
  dns_nameservers: string[];
  host_routes: { destination: string; nexthop: string }[];
  allocation_pools: { start: string; end: string }[];
  ipv6_address_mode: string | null;
  ipv6_ra_mode: string | null;
  [key: string]: unknown;
}

export interface SecurityGroupRule {
  id: string;
  security_group_id: string;
  direction: 'ingress' | 'egress';
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  project_id: string;
  [key: string]: unknown;
}

export interface SecurityGroup {
  id: string;
  name: string;
  description: string;
  project_id: string;
  security_group_rules: SecurityGroupRule[];
  [key: string]: unknown;
}

export interface FloatingIp {
  id: string;
  floating_ip_address: string;
  floating_network_id: string;
  port_id: string | null;
  fixed_ip_address: string | null;
  router_id: string | null;
  project_id: string;
  status: string;
  [key: string]: unknown;
}

/** neutronclient's NeutronClientException: status, neutron's error type and message. */
export class NetworkingClientError extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
}

export type Filters = Record<string, string | number | boolean | readonly (string | number | boolean)[] | undefined>;

/** The filters as query pairs, in order (a list gives its name once per value). */
function query(filters: Filters = {}): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) pairs.push([k, String(x)]);
    else pairs.push([k, String(v)]);
  }
  return pairs;
}

/**
 * The client. Every call names the token it runs with: the user's for what nova asks as the
 * user, the service's (`admin`) for what nova asks with get_client(admin=True) (binding).
 */
export class NetworkingClient {
  constructor(private readonly transport: NetworkingTransport) {}

  private async call<T>(method: string, path: string, token: string, body?: unknown, pairs?: [string, string][]): Promise<T> {
    const res = await this.transport.request(method, `/v2.0${path}`, token, body, pairs);
    if (res.status >= 400) {
      const e = (res.body as { NeutronError?: { type?: string; message?: string } } | null)?.NeutronError;
      throw new NetworkingClientError(res.status, e?.type ?? 'NeutronClientException', e?.message ?? `${method} ${path}: ${res.status}`);
    }
    return res.body as T;
  }

  async listNetworks(token: string, filters?: Filters): Promise<Network[]> {
    return (await this.call<{ networks: Network[] }>('GET', '/networks', token, undefined, query(filters))).networks;
  }

  async showNetwork(token: string, id: string): Promise<Network> {
    return (await this.call<{ network: Network }>('GET', `/networks/${encodeURIComponent(id)}`, token)).network;
  }

  async listSubnets(token: string, filters?: Filters): Promise<Subnet[]> {
    return (await this.call<{ subnets: Subnet[] }>('GET', '/subnets', token, undefined, query(filters))).subnets;
  }

  async listPorts(token: string, filters?: Filters): Promise<Port[]> {
    return (await this.call<{ ports: Port[] }>('GET', '/ports', token, undefined, query(filters))).ports;
  }

  async showPort(token: string, id: string): Promise<Port> {
    return (await this.call<{ port: Port }>('GET', `/ports/${encodeURIComponent(id)}`, token)).port;
  }

  async createPort(token: string, port: Record<string, unknown>): Promise<Port> {
    return (await this.call<{ port: Port }>('POST', '/ports', token, { port })).port;
  }

  async updatePort(token: string, id: string, port: Record<string, unknown>): Promise<Port> {
    return (await this.call<{ port: Port }>('PUT', `/ports/${encodeURIComponent(id)}`, token, { port })).port;
  }

  async deletePort(token: string, id: string): Promise<void> {
    await this.call('DELETE', `/ports/${encodeURIComponent(id)}`, token);
  }

  async listSecurityGroups(token: string, filters?: Filters): Promise<SecurityGroup[]> {
    return (await this.call<{ security_groups: SecurityGroup[] }>('GET', '/security-groups', token, undefined, query(filters))).security_groups;
  }

  async showSecurityGroup(token: string, id: string): Promise<SecurityGroup> {
    return (await this.call<{ security_group: SecurityGroup }>('GET', `/security-groups/${encodeURIComponent(id)}`, token)).security_group;
  }

  async createSecurityGroup(token: string, group: Record<string, unknown>): Promise<SecurityGroup> {
    return (await this.call<{ security_group: SecurityGroup }>('POST', '/security-groups', token, { security_group: group })).security_group;
  }

  async updateSecurityGroup(token: string, id: string, group: Record<string, unknown>): Promise<SecurityGroup> {
    return (await this.call<{ security_group: SecurityGroup }>('PUT', `/security-groups/${encodeURIComponent(id)}`, token, { security_group: group })).security_group;
  }

  async deleteSecurityGroup(token: string, id: string): Promise<void> {
    await this.call('DELETE', `/security-groups/${encodeURIComponent(id)}`, token);
  }

  async createSecurityGroupRule(token: string, rule: Record<string, unknown>): Promise<SecurityGroupRule> {
    return (await this.call<{ security_group_rule: SecurityGroupRule }>('POST', '/security-group-rules', token, { security_group_rule: rule })).security_group_rule;
  }

  async showSecurityGroupRule(token: string, id: string): Promise<SecurityGroupRule> {
    return (await this.call<{ security_group_rule: SecurityGroupRule }>('GET', `/security-group-rules/${encodeURIComponent(id)}`, token)).security_group_rule;
  }

  async deleteSecurityGroupRule(token: string, id: string): Promise<void> {
    await this.call('DELETE', `/security-group-rules/${encodeURIComponent(id)}`, token);
  }

  async listFloatingIps(token: string, filters?: Filters): Promise<FloatingIp[]> {
    return (await this.call<{ floatingips: FloatingIp[] }>('GET', '/floatingips', token, undefined, query(filters))).floatingips;
  }

  async showFloatingIp(token: string, id: string): Promise<FloatingIp> {
    return (await this.call<{ floatingip: FloatingIp }>('GET', `/floatingips/${encodeURIComponent(id)}`, token)).floatingip;
  }

  async createFloatingIp(token: string, fip: Record<string, unknown>): Promise<FloatingIp> {
    return (await this.call<{ floatingip: FloatingIp }>('POST', '/floatingips', token, { floatingip: fip })).floatingip;
  }

  async updateFloatingIp(token: string, id: string, fip: Record<string, unknown>): Promise<FloatingIp> {
    return (await this.call<{ floatingip: FloatingIp }>('PUT', `/floatingips/${encodeURIComponent(id)}`, token, { floatingip: fip })).floatingip;
  }

  async deleteFloatingIp(token: string, id: string): Promise<void> {
    await this.call('DELETE', `/floatingips/${encodeURIComponent(id)}`, token);
  }

  /** get-me-a-network (nova's _auto_allocate_network). */
  async autoAllocatedTopology(token: string, projectId: string): Promise<{ id: string }> {
    return (await this.call<{ auto_allocated_topology: { id: string } }>('GET', `/auto-allocated-topology/${encodeURIComponent(projectId)}`, token)).auto_allocated_topology;
  }

  async extensions(token: string): Promise<{ alias: string }[]> {
    return (await this.call<{ extensions: { alias: string }[] }>('GET', '/extensions', token)).extensions;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
