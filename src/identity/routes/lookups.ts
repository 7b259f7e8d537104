// Find-or-404 for the entities URLs name, in keystone's words.
import type { IdentityCore } from '../identity-service.js';
import { notFound } from '../identity-errors.js';
import type { ProjectRow } from '../store/projects-store.js';
import type { UserRow } from '../store/users-store.js';
import type { GroupRow } from '../store/groups-store.js';
import type { RoleRow } from '../store/roles-store.js';
import type { DomainRow } from '../store/domains-store.js';

export const projectOr404 = (core: IdentityCore, id: string): ProjectRow => core.stores.projects.get(id) ?? throwIt(notFound('project', id));
export const userOr404 = (core: IdentityCore, id: string): UserRow => core.stores.users.get(id) ?? throwIt(notFound('user', id));
export const groupOr404 = (core: IdentityCore, id: string): GroupRow => core.stores.groups.get(id) ?? throwIt(notFound('group', id));
export const roleOr404 = (core: IdentityCore, id: string): RoleRow => core.stores.roles.get(id) ?? throwIt(notFound('role', id));
export const domainOr404 = (core: IdentityCore, id: string): DomainRow => core.stores.domains.get(id) ?? throwIt(notFound('domain', id));

function throwIt(e: Error): never { throw e; }

/** keystone's boolean query filters (enabled=false, effective, include_names): '' and '0'/'false' differ. */
export function queryTrue(query: Readonly<Record<string, string>>, key: string): boolean {
  if (!(key in query)) return false;
  const v = query[key]!.toLowerCase();
  return v === '' || !['0', 'false', 'no', 'off', 'n', 'f'].includes(v);
}

/** ?enabled=... as keystone reads it (strutils.bool_from_string) */
export function matchesEnabled(query: Readonly<Record<string, string>>, enabled: boolean): boolean {
  if (!('enabled' in query)) return true;
  return ['1', 'true', 'yes', 'on', 't', 'y'].includes(query.enabled!.toLowerCase()) === enabled;
}

/** keystone's name filters: name, and the inexact name__contains, __startswith, __endswith (i: ignore case).
 * The inexact ones ignore case whatever the prefix, as keystone's LIKE does on devstack's MySQL. */
export function matchesName(query: Readonly<Record<string, string>>, name: string): boolean {
  if (query.name !== undefined && name !== query.name) return false;
  const lower = name.toLowerCase();
  const tests: [string, (v: string) => boolean][] = [
    ['name__contains', (v) => lower.includes(v.toLowerCase())], ['name__icontains', (v) => lower.includes(v.toLowerCase())],
    ['name__startswith', (v) => lower.startsWith(v.toLowerCase())], ['name__istartswith', (v) => lower.startsWith(v.toLowerCase())],
    ['name__endswith', (v) => lower.endsWith(v.toLowerCase())], ['name__iendswith', (v) => lower.endsWith(v.toLowerCase())],
  ];
  return tests.every(([key, test]) => query[key] === undefined || test(query[key]!));
}
