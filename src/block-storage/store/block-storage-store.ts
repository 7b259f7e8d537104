// SQL for Cinder's tables (migrations/070). Statements are prepared once; callers own the
// transactions. Status changes are compare-and-set on the expected statuses, as
// cinder's conditional_update: `changes !== 1` tells the caller it lost.
import type { Db } from '../../db/open-database.js';
import type { AttachmentRecord, SnapshotRecord, TransferRecord, VolumeRecord, VolumeTypeRecord } from './records.js';

type Row = Record<string, unknown>;
const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? JSON.parse(v) as T : fallback);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toType(r: Row): VolumeTypeRecord {
  return {
    id: r.id as string, name: r.name as string, description: str(r.description), isPublic: r.is_public === 1,
    extraSpecs: json(r.extra_specs, {}), createdAt: r.created_at as string,
  };
}

function toVolume(r: Row): VolumeRecord {
  return {
    id: r.id as string, projectId: r.project_id as string, userId: r.user_id as string,
    name: str(r.name), description: str(r.description), size: r.size as number, status: r.status as string,
    attachStatus: r.attach_status as string, bootable: r.bootable === 1, volumeTypeId: r.volume_type_id as string,
    availabilityZone: r.availability_zone as string, snapshotId: str(r.snapshot_id), sourceVolid: str(r.source_volid),
    imageId: str(r.image_id), host: str(r.host), serviceUuid: str(r.service_uuid),
    metadata: json(r.metadata, {}), imageMetadata: json(r.image_metadata, null), adminMetadata: json(r.admin_metadata, {}), multiattach: r.multiattach === 1,
    migrationStatus: str(r.migration_status), createdAt: r.created_at as string, updatedAt: str(r.updated_at),
  };
}

function toAttachment(r: Row): AttachmentRecord {
  return {
    id: r.id as string, volumeId: r.volume_id as string, instanceUuid: str(r.instance_uuid),
    attachStatus: r.attach_status as string, attachedHost: str(r.attached_host), mountpoint: str(r.mountpoint),
    attachMode: r.attach_mode as string, connector: json(r.connector, null), connectionInfo: json(r.connection_info, null),
    attachTime: str(r.attach_time), detachTime: str(r.detach_time), createdAt: r.created_at as string, updatedAt: str(r.updated_at),
  };
}

function toSnapshot(r: Row): SnapshotRecord {
  return {
    id: r.id as string, projectId: r.project_id as string, userId: r.user_id as string, volumeId: r.volume_id as string,
    name: str(r.name), description: str(r.description), size: r.size as number, status: r.status as string,
    progress: r.progress as string, volumeTypeId: str(r.volume_type_id), metadata: json(r.metadata, {}),
    createdAt: r.created_at as string, updatedAt: str(r.updated_at),
  };
}

function toTransfer(r: Row): TransferRecord {
  return {
    id: r.id as string, volumeId: r.volume_id as string, name: str(r.display_name), salt: r.salt as string, cryptHash: r.crypt_hash as string,
    noSnapshots: r.no_snapshots === 1, sourceProjectId: r.source_project_id as string, destinationProjectId: str(r.destination_project_id),
    accepted: r.accepted === 1, createdAt: r.created_at as string,
  };
}

export interface NewVolume {
  id: string; projectId: string; userId: string; name: string | null; description: string | null; size: number;
  status: string; bootable: boolean; volumeTypeId: string; availabilityZone: string; snapshotId: string | null;
  sourceVolid: string | null; imageId: string | null; metadata: Record<string, string>;
  imageMetadata: Record<string, string> | null; multiattach: boolean; createdAt: string;
}

/** Columns a volume update may set (snake_case in SQL). */
export interface VolumeChanges {
  name?: string | null; description?: string | null; size?: number; status?: string; attachStatus?: string;
  bootable?: boolean; volumeTypeId?: string; host?: string | null; serviceUuid?: string | null;
  metadata?: Record<string, string>; migrationStatus?: string | null; imageMetadata?: Record<string, string> | null;
  adminMetadata?: Record<string, string>;
}

