// Server group writes (nova/api/openstack/compute/server_groups.py create/delete over
// objects/instance_group.py): the server_groups quota of the project and of the user, the
// 2.64 rule that only anti-affinity takes rules.
import { ApiError } from '../../http/api-error.js';
import type { RequestContext } from '../../compute-db/records.js';
import type { ServerGroupRecord } from '../../compute-db/server-groups-store.js';
import type { ApiContext } from './api-context.js';

export interface NewServerGroup {
  name: string;
  policy: string;
  /** 2.64; null before. */
  rules: Record<string, unknown> | null;
}

export interface ServerGroupsApi {
  create(ctx: RequestContext, req: NewServerGroup): ServerGroupRecord;
  delete(group: ServerGroupRecord): void;
}

export function createServerGroupsApi(c: ApiContext): ServerGroupsApi {
  const store = c.store;

  /** Quotas.check_deltas(server_groups: 1) over the project and the user limits. */
  function checkGroupQuota(projectId: string, userId: string): void {
    const projectLimit = store.quotas.limits(projectId).server_groups ?? -1;
    const userLimit = store.quotas.limits(projectId, userId).server_groups ?? -1;
    const over = (projectLimit >= 0 && store.serverGroups.count(projectId) + 1 > projectLimit)
      || (userLimit >= 0 && store.serverGroups.count(projectId, userId) + 1 > userLimit);
    if (over) throw new ApiError(403, null, 'Quota exceeded, too many server groups.');
  }

  return {
    create(ctx, req) {
      checkGroupQuota(ctx.projectId, ctx.userId);
      if (req.rules !== null && req.policy !== 'anti-affinity' && Object.keys(req.rules).length > 0) {
        throw new ApiError(400, null, 'Only anti-affinity policy supports rules.');
      }
      return store.serverGroups.create({
        uuid: c.engine.runtime.ids.uuid(), name: req.name, projectId: ctx.projectId, userId: ctx.userId, policy: req.policy, rules: req.rules,
      });
    },
    delete(g) {
      if (!store.serverGroups.delete(g.uuid)) throw new ApiError(404, null, `Instance group ${g.uuid} could not be found.`);
    },
  };
}
