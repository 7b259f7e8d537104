// Server groups in the scheduler: scheduler_utils.setup_instance_group (the group the instance
// is a member of, its policy, rules, members and the hosts they are on), the filters
// ServerGroupAntiAffinityFilter / ServerGroupAffinityFilter (nova/scheduler/filters/
// affinity_filter.py) and the values of the soft (anti-)affinity weighers (weights/affinity.py).
import type { ComputeStore } from '../compute-db/compute-store.js';

export interface GroupPlacement {
  readonly uuid: string;
  readonly policy: string;
  readonly rules: Readonly<Record<string, number>>;
  /** The instance being scheduled (a move may keep it on its own host). */
  readonly instanceUuid: string;
  /** group.hosts: where the group's live members are (the instance itself included). */
  readonly hosts: ReadonlySet<string>;
  /** host_state.instances ∩ group.members, per host. */
  readonly membersOn: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The hosts the scheduler picked for members whose compute has not set instance.host yet
 * (_consume_selected_host adds them to the group's hosts and to host_state.instances, so that
 * the next instance of a multi-create sees them). Entries matter only while that is so.
 */
export class PendingPlacements {
  private readonly byInstance = new Map<string, string>();
  record(instanceUuid: string, host: string): void { this.byInstance.set(instanceUuid, host); }
  forget(instanceUuid: string): void { this.byInstance.delete(instanceUuid); }
  get(instanceUuid: string): string | undefined { return this.byInstance.get(instanceUuid); }
  clear(): void { this.byInstance.clear(); }
}

/** setup_instance_group / _get_group_details: null when the instance is in no group. */
export function groupPlacement(store: ComputeStore, pending: PendingPlacements, instanceUuid: string): GroupPlacement | null {
  const g = store.serverGroups.groupOf(instanceUuid);
  if (!g) return null;
  const hosts = new Set<string>();
  const membersOn = new Map<string, Set<string>>();
  for (const uuid of g.members) {
    const inst = store.instances.get(uuid);
    if (!inst || inst.deleted) { pending.forget(uuid); continue; }
    let host = inst.host;
    if (host) pending.forget(uuid);
    else if (inst.vmState === 'building') host = pending.get(uuid) ?? null;
    if (!host) continue;
    hosts.add(host);
    if (!membersOn.has(host)) membersOn.set(host, new Set());
    membersOn.get(host)!.add(uuid);
  }
  return { uuid: g.uuid, policy: g.policy, rules: g.rules, instanceUuid, hosts, membersOn };
}

/** ServerGroupAntiAffinityFilter and ServerGroupAffinityFilter for one host. */
export function passesGroupFilters(g: GroupPlacement | null, host: string): boolean {
  if (!g) return true;
  const onHost = g.membersOn.get(host) ?? new Set<string>();
  if (g.policy === 'anti-affinity') {
    // a move may land back on the instance's own host (same-host resize)
    if (onHost.has(g.instanceUuid)) return true;
    const max = g.rules.max_server_per_host ?? 1;
    return onHost.size < max;
  }
  if (g.policy === 'affinity') return g.hosts.size === 0 || g.hosts.has(host);
  return true;
}

/** _SoftAffinityWeigherBase._weigh_object per weigher: members on the host (negated for anti). */
export function softAffinityValue(g: GroupPlacement | null, host: string, policy: 'soft-affinity' | 'soft-anti-affinity'): number {
  if (!g || g.policy !== policy) return 0;
  const n = g.membersOn.get(host)?.size ?? 0;
  return policy === 'soft-affinity' ? n : -n;
}
