// Token issue and validation (keystone/auth/core.py, auth/plugins/*, token/provider.py).
// Tokens are opaque: nothing in one names a user, project or role, so none can be forged
// from a name. Issued tokens live in a Map (the hot path of every request of every
// service) loaded from identity_tokens at start, so they survive a restart.
import type { AuthContext } from '../http/auth-context.js';
import type { IdentityCore } from './identity-service.js';
import type { ScopeType, TokenRow } from './store/tokens-store.js';
import type { RoleRow } from './store/roles-store.js';
import type { ProjectRow } from './store/projects-store.js';
import type { UserRow } from './store/users-store.js';
import type { DomainRow } from './store/domains-store.js';
import type { AppCredentialRow } from './store/app-credentials-store.js';
import { IdentityError, badRequest, expecting, notFound, unauthorized } from './identity-errors.js';
import { checkPassword, MAX_PASSWORD_LENGTH } from './passwords.js';

/** Guests of permissive mode (a password login of a user the cloud does not know) get these. */
const GUEST_ROLES = ['member', 'reader'];

export interface ValidToken {
  readonly row: TokenRow;
  readonly user: { id: string; name: string; domain: { id: string; name: string } };
  readonly project: (Pick<ProjectRow, 'id' | 'name'> & { domain: { id: string; name: string } }) | null;
  readonly domain: { id: string; name: string } | null;
  readonly system: boolean;
  readonly roles: readonly { id: string; name: string }[];
  readonly appCred: { id: string; name: string; restricted: boolean } | null;
  readonly auth: AuthContext;
  readonly expiresMs: number;
}

interface Cached { generation: number; token: ValidToken | null }

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** keystone's token timestamps: seconds precision, six zero microsecond digits. */
export function keystoneTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

