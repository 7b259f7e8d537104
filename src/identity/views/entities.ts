// Keystone's JSON for each entity (the *Resource wrap_member of keystone/api/*.py): pure
// row + links base -> body. `base` is the v3 root the client used, e.g. http://host/identity/v3.
import type { DomainRow } from '../store/domains-store.js';
import type { ProjectRow } from '../store/projects-store.js';
import type { UserRow } from '../store/users-store.js';
import type { GroupRow } from '../store/groups-store.js';
import type { RoleRow } from '../store/roles-store.js';
import type { AppCredentialRow } from '../store/app-credentials-store.js';

export const selfLink = (base: string, collection: string, id: string) => ({ self: `${base}/${collection}/${id}` });

/** A collection: the members and keystone's links (no paging: keystone lists everything). */
export function collection(name: string, members: unknown[], selfUrl: string): Record<string, unknown> {
  return { [name]: members, links: { next: null, self: selfUrl, previous: null } };
}

export function renderDomain(d: DomainRow, base: string): Record<string, unknown> {
  return { id: d.id, name: d.name, description: d.description ?? '', enabled: d.enabled, tags: d.tags, options: {}, ...d.extra, links: selfLink(base, 'domains', d.id) };
}

export function renderProject(p: ProjectRow, base: string): Record<string, unknown> {
  return {
    id: p.id, name: p.name, domain_id: p.domainId, description: p.description ?? '', enabled: p.enabled,
    // a top-level project's parent is its domain (projects acting as domains)
    parent_id: p.parentId ?? p.domainId, is_domain: false, tags: p.tags, options: {}, ...p.extra,
    links: selfLink(base, 'projects', p.id),
  };
}

export function renderUser(u: UserRow, base: string): Record<string, unknown> {
  return {
    ...u.extra,
    id: u.id, name: u.name, domain_id: u.domainId, enabled: u.enabled,
    ...(u.defaultProjectId !== null ? { default_project_id: u.defaultProjectId } : {}),
    ...(u.description !== null ? { description: u.description } : {}),
    password_expires_at: null, options: u.options,
    links: selfLink(base, 'users', u.id),
  };
}

export function renderGroup(g: GroupRow, base: string): Record<string, unknown> {
  return { ...g.extra, id: g.id, name: g.name, domain_id: g.domainId, description: g.description ?? '', links: selfLink(base, 'groups', g.id) };
}

export function renderRole(r: RoleRow, base: string): Record<string, unknown> {
  return { id: r.id, name: r.name, domain_id: r.domainId, description: r.description, options: r.options, links: selfLink(base, 'roles', r.id) };
}

export function renderAppCredential(c: AppCredentialRow, roles: RoleRow[], base: string, secret?: string): Record<string, unknown> {
  return {
    id: c.id, name: c.name, description: c.description, user_id: c.userId, project_id: c.projectId, system: null,
    // keystone stores unrestricted only when it was asked for
    expires_at: c.expiresAt, unrestricted: c.unrestricted ? true : null,
    roles: roles.map((r) => ({ id: r.id, name: r.name, domain_id: r.domainId, description: r.description, options: r.options })),
    ...(secret !== undefined ? { secret } : {}),
    links: { self: `${base}/application_credentials/${c.id}` },
  };
}
