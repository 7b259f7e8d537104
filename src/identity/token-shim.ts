// Keystone v3 password/token authentication reduced to what novamock's noauth services
// understand: the issued token is `user:project`, which every service parses (auth-context.ts),
// and user `admin` gets the admin role there. Passwords are not checked: this is a test double.
export interface TokenScope {
  readonly userName: string;
  readonly projectName: string;
}

interface AuthBody {
  auth?: {
    identity?: {
      methods?: unknown;
      password?: { user?: { name?: unknown; id?: unknown } };
      token?: { id?: unknown };
    };
    scope?: unknown;
  };
}

export class IdentityError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** The user and project a POST /v3/auth/tokens body asks for, or an IdentityError as keystone words it. */
export function scopeFromAuthBody(body: unknown): TokenScope {
  const auth = (body as AuthBody | null)?.auth;
  const identity = auth?.identity;
  if (!identity || !Array.isArray(identity.methods)) throw new IdentityError(400, "'identity' is a required property");
  let userName: string | undefined;
  if (identity.methods.includes('password')) {
    const user = identity.password?.user;
    const name = user?.name ?? user?.id;
    if (typeof name !== 'string' || name === '') throw new IdentityError(400, 'Expecting to find user in password. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.');
    userName = name;
  } else if (identity.methods.includes('token')) {
    const id = identity.token?.id;
    if (typeof id !== 'string' || id === '') throw new IdentityError(401, 'The request you have made requires authentication.');
    userName = id.split(':', 1)[0];
  } else {
    throw new IdentityError(401, 'The request you have made requires authentication.');
  }
  const scope = auth?.scope as { project?: { name?: unknown; id?: unknown } } | string | undefined;
  const project = typeof scope === 'object' ? scope.project : undefined;
  const projectName = typeof project?.id === 'string' ? project.id : typeof project?.name === 'string' ? project.name : userName!;
  return { userName: userName!, projectName };
}

export function tokenFor(scope: TokenScope): string {
  return `${scope.userName}:${scope.projectName}`;
}

export function parseToken(token: string): TokenScope | null {
  if (!token) return null;
  const sep = token.indexOf(':');
  const userName = sep < 0 ? token : token.slice(0, sep);
  const projectName = (sep < 0 ? '' : token.slice(sep + 1)) || userName;
  return userName ? { userName, projectName } : null;
}

export interface CatalogEntry { type: string; name: string; path: string }

export const CATALOG: readonly CatalogEntry[] = [
  { type: 'identity', name: 'keystone', path: '/identity' },
  { type: 'compute', name: 'nova', path: '/compute/v2.1' },
  { type: 'placement', name: 'placement', path: '/placement' },
  { type: 'image', name: 'glance', path: '/image' },
  // devstack registers Cinder under both types; since 3.67 the project id is optional in the URL
  { type: 'block-storage', name: 'cinder', path: '/volume/v3' },
  { type: 'volumev3', name: 'cinderv3', path: '/volume/v3' },
];

/** Keystone's token body (GET/POST /v3/auth/tokens). */
export function renderToken(scope: TokenScope, baseUrl: string, issuedAt: Date): Record<string, unknown> {
  const isAdmin = scope.userName === 'admin';
  const roles = isAdmin ? ['admin', 'member', 'reader'] : ['member', 'reader'];
  const domain = { id: 'default', name: 'Default' };
  return {
    token: {
      methods: ['password'],
      user: { id: scope.userName, name: scope.userName, domain, password_expires_at: null },
      project: { id: scope.projectName, name: scope.projectName, domain },
      roles: roles.map((r) => ({ id: r, name: r })),
      catalog: CATALOG.map((c) => ({
        id: c.name, type: c.type, name: c.name,
        endpoints: ['public', 'internal', 'admin'].map((iface) => ({
          id: `${c.name}-${iface}`, interface: iface, region: 'RegionOne', region_id: 'RegionOne', url: `${baseUrl}${c.path}`,
        })),
      })),
      is_domain: false,
      audit_ids: ['novamock'],
      issued_at: issuedAt.toISOString(),
      expires_at: new Date(issuedAt.getTime() + 24 * 3600 * 1000).toISOString(),
    },
  };
}
