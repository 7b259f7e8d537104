// SQL for keystone groups and their members.
import type { Db } from '../../db/open-database.js';
import { readJson } from './json-column.js';

export interface GroupRow { id: string; name: string; domainId: string; description: string | null; extra: Record<string, unknown> }
interface Raw { id: string; name: string; domain_id: string; description: string | null; extra: string }
const fromRaw = (r: Raw): GroupRow => ({ id: r.id, name: r.name, domainId: r.domain_id, description: r.description, extra: readJson(r.extra, {}) });

export function createGroupsStore(db: Db) {
  const byId = db.prepare<[string], Raw>('SELECT * FROM identity_groups WHERE id = ?');
  const byName = db.prepare<[string, string], Raw>('SELECT * FROM identity_groups WHERE domain_id = ? AND name = ?');
  const all = db.prepare<[], Raw>('SELECT * FROM identity_groups ORDER BY name, id');
  const insert = db.prepare('INSERT INTO identity_groups (id, name, domain_id, description, extra) VALUES (@id, @name, @domainId, @description, @extra)');
  const update = db.prepare('UPDATE identity_groups SET name = @name, description = @description, extra = @extra WHERE id = @id');
  const remove = db.prepare('DELETE FROM identity_groups WHERE id = ?');
  const addMember = db.prepare('INSERT OR IGNORE INTO identity_group_members (group_id, user_id) VALUES (?, ?)');
  const removeMember = db.prepare('DELETE FROM identity_group_members WHERE group_id = ? AND user_id = ?');
  const isMember = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM identity_group_members WHERE group_id = ? AND user_id = ?');
  const members = db.prepare<[string], { user_id: string }>('SELECT user_id FROM identity_group_members WHERE group_id = ? ORDER BY user_id');
  const groupsOf = db.prepare<[string], { group_id: string }>('SELECT group_id FROM identity_group_members WHERE user_id = ? ORDER BY group_id');
  return {
    get: (id: string): GroupRow | null => { const r = byId.get(id); return r ? fromRaw(r) : null; },
    getByName: (domainId: string, name: string): GroupRow | null => { const r = byName.get(domainId, name); return r ? fromRaw(r) : null; },
    list: (): GroupRow[] => all.all().map(fromRaw),
    insert: (g: GroupRow): void => { insert.run({ ...g, extra: JSON.stringify(g.extra) }); },
    update: (g: GroupRow): void => { update.run({ ...g, extra: JSON.stringify(g.extra) }); },
    delete: (id: string): void => { remove.run(id); },
    addMember: (groupId: string, userId: string): void => { addMember.run(groupId, userId); },
    removeMember: (groupId: string, userId: string): boolean => removeMember.run(groupId, userId).changes === 1,
    isMember: (groupId: string, userId: string): boolean => isMember.get(groupId, userId)!.n > 0,
    memberIds: (groupId: string): string[] => members.all(groupId).map((r) => r.user_id),
    groupIdsOf: (userId: string): string[] => groupsOf.all(userId).map((r) => r.group_id),
  };
}
export type GroupsStore = ReturnType<typeof createGroupsStore>;
