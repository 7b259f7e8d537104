// nova.objects.BlockDeviceMapping: the instance's disks and volumes. Rows go away with the
// instance's deletion (BlockDeviceMappingList destroy in _complete_deletion) or a detach.
import type { Db } from '../db/open-database.js';

export interface BlockDeviceMappingRecord {
  readonly id: number;
  readonly uuid: string;
  readonly instanceUuid: string;
  readonly sourceType: 'image' | 'volume' | 'snapshot' | 'blank';
  readonly destinationType: 'local' | 'volume';
  readonly bootIndex: number | null;
  readonly deviceName: string | null;
  readonly deviceType: string | null;
  readonly diskBus: string | null;
  readonly guestFormat: string | null;
  readonly imageId: string | null;
  readonly snapshotId: string | null;
  readonly volumeId: string | null;
  readonly volumeSize: number | null;
  readonly volumeType: string | null;
  readonly deleteOnTermination: boolean;
  readonly tag: string | null;
  readonly attachmentId: string | null;
  readonly connectionInfo: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
}

export type NewBlockDeviceMapping = Omit<BlockDeviceMappingRecord, 'id' | 'connectionInfo' | 'createdAt'>;
export type BlockDeviceMappingChanges = Partial<Pick<BlockDeviceMappingRecord, 'volumeId' | 'volumeSize' | 'deviceName' | 'attachmentId' | 'connectionInfo' | 'deleteOnTermination' | 'tag'>>;

const COLUMNS: Record<keyof BlockDeviceMappingChanges, string> = {
  volumeId: 'volume_id', volumeSize: 'volume_size', deviceName: 'device_name', attachmentId: 'attachment_id',
  connectionInfo: 'connection_info', deleteOnTermination: 'delete_on_termination', tag: 'tag',
};

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
function toRecord(r: Row): BlockDeviceMappingRecord {
  return {
    id: r.id as number, uuid: r.uuid as string, instanceUuid: r.instance_uuid as string,
    sourceType: r.source_type as BlockDeviceMappingRecord['sourceType'], destinationType: r.destination_type as BlockDeviceMappingRecord['destinationType'],
    bootIndex: r.boot_index === null ? null : (r.boot_index as number), deviceName: s(r.device_name), deviceType: s(r.device_type),
    diskBus: s(r.disk_bus), guestFormat: s(r.guest_format), imageId: s(r.image_id), snapshotId: s(r.snapshot_id),
    volumeId: s(r.volume_id), volumeSize: r.volume_size === null ? null : (r.volume_size as number), volumeType: s(r.volume_type),
    deleteOnTermination: r.delete_on_termination === 1, tag: s(r.tag), attachmentId: s(r.attachment_id),
    connectionInfo: typeof r.connection_info === 'string' ? JSON.parse(r.connection_info) as Record<string, unknown> : null,
    createdAt: r.created_at as string,
  };
}

export function createBlockDeviceMappingsStore(db: Db) {
  const st = {
    insert: db.prepare(`INSERT INTO block_device_mappings (uuid, instance_uuid, source_type, destination_type, boot_index, device_name,
      device_type, disk_bus, guest_format, image_id, snapshot_id, volume_id, volume_size, volume_type, delete_on_termination, tag,
      attachment_id, created_at) VALUES (@uuid, @instanceUuid, @sourceType, @destinationType, @bootIndex, @deviceName, @deviceType,
      @diskBus, @guestFormat, @imageId, @snapshotId, @volumeId, @volumeSize, @volumeType, @deleteOnTermination, @tag, @attachmentId, @createdAt)`),
    ofInstance: db.prepare('SELECT * FROM block_device_mappings WHERE instance_uuid = ? ORDER BY id'),
    ofInstances: db.prepare('SELECT * FROM block_device_mappings WHERE instance_uuid IN (SELECT value FROM json_each(?)) ORDER BY id'),
    byVolume: db.prepare('SELECT * FROM block_device_mappings WHERE instance_uuid = ? AND volume_id = ? ORDER BY id'),
    byUuid: db.prepare('SELECT * FROM block_device_mappings WHERE uuid = ?'),
    all: db.prepare('SELECT * FROM block_device_mappings ORDER BY id'),
    withAttachments: db.prepare("SELECT DISTINCT instance_uuid FROM block_device_mappings WHERE destination_type = 'volume' AND attachment_id IS NOT NULL").pluck(),
    destroy: db.prepare('DELETE FROM block_device_mappings WHERE uuid = ?'),
    destroyInstance: db.prepare('DELETE FROM block_device_mappings WHERE instance_uuid = ?'),
  };
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  return {
    create(b: NewBlockDeviceMapping, now: string): BlockDeviceMappingRecord {
      st.insert.run({ ...b, deleteOnTermination: b.deleteOnTermination ? 1 : 0, createdAt: now });
      return toRecord(st.byUuid.get(b.uuid) as Row);
    },
    ofInstance: (uuid: string): BlockDeviceMappingRecord[] => (st.ofInstance.all(uuid) as Row[]).map(toRecord),
    /** ofInstance of many instances in one query: uuid -> its mappings (by id); those without any left out. */
    ofInstances(uuids: readonly string[]): Map<string, BlockDeviceMappingRecord[]> {
      const out = new Map<string, BlockDeviceMappingRecord[]>();
      for (const r of st.ofInstances.all(JSON.stringify(uuids)) as Row[]) {
        const b = toRecord(r);
        const list = out.get(b.instanceUuid);
        if (list) list.push(b); else out.set(b.instanceUuid, [b]);
      }
      return out;
    },
    /** BlockDeviceMapping.get_by_volume_and_instance */
    byVolumeAndInstance(instanceUuid: string, volumeId: string): BlockDeviceMappingRecord | null {
      const r = st.byVolume.get(instanceUuid, volumeId) as Row | undefined;
      return r ? toRecord(r) : null;
    },
    get(uuid: string): BlockDeviceMappingRecord | null { const r = st.byUuid.get(uuid) as Row | undefined; return r ? toRecord(r) : null; },
    all: (): BlockDeviceMappingRecord[] => (st.all.all() as Row[]).map(toRecord),
    /** The instances (deleted or not) with a volume mapping that names a Cinder attachment. */
    instancesWithAttachments: (): string[] => st.withAttachments.all() as string[],
    save(uuid: string, changes: BlockDeviceMappingChanges, now: string): void {
      const keys = (Object.keys(changes) as (keyof BlockDeviceMappingChanges)[]).filter((k) => changes[k] !== undefined);
      const sql = `UPDATE block_device_mappings SET ${[...keys.map((k) => `${COLUMNS[k]} = ?`), 'updated_at = ?'].join(', ')} WHERE uuid = ?`;
      let p = updates.get(sql);
      if (!p) { p = db.prepare(sql); updates.set(sql, p); }
      p.run([...keys.map((k) => { const v = changes[k]; return typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v; }), now, uuid]);
    },
    destroy: (uuid: string): void => { st.destroy.run(uuid); },
    destroyForInstance: (uuid: string): void => { st.destroyInstance.run(uuid); },
  };
}

export type BlockDeviceMappingsStore = ReturnType<typeof createBlockDeviceMappingsStore>;
