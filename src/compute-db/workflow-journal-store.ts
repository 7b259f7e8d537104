// SQL for the workflow journal: the casts the API acknowledged and that have not ended yet.
// A row is written in the same synchronous step as the API's state change (before the answer
// leaves) and removed when its workflow ends; what is left after a crash is unfinished work.
import type { Db } from '../db/open-database.js';

export interface JournalEntry { id: number; instanceUuid: string; workflow: string; createdAt: string }

interface JournalRow { id: number; instance_uuid: string; workflow: string; created_at: string }

export function createWorkflowJournalStore(db: Db, now: () => string) {
  const insert = db.prepare('INSERT INTO workflow_journal (instance_uuid, workflow, created_at) VALUES (?, ?, ?)');
  const remove = db.prepare('DELETE FROM workflow_journal WHERE id = ?');
  const all = db.prepare('SELECT * FROM workflow_journal ORDER BY id');
  const empty = db.prepare('DELETE FROM workflow_journal');
  return {
    add: (instanceUuid: string, workflow: string): number => Number(insert.run(instanceUuid, workflow, now()).lastInsertRowid),
    remove: (id: number): void => { remove.run(id); },
    list: (): JournalEntry[] => (all.all() as JournalRow[]).map((r) => ({ id: r.id, instanceUuid: r.instance_uuid, workflow: r.workflow, createdAt: r.created_at })),
    clear: (): void => { empty.run(); },
  };
}

export type WorkflowJournalStore = ReturnType<typeof createWorkflowJournalStore>;
