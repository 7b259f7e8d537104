// Who is calling. Every service reads it through authFromHeaders; how a token becomes a caller
// is decided once per request by the token resolution hook (auth-resolution.ts), in one of two
// modes (AUTH_MODE):
//  - a token the identity service issued is that user, scope and roles, whatever the headers say;
//  - `keystone` mode: anything else is no caller (every service answers 401);
//  - `permissive` mode: any other token is read as noauth2, as the real services' functional
//    tests do (placement/auth.py NoAuthMiddleware + oslo.context from_environ):
//    - token 'user:project' is that user in that project ('user' alone: project = user);
//    - a token that cannot be such a name (empty, blank space in it) or that has the shape of an
//      issued one (fernet's `gAAAAA`: expired, revoked, or from another cloud) is no caller, so
//      clients see the 401 that makes them sign in again (gophercloud's reauth, keystoneauth's);
//    - roles: `x-roles` (comma-separated) when sent, else ['admin'] for user 'admin', else none;
//    - `openstack-system-scope: all` gives system scope, and then the token sets no project;
//    - `x-project-id` names the project explicitly (oslo.context prefers it to the token's).
export interface AuthContext {
  readonly token: string;
  readonly userId: string;
  /** The project the request is scoped to (the token's unless x-project-id says otherwise). */
  readonly projectId: string;
  readonly roles: readonly string[];
  readonly systemScope: string | null;
  readonly isAdmin: boolean;
  /** Set for a token the identity service issued: its scope and roles are final. */
  readonly issued?: {
    readonly userName: string;
    /** the domain of a domain-scoped token */
    readonly domainId: string | null;
    readonly projectDomainId: string | null;
    readonly auditId: string;
  };
}

export type Headers = Record<string, string | string[] | undefined>;

/** Set by the resolution hook for each request: the caller (or null) that its token resolved to. */
const resolved = new WeakMap<object, AuthContext | null>();

export function recordAuth(headers: Headers, auth: AuthContext | null): void {
  resolved.set(headers, auth);
}

export function authFromHeaders(headers: Headers): AuthContext | null {
  const known = resolved.get(headers);
  if (known !== undefined || resolved.has(headers)) return known ?? null;
  // a request that did not pass the hook (a unit test calling a service directly)
  return noauthFromHeaders(headers);
}

/** `user` or `user:project`: no blank space, a user name without a colon. */
const NOAUTH_TOKEN = /^[^\s:]+(?::\S*)?$/;
/** what every token the identity service issues starts with (tokens.ts, fernet's version byte) */
export const ISSUED_TOKEN_PREFIX = 'gAAAAA';

/** permissive mode's reading of a token that was not issued here. */
export function noauthFromHeaders(headers: Headers): AuthContext | null {
  const token = first(headers['x-auth-token']);
  if (token === undefined || !NOAUTH_TOKEN.test(token) || token.startsWith(ISSUED_TOKEN_PREFIX)) return null;
  const sep = token.indexOf(':');
  const userId = sep < 0 ? token : token.slice(0, sep);
  const tokenProject = (sep < 0 ? '' : token.slice(sep + 1)) || userId;
  const rolesHeader = first(headers['x-roles']);
  const roles: string[] = [];
  if (rolesHeader !== undefined) {
    // a loop, not .map().filter(): see providersWithRoom (placement/allocation-candidates/provider-snapshot.ts)
    for (const r of rolesHeader.split(',')) { const role = r.trim(); if (role) roles.push(role); }
  } else if (userId === 'admin') roles.push('admin');
  const systemScope = first(headers['openstack-system-scope']) || null;
  const projectId = first(headers['x-project-id']) || tokenProject;
  return { token, userId, projectId, roles, systemScope, isAdmin: roles.includes('admin') };
}

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
