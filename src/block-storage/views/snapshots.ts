// Snapshot views (cinder/api/v2/views/snapshots? v3/views/snapshots.py + the extended attributes).
import type { Microversion } from '../../http/microversion.js';
import type { SnapshotRecord } from '../store/records.js';
import { MV } from '../versions.js';
import { cinderTime } from './links.js';

/** views/snapshots.py summary: the list without details. */
export function snapshotSummary(s: SnapshotRecord): Record<string, unknown> {
  return {
    id: s.id, created_at: cinderTime(s.createdAt), updated_at: cinderTime(s.updatedAt), name: s.name, description: s.description,
    volume_id: s.volumeId, status: s.status, size: s.size, metadata: { ...s.metadata },
  };
}

export function snapshotDetail(version: Microversion, isAdmin: boolean, s: SnapshotRecord, extended: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id, created_at: cinderTime(s.createdAt), updated_at: cinderTime(s.updatedAt), name: s.name, description: s.description,
    volume_id: s.volumeId, status: s.status, size: s.size, metadata: { ...s.metadata },
  };
  if (version.atLeast('3.14')) out.group_snapshot_id = null;
  if (version.atLeast(MV.SNAPSHOT_LIST_USER_ID)) out.user_id = s.userId;
  if (version.atLeast(MV.USE_QUOTA)) out.consumes_quota = true;
  if (extended) {
    out['os-extended-snapshot-attributes:progress'] = s.progress;
    out['os-extended-snapshot-attributes:project_id'] = s.projectId;
  }
  void isAdmin;
  return out;
}