const VOLUME_COLUMNS: Record<keyof VolumeChanges, string> = {
  name: 'name', description: 'description', size: 'size', status: 'status', attachStatus: 'attach_status',
  bootable: 'bootable', volumeTypeId: 'volume_type_id', host: 'host', serviceUuid: 'service_uuid',
  metadata: 'metadata', migrationStatus: 'migration_status', imageMetadata: 'image_metadata', adminMetadata: 'admin_metadata',
};

function sqlValue(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

export interface AttachmentChanges {
  attachStatus?: string; attachedHost?: string | null; mountpoint?: string | null; attachMode?: string;
  connector?: Record<string, unknown> | null; connectionInfo?: Record<string, unknown> | null;
  attachTime?: string | null; detachTime?: string | null; instanceUuid?: string | null;
}
const ATTACHMENT_COLUMNS: Record<keyof AttachmentChanges, string> = {
  attachStatus: 'attach_status', attachedHost: 'attached_host', mountpoint: 'mountpoint', attachMode: 'attach_mode',
  connector: 'connector', connectionInfo: 'connection_info', attachTime: 'attach_time', detachTime: 'detach_time',
  instanceUuid: 'instance_uuid',
};

export interface VolumeFilter {
  projectId: string | null;
  /** exact matches on these columns */
  status?: string; name?: string; bootable?: boolean;
}

export function createBlockStorageStore(db: Db) {
  const s = {
    typeById: db.prepare('SELECT * FROM volume_types WHERE id = ?'),
    typeByName: db.prepare('SELECT * FROM volume_types WHERE name = ?'),
    types: db.prepare('SELECT * FROM volume_types ORDER BY created_at, name'),
    insertType: db.prepare('INSERT INTO volume_types (id, name, description, is_public, extra_specs, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    deleteType: db.prepare('DELETE FROM volume_types WHERE id = ?'),
    updateType: db.prepare(`UPDATE volume_types SET name = COALESCE(@name, name), description = CASE WHEN @setDescription THEN @description ELSE description END,
      is_public = COALESCE(@isPublic, is_public) WHERE id = @id`),
    setTypeSpecs: db.prepare('UPDATE volume_types SET extra_specs = ? WHERE id = ?'),
    typeInUse: db.prepare('SELECT COUNT(*) FROM volumes WHERE volume_type_id = ?').pluck(),
    volume: db.prepare('SELECT * FROM volumes WHERE id = ?'),
    volumesAll: db.prepare('SELECT * FROM volumes ORDER BY created_at DESC, id DESC'),
    volumesOfProject: db.prepare('SELECT * FROM volumes WHERE project_id = ? ORDER BY created_at DESC, id DESC'),
    // the summary's metadata: in the order the volumes were made (cinder's DISTINCT over
    // volume_metadata has no ORDER BY: rows come in insertion order), not the list's newest-first,
    // whose created_at ties fall back to random ids
    metadataAll: db.prepare('SELECT metadata FROM volumes ORDER BY rowid').pluck(),
    metadataOfProject: db.prepare('SELECT metadata FROM volumes WHERE project_id = ? ORDER BY rowid').pluck(),
    insertVolume: db.prepare(`INSERT INTO volumes (id, project_id, user_id, name, description, size, status, bootable,
      volume_type_id, availability_zone, snapshot_id, source_volid, image_id, metadata, image_metadata, multiattach, created_at)
      VALUES (@id, @projectId, @userId, @name, @description, @size, @status, @bootable, @volumeTypeId, @availabilityZone,
      @snapshotId, @sourceVolid, @imageId, @metadata, @imageMetadata, @multiattach, @createdAt)`),
    deleteVolume: db.prepare('DELETE FROM volumes WHERE id = ?'),
    attachment: db.prepare('SELECT * FROM volume_attachments WHERE id = ?'),
    attachmentsOfVolume: db.prepare('SELECT * FROM volume_attachments WHERE volume_id = ? ORDER BY created_at, id'),
    attachmentsOfInstance: db.prepare('SELECT * FROM volume_attachments WHERE instance_uuid = ? ORDER BY created_at, id'),
    attachmentsAll: db.prepare('SELECT a.* FROM volume_attachments a ORDER BY a.created_at, a.id'),
    attachmentsOfProject: db.prepare('SELECT a.* FROM volume_attachments a JOIN volumes v ON v.id = a.volume_id WHERE v.project_id = ? ORDER BY a.created_at, a.id'),
    insertAttachment: db.prepare(`INSERT INTO volume_attachments (id, volume_id, instance_uuid, attach_status, attach_mode, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    deleteAttachment: db.prepare('DELETE FROM volume_attachments WHERE id = ?'),
    snapshot: db.prepare('SELECT * FROM volume_snapshots WHERE id = ?'),
    snapshotsAll: db.prepare('SELECT * FROM volume_snapshots ORDER BY created_at DESC, id DESC'),
    snapshotsOfProject: db.prepare('SELECT * FROM volume_snapshots WHERE project_id = ? ORDER BY created_at DESC, id DESC'),
    snapshotsOfVolume: db.prepare('SELECT * FROM volume_snapshots WHERE volume_id = ?'),
    insertSnapshot: db.prepare(`INSERT INTO volume_snapshots (id, project_id, user_id, volume_id, name, description, size, status,
      volume_type_id, metadata, created_at) VALUES (@id, @projectId, @userId, @volumeId, @name, @description, @size, @status,
      @volumeTypeId, @metadata, @createdAt)`),
    deleteSnapshot: db.prepare('DELETE FROM volume_snapshots WHERE id = ?'),
    transfer: db.prepare('SELECT * FROM volume_transfers WHERE id = ? AND deleted = 0'),
    transfersAll: db.prepare('SELECT * FROM volume_transfers WHERE deleted = 0 ORDER BY created_at, id'),
    transfersOfProject: db.prepare(`SELECT t.* FROM volume_transfers t JOIN volumes v ON v.id = t.volume_id
      WHERE t.deleted = 0 AND v.project_id = ? ORDER BY t.created_at, t.id`),
    insertTransfer: db.prepare(`INSERT INTO volume_transfers (id, volume_id, display_name, salt, crypt_hash, no_snapshots, source_project_id, created_at)
      VALUES (@id, @volumeId, @name, @salt, @cryptHash, @noSnapshots, @sourceProjectId, @createdAt)`),
    deleteTransfer: db.prepare('UPDATE volume_transfers SET deleted = 1 WHERE id = ?'),
    acceptTransfer: db.prepare('UPDATE volume_transfers SET deleted = 1, accepted = 1, destination_project_id = ? WHERE id = ?'),
    moveVolume: db.prepare('UPDATE volumes SET project_id = ?, user_id = ?, updated_at = ? WHERE id = ?'),
    moveSnapshots: db.prepare('UPDATE volume_snapshots SET project_id = ?, user_id = ?, updated_at = ? WHERE volume_id = ?'),
    quotas: db.prepare('SELECT resource, hard_limit FROM volume_quotas WHERE project_id = ?'),
    setQuota: db.prepare('INSERT INTO volume_quotas (project_id, resource, hard_limit) VALUES (?, ?, ?) ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = excluded.hard_limit'),
    deleteQuotas: db.prepare('DELETE FROM volume_quotas WHERE project_id = ?'),
    usage: db.prepare(`SELECT volume_type_id AS type, COUNT(*) AS volumes, COALESCE(SUM(size), 0) AS gigabytes
      FROM volumes WHERE project_id = ? GROUP BY volume_type_id`),
    snapshotUsage: db.prepare(`SELECT volume_type_id AS type, COUNT(*) AS snapshots, COALESCE(SUM(size), 0) AS gigabytes
      FROM volume_snapshots WHERE project_id = ? GROUP BY volume_type_id`),
  };

  const updateVolumeSql = new Map<string, ReturnType<Db['prepare']>>();
  const updateAttachmentSql = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (cache: Map<string, ReturnType<Db['prepare']>>, sql: string) => {
    let st = cache.get(sql);
    if (!st) { st = db.prepare(sql); cache.set(sql, st); }
    return st;
  };

  return {
    volumeType: (id: string): VolumeTypeRecord | null => { const r = s.typeById.get(id) as Row | undefined; return r ? toType(r) : null; },
    volumeTypeByName: (name: string): VolumeTypeRecord | null => { const r = s.typeByName.get(name) as Row | undefined; return r ? toType(r) : null; },
    volumeTypes: (): VolumeTypeRecord[] => (s.types.all() as Row[]).map(toType),
    insertVolumeType(t: VolumeTypeRecord): void {
      s.insertType.run(t.id, t.name, t.description, t.isPublic ? 1 : 0, JSON.stringify(t.extraSpecs), t.createdAt);
    },
    deleteVolumeType: (id: string): void => { s.deleteType.run(id); },
    updateVolumeType(id: string, c: { name?: string; description?: string | null; isPublic?: boolean }): void {
      s.updateType.run({ id, name: c.name ?? null, setDescription: c.description !== undefined ? 1 : 0, description: c.description ?? null,
        isPublic: c.isPublic === undefined ? null : c.isPublic ? 1 : 0 });
    },
    volumeTypeInUse: (id: string): boolean => (s.typeInUse.get(id) as number) > 0,
    setExtraSpecs: (id: string, specs: Readonly<Record<string, string | null>>): void => { s.setTypeSpecs.run(JSON.stringify(specs), id); },

    volume: (id: string): VolumeRecord | null => { const r = s.volume.get(id) as Row | undefined; return r ? toVolume(r) : null; },
    volumes: (projectId: string | null): VolumeRecord[] =>
      ((projectId === null ? s.volumesAll.all() : s.volumesOfProject.all(projectId)) as Row[]).map(toVolume),
    /** Each volume's metadata, oldest volume first. */
    volumeMetadataInCreationOrder: (projectId: string | null): Record<string, string>[] =>
      ((projectId === null ? s.metadataAll.all() : s.metadataOfProject.all(projectId)) as string[]).map((m) => JSON.parse(m) as Record<string, string>),
    insertVolume(v: NewVolume): void {
      s.insertVolume.run({ ...v, bootable: v.bootable ? 1 : 0, multiattach: v.multiattach ? 1 : 0,
        metadata: JSON.stringify(v.metadata), imageMetadata: v.imageMetadata ? JSON.stringify(v.imageMetadata) : null });
    },
    /**
     * Set the changed columns; with `expectStatus`, only when the current status is one of them
     * (cinder's conditional_update). Returns whether the row changed.
     */
    updateVolume(id: string, changes: VolumeChanges, now: string, expectStatus?: readonly string[]): boolean {
      const keys = (Object.keys(changes) as (keyof VolumeChanges)[]).filter((k) => changes[k] !== undefined);
      const sets = [...keys.map((k) => `${VOLUME_COLUMNS[k]} = ?`), 'updated_at = ?'];
      const where = expectStatus ? ` AND status IN (${expectStatus.map(() => '?').join(', ')})` : '';
      const sql = `UPDATE volumes SET ${sets.join(', ')} WHERE id = ?${where}`;
      const res = prepared(updateVolumeSql, sql).run([...keys.map((k) => sqlValue(changes[k])), now, id, ...(expectStatus ?? [])]);
      return res.changes === 1;
    },
    deleteVolume: (id: string): void => { s.deleteVolume.run(id); },

    attachment: (id: string): AttachmentRecord | null => { const r = s.attachment.get(id) as Row | undefined; return r ? toAttachment(r) : null; },
    attachmentsOfVolume: (volumeId: string): AttachmentRecord[] => (s.attachmentsOfVolume.all(volumeId) as Row[]).map(toAttachment),
    attachmentsOfInstance: (instanceUuid: string): AttachmentRecord[] => (s.attachmentsOfInstance.all(instanceUuid) as Row[]).map(toAttachment),
    attachments: (projectId: string | null): AttachmentRecord[] =>
      ((projectId === null ? s.attachmentsAll.all() : s.attachmentsOfProject.all(projectId)) as Row[]).map(toAttachment),
    insertAttachment(id: string, volumeId: string, instanceUuid: string | null, attachStatus: string, attachMode: string, now: string): void {
      s.insertAttachment.run(id, volumeId, instanceUuid, attachStatus, attachMode, now);
    },
    updateAttachment(id: string, changes: AttachmentChanges, now: string): void {
      const keys = (Object.keys(changes) as (keyof AttachmentChanges)[]).filter((k) => changes[k] !== undefined);
      const sql = `UPDATE volume_attachments SET ${[...keys.map((k) => `${ATTACHMENT_COLUMNS[k]} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`;
      prepared(updateAttachmentSql, sql).run([...keys.map((k) => sqlValue(changes[k])), now, id]);
    },
    deleteAttachment: (id: string): void => { s.deleteAttachment.run(id); },

    snapshot: (id: string): SnapshotRecord | null => { const r = s.snapshot.get(id) as Row | undefined; return r ? toSnapshot(r) : null; },
    snapshots: (projectId: string | null): SnapshotRecord[] =>
      ((projectId === null ? s.snapshotsAll.all() : s.snapshotsOfProject.all(projectId)) as Row[]).map(toSnapshot),
    snapshotsOfVolume: (volumeId: string): SnapshotRecord[] => (s.snapshotsOfVolume.all(volumeId) as Row[]).map(toSnapshot),
    insertSnapshot(n: Omit<SnapshotRecord, 'progress' | 'updatedAt' | 'metadata'> & { metadata: Record<string, string> }): void {
      s.insertSnapshot.run({ ...n, metadata: JSON.stringify(n.metadata) });
    },
    updateSnapshot(id: string, changes: { status?: string; progress?: string; name?: string | null; description?: string | null; metadata?: Record<string, string> }, now: string): void {
      const keys = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined);
      const sql = `UPDATE volume_snapshots SET ${[...keys.map((k) => `${k} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`;
      prepared(updateVolumeSql, sql).run([...keys.map((k) => sqlValue((changes as Record<string, unknown>)[k])), now, id]);
    },
    deleteSnapshot: (id: string): void => { s.deleteSnapshot.run(id); },

    quotaOverrides(projectId: string): Map<string, number> {
      return new Map((s.quotas.all(projectId) as { resource: string; hard_limit: number }[]).map((r) => [r.resource, r.hard_limit]));
    },
    setQuota: (projectId: string, resource: string, limit: number): void => { s.setQuota.run(projectId, resource, limit); },
    deleteQuotas: (projectId: string): void => { s.deleteQuotas.run(projectId); },
    volumeUsage: (projectId: string) => s.usage.all(projectId) as { type: string; volumes: number; gigabytes: number }[],
    snapshotUsage: (projectId: string) => s.snapshotUsage.all(projectId) as { type: string | null; snapshots: number; gigabytes: number }[],

    transfer: (id: string): TransferRecord | null => { const r = s.transfer.get(id) as Row | undefined; return r ? toTransfer(r) : null; },
    /** the live transfers of the volumes of a project (null: all) */
    transfers: (projectId: string | null): TransferRecord[] =>
      ((projectId === null ? s.transfersAll.all() : s.transfersOfProject.all(projectId)) as Row[]).map(toTransfer),
    insertTransfer(t: Omit<TransferRecord, 'destinationProjectId' | 'accepted'>): void { s.insertTransfer.run({ ...t, noSnapshots: t.noSnapshots ? 1 : 0 }); },
    deleteTransfer: (id: string): void => { s.deleteTransfer.run(id); },
    acceptTransfer: (id: string, projectId: string): void => { s.acceptTransfer.run(projectId, id); },
    /** volume_api.accept_transfer's DB side: the volume (and its snapshots unless left behind) change owner */
    moveVolume(volumeId: string, projectId: string, userId: string, withSnapshots: boolean, now: string): void {
      s.moveVolume.run(projectId, userId, now, volumeId);
      if (withSnapshots) s.moveSnapshots.run(projectId, userId, now, volumeId);
    },

    /** Everything gone (POST /_mock/reset). */
    clear(): void {
      db.exec('DELETE FROM volume_transfers; DELETE FROM volume_attachments; DELETE FROM volume_snapshots; DELETE FROM volumes; DELETE FROM volume_quotas; DELETE FROM volume_types;');
    },
  };
}

export type BlockStorageStore = ReturnType<typeof createBlockStorageStore>;
