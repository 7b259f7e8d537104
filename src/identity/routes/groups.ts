// /v3/groups (keystone/api/groups.py) and membership.
import { GroupList, GroupShow, UserList } from '../schemas/responses.js';
import type { RouteDeclaration } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { GroupCreate, GroupUpdate } from '../schemas/resources.js';
import { collection, renderGroup, renderUser } from '../views/entities.js';
import { IdentityError, badRequest, conflict, notFound } from '../identity-errors.js';
import { groupOr404, matchesEnabled, matchesName, userOr404 } from './lookups.js';
import type { GroupRow } from '../store/groups-store.js';

const GROUP_FIELDS = new Set(['id', 'name', 'domain_id', 'description', 'links']);
const extraOf = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => !GROUP_FIELDS.has(k)));
const duplicate = (name: string, domainId: string) => conflict('group', `Duplicate entry found with name ${name} at domain ID ${domainId}`);

export const groupRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/groups', schema: { response: { 200: GroupList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_groups', { domainId: c.query.domain_id });
      const rows = c.core.stores.groups.list().filter((g) => matchesName(c.query, g.name) && (c.query.domain_id === undefined || g.domainId === c.query.domain_id));
      return { status: 200, body: collection('groups', rows.map((g) => renderGroup(g, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'POST', path: '/v3/groups', schema: { body: GroupCreate, response: { 201: GroupShow, ...ERRORS } },
    handler: (c) => {
      const b = c.body.group as Record<string, any>;
      const domainId: string = b.domain_id ?? c.caller.issued?.projectDomainId ?? c.caller.issued?.domainId ?? 'default';
      c.can('identity:create_group', { domainId });
      if (!c.core.stores.domains.get(domainId)) throw notFound('domain', domainId);
      if (c.core.stores.groups.getByName(domainId, b.name)) throw duplicate(b.name, domainId);
      const row: GroupRow = { id: c.core.newId(), name: b.name, domainId, description: b.description ?? '', extra: extraOf(b) };
      c.core.write(() => c.core.stores.groups.insert(row));
      return { status: 201, body: { group: renderGroup(row, c.base) } };
    },
  },
  {
    method: 'GET', path: '/v3/groups/:group_id', schema: { response: { 200: GroupShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_group');
      return { status: 200, body: { group: renderGroup(groupOr404(c.core, c.params.group_id!), c.base) } };
    },
  },
  {
    method: 'PATCH', path: '/v3/groups/:group_id', schema: { body: GroupUpdate, response: { 200: GroupShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_group');
      const g = groupOr404(c.core, c.params.group_id!);
      const b = c.body.group as Record<string, any>;
      if (b.domain_id !== undefined && b.domain_id !== g.domainId) throw badRequest('Update of `domain_id` is not allowed.');
      if (b.name !== undefined && b.name !== g.name && c.core.stores.groups.getByName(g.domainId, b.name)) throw duplicate(b.name, g.domainId);
      const next: GroupRow = { ...g, name: b.name ?? g.name, description: b.description !== undefined ? b.description : g.description, extra: { ...g.extra, ...extraOf(b) } };
      c.core.write(() => c.core.stores.groups.update(next));
      return { status: 200, body: { group: renderGroup(next, c.base) } };
    },
  },
  {
    method: 'DELETE', path: '/v3/groups/:group_id', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:delete_group');
      const g = groupOr404(c.core, c.params.group_id!);
      c.core.write(() => {
        c.core.stores.assignments.deleteActor('group', g.id);
        c.core.stores.groups.delete(g.id);
      });
      return { status: 204 };
    },
  },
  {
    method: 'GET', path: '/v3/groups/:group_id/users', schema: { response: { 200: UserList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_users_in_group');
      const g = groupOr404(c.core, c.params.group_id!);
      const rows = c.core.stores.groups.memberIds(g.id).map((id) => c.core.stores.users.get(id)!).filter((u) => (c.query.name === undefined || u.name === c.query.name) && matchesEnabled(c.query, u.enabled));
      return { status: 200, body: collection('users', rows.map((u) => renderUser(u, c.base)), c.selfUrl) };
    },
  },
  ...(['PUT', 'HEAD', 'GET', 'DELETE'] as const).map((method): RouteDeclaration => ({
    method, path: '/v3/groups/:group_id/users/:user_id', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can(method === 'PUT' ? 'identity:add_user_to_group' : method === 'DELETE' ? 'identity:remove_user_from_group' : 'identity:check_user_in_group');
      const g = groupOr404(c.core, c.params.group_id!);
      const u = userOr404(c.core, c.params.user_id!);
      if (method === 'PUT') {
        c.core.write(() => c.core.stores.groups.addMember(g.id, u.id));
      } else if (!c.core.stores.groups.isMember(g.id, u.id)) {
        throw new IdentityError(404, `User '${u.id}' not found in group '${g.id}'`);
      } else if (method === 'DELETE') {
        c.core.write(() => c.core.stores.groups.removeMember(g.id, u.id));
      }
      return { status: 204 };
    },
  })),
];
