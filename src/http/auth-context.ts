// Who is calling, from noauth2-style tokens as the real services use in their functional
// tests: 'admin' is an admin; 'user:project' is that user in that project. `x-roles`
// overrides the roles and `openstack-system-scope` sets system scope.
export interface AuthContext {
  readonly token: string;
  readonly userId: string;
  readonly projectId: string;
  readonly roles: readonly string[];
  readonly systemScope: string | null;
  readonly isAdmin: boolean;
}

export function authFromHeaders(headers: Record<string, string | string[] | undefined>): AuthContext | null {
  const token = first(headers['x-auth-token']);
  if (!token) return null;
  let userId: string;
  let projectId: string;
  let roles: string[];
  if (token === 'admin') {
    userId = 'admin';
    projectId = 'admin';
    roles = ['admin', 'member', 'reader'];
  } else {
    const [u, p] = token.split(':', 2);
    userId = u || token;
    projectId = p ?? u ?? token;
    roles = ['member', 'reader'];
  }
  const rolesHeader = first(headers['x-roles']);
  if (rolesHeader !== undefined) roles = rolesHeader.split(',').map((r) => r.trim()).filter(Boolean);
  const systemScope = first(headers['openstack-system-scope']) ?? null;
  return { token, userId, projectId, roles, systemScope, isAdmin: roles.includes('admin') };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
