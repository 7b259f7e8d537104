// The fault plan's rows (mock_faults), so that a cloud reopened from its file keeps its faults
// and what they have fired. Write-through: the plan keeps its objects, this keeps them on disk.
import type { Db } from '../db/open-database.js';
import type { FaultOperation, FaultPlanStore, FaultSpec } from './fault-plan.js';

interface FaultRow {
  id: number; operation: string; host: string | null; server: string | null; times: number | null;
  error_type: string; error_message: string | null; fired: number;
}

export function createFaultPlanStore(db: Db): FaultPlanStore {
  const all = db.prepare('SELECT * FROM mock_faults ORDER BY id');
  const insert = db.prepare(`INSERT INTO mock_faults (operation, host, server, times, error_type, error_message, fired)
    VALUES (@operation, @host, @server, @times, @type, @message, @fired)`);
  const update = db.prepare('UPDATE mock_faults SET times = ?, fired = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM mock_faults WHERE id = ?');
  const empty = db.prepare('DELETE FROM mock_faults');
  // a new cloud numbers from 1 again, as the in-memory plan does
  const restartIds = db.prepare("DELETE FROM sqlite_sequence WHERE name = 'mock_faults'");
  return {
    load: () => (all.all() as FaultRow[]).map((r) => ({
      id: String(r.id), operation: r.operation as FaultOperation, host: r.host, server: r.server, times: r.times,
      error: { type: r.error_type, message: r.error_message }, fired: r.fired,
    })),
    insert(f: Omit<FaultSpec, 'id'>): string {
      const info = insert.run({ operation: f.operation, host: f.host, server: f.server, times: f.times, type: f.error.type, message: f.error.message, fired: f.fired });
      return String(info.lastInsertRowid);
    },
    update(f: FaultSpec): void { update.run(f.times, f.fired, Number(f.id)); },
    remove(id: string): void { remove.run(Number(id)); },
    clear(): void { empty.run(); },
    reset: db.transaction(() => { empty.run(); restartIds.run(); }),
  };
}
