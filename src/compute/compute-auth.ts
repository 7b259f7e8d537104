// Who is calling the compute API. Nova's functional environment (and so the real Nova served by
// nova-live) maps `x-auth-token: user[:project]` to that user with roles reader,member (+admin for
// user admin), and a token without a project to the fixtures' project. Placement keeps its own
// noauth2 rules (src/http/auth-context.ts); only the defaults differ, so this builds on it.
import { authFromHeaders, type AuthContext } from '../http/auth-context.js';

/** nova.tests.fixtures.nova.PROJECT_ID: hex of "openstack 4 ever". */
export const FIXTURE_PROJECT_ID = '6f70656e737461636b20342065766572';

export function computeAuthFromHeaders(headers: Record<string, string | string[] | undefined>): AuthContext | null {
  const base = authFromHeaders(headers);
  // an empty token is no token (401), as the real Nova answers
  if (!base || base.token === '') return null;
  // an issued keystone token carries its own project and roles
  if (base.issued) return base;
  const hasProject = base.token.includes(':') && base.token.slice(base.token.indexOf(':') + 1) !== '';
  const projectHeader = headers['x-project-id'] ?? headers['x-auth-project-id'];
  const projectId = typeof projectHeader === 'string' && projectHeader !== '' ? projectHeader
    : hasProject ? base.projectId : FIXTURE_PROJECT_ID;
  const rolesHeader = headers['x-roles'];
  const roles = typeof rolesHeader === 'string'
    ? base.roles
    : ['reader', 'member', ...(base.userId === 'admin' ? ['admin'] : [])];
  return { ...base, projectId, roles, isAdmin: roles.includes('admin') };
}
