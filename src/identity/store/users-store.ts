// SQL for keystone users (local identity backend: the password hash lives on the row).
import type { Db } from '../../db/open-database.js';
import { readJson } from './json-column.js';

export interface UserRow {
  id: string;
  name: string;
  domainId: string;
  passwordHash: string | null;
  defaultProjectId: string | null;
  description: string | null;
  enabled: boolean;
  options: Record<string, unknown>;
  extra: Record<string, unknown>;
}

interface Raw { id: string; name: string; domain_id: string; password_hash: string | null; default_project_id: string | null; description: string | null; enabled: number; options: string; extra: string }
const fromRaw = (r: Raw): UserRow => ({
  id: r.id, name: r.name, domainId: r.domain_id, passwordHash: r.password_hash, defaultProjectId: r.default_project_id,
  description: r.description, enabled: r.enabled === 1, options: readJson(r.options, {}), extra: readJson(r.extra, {}),
});

export function createUsersStore(db: Db) {
  const byId = db.prepare<[string], Raw>('SELECT * FROM identity_users WHERE id = ?');
  const byName = db.prepare<[string, string], Raw>('SELECT * FROM identity_users WHERE domain_id = ? AND name = ?');
  const all = db.prepare<[], Raw>('SELECT * FROM identity_users ORDER BY name, id');
  const insert = db.prepare('INSERT INTO identity_users (id, name, domain_id, password_hash, default_project_id, description, enabled, options, extra) VALUES (@id, @name, @domainId, @passwordHash, @defaultProjectId, @description, @enabled, @options, @extra)');
  const update = db.prepare('UPDATE identity_users SET name = @name, domain_id = @domainId, password_hash = @passwordHash, default_project_id = @defaultProjectId, description = @description, enabled = @enabled, options = @options, extra = @extra WHERE id = @id');
  const remove = db.prepare('DELETE FROM identity_users WHERE id = ?');
  const toRaw = (u: UserRow) => ({ ...u, enabled: u.enabled ? 1 : 0, options: JSON.stringify(u.options), extra: JSON.stringify(u.extra) });
  return {
    get: (id: string): UserRow | null => { const r = byId.get(id); return r ? fromRaw(r) : null; },
    getByName: (domainId: string, name: string): UserRow | null => { const r = byName.get(domainId, name); return r ? fromRaw(r) : null; },
    list: (): UserRow[] => all.all().map(fromRaw),
    insert: (u: UserRow): void => { insert.run(toRaw(u)); },
    update: (u: UserRow): void => { update.run(toRaw(u)); },
    delete: (id: string): void => { remove.run(id); },
  };
}
export type UsersStore = ReturnType<typeof createUsersStore>;
