// The boot side of server groups (nova/compute/api.py): the `group` scheduler hint names an
// existing group (_get_requested_instance_group), and each new instance joins it after the
// server_group_members quota check (_provision_instances), all inside the create transaction.
import { ApiError } from '../../http/api-error.js';
import type { ComputeStore } from '../../compute-db/compute-store.js';
import type { ServerGroupRecord } from '../../compute-db/server-groups-store.js';
import type { RequestContext } from '../../compute-db/records.js';

/** InstanceGroup.get_by_uuid (non-admins: their project's groups only); InstanceGroupNotFound is a 400 on create. */
export function requestedGroup(store: ComputeStore, ctx: RequestContext, uuid: string | null | undefined): ServerGroupRecord | null {
  if (!uuid) return null;
  const g = store.serverGroups.get(uuid);
  if (!g || (!ctx.isAdmin && g.projectId !== ctx.projectId)) throw new ApiError(400, null, `Instance group ${uuid} could not be found.`);
  return g;
}

/**
 * Quotas.check_deltas({'server_group_members': 1}, group, user_id): the user's live members of
 * the group (those added earlier in this request included) against the user's limit, then
 * InstanceGroup.add_members. A refusal is nova's OverQuota message (403).
 */
export function joinGroup(store: ComputeStore, group: ServerGroupRecord, instanceUuid: string, projectId: string, userId: string): void {
  const limit = store.quotas.limits(projectId, userId).server_group_members ?? -1;
  if (limit >= 0 && store.serverGroups.countMembersByUser(group.id, userId) + 1 > limit) {
    throw new ApiError(403, null, 'Quota exceeded, too many servers in group');
  }
  store.serverGroups.addMember(group.id, instanceUuid);
}
