// The compute's late server-group check (nova/compute/manager.py _validate_instance_group_policy),
// run right after the instance claim set instance.host: the scheduler's filters may not have seen
// the latest members (a race between boots) or were skipped (a forced host), and a violation is
// GroupAffinityViolation, which the build turns into RescheduledByPolicyException.
import { novaError } from '../nova-exceptions/nova-error.js';
import type { Engine } from './engine.js';

/** MigrationList.get_in_progress_by_host_and_node: every status but these. */
const SETTLED = new Set(['confirmed', 'reverted', 'error', 'failed', 'completed', 'cancelled', 'done']);

export function validateInstanceGroupPolicy(e: Engine, instanceUuid: string, host: string): void {
  const group = e.store.serverGroups.groupOf(instanceUuid);
  if (!group) return;
  if (group.policy === 'anti-affinity') {
    // instances on the host and those migrating to or from it, members other than this one
    const onHost = new Set(e.store.instances.list({ host }).map((i) => i.uuid));
    for (const m of e.store.migrations.list({ host })) if (!SETTLED.has(m.status)) onHost.add(m.instanceUuid);
    const others = group.members.filter((u) => u !== instanceUuid && onHost.has(u));
    if (others.length >= (group.rules.max_server_per_host ?? 1)) throw novaError('GroupAffinityViolation', { policy: 'Anti-affinity' });
  } else if (group.policy === 'affinity') {
    const hosts = e.store.serverGroups.hosts(group.id, instanceUuid);
    if (hosts.length > 0 && !hosts.includes(host)) throw novaError('GroupAffinityViolation', { policy: 'Affinity' });
  }
}
