// SQL for server groups (nova/objects/instance_group.py InstanceGroup / InstanceGroupList).
// Members are instance uuids; a deleted instance stays a member row (as in nova until the
// rows are archived), so every read that matters joins the live instances.
import type { Db } from '../db/open-database.js';

export interface ServerGroupRecord {
  readonly id: number;
  readonly uuid: string;
  readonly name: string | null;
  readonly projectId: string;
  readonly userId: string;
  /** 'affinity' | 'anti-affinity' | 'soft-affinity' | 'soft-anti-affinity' */
  readonly policy: string;
  /** InstanceGroup.rules: max_server_per_host coerced to an int, other keys dropped. */
  readonly rules: Readonly<Record<string, number>>;
  /** Every member row, deleted instances included (InstanceGroup.members), in insertion order. */
  readonly members: readonly string[];
  readonly createdAt: string;
}

interface GroupRow { id: number; uuid: string; name: string | null; project_id: string; user_id: string; policy: string | null; rules: string | null; created_at: string }

/** InstanceGroup.rules: the stored strings with max_server_per_host as an int. */
function rulesOf(raw: string | null): Record<string, number> {
  if (!raw) return {};
  const stored = JSON.parse(raw) as Record<string, unknown>;
  return 'max_server_per_host' in stored ? { max_server_per_host: parseInt(String(stored.max_server_per_host), 10) } : {};
}

export function createServerGroupsStore(db: Db, now: () => string) {
  const byUuid = db.prepare('SELECT * FROM instance_groups WHERE uuid = ?');
  const byId = db.prepare('SELECT * FROM instance_groups WHERE id = ?');
  const all = db.prepare('SELECT * FROM instance_groups ORDER BY id');
  const ofProject = db.prepare('SELECT * FROM instance_groups WHERE project_id = ? ORDER BY id');
  const insert = db.prepare('INSERT INTO instance_groups (uuid, name, project_id, user_id, policy, rules, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const del = db.prepare('DELETE FROM instance_groups WHERE uuid = ?');
  const memberRows = db.prepare('SELECT instance_uuid FROM instance_group_members WHERE group_id = ? ORDER BY id');
  const addMember = db.prepare('INSERT OR IGNORE INTO instance_group_members (group_id, instance_uuid, created_at) VALUES (?, ?, ?)');
  const delMember = db.prepare('DELETE FROM instance_group_members WHERE group_id = ? AND instance_uuid = ?');
  const groupOfInstance = db.prepare('SELECT group_id FROM instance_group_members WHERE instance_uuid = ? ORDER BY id LIMIT 1');
  const liveMemberRows = db.prepare(`SELECT i.uuid, i.cell, i.created_at, i.id FROM instance_group_members m
    JOIN instances i ON i.uuid = m.instance_uuid WHERE m.group_id = ? AND i.deleted = 0`);
  const countProject = db.prepare('SELECT COUNT(*) FROM instance_groups WHERE project_id = ?');
  const countUser = db.prepare('SELECT COUNT(*) FROM instance_groups WHERE project_id = ? AND user_id = ?');
  const countMembersOfUser = db.prepare(`SELECT COUNT(*) FROM instance_group_members m JOIN instances i ON i.uuid = m.instance_uuid
    WHERE m.group_id = ? AND i.deleted = 0 AND i.user_id = ?`);
  const hostsOfMembers = db.prepare(`SELECT DISTINCT i.host FROM instance_group_members m JOIN instances i ON i.uuid = m.instance_uuid
    WHERE m.group_id = ? AND i.deleted = 0 AND i.host IS NOT NULL AND i.uuid <> ?`);

  const toRecord = (r: GroupRow): ServerGroupRecord => ({
    id: r.id, uuid: r.uuid, name: r.name, projectId: r.project_id, userId: r.user_id, policy: r.policy ?? '',
    rules: rulesOf(r.rules), members: (memberRows.pluck().all(r.id) as string[]), createdAt: r.created_at,
  });

  return {
    get(uuid: string): ServerGroupRecord | null {
      const r = byUuid.get(uuid) as GroupRow | undefined;
      return r ? toRecord(r) : null;
    },
    /** InstanceGroupList.get_all / get_by_project_id. */
    list: (projectId: string | null): ServerGroupRecord[] =>
      ((projectId === null ? all.all() : ofProject.all(projectId)) as GroupRow[]).map(toRecord),
    /** rules as given (values kept as strings, like the DictOfStringsField). */
    create(g: { uuid: string; name: string | null; projectId: string; userId: string; policy: string; rules: Record<string, unknown> | null }): ServerGroupRecord {
      const rules = g.rules === null ? null : JSON.stringify(Object.fromEntries(Object.entries(g.rules).map(([k, v]) => [k, String(v)])));
      insert.run(g.uuid, g.name, g.projectId, g.userId, g.policy, rules, now());
      return toRecord(byUuid.get(g.uuid) as GroupRow);
    },
    /** InstanceGroup.destroy: the group, its policy and its members. */
    delete: (uuid: string): boolean => del.run(uuid).changes === 1,
    addMember(groupId: number, instanceUuid: string): void { addMember.run(groupId, instanceUuid, now()); },
    removeMember(groupId: number, instanceUuid: string): void { delMember.run(groupId, instanceUuid); },
    /** InstanceGroup.get_by_instance_uuid (null for InstanceGroupNotFound). */
    groupOf(instanceUuid: string): ServerGroupRecord | null {
      const id = groupOfInstance.pluck().get(instanceUuid) as number | undefined;
      return id === undefined ? null : toRecord(byId.get(id) as GroupRow);
    },
    /** The members a view shows: those not deleted. */
    liveMembers(groupId: number): string[] {
      // _get_not_deleted walks the instance mappings as the database returns them for
      // "instance_uuid IN (...)" (the unique index: uuid order): members not scheduled yet first,
      // then each cell in the order its first mapping comes, with its live instances in
      // InstanceList.get_by_filters' default order (created_at desc, id desc)
      const rows = (liveMemberRows.all(groupId) as { uuid: string; cell: string; created_at: string; id: number }[])
        .sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
      const unscheduled = rows.filter((r) => r.cell === 'build_request').map((r) => r.uuid);
      const cells = [...new Set(rows.filter((r) => r.cell !== 'build_request').map((r) => r.cell))];
      const newestFirst = (a: { created_at: string; id: number }, b: { created_at: string; id: number }) =>
        (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id);
      return [...unscheduled, ...cells.flatMap((c) => rows.filter((r) => r.cell === c).sort(newestFirst).map((r) => r.uuid))];
    },
    /** InstanceGroup.get_hosts(exclude=[...]): hosts of the live members that have one. */
    hosts: (groupId: number, exclude = ''): string[] => (hostsOfMembers.pluck().all(groupId, exclude) as string[]).sort(),
    /** InstanceGroupList.get_counts: server_groups of the project (and of the user). */
    count: (projectId: string, userId?: string): number =>
      (userId === undefined ? countProject.pluck().get(projectId) : countUser.pluck().get(projectId, userId)) as number,
    /** count_members_by_user: live members created by that user (server_group_members quota). */
    countMembersByUser: (groupId: number, userId: string): number => countMembersOfUser.pluck().get(groupId, userId) as number,
  };
}

export type ServerGroupsStore = ReturnType<typeof createServerGroupsStore>;
