// Quota views: os-quota-sets (quota_sets.py _format_quota_set) and /limits
// (views/limits.py), with the resources each microversion dropped (2.36 network proxies,
// 2.57 injected files; 2.39 maxImageMeta).
import type { Microversion } from '../../http/microversion.js';
import type { QuotaUsage } from '../../compute-db/quotas-store.js';

/** Resources nova no longer tracks but still shows (always -1) before 2.36. */
export const NETWORK_QUOTAS = ['fixed_ips', 'floating_ips', 'security_group_rules', 'security_groups'];
const INJECTED = ['injected_file_content_bytes', 'injected_file_path_bytes', 'injected_files'];
const ORDER = ['cores', 'fixed_ips', 'floating_ips', 'injected_file_content_bytes', 'injected_file_path_bytes',
  'injected_files', 'instances', 'key_pairs', 'metadata_items', 'ram', 'security_group_rules', 'security_groups',
  'server_group_members', 'server_groups'];

/** The quota resources visible at a microversion, in nova's (sorted) order. */
export function quotaResources(v: Microversion): string[] {
  return ORDER.filter((r) => !(v.atLeast('2.36') && NETWORK_QUOTAS.includes(r)) && !(v.atLeast('2.57') && INJECTED.includes(r)));
}

/** Network quotas are not enforced any more, but a value set before 2.36 is kept and shown. */
export function limitOf(limits: Readonly<Record<string, number>>, resource: string): number {
  return limits[resource] ?? -1;
}

export interface FullUsage extends QuotaUsage {
  keyPairs: number;
}

function inUse(usage: FullUsage, resource: string): number {
  switch (resource) {
    case 'instances': return usage.instances;
    case 'cores': return usage.cores;
    case 'ram': return usage.ram;
    case 'key_pairs': return usage.keyPairs;
    case 'server_groups': return usage.serverGroups;
    default: return 0;
  }
}

export function quotaSetView(id: string | null, limits: Readonly<Record<string, number>>, v: Microversion, usage?: FullUsage) {
  const out: Record<string, unknown> = id === null ? {} : { id };
  for (const r of quotaResources(v)) {
    out[r] = usage ? { limit: limitOf(limits, r), in_use: inUse(usage, r), reserved: 0 } : limitOf(limits, r);
  }
  return { quota_set: out };
}

export function limitsView(limits: Readonly<Record<string, number>>, usage: QuotaUsage, v: Microversion) {
  const absolute: Record<string, number> = {
    maxTotalInstances: limits.instances ?? -1,
    maxTotalCores: limits.cores ?? -1,
    maxTotalRAMSize: limits.ram ?? -1,
    maxServerMeta: limits.metadata_items ?? -1,
  };
  if (v.lessThan('2.39')) absolute.maxImageMeta = limits.metadata_items ?? -1;
  if (v.lessThan('2.57')) {
    absolute.maxPersonality = limits.injected_files ?? -1;
    absolute.maxPersonalitySize = limits.injected_file_content_bytes ?? -1;
  }
  absolute.maxTotalKeypairs = limits.key_pairs ?? -1;
  absolute.maxServerGroups = limits.server_groups ?? -1;
  absolute.maxServerGroupMembers = limits.server_group_members ?? -1;
  if (v.lessThan('2.36')) {
    absolute.maxTotalFloatingIps = -1;
    absolute.maxSecurityGroups = -1;
    absolute.maxSecurityGroupRules = -1;
  }
  absolute.totalRAMUsed = usage.ram;
  absolute.totalCoresUsed = usage.cores;
  absolute.totalInstancesUsed = usage.instances;
  if (v.lessThan('2.36')) {
    absolute.totalFloatingIpsUsed = 0;
    absolute.totalSecurityGroupsUsed = 0;
  }
  absolute.totalServerGroupsUsed = usage.serverGroups;
  return { limits: { rate: [], absolute } };
}
