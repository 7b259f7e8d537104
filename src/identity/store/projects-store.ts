// SQL for keystone projects.
import type { Db } from '../../db/open-database.js';
import { readJson } from './json-column.js';

export interface ProjectRow {
  id: string;
  name: string;
  domainId: string;
  parentId: string | null;
  description: string | null;
  enabled: boolean;
  tags: string[];
  extra: Record<string, unknown>;
}

interface Raw { id: string; name: string; domain_id: string; parent_id: string | null; description: string | null; enabled: number; tags: string; extra: string }
const fromRaw = (r: Raw): ProjectRow => ({
  id: r.id, name: r.name, domainId: r.domain_id, parentId: r.parent_id, description: r.description,
  enabled: r.enabled === 1, tags: readJson(r.tags, []), extra: readJson(r.extra, {}),
});

export function createProjectsStore(db: Db) {
  const byId = db.prepare<[string], Raw>('SELECT * FROM identity_projects WHERE id = ?');
  const byName = db.prepare<[string, string], Raw>('SELECT * FROM identity_projects WHERE domain_id = ? AND name = ?');
  const all = db.prepare<[], Raw>('SELECT * FROM identity_projects ORDER BY name, id');
  const children = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM identity_projects WHERE parent_id = ?');
  const inDomain = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM identity_projects WHERE domain_id = ?');
  const insert = db.prepare('INSERT INTO identity_projects (id, name, domain_id, parent_id, description, enabled, tags, extra) VALUES (@id, @name, @domainId, @parentId, @description, @enabled, @tags, @extra)');
  const update = db.prepare('UPDATE identity_projects SET name = @name, description = @description, enabled = @enabled, tags = @tags, extra = @extra WHERE id = @id');
  const remove = db.prepare('DELETE FROM identity_projects WHERE id = ?');
  const toRaw = (p: ProjectRow) => ({ ...p, enabled: p.enabled ? 1 : 0, tags: JSON.stringify(p.tags), extra: JSON.stringify(p.extra) });
  return {
    get: (id: string): ProjectRow | null => { const r = byId.get(id); return r ? fromRaw(r) : null; },
    getByName: (domainId: string, name: string): ProjectRow | null => { const r = byName.get(domainId, name); return r ? fromRaw(r) : null; },
    list: (): ProjectRow[] => all.all().map(fromRaw),
    hasChildren: (id: string): boolean => children.get(id)!.n > 0,
    countInDomain: (domainId: string): number => inDomain.get(domainId)!.n,
    insert: (p: ProjectRow): void => { insert.run(toRaw(p)); },
    update: (p: ProjectRow): void => { update.run(toRaw(p)); },
    delete: (id: string): void => { remove.run(id); },
  };
}
export type ProjectsStore = ReturnType<typeof createProjectsStore>;
