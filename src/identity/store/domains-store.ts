// SQL for keystone domains (resource backend, is_domain projects kept in their own table).
import type { Db } from '../../db/open-database.js';
import { readJson } from './json-column.js';

export interface DomainRow {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  tags: string[];
  extra: Record<string, unknown>;
}

interface Raw { id: string; name: string; description: string | null; enabled: number; tags: string; extra: string }
const fromRaw = (r: Raw): DomainRow => ({ ...r, enabled: r.enabled === 1, tags: readJson(r.tags, []), extra: readJson(r.extra, {}) });

export function createDomainsStore(db: Db) {
  const byId = db.prepare<[string], Raw>('SELECT * FROM identity_domains WHERE id = ?');
  // case-insensitive, as devstack's MySQL compares names (clients send "default" for Default)
  const byName = db.prepare<[string], Raw>('SELECT * FROM identity_domains WHERE name = ? COLLATE NOCASE');
  const all = db.prepare<[], Raw>('SELECT * FROM identity_domains ORDER BY name');
  const insert = db.prepare('INSERT INTO identity_domains (id, name, description, enabled, tags, extra) VALUES (@id, @name, @description, @enabled, @tags, @extra)');
  const update = db.prepare('UPDATE identity_domains SET name = @name, description = @description, enabled = @enabled, tags = @tags, extra = @extra WHERE id = @id');
  const remove = db.prepare('DELETE FROM identity_domains WHERE id = ?');
  const toRaw = (d: DomainRow) => ({ ...d, enabled: d.enabled ? 1 : 0, tags: JSON.stringify(d.tags), extra: JSON.stringify(d.extra) });
  return {
    get: (id: string): DomainRow | null => { const r = byId.get(id); return r ? fromRaw(r) : null; },
    getByName: (name: string): DomainRow | null => { const r = byName.get(name); return r ? fromRaw(r) : null; },
    list: (): DomainRow[] => all.all().map(fromRaw),
    insert: (d: DomainRow): void => { insert.run(toRaw(d)); },
    update: (d: DomainRow): void => { update.run(toRaw(d)); },
    delete: (id: string): void => { remove.run(id); },
  };
}
export type DomainsStore = ReturnType<typeof createDomainsStore>;
