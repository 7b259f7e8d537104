// SQL over image_tasks: the api_image_import tasks glance records for each import.
import type { Db } from '../../db/open-database.js';

export interface TaskRow {
  id: string;
  image_id: string;
  type: string;
  status: 'pending' | 'processing' | 'success' | 'failure';
  input: string;
  result: string | null;
  message: string;
  owner: string | null;
  created_at: string;
  updated_at: string;
}

export interface TasksStore {
  insert(row: TaskRow): void;
  finish(id: string, status: TaskRow['status'], message: string, at: string): void;
  listForImage(imageId: string): TaskRow[];
  get(id: string): TaskRow | undefined;
  /** newest first (created_at, then id, descending), as glance lists tasks */
  list(): TaskRow[];
}

export function createTasksStore(db: Db): TasksStore {
  const insertRow = db.prepare('INSERT INTO image_tasks (id, image_id, type, status, input, result, message, owner, created_at, updated_at) VALUES (@id, @image_id, @type, @status, @input, @result, @message, @owner, @created_at, @updated_at)');
  const finishRow = db.prepare('UPDATE image_tasks SET status = ?, message = ?, updated_at = ? WHERE id = ?');
  const forImage = db.prepare('SELECT * FROM image_tasks WHERE image_id = ? ORDER BY rowid');
  const getRow = db.prepare('SELECT * FROM image_tasks WHERE id = ?');
  const allRows = db.prepare('SELECT * FROM image_tasks ORDER BY created_at DESC, id DESC');
  return {
    insert(row) { insertRow.run(row); },
    finish(id, status, message, at) { finishRow.run(status, message, at, id); },
    listForImage: (imageId) => forImage.all(imageId) as TaskRow[],
    get: (id) => getRow.get(id) as TaskRow | undefined,
    list: () => allRows.all() as TaskRow[],
  };
}
