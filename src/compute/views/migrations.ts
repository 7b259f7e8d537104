// Migration views: GET /os-migrations (migrations.py _output) and GET /servers/{id}/migrations
// (server_migrations.py output), per microversion.
import type { Microversion } from '../../http/microversion.js';
import type { MigrationRecord } from '../../compute-db/records.js';
import type { Links } from './links.js';
import { strTime, strTimeOrNull } from './time-format.js';

/** Live-migration statuses that get links (and that /servers/{id}/migrations lists). */
export const LIVE_IN_PROGRESS = new Set(['queued', 'preparing', 'running', 'post-migrating']);

export function osMigration(m: MigrationRecord, v: Microversion, links: Links): Record<string, unknown> {
  const out: Record<string, unknown> = {
    created_at: strTime(m.createdAt),
    dest_compute: m.destCompute,
    dest_host: m.destHost,
    dest_node: m.destNode,
    id: m.id,
    instance_uuid: m.instanceUuid,
    new_instance_type_id: m.newInstanceTypeId,
    old_instance_type_id: m.oldInstanceTypeId,
    source_compute: m.sourceCompute,
    source_node: m.sourceNode,
    status: m.status,
    updated_at: strTimeOrNull(m.updatedAt),
  };
  if (v.atLeast('2.23')) {
    out.migration_type = m.migrationType;
    if (m.migrationType === 'live-migration' && LIVE_IN_PROGRESS.has(m.status)) {
      out.links = links.pair(`servers/${m.instanceUuid}/migrations`, m.id);
    }
  }
  if (v.atLeast('2.59')) out.uuid = m.uuid;
  if (v.atLeast('2.80')) {
    out.user_id = m.userId;
    out.project_id = m.projectId;
  }
  return out;
}

export function serverMigration(m: MigrationRecord, v: Microversion): Record<string, unknown> {
  const out: Record<string, unknown> = {
    created_at: strTime(m.createdAt),
    dest_compute: m.destCompute,
    dest_host: m.destHost,
    dest_node: m.destNode,
    // the fake driver reports no memory/disk progress
    disk_processed_bytes: null,
    disk_remaining_bytes: null,
    disk_total_bytes: null,
    id: m.id,
    memory_processed_bytes: null,
    memory_remaining_bytes: null,
    memory_total_bytes: null,
    server_uuid: m.instanceUuid,
    source_compute: m.sourceCompute,
    source_node: m.sourceNode,
    status: m.status,
    updated_at: strTimeOrNull(m.updatedAt),
  };
  if (v.atLeast('2.59')) out.uuid = m.uuid;
  if (v.atLeast('2.80')) {
    out.user_id = m.userId;
    out.project_id = m.projectId;
  }
  return out;
}
