// nova/network/security_group_api.py over the networking client: what nova's os-security-groups
// and os-security-group-rules proxies ask of Neutron, neutron's groups converted to nova's
// format, neutronclient's failures raised as the nova exceptions nova raises there.
import { NOVA_EXCEPTIONS, type NovaExceptionName } from '../nova-exceptions/catalogue.js';
import { NovaError, novaError } from '../nova-exceptions/nova-error.js';
import { NetworkingClient, NetworkingClientError, type SecurityGroup, type SecurityGroupRule } from './networking-client.js';

/** _convert_to_nova_security_group_rule_format */
export interface NovaRule {
  id: string;
  parent_group_id: string;
  protocol: string | null;
  from_port: number | null;
  to_port: number | null;
  group_id: string | null;
  cidr: string;
}

/** _convert_to_nova_security_group_format: ingress rules only. */
export interface NovaGroup {
  id: string;
  description: string;
  name: string;
  project_id: string;
  rules: NovaRule[];
}

/** What _new_ingress_rule builds (the API's new_rule). */
export interface NewRule {
  group_id?: string;
  cidr?: string;
  protocol?: string;
  from_port?: number;
  to_port?: number;
  parent_group_id?: string;
}

/** `raise exception.X(str(e))`: a nova exception whose message is the text given. */
export function withMessage(type: NovaExceptionName, message: string): NovaError {
  return new NovaError(type, message, NOVA_EXCEPTIONS[type].code, true);
}

const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** uuidutils.is_uuid_like: hyphens optional, braces and urn prefix tolerated, case-insensitive. */
export function isUuidLike(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
  return UUID_LIKE.test(v);
}

export function validateId(id: unknown): string {
  if (!isUuidLike(id)) throw withMessage('Invalid', 'Security group id should be uuid');
  return id;
}

/** oslo netutils.is_valid_cidr: an address, a slash, a prefix length in range. */
function isValidCidr(cidr: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return false;
  const [, addr, len] = m;
  const n = Number(len);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr!)) return addr!.split('.').every((o) => Number(o) <= 255) && n <= 32;
  return addr!.includes(':') && /^[0-9a-f:.]+$/i.test(addr!) && n <= 128 && (addr!.match(/::/g) ?? []).length <= 1;
}

/** parse_cidr: none means everything; otherwise URL-unquoted and checked. */
export function parseCidr(cidr: unknown): string {
  if (!cidr) return '0.0.0.0/0';
  let text: string;
  try {
    text = decodeURIComponent(String(cidr));
  } catch {
    throw novaError('InvalidCidr', { cidr: String(cidr) });
  }
  if (!isValidCidr(text)) throw novaError('InvalidCidr', { cidr: text });
  return text;
}

/** Python's int() of a JSON value (ValueError/TypeError both end as nova's InvalidInput here). */
function toInt(v: unknown): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number.parseInt(v, 10);
  return null;
}

/**
 * _new_ingress_rule: a source group opens every port of TCP/UDP (every type of ICMP) when no
 * range is given; a CIDR rule needs protocol and ports (null: not enough to build a rule).
 */
export function newIngressRule(protocol: unknown, fromPort: unknown, toPort: unknown, groupId: string | null, cidr: string | null): NewRule | null {
  const values: NewRule = {};
  let from = fromPort;
  let to = toPort;
  if (groupId) {
    values.group_id = groupId;
    const upper = protocol ? String(protocol).toUpperCase() : '';
    if (upper === 'ICMP' && from == null && to == null) { from = -1; to = -1; }
    else if ((upper === 'TCP' || upper === 'UDP') && from == null && to == null) { from = 1; to = 65535; }
  } else if (cidr) {
    values.cidr = cidr;
  }
  if (protocol && from != null && to != null) {
    const proto = String(protocol);
    const upper = proto.toUpperCase();
    const f = toInt(from);
    const t = toInt(to);
    if (f === null || t === null) {
      throw novaError('InvalidInput', { reason: upper === 'ICMP' ? 'Type and Code must be integers for ICMP protocol type' : 'To and From ports must be integers' });
    }
    if (!['TCP', 'UDP', 'ICMP'].includes(upper)) throw novaError('InvalidIpProtocol', { protocol: proto });
    if ((upper === 'TCP' || upper === 'UDP') && f > t) {
      throw novaError('InvalidPortRange', { from_port: f, to_port: t, msg: 'Former value cannot be greater than the later' });
    }
    if ((upper === 'TCP' || upper === 'UDP') && (f < 1 || t > 65535)) {
      throw novaError('InvalidPortRange', { from_port: f, to_port: t, msg: `Valid ${upper} ports should be between 1-65535` });
    }
    if (upper === 'ICMP' && (f < -1 || f > 255 || t < -1 || t > 255)) {
      throw novaError('InvalidPortRange', { from_port: f, to_port: t, msg: 'For ICMP, the type:code must be valid' });
    }
    values.protocol = proto;
    values.from_port = f;
    values.to_port = t;
  } else if (cidr && !groupId) {
    return null;
  }
  return values;
}

