// SQL over image_members (glance's image sharing: one row per image and member project).
import type { Db } from '../../db/open-database.js';

export type MemberStatus = 'pending' | 'accepted' | 'rejected';

export interface MemberRow {
  image_id: string;
  member: string;
  status: MemberStatus;
  created_at: string;
  updated_at: string;
}

export interface MembersStore {
  get(imageId: string, member: string): MemberRow | undefined;
  list(imageId: string): MemberRow[];
  /** Every membership of one project (to find the shared images it can see). */
  listForMember(member: string): MemberRow[];
  insert(row: MemberRow): void;
  setStatus(imageId: string, member: string, status: MemberStatus, at: string): void;
  remove(imageId: string, member: string): boolean;
  count(imageId: string): number;
}

export function createMembersStore(db: Db): MembersStore {
  const getRow = db.prepare('SELECT * FROM image_members WHERE image_id = ? AND member = ?');
  const listRows = db.prepare('SELECT * FROM image_members WHERE image_id = ? ORDER BY rowid');
  const forMember = db.prepare('SELECT * FROM image_members WHERE member = ?');
  const insertRow = db.prepare('INSERT INTO image_members (image_id, member, status, created_at, updated_at) VALUES (@image_id, @member, @status, @created_at, @updated_at)');
  const updateRow = db.prepare('UPDATE image_members SET status = ?, updated_at = ? WHERE image_id = ? AND member = ?');
  const deleteRow = db.prepare('DELETE FROM image_members WHERE image_id = ? AND member = ?');
  const countRows = db.prepare('SELECT COUNT(*) FROM image_members WHERE image_id = ?').pluck();
  return {
    get: (imageId, member) => getRow.get(imageId, member) as MemberRow | undefined,
    list: (imageId) => listRows.all(imageId) as MemberRow[],
    listForMember: (member) => forMember.all(member) as MemberRow[],
    insert(row) { insertRow.run(row); },
    setStatus(imageId, member, status, at) { updateRow.run(status, at, imageId, member); },
    remove: (imageId, member) => deleteRow.run(imageId, member).changes === 1,
    count: (imageId) => countRows.get(imageId) as number,
  };
}
