// os-server-groups: list (all_projects for admins, offset/limit), create (quota, 2.64 rules),
// show, delete (nova/api/openstack/compute/server_groups.py).
import { ServerGroupList, ServerGroupShow } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { ApiError } from '../../http/api-error.js';
import { requireOwnerOrAdmin } from './policy.js';
import { serverGroupView } from '../views/server-groups.js';
import { serverGroupCreateBody, serverGroupsIndexQuery } from '../schemas/server-groups.js';
import type { ServerGroupRecord } from '../../compute-db/server-groups-store.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

/** [api] max_limit */
const MAX_LIMIT = 1000;
const RULE = 'os_compute_api:os-server-groups:';

function view(ctx: RouteContext, g: ServerGroupRecord) {
  return serverGroupView(g, ctx.service.store.serverGroups.liveMembers(g.id), ctx.version);
}

/** InstanceGroup.get_by_uuid (a non-admin reads their own project's groups only), then the policy. */
function findGroup(ctx: RouteContext, rule: string): ServerGroupRecord {
  const id = ctx.params.server_group_id!;
  const g = ctx.service.store.serverGroups.get(id);
  if (!g || (!ctx.auth.isAdmin && g.projectId !== ctx.auth.projectId)) throw new ApiError(404, null, `Instance group ${id} could not be found.`);
  requireOwnerOrAdmin(ctx.auth, g.projectId, RULE + rule);
  return g;
}

/** Quotas.check_deltas(server_groups: 1) over the project and the user limits. */
function checkGroupQuota(ctx: RouteContext): void {
  const { projectId, userId } = ctx.auth;
  const store = ctx.service.store;
  const projectLimit = store.quotas.limits(projectId).server_groups ?? -1;
  const userLimit = store.quotas.limits(projectId, userId).server_groups ?? -1;
  const over = (projectLimit >= 0 && store.serverGroups.count(projectId) + 1 > projectLimit)
    || (userLimit >= 0 && store.serverGroups.count(projectId, userId) + 1 > userLimit);
  if (over) throw new ApiError(403, null, 'Quota exceeded, too many server groups.');
}

/** common.limited: offset, then at most limit (0 or none = max_limit) items. */
function limited<T>(items: T[], query: Readonly<Record<string, string[]>>): T[] {
  const offset = query.offset ? parseInt(query.offset.at(-1)!, 10) : 0;
  const asked = query.limit ? parseInt(query.limit.at(-1)!, 10) : 0;
  const limit = Math.min(MAX_LIMIT, asked || MAX_LIMIT);
  return items.slice(offset, offset + limit);
}

export const serverGroupRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-server-groups', responses: { 200: ServerGroupList }, summary: 'List server groups', query: serverGroupsIndexQuery,
    handler: (ctx) => {
      // all_projects (any value) counts for admins only; others get their own project's groups
      const all = 'all_projects' in ctx.query && ctx.auth.isAdmin;
      const groups = ctx.service.store.serverGroups.list(all ? null : ctx.auth.projectId);
      return { status: 200, body: { server_groups: limited(groups, ctx.query).map((g) => view(ctx, g)) } };
    },
  },
  {
    method: 'POST', url: '/os-server-groups', responses: { 200: ServerGroupShow }, summary: 'Create a server group', body: serverGroupCreateBody,
    handler: (ctx) => {
      checkGroupQuota(ctx);
      const b = ctx.body.server_group as { name: string; policies?: string[]; policy?: string; rules?: Record<string, unknown> };
      let policy: string;
      let rules: Record<string, unknown> | null = null;
      if (ctx.version.atLeast('2.64')) {
        policy = b.policy!;
        rules = b.rules ?? {};
        if (policy !== 'anti-affinity' && Object.keys(rules).length > 0) throw new ApiError(400, null, 'Only anti-affinity policy supports rules.');
      } else {
        policy = b.policies![0]!;
      }
      const store = ctx.service.store;
      const g = store.serverGroups.create({
        uuid: ctx.service.runtime.ids.uuid(), name: b.name, projectId: ctx.auth.projectId, userId: ctx.auth.userId, policy, rules,
      });
      return { status: 200, body: { server_group: view(ctx, g) } };
    },
  },
  {
    method: 'GET', url: '/os-server-groups/:server_group_id', responses: { 200: ServerGroupShow }, summary: 'Show a server group',
    handler: (ctx) => ({ status: 200, body: { server_group: view(ctx, findGroup(ctx, 'show')) } }),
  },
  {
    method: 'DELETE', url: '/os-server-groups/:server_group_id', responses: { 204: NoBody }, summary: 'Delete a server group',
    handler: (ctx) => {
      const g = findGroup(ctx, 'delete');
      if (!ctx.service.store.serverGroups.delete(g.uuid)) throw new ApiError(404, null, `Instance group ${g.uuid} could not be found.`);
      return { status: 204 };
    },
  },
];
