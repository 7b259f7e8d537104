// SQL for role assignments: (user|group) x (project|domain|system) x role.
import type { Db } from '../../db/open-database.js';

export type ActorType = 'user' | 'group';
export type TargetType = 'project' | 'domain' | 'system';
export interface AssignmentRow { actorType: ActorType; actorId: string; targetType: TargetType; targetId: string; roleId: string }
interface Raw { actor_type: ActorType; actor_id: string; target_type: TargetType; target_id: string; role_id: string }
const fromRaw = (r: Raw): AssignmentRow => ({ actorType: r.actor_type, actorId: r.actor_id, targetType: r.target_type, targetId: r.target_id, roleId: r.role_id });

export function createAssignmentsStore(db: Db) {
  const all = db.prepare<[], Raw>('SELECT * FROM identity_assignments ORDER BY rowid');
  const ofActor = db.prepare<[string, string], Raw>('SELECT * FROM identity_assignments WHERE actor_type = ? AND actor_id = ? ORDER BY rowid');
  const insert = db.prepare('INSERT OR IGNORE INTO identity_assignments (actor_type, actor_id, target_type, target_id, role_id) VALUES (@actorType, @actorId, @targetType, @targetId, @roleId)');
  const remove = db.prepare('DELETE FROM identity_assignments WHERE actor_type = @actorType AND actor_id = @actorId AND target_type = @targetType AND target_id = @targetId AND role_id = @roleId');
  const exists = db.prepare<[string, string, string, string, string], { n: number }>('SELECT COUNT(*) AS n FROM identity_assignments WHERE actor_type = ? AND actor_id = ? AND target_type = ? AND target_id = ? AND role_id = ?');
  const removeActor = db.prepare('DELETE FROM identity_assignments WHERE actor_type = ? AND actor_id = ?');
  const removeTarget = db.prepare('DELETE FROM identity_assignments WHERE target_type = ? AND target_id = ?');
  return {
    list: (): AssignmentRow[] => all.all().map(fromRaw),
    ofActor: (type: ActorType, id: string): AssignmentRow[] => ofActor.all(type, id).map(fromRaw),
    insert: (a: AssignmentRow): void => { insert.run(a); },
    delete: (a: AssignmentRow): boolean => remove.run(a).changes === 1,
    exists: (a: AssignmentRow): boolean => exists.get(a.actorType, a.actorId, a.targetType, a.targetId, a.roleId)!.n > 0,
    deleteActor: (type: ActorType, id: string): void => { removeActor.run(type, id); },
    deleteTarget: (type: TargetType, id: string): void => { removeTarget.run(type, id); },
  };
}
export type AssignmentsStore = ReturnType<typeof createAssignmentsStore>;
