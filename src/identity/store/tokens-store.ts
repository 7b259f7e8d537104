// SQL for issued tokens: written once when issued, deleted when revoked or expired, read back
// into the in-memory map after a restart.
import type { Db } from '../../db/open-database.js';
import { readJson } from './json-column.js';

export type ScopeType = 'project' | 'domain' | 'system' | 'unscoped';
export interface TokenRow {
  id: string; userId: string; methods: string[]; scopeType: ScopeType; scopeId: string | null;
  appCredId: string | null; guestRoles: string[] | null; issuedAt: string; expiresAt: string;
  auditId: string; parentAuditId: string | null;
}
interface Raw { id: string; user_id: string; methods: string; scope_type: ScopeType; scope_id: string | null; app_cred_id: string | null; guest_roles: string | null; issued_at: string; expires_at: string; audit_id: string; parent_audit_id: string | null }
const fromRaw = (r: Raw): TokenRow => ({
  id: r.id, userId: r.user_id, methods: readJson(r.methods, []), scopeType: r.scope_type, scopeId: r.scope_id,
  appCredId: r.app_cred_id, guestRoles: r.guest_roles === null ? null : readJson(r.guest_roles, []),
  issuedAt: r.issued_at, expiresAt: r.expires_at, auditId: r.audit_id, parentAuditId: r.parent_audit_id,
});

export function createTokensStore(db: Db) {
  const byId = db.prepare<[string], Raw>('SELECT * FROM identity_tokens WHERE id = ?');
  const insert = db.prepare('INSERT INTO identity_tokens (id, user_id, methods, scope_type, scope_id, app_cred_id, guest_roles, issued_at, expires_at, audit_id, parent_audit_id) VALUES (@id, @userId, @methods, @scopeType, @scopeId, @appCredId, @guestRoles, @issuedAt, @expiresAt, @auditId, @parentAuditId)');
  const remove = db.prepare('DELETE FROM identity_tokens WHERE id = ?');
  const removeAudit = db.prepare('DELETE FROM identity_tokens WHERE audit_id = ? OR parent_audit_id = ?');
  const removeUser = db.prepare('DELETE FROM identity_tokens WHERE user_id = ?');
  const removeExpired = db.prepare('DELETE FROM identity_tokens WHERE expires_at <= ?');
  const removeAll = db.prepare('DELETE FROM identity_tokens');
  return {
    get: (id: string): TokenRow | null => { const r = byId.get(id); return r ? fromRaw(r) : null; },
    insert: (t: TokenRow): void => { insert.run({ ...t, methods: JSON.stringify(t.methods), guestRoles: t.guestRoles === null ? null : JSON.stringify(t.guestRoles) }); },
    delete: (id: string): void => { remove.run(id); },
    /** Revoking a token revokes the tokens rescoped from it (keystone's audit chain). */
    deleteByAudit: (auditId: string): void => { removeAudit.run(auditId, auditId); },
    deleteOfUser: (userId: string): void => { removeUser.run(userId); },
    deleteExpired: (now: string): void => { removeExpired.run(now); },
    deleteAll: (): void => { removeAll.run(); },
  };
}
export type TokensStore = ReturnType<typeof createTokensStore>;
