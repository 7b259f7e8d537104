// Security groups as nova's API shows them (security_group_api._convert_to_nova_security_group_format
// + security_groups.py _format_security_group): ingress rules only, from/to ports, the remote
// group by name and project or the CIDR (0.0.0.0/0 when none).
import type { SecurityGroup, SecurityGroupRule } from '../../networking-client/networking-client.js';

function novaRule(r: SecurityGroupRule, groups: ReadonlyMap<string, SecurityGroup>): Record<string, unknown> {
  let from: number | null = r.port_range_min;
  let to: number | null = r.port_range_max;
  if (r.protocol && from === null && to === null) {
    [from, to] = ['TCP', 'UDP'].includes(r.protocol.toUpperCase()) ? [1, 65535] : [-1, -1];
  }
  const remote = r.remote_group_id ? groups.get(r.remote_group_id) : undefined;
  return {
    id: r.id, parent_group_id: r.security_group_id, ip_protocol: r.protocol, from_port: from, to_port: to,
    group: r.remote_group_id ? { name: remote?.name ?? null, tenant_id: remote?.project_id ?? null } : {},
    ip_range: r.remote_group_id ? {} : { cidr: r.remote_ip_prefix || '0.0.0.0/0' },
  };
}

export function novaSecurityGroup(g: SecurityGroup, all: readonly SecurityGroup[]): Record<string, unknown> {
  const byId = new Map(all.map((x) => [x.id, x]));
  return {
    id: g.id, description: g.description, name: g.name, tenant_id: g.project_id,
    rules: g.security_group_rules.filter((r) => r.direction === 'ingress').map((r) => novaRule(r, byId)),
  };
}