export function createTokenService(core: IdentityCore) {
  const { stores, runtime } = core;
  const cache = new Map<string, Cached>();
  const lifetimeMs = runtime.config.tokenExpiration * 1000;

  /** Load what earlier runs issued (a file database) and forget the expired ones. */
  function loadIssued(): void {
    stores.tokens.deleteExpired(keystoneTime(runtime.clock.now().getTime()));
    for (const id of runtime.db.prepare('SELECT id FROM identity_tokens').pluck().all() as string[]) {
      cache.set(id, { generation: -1, token: null });
    }
  }

  const domainRef = (id: string) => {
    const d = stores.domains.get(id);
    return { id, name: d?.name ?? id };
  };

  /** Rebuild what a token means now (keystone re-derives fernet payloads on every validation). */
  function materialize(row: TokenRow): ValidToken | null {
    const expiresMs = Date.parse(row.expiresAt);
    let user: ValidToken['user'];
    let roles: { id: string; name: string }[];
    let project: ValidToken['project'] = null;
    let domain: ValidToken['domain'] = null;
    let appCred: ValidToken['appCred'] = null;
    if (row.guestRoles !== null) {
      if (core.mode !== 'permissive') return null;
      user = { id: row.userId, name: row.userId, domain: domainRef('default') };
      const p = row.scopeId === null ? null : stores.projects.get(row.scopeId);
      project = { id: row.scopeId ?? row.userId, name: p?.name ?? row.scopeId ?? row.userId, domain: domainRef(p?.domainId ?? 'default') };
      roles = row.guestRoles.map((name) => ({ id: stores.roles.getByName(name)?.id ?? name, name }));
    } else {
      const u = stores.users.get(row.userId);
      if (!u || !u.enabled || !stores.domains.get(u.domainId)?.enabled) return null;
      user = { id: u.id, name: u.name, domain: domainRef(u.domainId) };
      let found: RoleRow[] = [];
      if (row.scopeType === 'project') {
        const p = stores.projects.get(row.scopeId!);
        if (!p || !p.enabled || !stores.domains.get(p.domainId)?.enabled) return null;
        project = { id: p.id, name: p.name, domain: domainRef(p.domainId) };
        found = core.rolesOn(u.id, 'project', p.id);
      } else if (row.scopeType === 'domain') {
        const d = stores.domains.get(row.scopeId!);
        if (!d || !d.enabled) return null;
        domain = { id: d.id, name: d.name };
        found = core.rolesOn(u.id, 'domain', d.id);
      } else if (row.scopeType === 'system') {
        found = core.rolesOn(u.id, 'system', 'all');
      }
      if (row.appCredId !== null) {
        const c = stores.appCredentials.get(row.appCredId);
        if (!c || (c.expiresAt !== null && Date.parse(`${c.expiresAt}Z`) <= runtime.clock.now().getTime())) return null;
        const allowed = new Set(c.roles);
        found = found.filter((r) => allowed.has(r.id));
        appCred = { id: c.id, name: c.name, restricted: !c.unrestricted };
      }
      if (row.scopeType !== 'unscoped' && found.length === 0) return null;
      roles = found.map((r) => ({ id: r.id, name: r.name }));
    }
    const roleNames = roles.map((r) => r.name);
    const auth: AuthContext = {
      token: row.id,
      userId: user.id,
      projectId: project?.id ?? '',
      roles: roleNames,
      systemScope: row.scopeType === 'system' ? 'all' : null,
      isAdmin: roleNames.includes('admin'),
      issued: { userName: user.name, domainId: domain?.id ?? null, projectDomainId: project?.domain.id ?? null, auditId: row.auditId },
    };
    return { row, user, project, domain, system: row.scopeType === 'system', roles, appCred, auth, expiresMs };
  }

  /** The hot path: a valid issued token, or null (never issued, expired, revoked, no longer valid). */
  function validate(id: string): ValidToken | null {
    const hit = cache.get(id);
    if (hit === undefined) return null;
    if (hit.generation !== core.generation) {
      const row = stores.tokens.get(id);
      const token = row ? materialize(row) : null;
      if (!token) { revokeRow(id, row); return null; }
      hit.generation = core.generation;
      hit.token = token;
    }
    const token = hit.token!;
    if (token.expiresMs <= runtime.clock.now().getTime()) { revokeRow(id, token.row); return null; }
    return token;
  }

  function revokeRow(id: string, row: TokenRow | null): void {
    cache.delete(id);
    if (row) stores.tokens.delete(id);
  }

  /** DELETE /v3/auth/tokens: the token and every token rescoped from it. */
  function revoke(token: ValidToken): void {
    const auditId = token.row.auditId;
    stores.tokens.deleteByAudit(auditId);
    for (const [id, c] of cache) {
      if (id === token.row.id || c.token?.row.auditId === auditId || c.token?.row.parentAuditId === auditId) cache.delete(id);
    }
    // tokens not materialized since the restart: their rows may be gone, make validate() read them
    for (const c of cache.values()) if (c.token === null) c.generation = -1;
  }

  function newTokenId(): string {
    // fernet tokens are url-safe base64 starting gAAAAA; ours carry only randomness
    const bytes = Buffer.from((runtime.ids.uuid() + runtime.ids.uuid() + runtime.ids.uuid() + runtime.ids.uuid()).replace(/-/g, ''), 'hex');
    return `gAAAAAB${bytes.toString('base64url')}`;
  }

  function newAuditId(): string {
    return Buffer.from(runtime.ids.uuid().replace(/-/g, ''), 'hex').toString('base64url');
  }

  function issue(row: Omit<TokenRow, 'id' | 'issuedAt' | 'auditId' | 'expiresAt'> & { auditId?: string; expiresAt: string | null }): ValidToken {
    const now = runtime.clock.now().getTime();
    const full: TokenRow = {
      ...row,
      id: newTokenId(),
      issuedAt: keystoneTime(now),
      expiresAt: row.expiresAt ?? keystoneTime(now + lifetimeMs),
      auditId: row.auditId ?? newAuditId(),
    };
    const token = materialize(full);
    if (!token) throw unauthorized();
    // in the database before the answer leaves
    stores.tokens.insert(full);
    cache.set(full.id, { generation: core.generation, token });
    return token;
  }

  // --- POST /v3/auth/tokens -------------------------------------------------------------

  function lookupDomain(ref: unknown, target: string): DomainRow {
    if (!isObj(ref)) throw expecting('domain', target);
    const d = typeof ref.id === 'string' ? stores.domains.get(ref.id)
      : typeof ref.name === 'string' ? stores.domains.getByName(ref.name) : undefined;
    if (d === undefined) throw expecting('id or name', 'domain');
    if (d === null || !d.enabled) throw unauthorized();
    return d;
  }

  type Identified = { user: UserRow; appCred?: AppCredentialRow; parent?: ValidToken } | { guest: string };

  function passwordUser(data: unknown, guestAllowed: boolean): Identified {
    if (!isObj(data) || !isObj(data.user)) throw expecting('user', 'password');
    const u = data.user;
    const password = typeof u.password === 'string' ? u.password : null;
    if (password !== null && password.length > MAX_PASSWORD_LENGTH) throw unauthorized();
    let user: UserRow | null;
    if (typeof u.id === 'string') {
      user = stores.users.get(u.id);
    } else if (typeof u.name === 'string') {
      if (u.domain === undefined) throw expecting('domain', 'user');
      let domainId: string;
      try { domainId = lookupDomain(u.domain, 'user').id; } catch (e) {
        if (guestAllowed && e instanceof IdentityError && e.status === 401) return { guest: u.name };
        throw e;
      }
      user = stores.users.getByName(domainId, u.name);
      if (!user && guestAllowed) return { guest: u.name };
    } else {
      throw expecting('id or name', 'user');
    }
    if (!user || password === null || !checkPassword(password, user.passwordHash) || !user.enabled) throw unauthorized();
    return { user };
  }

  function tokenUser(data: unknown): Identified {
    if (!isObj(data) || typeof data.id !== 'string') throw expecting('id', 'token');
    const parent = validate(data.id);
    if (!parent) throw notFound('token', data.id);
    if (parent.appCred) throw new IdentityError(403, 'You are not authorized to perform the requested action: Using method \'token\' is not allowed for managing additional tokens.');
    if (parent.row.guestRoles !== null) return { guest: parent.row.userId };
    return { user: stores.users.get(parent.row.userId)!, parent };
  }

  function appCredUser(data: unknown): Identified {
    if (!isObj(data)) throw expecting('application_credential', 'identity');
    if (typeof data.secret !== 'string') throw expecting('secret', 'application_credential');
    let cred: AppCredentialRow | null;
    if (typeof data.id === 'string') {
      cred = stores.appCredentials.get(data.id);
    } else if (typeof data.name === 'string') {
      if (!isObj(data.user)) throw expecting('user', 'application_credential');
      const u = data.user;
      const owner = typeof u.id === 'string' ? stores.users.get(u.id)
        : typeof u.name === 'string' ? stores.users.getByName(lookupDomain(u.domain, 'user').id, u.name) : null;
      cred = owner ? stores.appCredentials.getByName(owner.id, data.name) : null;
    } else {
      throw expecting('id or name', 'application_credential');
    }
    if (!cred || !checkPassword(data.secret, cred.secretHash)) throw unauthorized();
    if (cred.expiresAt !== null && Date.parse(`${cred.expiresAt}Z`) <= runtime.clock.now().getTime()) throw unauthorized();
    const user = stores.users.get(cred.userId);
    if (!user || !user.enabled) throw unauthorized();
    return { user, appCred: cred };
  }

  interface Scope { type: ScopeType; id: string | null; guestProject?: string }

  function parseScope(scope: unknown, guest: boolean): Scope | null {
    if (scope === undefined) return null;
    if (scope === 'unscoped') return { type: 'unscoped', id: null };
    if (!isObj(scope)) throw badRequest(`${JSON.stringify(scope)} is not of type 'object', 'string'`);
    const kinds = ['project', 'domain', 'system', 'OS-TRUST:trust'].filter((k) => scope[k] !== undefined);
    if (kinds.length > 1) throw badRequest('Specify either domain or project, not both.');
    if (isObj(scope.project)) {
      const p = scope.project;
      let row: ProjectRow | null;
      if (typeof p.id === 'string') {
        row = stores.projects.get(p.id);
        if (!row && guest) return { type: 'project', id: p.id, guestProject: p.id };
      } else if (typeof p.name === 'string') {
        if (p.domain === undefined) throw expecting('domain', 'project');
        let domainId: string | null = null;
        try { domainId = lookupDomain(p.domain, 'project').id; } catch (e) { if (!guest) throw e; }
        row = domainId === null ? null : stores.projects.getByName(domainId, p.name);
        if (!row && guest) return { type: 'project', id: p.name, guestProject: p.name };
      } else {
        throw expecting('project', 'scope');
      }
      if (!row) throw unauthorized();
      if (!row.enabled) throw unauthorized();
      return { type: 'project', id: row.id };
    }
    if (isObj(scope.domain)) {
      const d = lookupDomain(scope.domain, 'scope');
      return { type: 'domain', id: d.id };
    }
    if (isObj(scope.system)) {
      if (scope.system.all !== true) throw unauthorized();
      return { type: 'system', id: 'all' };
    }
    if (scope['OS-TRUST:trust'] !== undefined) throw new IdentityError(403, 'Trusts are not served by novamock.');
    throw expecting('project, domain, OS-TRUST:trust or unscoped', 'scope');
  }

  /** POST /v3/auth/tokens */
  function authenticate(body: unknown): ValidToken {
    if (!isObj(body) || !isObj(body.auth)) throw badRequest("'auth' is a required property");
    const auth = body.auth;
    if (!isObj(auth.identity)) throw badRequest("'identity' is a required property");
    const identity = auth.identity;
    if (!Array.isArray(identity.methods)) throw badRequest("'methods' is a required property");
    const methods = identity.methods;
    if (methods.length === 0 || methods.some((m) => typeof m !== 'string')) throw unauthorized();
    for (const m of methods as string[]) {
      if (!['password', 'token', 'application_credential'].includes(m)) {
        throw new IdentityError(401, 'Attempted to authenticate with an unsupported method.', { identity: { methods: ['password', 'token', 'application_credential'] } });
      }
      if (identity[m] === undefined) throw expecting(m, 'identity');
    }
    const method = (methods as string[])[0]!;
    const guestAllowed = core.mode === 'permissive';
    const who: Identified = method === 'password' ? passwordUser(identity.password, guestAllowed)
      : method === 'token' ? tokenUser(identity.token)
        : appCredUser(identity.application_credential);

    if ('guest' in who) {
      const scope = parseScope(auth.scope, true);
      const projectId = scope?.type === 'project' ? scope.id : who.guest;
      return issue({ userId: who.guest, methods: methods as string[], scopeType: 'project', scopeId: projectId, appCredId: null, guestRoles: GUEST_ROLES, expiresAt: null, parentAuditId: null });
    }
    const { user } = who;
    if (who.appCred) {
      if (auth.scope !== undefined) throw new IdentityError(401, 'Error authenticating with application credential: Application credentials cannot request a scope.');
      return issue({ userId: user.id, methods: methods as string[], scopeType: 'project', scopeId: who.appCred.projectId, appCredId: who.appCred.id, guestRoles: null, expiresAt: null, parentAuditId: null });
    }
    let scope = parseScope(auth.scope, false);
    if (scope === null && who.parent) {
      // a token without a scope is the same token again (keystone re-issues it unscoped)
      scope = { type: 'unscoped', id: null };
    }
    if (scope === null && user.defaultProjectId !== null) {
      const p = stores.projects.get(user.defaultProjectId);
      if (p && p.enabled && core.rolesOn(user.id, 'project', p.id).length > 0) scope = { type: 'project', id: p.id };
    }
    scope ??= { type: 'unscoped', id: null };
    if (scope.type !== 'unscoped' && core.rolesOn(user.id, scope.type as 'project', scope.id!).length === 0) throw unauthorized();
    return issue({
      userId: user.id, methods: who.parent ? [...new Set([...who.parent.row.methods, ...(methods as string[])])] : methods as string[],
      scopeType: scope.type, scopeId: scope.id, appCredId: null, guestRoles: null,
      expiresAt: who.parent ? who.parent.row.expiresAt : null,
      parentAuditId: who.parent ? who.parent.row.auditId : null,
    });
  }

  /** When a user is deleted or its password changes, keystone revokes its tokens. */
  function revokeUser(userId: string): void {
    stores.tokens.deleteOfUser(userId);
    for (const [id, c] of cache) {
      if (c.token?.row.userId === userId) cache.delete(id);
      else if (c.token === null) c.generation = -1;
    }
  }

  function clear(): void {
    stores.tokens.deleteAll();
    cache.clear();
  }

  return { loadIssued, validate, authenticate, revoke, revokeUser, clear };
}

export type TokenService = ReturnType<typeof createTokenService>;
