// Who is calling, from noauth2 tokens as the real services use in their functional tests
// (placement/auth.py NoAuthMiddleware + oslo.context from_environ):
//  - token 'user:project' is that user in that project ('user' alone: project = user);
//  - roles: `x-roles` (comma-separated) when sent, else ['admin'] for user 'admin', else none;
//  - `openstack-system-scope: all` gives system scope, and then the token sets no project;
//  - `x-project-id` names the project explicitly (oslo.context prefers it to the token's).
export interface AuthContext {
  readonly token: string;
  readonly userId: string;
  /** The project the request is scoped to (the token's unless x-project-id says otherwise). */
  readonly projectId: string;
  readonly roles: readonly string[];
  readonly systemScope: string | null;
  readonly isAdmin: boolean;
}

export function authFromHeaders(headers: Record<string, string | string[] | undefined>): AuthContext | null {
  const token = first(headers['x-auth-token']);
  if (token === undefined) return null;
  const sep = token.indexOf(':');
  const userId = sep < 0 ? token : token.slice(0, sep);
  const tokenProject = (sep < 0 ? '' : token.slice(sep + 1)) || userId;
  const rolesHeader = first(headers['x-roles']);
  const roles = rolesHeader !== undefined
    ? rolesHeader.split(',').map((r) => r.trim()).filter(Boolean)
    : userId === 'admin' ? ['admin'] : [];
  const systemScope = first(headers['openstack-system-scope']) || null;
  const projectId = first(headers['x-project-id']) || tokenProject;
  return { token, userId, projectId, roles, systemScope, isAdmin: roles.includes('admin') };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
