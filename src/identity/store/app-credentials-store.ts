// SQL for application credentials (the secret is kept only as a hash, as keystone does).
import type { Db } from '../../db/open-database.js';
import { readJson } from './json-column.js';

export interface AppCredentialRow {
  id: string; name: string; userId: string; projectId: string; secretHash: string;
  description: string | null; expiresAt: string | null; unrestricted: boolean;
  /** role ids delegated to the credential */
  roles: string[];
}
interface Raw { id: string; name: string; user_id: string; project_id: string; secret_hash: string; description: string | null; expires_at: string | null; unrestricted: number; roles: string }
const fromRaw = (r: Raw): AppCredentialRow => ({
  id: r.id, name: r.name, userId: r.user_id, projectId: r.project_id, secretHash: r.secret_hash,
  description: r.description, expiresAt: r.expires_at, unrestricted: r.unrestricted === 1, roles: readJson(r.roles, []),
});

export function createAppCredentialsStore(db: Db) {
  const byId = db.prepare<[string], Raw>('SELECT * FROM identity_app_credentials WHERE id = ?');
  const byName = db.prepare<[string, string], Raw>('SELECT * FROM identity_app_credentials WHERE user_id = ? AND name = ?');
  const ofUser = db.prepare<[string], Raw>('SELECT * FROM identity_app_credentials WHERE user_id = ? ORDER BY name');
  const insert = db.prepare('INSERT INTO identity_app_credentials (id, name, user_id, project_id, secret_hash, description, expires_at, unrestricted, roles) VALUES (@id, @name, @userId, @projectId, @secretHash, @description, @expiresAt, @unrestricted, @roles)');
  const remove = db.prepare('DELETE FROM identity_app_credentials WHERE id = ?');
  return {
    get: (id: string): AppCredentialRow | null => { const r = byId.get(id); return r ? fromRaw(r) : null; },
    getByName: (userId: string, name: string): AppCredentialRow | null => { const r = byName.get(userId, name); return r ? fromRaw(r) : null; },
    ofUser: (userId: string): AppCredentialRow[] => ofUser.all(userId).map(fromRaw),
    insert: (c: AppCredentialRow): void => { insert.run({ ...c, unrestricted: c.unrestricted ? 1 : 0, roles: JSON.stringify(c.roles) }); },
    delete: (id: string): void => { remove.run(id); },
  };
}
export type AppCredentialsStore = ReturnType<typeof createAppCredentialsStore>;
