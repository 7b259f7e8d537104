// SQL for keystone roles and role inference rules (implied roles).
import type { Db } from '../../db/open-database.js';
import { readJson } from './json-column.js';

/** keystone's role table stores global roles under this domain id so that names stay unique. */
const NULL_DOMAIN = '<<null>>';

export interface RoleRow { id: string; name: string; domainId: string | null; description: string | null; options: Record<string, unknown> }
interface Raw { id: string; name: string; domain_id: string; description: string | null; options: string }
const fromRaw = (r: Raw): RoleRow => ({ id: r.id, name: r.name, domainId: r.domain_id === NULL_DOMAIN ? null : r.domain_id, description: r.description, options: readJson(r.options, {}) });

export function createRolesStore(db: Db) {
  const byId = db.prepare<[string], Raw>('SELECT * FROM identity_roles WHERE id = ?');
  const byName = db.prepare<[string, string], Raw>('SELECT * FROM identity_roles WHERE domain_id = ? AND name = ?');
  const all = db.prepare<[], Raw>('SELECT * FROM identity_roles ORDER BY name, id');
  const insert = db.prepare('INSERT INTO identity_roles (id, name, domain_id, description, options) VALUES (@id, @name, @domainId, @description, @options)');
  const update = db.prepare('UPDATE identity_roles SET name = @name, description = @description, options = @options WHERE id = @id');
  const remove = db.prepare('DELETE FROM identity_roles WHERE id = ?');
  const allImplied = db.prepare<[], { prior_role_id: string; implied_role_id: string }>('SELECT prior_role_id, implied_role_id FROM identity_implied_roles ORDER BY prior_role_id, implied_role_id');
  const addImplied = db.prepare('INSERT OR IGNORE INTO identity_implied_roles (prior_role_id, implied_role_id) VALUES (?, ?)');
  const removeImplied = db.prepare('DELETE FROM identity_implied_roles WHERE prior_role_id = ? AND implied_role_id = ?');
  const toRaw = (r: RoleRow) => ({ ...r, domainId: r.domainId ?? NULL_DOMAIN, options: JSON.stringify(r.options) });
  return {
    get: (id: string): RoleRow | null => { const r = byId.get(id); return r ? fromRaw(r) : null; },
    getByName: (name: string, domainId: string | null = null): RoleRow | null => { const r = byName.get(domainId ?? NULL_DOMAIN, name); return r ? fromRaw(r) : null; },
    list: (): RoleRow[] => all.all().map(fromRaw),
    insert: (r: RoleRow): void => { insert.run(toRaw(r)); },
    update: (r: RoleRow): void => { update.run(toRaw(r)); },
    delete: (id: string): void => { remove.run(id); },
    implications: (): { priorRoleId: string; impliedRoleId: string }[] => allImplied.all().map((r) => ({ priorRoleId: r.prior_role_id, impliedRoleId: r.implied_role_id })),
    addImplied: (prior: string, implied: string): void => { addImplied.run(prior, implied); },
    removeImplied: (prior: string, implied: string): boolean => removeImplied.run(prior, implied).changes === 1,
  };
}
export type RolesStore = ReturnType<typeof createRolesStore>;
