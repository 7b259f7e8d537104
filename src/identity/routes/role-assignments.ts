// GET /v3/role_assignments (keystone/api/role_assignments.py): filters, effective, include_names.
import { RoleAssignmentList } from '../schemas/responses.js';
import type { RouteDeclaration, IdentityCall } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { badRequest } from '../identity-errors.js';
import { queryTrue } from './lookups.js';
import type { EffectiveAssignment } from '../effective-assignments.js';

function format(c: IdentityCall, a: EffectiveAssignment, names: boolean): Record<string, unknown> {
  const { stores } = c.core;
  const domainRef = (id: string) => ({ id, name: stores.domains.get(id)?.name ?? id });
  const out: Record<string, unknown> = {};
  const links: Record<string, string> = {};
  let link = '';
  if (a.targetType === 'project') {
    const p = stores.projects.get(a.targetId);
    out.scope = { project: names && p ? { id: p.id, name: p.name, domain: domainRef(p.domainId) } : { id: a.targetId } };
    link = `/projects/${a.targetId}`;
  } else if (a.targetType === 'domain') {
    const d = stores.domains.get(a.targetId);
    out.scope = { domain: names && d ? { id: d.id, name: d.name } : { id: a.targetId } };
    link = `/domains/${a.targetId}`;
  } else {
    out.scope = { system: { all: true } };
    link = '/system';
  }
  if (a.actorType === 'user') {
    const u = stores.users.get(a.actorId);
    out.user = names && u ? { id: u.id, name: u.name, domain: domainRef(u.domainId) } : { id: a.actorId };
    if (a.indirect?.groupId) {
      links.membership = `${c.base}/groups/${a.indirect.groupId}/users/${a.actorId}`;
      link += `/groups/${a.indirect.groupId}`;
    } else {
      link += `/users/${a.actorId}`;
    }
  } else {
    const g = stores.groups.get(a.actorId);
    out.group = names && g ? { id: g.id, name: g.name, domain: domainRef(g.domainId) } : { id: a.actorId };
    link += `/groups/${a.actorId}`;
  }
  const role = stores.roles.get(a.roleId);
  out.role = names && role ? { id: role.id, name: role.name, ...(role.domainId !== null ? { domain: domainRef(role.domainId) } : {}) } : { id: a.roleId };
  if (a.indirect?.roleId) {
    link += `/roles/${a.indirect.roleId}`;
    links.prior_role = `${c.base}/prior_role/${a.roleId}/implies/${a.indirect.roleId}`;
  } else {
    link += `/roles/${a.roleId}`;
  }
  return { ...out, links: { assignment: `${c.base}${link}`, ...links } };
}

export const roleAssignmentRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/role_assignments', schema: { response: { 200: RoleAssignmentList, ...ERRORS } },
    handler: (c) => {
      const q = c.query;
      c.can('identity:list_role_assignments', { projectId: q['scope.project.id'], domainId: q['scope.domain.id'] });
      const effective = queryTrue(q, 'effective');
      if (q['scope.project.id'] && q['scope.domain.id']) throw badRequest('Specify a domain or project, not both');
      if (q['scope.domain.id'] && q['scope.system']) throw badRequest('Specify system or domain, not both');
      if (q['scope.project.id'] && q['scope.system']) throw badRequest('Specify system or project, not both');
      if (q['user.id'] && q['group.id']) throw badRequest('Specify a user or group, not both');
      if (effective && q['group.id']) throw badRequest('Combining effective and group filter will always result in an empty list.');
      const rows = effective ? c.core.effectiveAssignments() : c.core.stores.assignments.list();
      const picked = rows.filter((a) => (q['user.id'] === undefined || (a.actorType === 'user' && a.actorId === q['user.id']))
        && (q['group.id'] === undefined || (a.actorType === 'group' && a.actorId === q['group.id']))
        && (q['role.id'] === undefined || a.roleId === q['role.id'])
        && (q['scope.project.id'] === undefined || (a.targetType === 'project' && a.targetId === q['scope.project.id']))
        && (q['scope.domain.id'] === undefined || (a.targetType === 'domain' && a.targetId === q['scope.domain.id']))
        && (q['scope.system'] === undefined || a.targetType === 'system')
        // inherited assignments are not served: asking for them finds none
        && q['scope.OS-INHERIT:inherited_to'] === undefined);
      const names = queryTrue(q, 'include_names');
      return { status: 200, body: { role_assignments: picked.map((a) => format(c, a, names)), links: { self: c.selfUrl, previous: null, next: null } } };
    },
  },
];
