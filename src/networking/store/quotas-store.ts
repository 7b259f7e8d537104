// SQL for per-project quota limits set through PUT /quotas/{project_id}.
import type { Db } from '../../db/open-database.js';

export class QuotasStore {
  private readonly ofProjectStmt;
  private readonly upsertStmt;
  private readonly deleteProjectStmt;
  private readonly projectsStmt;

  constructor(db: Db) {
    this.ofProjectStmt = db.prepare('SELECT resource, hard_limit FROM neutron_quotas WHERE project_id = ?');
    this.upsertStmt = db.prepare('INSERT INTO neutron_quotas (project_id, resource, hard_limit) VALUES (?, ?, ?) ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = excluded.hard_limit');
    this.deleteProjectStmt = db.prepare('DELETE FROM neutron_quotas WHERE project_id = ?');
    this.projectsStmt = db.prepare('SELECT DISTINCT project_id FROM neutron_quotas ORDER BY project_id').pluck();
  }

  limitsOf(projectId: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.ofProjectStmt.all(projectId) as { resource: string; hard_limit: number }[]) out[r.resource] = r.hard_limit;
    return out;
  }

  set(projectId: string, resource: string, limit: number): void {
    this.upsertStmt.run(projectId, resource, limit);
  }

  clear(projectId: string): void {
    this.deleteProjectStmt.run(projectId);
  }

  projects(): string[] {
    return this.projectsStmt.all() as string[];
  }
}
