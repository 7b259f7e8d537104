// /v3/users (keystone/api/users.py): users, their password, projects and groups.
import { GroupList, ProjectList, UserList, UserShow } from '../schemas/responses.js';
import type { RouteDeclaration } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { PasswordChange, UserCreate, UserUpdate } from '../schemas/resources.js';
import { collection, renderGroup, renderProject, renderUser } from '../views/entities.js';
import { badRequest, conflict, notFound, unauthorized } from '../identity-errors.js';
import { matchesEnabled, matchesName, userOr404 } from './lookups.js';
import { checkPassword, hashPassword, MAX_PASSWORD_LENGTH } from '../passwords.js';
import type { UserRow } from '../store/users-store.js';

const ENTITY_FIELDS = new Set(['id', 'name', 'domain_id', 'password', 'default_project_id', 'description', 'enabled', 'options', 'links', 'password_expires_at']);
const extraOf = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => !ENTITY_FIELDS.has(k)));

/** keystone/identity/backends/resource_options.py */
const USER_OPTIONS = new Set(['ignore_change_password_upon_first_use', 'ignore_password_expiry', 'ignore_lockout_failure_attempts', 'lock_password', 'multi_factor_auth_enabled', 'multi_factor_auth_rules', 'ignore_user_inactivity']);

function checkOptions(options: Record<string, unknown> | undefined): void {
  for (const key of Object.keys(options ?? {})) if (!USER_OPTIONS.has(key)) throw badRequest(`Invalid input for field 'options': Additional properties are not allowed ('${key}' was unexpected)`);
}

function checkPasswordLength(password: unknown): void {
  if (typeof password === 'string' && password.length > MAX_PASSWORD_LENGTH) {
    throw badRequest(`The password length must be less than or equal to ${MAX_PASSWORD_LENGTH}. The server could not comply with the request because the password is invalid.`);
  }
}

const duplicate = (name: string, domainId: string) => conflict('user', `Duplicate entry found with name ${name} at domain ID ${domainId}`);

export const userRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/users', schema: { response: { 200: UserList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_users', { domainId: c.query.domain_id });
      const q = c.query;
      const rows = c.core.stores.users.list().filter((u) => matchesName(q, u.name)
        && (q.domain_id === undefined || u.domainId === q.domain_id) && matchesEnabled(q, u.enabled));
      return { status: 200, body: collection('users', rows.map((u) => renderUser(u, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'POST', path: '/v3/users', schema: { body: UserCreate, response: { 201: UserShow, ...ERRORS } },
    handler: (c) => {
      const b = c.body.user as Record<string, any>;
      const domainId: string = b.domain_id ?? c.caller.issued?.projectDomainId ?? c.caller.issued?.domainId ?? 'default';
      c.can('identity:create_user', { domainId });
      if (!c.core.stores.domains.get(domainId)) throw notFound('domain', domainId);
      checkOptions(b.options);
      checkPasswordLength(b.password);
      if (c.core.stores.users.getByName(domainId, b.name)) throw duplicate(b.name, domainId);
      const row: UserRow = {
        id: c.core.newId(), name: b.name, domainId,
        passwordHash: typeof b.password === 'string' ? hashPassword(b.password) : null,
        defaultProjectId: b.default_project_id ?? null, description: b.description ?? null,
        enabled: b.enabled ?? true, options: b.options ?? {}, extra: extraOf(b),
      };
      c.core.write(() => c.core.stores.users.insert(row));
      return { status: 201, body: { user: renderUser(row, c.base) } };
    },
  },
  {
    method: 'GET', path: '/v3/users/:user_id', schema: { response: { 200: UserShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_user', { userId: c.params.user_id });
      return { status: 200, body: { user: renderUser(userOr404(c.core, c.params.user_id!), c.base) } };
    },
  },
  {
    method: 'PATCH', path: '/v3/users/:user_id', schema: { body: UserUpdate, response: { 200: UserShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_user', { userId: c.params.user_id });
      const u = userOr404(c.core, c.params.user_id!);
      const b = c.body.user as Record<string, any>;
      if (b.domain_id !== undefined && b.domain_id !== u.domainId) throw badRequest('Update of `domain_id` is not allowed.');
      checkOptions(b.options);
      checkPasswordLength(b.password);
      if (b.name !== undefined && b.name !== u.name && c.core.stores.users.getByName(u.domainId, b.name)) throw duplicate(b.name, u.domainId);
      const next: UserRow = {
        ...u, name: b.name ?? u.name,
        passwordHash: b.password !== undefined ? (b.password === null ? null : hashPassword(b.password)) : u.passwordHash,
        defaultProjectId: b.default_project_id !== undefined ? b.default_project_id : u.defaultProjectId,
        description: b.description !== undefined ? b.description : u.description,
        enabled: b.enabled ?? u.enabled, options: { ...u.options, ...(b.options ?? {}) }, extra: { ...u.extra, ...extraOf(b) },
      };
      c.core.write(() => {
        c.core.stores.users.update(next);
        // a new password or a disabled account ends the user's sessions, as keystone revokes them
        if (b.password !== undefined || next.enabled === false) c.tokens.revokeUser(u.id);
      });
      return { status: 200, body: { user: renderUser(next, c.base) } };
    },
  },
  {
    method: 'DELETE', path: '/v3/users/:user_id', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:delete_user', { userId: c.params.user_id });
      const u = userOr404(c.core, c.params.user_id!);
      c.core.write(() => {
        c.core.stores.assignments.deleteActor('user', u.id);
        c.core.stores.users.delete(u.id);
        c.tokens.revokeUser(u.id);
      });
      return { status: 204 };
    },
  },
  {
    method: 'POST', path: '/v3/users/:user_id/password', schema: { body: PasswordChange, response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      // no policy: the original password is the proof (keystone's change_password)
      const u = c.core.stores.users.get(c.params.user_id!);
      const b = c.body.user as { password: string; original_password: string };
      if (!u || !checkPassword(b.original_password, u.passwordHash)) throw unauthorized();
      checkPasswordLength(b.password);
      c.core.write(() => {
        c.core.stores.users.update({ ...u, passwordHash: hashPassword(b.password) });
        c.tokens.revokeUser(u.id);
      });
      return { status: 204 };
    },
  },
  {
    method: 'GET', path: '/v3/users/:user_id/projects', schema: { response: { 200: ProjectList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_user_projects', { userId: c.params.user_id });
      const u = userOr404(c.core, c.params.user_id!);
      const ids = new Set(c.core.effectiveAssignments().filter((a) => a.actorType === 'user' && a.actorId === u.id && a.targetType === 'project').map((a) => a.targetId));
      const rows = [...ids].map((id) => c.core.stores.projects.get(id)).filter((p) => p !== null)
        .filter((p) => (c.query.name === undefined || p!.name === c.query.name) && matchesEnabled(c.query, p!.enabled) && (c.query.domain_id === undefined || p!.domainId === c.query.domain_id));
      return { status: 200, body: collection('projects', rows.map((p) => renderProject(p!, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'GET', path: '/v3/users/:user_id/groups', schema: { response: { 200: GroupList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_groups_for_user', { userId: c.params.user_id });
      const u = userOr404(c.core, c.params.user_id!);
      const rows = c.core.stores.groups.groupIdsOf(u.id).map((id) => c.core.stores.groups.get(id)!).filter((g) => c.query.name === undefined || g.name === c.query.name);
      return { status: 200, body: collection('groups', rows.map((g) => ({ ...renderGroup(g, c.base), membership_expires_at: null })), c.selfUrl) };
    },
  },
];

