// Security groups as nova's API shows them (security_group_api._convert_to_nova_security_group_format
// + security_groups.py _format_security_group): ingress rules only, from/to ports, the remote
// group by name and project or the CIDR (0.0.0.0/0 when none).
import type { NovaGroup, NovaRule } from '../../networking-client/security-group-api.js';

/** What a rule's source group shows: {name, tenant_id}, or null when it cannot be found (rule skipped). */
export type GroupRuleData = { name: string; tenant_id: string } | null;

/** _format_security_group_rule: the source group's data, else the CIDR. */
export function formatSecurityGroupRule(rule: NovaRule, groupData: GroupRuleData | undefined): Record<string, unknown> {
  return {
    id: rule.id, parent_group_id: rule.parent_group_id, ip_protocol: rule.protocol, from_port: rule.from_port, to_port: rule.to_port,
    group: rule.group_id && groupData ? groupData : {},
    ip_range: rule.group_id ? {} : { cidr: rule.cidr },
  };
}

/** _format_security_group: a rule whose source group is gone is left out. */
export function formatSecurityGroup(group: NovaGroup, groupData: ReadonlyMap<string, GroupRuleData>): Record<string, unknown> {
  return {
    id: group.id, description: group.description, name: group.name, tenant_id: group.project_id,
    rules: group.rules.filter((r) => !r.group_id || groupData.get(r.group_id)).map((r) => formatSecurityGroupRule(r, r.group_id ? groupData.get(r.group_id) : undefined)),
  };
}