function toNovaRule(r: SecurityGroupRule): NovaRule {
  let from = r.port_range_min;
  let to = r.port_range_max;
  if (r.protocol && from === null && to === null) {
    [from, to] = ['TCP', 'UDP'].includes(r.protocol.toUpperCase()) ? [1, 65535] : [-1, -1];
  }
  return { id: r.id, parent_group_id: r.security_group_id, protocol: r.protocol, from_port: from, to_port: to, group_id: r.remote_group_id, cidr: parseCidr(r.remote_ip_prefix) };
}

export function toNovaGroup(g: SecurityGroup): NovaGroup {
  return {
    id: g.id, description: g.description, name: g.name, project_id: g.project_id,
    rules: (g.security_group_rules ?? []).filter((r) => r.direction === 'ingress').map(toNovaRule),
  };
}

/** _rule_exists: the same group, cidr, ports and protocol. */
function ruleExists(group: NovaGroup, rule: NewRule): boolean {
  const keys = ['group_id', 'cidr', 'from_port', 'to_port', 'protocol'] as const;
  return group.rules.some((r) => keys.every((k) => (r[k] ?? undefined) === (rule[k] ?? undefined)));
}

/** neutronclient's UUID_PATTERN, matched at the start as re.match does. */
const NEUTRONCLIENT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * security_group_api.validate_name: neutronv20.find_resourceid_by_name_or_id(neutron,
 * 'security_group', name, project_id) with the caller's token: by id (any group the caller
 * sees) when it looks like a UUID, else by name in the project; neutronclient's NotFound and
 * NoUniqueMatch raised as nova raises them (SecurityGroupNotFound / NoUniqueMatch with
 * neutronclient's text).
 */
export async function validateSecurityGroupName(client: NetworkingClient, token: string, name: string, projectId: string): Promise<string> {
  if (NEUTRONCLIENT_UUID.test(name)) {
    const byId = await client.listSecurityGroups(token, { id: name, fields: 'id' });
    if (byId.length) return byId[0]!.id;
  }
  const byName = await client.listSecurityGroups(token, { name, tenant_id: projectId, fields: 'id' });
  if (byName.length > 1) throw withMessage('NoUniqueMatch', `Multiple security_group matches found for name '${name}', use an ID to be more specific.`);
  if (!byName.length) throw withMessage('SecurityGroupNotFound', `Unable to find security_group with name or id '${name}'`);
  return byName[0]!.id;
}

/**
 * A neutronclient call whose failures nova raises as its own exceptions with neutron's text
 * (`except n_exc.NotFound as e: raise exception.SecurityGroupNotFound(str(e))`): `raises` maps
 * neutron's status to the exception; any other failure passes through.
 */
async function raising<T>(call: Promise<T>, raises: Readonly<Partial<Record<number, NovaExceptionName>>>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    const type = e instanceof NetworkingClientError ? raises[e.status] : undefined;
    if (type) throw withMessage(type, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

export class SecurityGroupApi {
  constructor(private readonly client: NetworkingClient) {}

  async get(token: string, id: string): Promise<NovaGroup> {
    return toNovaGroup(await raising(this.client.showSecurityGroup(token, id), { 404: 'SecurityGroupNotFound' }));
  }

  /** list: the project's groups; an admin asking all_tenants gets every group. */
  async list(token: string, projectId: string, isAdmin: boolean, searchOpts: Readonly<Record<string, unknown>>): Promise<NovaGroup[]> {
    const allTenants = isAdmin && 'all_tenants' in searchOpts;
    const groups = await this.client.listSecurityGroups(token, allTenants ? {} : { tenant_id: projectId });
    return groups.map(toNovaGroup);
  }

  async create(token: string, name: unknown, description: unknown): Promise<NovaGroup> {
    return toNovaGroup(await raising(this.client.createSecurityGroup(token, { name, description }), { 400: 'Invalid', 409: 'SecurityGroupLimitExceeded' }));
  }

  async update(token: string, group: NovaGroup, name: unknown, description: unknown): Promise<NovaGroup> {
    return toNovaGroup(await this.client.updateSecurityGroup(token, group.id, { name, description }));
  }

  async destroy(token: string, group: NovaGroup): Promise<void> {
    await raising(this.client.deleteSecurityGroup(token, group.id), { 404: 'SecurityGroupNotFound', 409: 'Invalid' });
  }

  /** create_security_group_rule: a duplicate is refused before neutron is asked. */
  async createRule(token: string, group: NovaGroup, rule: NewRule & { parent_group_id: string }): Promise<NovaRule> {
    if (ruleExists(group, rule)) throw withMessage('Invalid', `This rule already exists in group ${rule.parent_group_id}`);
    // _make_neutron_security_group_rules_list: ingress only; a self-referential rule is IPv4
    const body: Record<string, unknown> = {
      direction: 'ingress',
      protocol: rule.protocol ?? null,
      ethertype: rule.cidr && rule.cidr.includes(':') ? 'IPv6' : 'IPv4',
      remote_ip_prefix: rule.cidr ?? null,
      security_group_id: rule.parent_group_id,
      remote_group_id: rule.group_id ?? null,
    };
    if (rule.from_port !== undefined && rule.from_port !== -1) body.port_range_min = rule.from_port;
    if (rule.to_port !== undefined && rule.to_port !== -1) body.port_range_max = rule.to_port;
    return toNovaRule(await raising(this.client.createSecurityGroupRule(token, body), { 404: 'SecurityGroupNotFound', 409: 'SecurityGroupLimitExceeded', 400: 'Invalid' }));
  }

  async getRule(token: string, id: string): Promise<NovaRule> {
    return toNovaRule(await raising(this.client.showSecurityGroupRule(token, id), { 404: 'SecurityGroupNotFound' }));
  }

  async removeRule(token: string, id: string): Promise<void> {
    await this.client.deleteSecurityGroupRule(token, id);
  }

  /**
   * get_instances_security_groups_bindings, asked with the caller's token as nova asks with the
   * request context: per instance, each port's groups in port order (a group on two ports twice);
   * a group the caller cannot see is left out. Not detailed: {name} (the id when unnamed).
   */
  async securityGroupBindings(token: string, instanceUuids: readonly string[]): Promise<Map<string, { name: string }[]>>;
  async securityGroupBindings(token: string, instanceUuids: readonly string[], detailed: true): Promise<Map<string, NovaGroup[]>>;
  async securityGroupBindings(token: string, instanceUuids: readonly string[], detailed = false): Promise<Map<string, unknown[]>> {
    const out = new Map<string, unknown[]>();
    if (!instanceUuids.length) return out;
    const ports = await this.client.listPorts(token, { device_id: [...instanceUuids] });
    const ids = [...new Set(ports.flatMap((p) => p.security_groups))];
    if (!ids.length) return out;
    // not detailed: only id and name, so neutron skips the rules
    const groups = new Map((await this.client.listSecurityGroups(token, detailed ? { id: ids } : { id: ids, fields: ['id', 'name'] })).map((g) => [g.id, g]));
    for (const p of ports) {
      for (const id of p.security_groups) {
        const g = groups.get(id);
        if (!g) continue;
        const list = out.get(p.device_id) ?? [];
        list.push(detailed ? toNovaGroup(g) : { name: g.name || g.id });
        out.set(p.device_id, list);
      }
    }
    return out;
  }
}
