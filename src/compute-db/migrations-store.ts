// SQL for migration records (nova/objects/migration.py).
import type { Db } from '../db/open-database.js';
import { statementCache } from '../db/statement-cache.js';
import type { MigrationRecord, MigrationStatus, MigrationType } from './records.js';
import type { ChangeRecord } from './records.js';

interface MigrationRow {
  id: number; uuid: string; instance_uuid: string; source_compute: string | null; dest_compute: string | null;
  source_node: string | null; dest_node: string | null; dest_host: string | null; old_instance_type_id: number | null;
  new_instance_type_id: number | null; status: string; migration_type: string; hidden: number; cross_cell_move: number;
  user_id: string | null; project_id: string | null; created_at: string; updated_at: string | null;
  deleted_at: string | null; deleted: number;
}

export type MigrationChanges = Partial<Pick<MigrationRecord, 'sourceCompute' | 'destCompute' | 'sourceNode' | 'destNode' | 'destHost' | 'status'>>;
export type NewMigration = Pick<MigrationRecord, 'uuid' | 'instanceUuid' | 'status' | 'migrationType'> & MigrationChanges
  & Partial<Pick<MigrationRecord, 'oldInstanceTypeId' | 'newInstanceTypeId' | 'userId' | 'projectId'>>;

export interface MigrationFilter {
  instanceUuid?: string;
  status?: MigrationStatus;
  statuses?: readonly MigrationStatus[];
  migrationType?: MigrationType;
  /** source_compute or dest_compute equals host (nova's 'host' filter). */
  host?: string;
  sourceCompute?: string;
  userId?: string;
  projectId?: string;
  changesSince?: string;
  changesBefore?: string;
  /** Include deleted rows (the migrations of deleted instances). Default false. */
  includeDeleted?: boolean;
}

const COLS: Record<string, string> = {
  sourceCompute: 'source_compute', destCompute: 'dest_compute', sourceNode: 'source_node', destNode: 'dest_node',
  destHost: 'dest_host', status: 'status',
};

export function createMigrationsStore(db: Db, now: () => string, emit: (c: ChangeRecord) => void = () => {}) {
  const prepared = statementCache(db);
  const byUuid = db.prepare('SELECT * FROM migrations WHERE uuid = ?');
  const byId = db.prepare('SELECT * FROM migrations WHERE id = ?');
  const insert = db.prepare(`INSERT INTO migrations (uuid, instance_uuid, source_compute, dest_compute, source_node, dest_node, dest_host,
    old_instance_type_id, new_instance_type_id, status, migration_type, user_id, project_id, created_at)
    VALUES (@uuid, @instanceUuid, @sourceCompute, @destCompute, @sourceNode, @destNode, @destHost, @oldInstanceTypeId,
    @newInstanceTypeId, @status, @migrationType, @userId, @projectId, @createdAt)`);
  const softDeleteForInstance = db.prepare('UPDATE migrations SET deleted = id, deleted_at = ? WHERE instance_uuid = ? AND deleted = 0');

  const toRecord = (r: MigrationRow): MigrationRecord => ({
    id: r.id, uuid: r.uuid, instanceUuid: r.instance_uuid, sourceCompute: r.source_compute, destCompute: r.dest_compute,
    sourceNode: r.source_node, destNode: r.dest_node, destHost: r.dest_host, oldInstanceTypeId: r.old_instance_type_id,
    newInstanceTypeId: r.new_instance_type_id, status: r.status as MigrationStatus, migrationType: r.migration_type as MigrationType,
    hidden: r.hidden === 1, crossCellMove: r.cross_cell_move === 1, userId: r.user_id, projectId: r.project_id,
    createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at, deleted: r.deleted !== 0,
  });

  const store = {
    get(uuid: string): MigrationRecord | null {
      const r = byUuid.get(uuid) as MigrationRow | undefined;
      return r ? toRecord(r) : null;
    },
    getById(id: number): MigrationRecord | null {
      const r = byId.get(id) as MigrationRow | undefined;
      return r ? toRecord(r) : null;
    },
    create(m: NewMigration): MigrationRecord {
      insert.run({
        uuid: m.uuid, instanceUuid: m.instanceUuid, sourceCompute: m.sourceCompute ?? null, destCompute: m.destCompute ?? null,
        sourceNode: m.sourceNode ?? null, destNode: m.destNode ?? null, destHost: m.destHost ?? null,
        oldInstanceTypeId: m.oldInstanceTypeId ?? null, newInstanceTypeId: m.newInstanceTypeId ?? null, status: m.status,
        migrationType: m.migrationType, userId: m.userId ?? null, projectId: m.projectId ?? null, createdAt: now(),
      });
      emit({ what: 'migration.create', obj: m.uuid, changes: { status: m.status, migrationType: m.migrationType, destCompute: m.destCompute ?? null } });
      return store.get(m.uuid)!;
    },
    save(uuid: string, changes: MigrationChanges): MigrationRecord {
      const sets = ['updated_at = @updatedAt'];
      const args: Record<string, unknown> = { uuid, updatedAt: now() };
      for (const [k, v] of Object.entries(changes)) {
        if (!COLS[k] || v === undefined) continue;
        sets.push(`${COLS[k]} = @${k}`);
        args[k] = v;
      }
      prepared(`UPDATE migrations SET ${sets.join(', ')} WHERE uuid = @uuid`).run(args);
      emit({ what: 'migration.save', obj: uuid, changes });
      return store.get(uuid)!;
    },
    /** Newest first (nova orders by created_at desc, id desc). */
    list(f: MigrationFilter = {}): MigrationRecord[] {
      const where: string[] = [];
      const args: unknown[] = [];
      const eq = (c: string, v: unknown) => { where.push(`${c} = ?`); args.push(v); };
      if (f.instanceUuid !== undefined) eq('instance_uuid', f.instanceUuid);
      if (f.status !== undefined) eq('status', f.status);
      if (f.statuses) { where.push(`status IN (${f.statuses.map(() => '?').join(', ') || 'NULL'})`); args.push(...f.statuses); }
      if (f.migrationType !== undefined) eq('migration_type', f.migrationType);
      if (f.sourceCompute !== undefined) eq('source_compute', f.sourceCompute);
      if (f.userId !== undefined) eq('user_id', f.userId);
      if (f.projectId !== undefined) eq('project_id', f.projectId);
      if (f.host !== undefined) { where.push('(source_compute = ? OR dest_compute = ?)'); args.push(f.host, f.host); }
      if (f.changesSince !== undefined) { where.push('COALESCE(updated_at, created_at) >= ?'); args.push(f.changesSince); }
      if (f.changesBefore !== undefined) { where.push('COALESCE(updated_at, created_at) <= ?'); args.push(f.changesBefore); }
      if (!f.includeDeleted) where.push('deleted = 0');
      const sql = `SELECT * FROM migrations${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, id DESC`;
      return (prepared(sql).all(...args) as MigrationRow[]).map(toRecord);
    },
    /** The instance's migration in `status` (newest), as Migration.get_by_instance_and_status. */
    findByInstanceAndStatus(instanceUuid: string, status: MigrationStatus): MigrationRecord | null {
      return store.list({ instanceUuid, status })[0] ?? null;
    },
    /** Instance delete soft-deletes its migrations (nova: instance_destroy). */
    softDeleteForInstance(instanceUuid: string): void { softDeleteForInstance.run(now(), instanceUuid); },
  };
  return store;
}

export type MigrationsStore = ReturnType<typeof createMigrationsStore>;
