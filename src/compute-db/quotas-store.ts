// Quota limits (nova/quota.py DbQuotaDriver): per-project (and per-user) overrides over the
// 'default' quota class over nova.conf's [quota] defaults. Usage is counted from instances
// (count_usage_from_placement=False, Zed's default) and keypairs.
import type { Db } from '../db/open-database.js';

/** nova/conf/quota.py defaults (Zed). -1 = unlimited. */
export const QUOTA_DEFAULTS: Readonly<Record<string, number>> = {
  instances: 10, cores: 20, ram: 51200, metadata_items: 128, injected_files: 5,
  injected_file_content_bytes: 10240, injected_file_path_bytes: 255, key_pairs: 100,
  server_groups: 10, server_group_members: 10,
};

export interface QuotaUsage {
  instances: number; cores: number; ram: number;
  /** server groups of the project (or of the user): InstanceGroupList.get_counts. */
  serverGroups: number;
}

export function createQuotasStore(db: Db) {
  const classRows = db.prepare("SELECT resource, hard_limit FROM quota_classes WHERE class_name = ?");
  const projectRows = db.prepare("SELECT resource, hard_limit FROM quotas WHERE project_id = ? AND user_id = ''");
  const upsert = db.prepare('INSERT INTO quotas (project_id, user_id, resource, hard_limit) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, user_id, resource) DO UPDATE SET hard_limit = excluded.hard_limit');
  const upsertClass = db.prepare('INSERT INTO quota_classes (class_name, resource, hard_limit) VALUES (?, ?, ?) ON CONFLICT (class_name, resource) DO UPDATE SET hard_limit = excluded.hard_limit');
  const delProject = db.prepare('DELETE FROM quotas WHERE project_id = ?');
  const delUser = db.prepare('DELETE FROM quotas WHERE project_id = ? AND user_id = ?');
  const usage = db.prepare(`SELECT COUNT(*) AS instances, COALESCE(SUM(json_extract(flavor, '$.vcpus')), 0) AS cores,
    COALESCE(SUM(json_extract(flavor, '$.memoryMb')), 0) AS ram,
    (SELECT COUNT(*) FROM instance_groups WHERE project_id = @p) AS serverGroups FROM instances WHERE project_id = @p AND deleted = 0`);
  const userUsage = db.prepare(`SELECT COUNT(*) AS instances, COALESCE(SUM(json_extract(flavor, '$.vcpus')), 0) AS cores,
    COALESCE(SUM(json_extract(flavor, '$.memoryMb')), 0) AS ram,
    (SELECT COUNT(*) FROM instance_groups WHERE project_id = @p AND user_id = @u) AS serverGroups
    FROM instances WHERE project_id = @p AND user_id = @u AND deleted = 0`);
  // the three layers of a user's limits in one statement, overlaid in this order (each
  // layer's rows in its primary key's order, as the three statements above read them)
  const userLayers = db.prepare(`SELECT 0 AS layer, resource, hard_limit FROM quota_classes WHERE class_name = 'default'
    UNION ALL SELECT 1, resource, hard_limit FROM quotas WHERE project_id = ? AND user_id = ''
    UNION ALL SELECT 2, resource, hard_limit FROM quotas WHERE project_id = ? AND user_id = ?
    ORDER BY layer, resource`);
  const rows = (stmt: { all(...a: unknown[]): unknown[] }, ...a: unknown[]) =>
    Object.fromEntries((stmt.all(...a) as { resource: string; hard_limit: number }[]).map((r) => [r.resource, r.hard_limit]));

  const store = {
    /** The 'default' class: conf defaults overlaid with quota-class-sets updates. */
    classLimits: (className = 'default'): Record<string, number> => ({ ...QUOTA_DEFAULTS, ...rows(classRows, className) }),
    /** Effective limits for a project (and user, whose overrides win). */
    limits(projectId: string, userId?: string): Record<string, number> {
      if (userId === undefined) return { ...store.classLimits(), ...rows(projectRows, projectId) };
      const out: Record<string, number> = { ...QUOTA_DEFAULTS };
      for (const r of userLayers.all(projectId, projectId, userId) as { resource: string; hard_limit: number }[]) out[r.resource] = r.hard_limit;
      return out;
    },
    setLimits(projectId: string, userId: string | null, values: Record<string, number>): void {
      for (const [k, v] of Object.entries(values)) upsert.run(projectId, userId ?? '', k, v);
    },
    setClassLimits(className: string, values: Record<string, number>): void {
      for (const [k, v] of Object.entries(values)) upsertClass.run(className, k, v);
    },
    /** Back to the defaults (DELETE /os-quota-sets/{project}[?user_id=]). */
    deleteLimits(projectId: string, userId?: string): void {
      if (userId === undefined) delProject.run(projectId); else delUser.run(projectId, userId);
    },
    usage: (projectId: string, userId?: string): QuotaUsage =>
      (userId === undefined ? usage.get({ p: projectId }) : userUsage.get({ p: projectId, u: userId })) as QuotaUsage,
  };
  return store;
}

export type QuotasStore = ReturnType<typeof createQuotasStore>;
