// Role grants (keystone/api/projects.py, domains.py, system.py grant resources):
// /v3/{projects|domains}/{id}/{users|groups}/{id}/roles[/{role_id}] and /v3/system/{users|groups}/{id}/roles[/{role_id}].
import { RoleList } from '../schemas/responses.js';
import type { RouteDeclaration, IdentityCall } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { collection, renderRole } from '../views/entities.js';
import { IdentityError } from '../identity-errors.js';
import { domainOr404, groupOr404, projectOr404, roleOr404, userOr404 } from './lookups.js';
import type { ActorType, AssignmentRow, TargetType } from '../store/assignments-store.js';

type Target = { type: TargetType; param: string | null; prefix: string };
const TARGETS: Target[] = [
  { type: 'project', param: 'project_id', prefix: '/v3/projects/:project_id' },
  { type: 'domain', param: 'domain_id', prefix: '/v3/domains/:domain_id' },
  { type: 'system', param: null, prefix: '/v3/system' },
];
const ACTORS: { type: ActorType; segment: string; param: string }[] = [
  { type: 'user', segment: 'users', param: 'user_id' },
  { type: 'group', segment: 'groups', param: 'group_id' },
];

function resolve(c: IdentityCall, target: Target, actor: (typeof ACTORS)[number]) {
  // keystone looks the actor up first, then the target
  const actorId = actor.type === 'user' ? userOr404(c.core, c.params[actor.param]!).id : groupOr404(c.core, c.params[actor.param]!).id;
  const targetId = target.type === 'project' ? projectOr404(c.core, c.params.project_id!).id
    : target.type === 'domain' ? domainOr404(c.core, c.params.domain_id!).id : 'all';
  return { actorId, targetId };
}

const policyName = (target: Target, actor: ActorType, verb: 'create' | 'revoke' | 'check' | 'list') => target.type === 'system'
  ? `identity:${verb === 'create' ? 'create_system_grant_for_user' : verb === 'revoke' ? 'revoke_system_grant_for_user' : verb === 'check' ? 'check_system_grant_for_user' : 'list_system_grants_for_user'}`
  : `identity:${verb === 'create' ? 'create_grant' : verb === 'revoke' ? 'revoke_grant' : verb === 'check' ? 'check_grant' : 'list_grants'}`;

export const grantRoutes: RouteDeclaration[] = TARGETS.flatMap((target) => ACTORS.flatMap((actor): RouteDeclaration[] => {
  const base = `${target.prefix}/${actor.segment}/:${actor.param}/roles`;
  return [
    {
      method: 'GET', path: base, schema: { response: { 200: RoleList, ...ERRORS } },
      handler: (c) => {
        c.can(policyName(target, actor.type, 'list'), { projectId: c.params.project_id, domainId: c.params.domain_id });
        const { actorId, targetId } = resolve(c, target, actor);
        const roles = c.core.stores.assignments.ofActor(actor.type, actorId)
          .filter((a) => a.targetType === target.type && a.targetId === targetId)
          .map((a) => c.core.stores.roles.get(a.roleId)!);
        return { status: 200, body: collection('roles', roles.map((r) => renderRole(r, c.base)), c.selfUrl) };
      },
    },
    ...(['PUT', 'GET', 'HEAD', 'DELETE'] as const).map((method): RouteDeclaration => ({
      method, path: `${base}/:role_id`, schema: { response: { 204: NoBody, ...ERRORS } },
      handler: (c) => {
        c.can(policyName(target, actor.type, method === 'PUT' ? 'create' : method === 'DELETE' ? 'revoke' : 'check'), { projectId: c.params.project_id, domainId: c.params.domain_id });
        const { actorId, targetId } = resolve(c, target, actor);
        const role = roleOr404(c.core, c.params.role_id!);
        const row: AssignmentRow = { actorType: actor.type, actorId, targetType: target.type, targetId, roleId: role.id };
        if (method === 'PUT') {
          if (role.domainId !== null && target.type === 'project' && c.core.stores.projects.get(targetId)!.domainId !== role.domainId) {
            throw new IdentityError(403, `Project ${targetId} must be in the same domain as the role ${role.id} being assigned.`);
          }
          c.core.write(() => c.core.stores.assignments.insert(row));
          return { status: 204 };
        }
        if (!c.core.stores.assignments.exists(row)) {
          throw new IdentityError(404, `Could not find role assignment with role: ${role.id}, user or group: ${actorId}, project, domain, or system: ${targetId}.`);
        }
        if (method === 'DELETE') c.core.write(() => c.core.stores.assignments.delete(row));
        return { status: 204 };
      },
    })),
  ];
}));
