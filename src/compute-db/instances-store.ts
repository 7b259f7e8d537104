// SQL for instances (nova/objects/instance.py). save() is compare-and-swap on task_state when
// the caller passes expectedTaskState, as Instance.save(expected_task_state=[...]) does.
import type { TaskState } from './task-states.js';
import { compilePythonRegex } from '../http/python/regex.js';
import type { Db } from '../db/open-database.js';
import { statementCache, type Statement } from '../db/statement-cache.js';
import type { FlavorRecord, InstanceCell, InstanceChanges, InstanceRecord, VmState } from './records.js';
import type { ChangeRecord } from './records.js';

interface InstanceRow {
  id: number; uuid: string; display_name: string; display_description: string | null; hostname: string | null;
  project_id: string; user_id: string; image_ref: string | null; flavor: string; old_flavor: string | null;
  new_flavor: string | null; vm_state: string; task_state: string | null; power_state: number; host: string | null;
  node: string | null; launched_on: string | null; availability_zone: string | null; requested_az: string | null;
  metadata: string; system_metadata: string; key_name: string | null; key_data: string | null; locked: number;
  locked_by: string | null; locked_reason: string | null; access_ip_v4: string | null; access_ip_v6: string | null;
  config_drive: string; auto_disk_config: number; kernel_id: string; ramdisk_id: string; tags: string; trusted_certs: string | null; user_data: string | null;
  reservation_id: string | null; launch_index: number; root_device_name: string | null; progress: number | null;
  launched_at: string | null; terminated_at: string | null; created_at: string; updated_at: string | null;
  deleted_at: string | null; deleted: number; cell: string; cell_id: number | null;
}

/**
 * The columns read, and where each is in a row: rows are fetched as arrays (better-sqlite3's raw
 * mode), since building a 48-key row object in the driver cost ~2.5x as much (a 1,000-server
 * page), and read by position: an object with the 47 columns as keys, built by keyed stores,
 * would be a dictionary-mode (slow) object in V8.
 */
const COLUMN_AT = {
  id: 0, uuid: 1, display_name: 2, display_description: 3, hostname: 4, project_id: 5, user_id: 6, image_ref: 7,
  flavor: 8, old_flavor: 9, new_flavor: 10, vm_state: 11, task_state: 12, power_state: 13, host: 14, node: 15,
  availability_zone: 16, requested_az: 17, metadata: 18, system_metadata: 19, launched_on: 20, root_device_name: 21,
  key_name: 22, key_data: 23, locked: 24, locked_by: 25, locked_reason: 26, access_ip_v4: 27, access_ip_v6: 28,
  config_drive: 29, tags: 30, trusted_certs: 31, user_data: 32, reservation_id: 33, launch_index: 34, progress: 35,
  launched_at: 36, terminated_at: 37, created_at: 38, updated_at: 39, deleted_at: 40, deleted: 41, cell: 42,
  auto_disk_config: 43, kernel_id: 44, ramdisk_id: 45, cell_id: 46,
} as const satisfies Record<keyof InstanceRow, number>;
const ROW_COLUMNS = Object.keys(COLUMN_AT) as (keyof InstanceRow)[];
for (const [i, c] of ROW_COLUMNS.entries()) if (COLUMN_AT[c] !== i) throw new Error(`instances-store: column ${c} is not at ${i}`);
const ROW_SQL = ROW_COLUMNS.join(', ');
/**
 * A row as one JSON array text, for the pages of a list: better-sqlite3 makes each of a raw
 * row's 47 values through V8's API (~0.25 us each: 12 ms for a page of 1,000 servers, the
 * largest part of GET /servers/detail?limit=1000), while SQLite writes the array text and
 * JSON.parse makes the same values in ~5.5 ms. The values are the same: integers and NULLs as
 * they are, text escaped and unescaped (the table holds no REAL or BLOB column).
 */
const ROW_JSON_SQL = `json_array(${ROW_SQL})`;
/** A row as fetched: each column's value at its position. */
type RawRow = { readonly [K in keyof InstanceRow as (typeof COLUMN_AT)[K]]: InstanceRow[K] };

/** camelCase field -> [column, encode]. */
const COLUMNS: Record<string, [string, (v: unknown) => unknown]> = {
  displayName: ['display_name', id], displayDescription: ['display_description', id], hostname: ['hostname', id],
  projectId: ['project_id', id], userId: ['user_id', id], imageRef: ['image_ref', id],
  flavor: ['flavor', json], oldFlavor: ['old_flavor', jsonOrNull], newFlavor: ['new_flavor', jsonOrNull],
  vmState: ['vm_state', id], taskState: ['task_state', id], powerState: ['power_state', id], host: ['host', id],
  node: ['node', id], launchedOn: ['launched_on', id], availabilityZone: ['availability_zone', id],
  requestedAz: ['requested_az', id], metadata: ['metadata', json], systemMetadata: ['system_metadata', json],
  keyName: ['key_name', id], keyData: ['key_data', id], locked: ['locked', bool], lockedBy: ['locked_by', id],
  lockedReason: ['locked_reason', id], accessIpV4: ['access_ip_v4', id], accessIpV6: ['access_ip_v6', id],
  configDrive: ['config_drive', id], autoDiskConfig: ['auto_disk_config', bool],
  kernelId: ['kernel_id', id], ramdiskId: ['ramdisk_id', id], tags: ['tags', json], trustedCerts: ['trusted_certs', jsonOrNull],
  userData: ['user_data', id], reservationId: ['reservation_id', id], launchIndex: ['launch_index', id],
  rootDeviceName: ['root_device_name', id], progress: ['progress', id], launchedAt: ['launched_at', id],
  terminatedAt: ['terminated_at', id], updatedAt: ['updated_at', id], deletedAt: ['deleted_at', id],
  deleted: ['deleted', bool], cell: ['cell', id],
};
function id(v: unknown) { return v; }
function json(v: unknown) { return JSON.stringify(v); }
function jsonOrNull(v: unknown) { return v === null || v === undefined ? null : JSON.stringify(v); }
function bool(v: unknown) { return v ? 1 : 0; }

export type NewInstance = Pick<InstanceRecord, 'uuid' | 'displayName' | 'projectId' | 'userId' | 'flavor' | 'vmState'>
  & Partial<Omit<InstanceRecord, 'id' | 'createdAt' | 'deleted'>>;

export interface InstanceFilter {
  /** Omit for all projects (admin all_tenants). */
  projectId?: string;
  userId?: string;
  uuids?: readonly string[];
  host?: string;
  /** Regex (re.search) on node, as every Instance column outside nova's exact-match list. */
  node?: string;
  vmStates?: readonly VmState[];
  /** As asked (a query's task_state values: an unknown one matches nothing). */
  taskStates?: readonly (string | null)[];
  /** Python-style regex on display_name, applied case-sensitively as nova's sqlite REGEXP does. */
  name?: string;
  imageRef?: string;
  /** Internal flavor id of the current flavor. */
  flavorId?: number;
  /** Regex on reservation_id, like name. */
  reservationId?: string;
  locked?: boolean;
  /** Regex on availability_zone, like name. */
  availabilityZone?: string;
  /** 2.26 tag filters (servers.py splits them on ','): all of / any of / not all of / none of. */
  tags?: readonly string[];
  tagsAny?: readonly string[];
  notTags?: readonly string[];
  notTagsAny?: readonly string[];
  /** Regex on key_name (2.83), like name. */
  keyName?: string;
  /** 'only' = deleted only (nova deleted=True), 'include' = both, default 'exclude'. */
  deleted?: 'exclude' | 'include' | 'only';
  /**
   * instance_get_all_by_filters' 'deleted' filter also covers SOFT_DELETED servers (its
   * soft_deleted default): excluded with deleted=False, included with deleted=True. The server
   * list asks for that; other callers (by host, node, project) see them as the live rows they are.
   */
  softDeletedAsDeleted?: boolean;
  changesSince?: string;
  changesBefore?: string;
  /** Default created_at desc then id desc, as nova's instance_get_all_by_filters_sort. */
  sortKeys?: readonly { key: 'created_at' | 'updated_at' | 'display_name' | 'id' | 'uuid' | 'project_id' | 'vm_state' | 'task_state' | 'host' | 'launched_at'; dir: 'asc' | 'desc' }[];
}

/** The sort keys whose columns are NOT NULL (migrations/002): a descending bound needs no IS NULL arm. */
const NOT_NULL_SORT_KEYS = new Set(['created_at', 'display_name', 'uuid', 'project_id', 'vm_state', 'id']);

export class InstanceNotFoundError extends Error {
  override name = 'InstanceNotFound';
}
/** save() with expectedTaskState found another task state (nova UnexpectedTaskStateError). */
export class UnexpectedTaskStateError extends Error {
  override name = 'UnexpectedTaskStateError';
  constructor(readonly uuid: string, readonly expected: readonly (TaskState | null)[], readonly actual: TaskState | null) {
    super(`Conflict updating instance ${uuid}. Expected: {'task_state': [${expected.map((e) => (e === null ? 'None' : `'${e}'`)).join(', ')}]}. Actual: {'task_state': ${actual === null ? 'None' : `'${actual}'`}}`);
  }
}

/** The task state found was 'deleting': the API is deleting it (nova UnexpectedDeletingTaskStateError). */
export class UnexpectedDeletingTaskStateError extends UnexpectedTaskStateError {
  override name = 'UnexpectedDeletingTaskStateError';
}

export function createInstancesStore(db: Db, now: () => string, emit: (c: ChangeRecord) => void = () => {}) {
  const byUuid = db.prepare(`SELECT ${ROW_SQL} FROM instances WHERE uuid = ?`).raw();
  const byId = db.prepare(`SELECT ${ROW_SQL} FROM instances WHERE id = ?`).raw();
  const deletedByUuid = db.prepare('SELECT deleted FROM instances WHERE uuid = ?').pluck();
  const liveCellByUuid = db.prepare('SELECT cell FROM instances WHERE uuid = ? AND deleted = 0').pluck();
  const onNode = db.prepare(`SELECT ${ROW_SQL} FROM instances WHERE node = ? AND deleted = 0 ORDER BY id`).raw();
  // the servers a restart may find mid-way (recovery): a task, a build, a resize awaiting confirm
  const unsettled = db.prepare(`SELECT ${ROW_SQL} FROM instances WHERE deleted = 0
    AND (task_state IS NOT NULL OR vm_state IN ('building', 'resized') OR cell = 'build_request') ORDER BY id`).raw();
  const purge = db.prepare('DELETE FROM instances WHERE uuid = ?');
  const createStatements = new Map<string, Statement>();
  const prepared = statementCache(db);
  /** A statement whose rows are ROW_COLUMNS arrays. */
  const rowsOf = (sql: string) => prepared(sql).raw();
  const record = (a: unknown): InstanceRecord => toRecord(a as RawRow);
  /**
   * A page's records, from rows as JSON array texts (ROW_JSON_SQL): each distinct JSON text
   * (flavor, metadata, tags: mostly the same few across a page) parsed once and the value shared
   * by the records that hold it (records are read-only); a page of 1,000 servers parsed ~6,000
   * texts into as many objects for the GC.
   */
  const pageRecords = (rowTexts: unknown[]): InstanceRecord[] => {
    const parsed = new Map<string, unknown>();
    const parse = (text: string): any => {
      let v = parsed.get(text);
      if (v === undefined) { v = JSON.parse(text); parsed.set(text, v); }
      return v;
    };
    const out: InstanceRecord[] = [];
    for (const text of rowTexts) out.push(toRecord(JSON.parse(text as string) as RawRow, parse));
    return out;
  };

  const C = COLUMN_AT;
  const toRecord = (r: RawRow, parse: (text: string) => any = JSON.parse): InstanceRecord => {
    const oldFlavor = r[C.old_flavor];
    const newFlavor = r[C.new_flavor];
    const trustedCerts = r[C.trusted_certs];
    return {
      id: r[C.id], uuid: r[C.uuid], displayName: r[C.display_name], displayDescription: r[C.display_description],
      hostname: r[C.hostname], projectId: r[C.project_id], userId: r[C.user_id], imageRef: r[C.image_ref],
      flavor: parse(r[C.flavor]) as FlavorRecord,
      oldFlavor: oldFlavor ? (parse(oldFlavor) as FlavorRecord) : null,
      newFlavor: newFlavor ? (parse(newFlavor) as FlavorRecord) : null,
      vmState: r[C.vm_state] as VmState, taskState: r[C.task_state] as TaskState | null, powerState: r[C.power_state], host: r[C.host], node: r[C.node],
      launchedOn: r[C.launched_on], availabilityZone: r[C.availability_zone], requestedAz: r[C.requested_az],
      metadata: parse(r[C.metadata]) as Record<string, string>,
      systemMetadata: parse(r[C.system_metadata]) as Record<string, string>,
      keyName: r[C.key_name], keyData: r[C.key_data], locked: r[C.locked] === 1, lockedBy: r[C.locked_by],
      lockedReason: r[C.locked_reason], accessIpV4: r[C.access_ip_v4], accessIpV6: r[C.access_ip_v6],
      configDrive: r[C.config_drive], autoDiskConfig: r[C.auto_disk_config] === 1, kernelId: r[C.kernel_id], ramdiskId: r[C.ramdisk_id], tags: parse(r[C.tags]) as string[],
      trustedCerts: trustedCerts ? (parse(trustedCerts) as string[]) : null, userData: r[C.user_data],
      reservationId: r[C.reservation_id] ?? '', launchIndex: r[C.launch_index], rootDeviceName: r[C.root_device_name],
      progress: r[C.progress], launchedAt: r[C.launched_at], terminatedAt: r[C.terminated_at], createdAt: r[C.created_at],
      updatedAt: r[C.updated_at], deletedAt: r[C.deleted_at], deleted: r[C.deleted] !== 0,
      cell: r[C.cell] as InstanceCell, cellId: r[C.cell_id],
    };
  };

  /** list(f)'s WHERE (every filter but the regex ones) and ORDER BY, as columns and directions. */
  const listQuery = (f: InstanceFilter): { where: string[]; args: unknown[]; order: { col: string; desc: boolean }[] } => {
    const where: string[] = [];
    const args: unknown[] = [];
    const eq = (col: string, v: unknown) => { where.push(`${col} = ?`); args.push(v); };
    if (f.projectId !== undefined) eq('project_id', f.projectId);
    if (f.userId !== undefined) eq('user_id', f.userId);
    if (f.host !== undefined) eq('host', f.host);
    if (f.imageRef !== undefined) eq('image_ref', f.imageRef);
    if (f.locked !== undefined) eq('locked', f.locked ? 1 : 0);
    if (f.flavorId !== undefined) { where.push("json_extract(flavor, '$.id') = ?"); args.push(f.flavorId); }
    // a tag filter as nova's JOIN ladders: how many of the listed tags the instance has
    const tagCount = (tags: readonly string[]) => {
      args.push(...tags);
      return `(SELECT COUNT(DISTINCT t.value) FROM json_each(instances.tags) t WHERE t.value IN (${tags.map(() => '?').join(', ')}))`;
    };
    if (f.tags?.length) { const n = f.tags.length; where.push(`${tagCount(f.tags)} = ${n}`); }
    if (f.tagsAny?.length) where.push(`${tagCount(f.tagsAny)} > 0`);
    if (f.notTags?.length) { const n = f.notTags.length; where.push(`${tagCount(f.notTags)} < ${n}`); }
    if (f.notTagsAny?.length) where.push(`${tagCount(f.notTagsAny)} = 0`);
    if (f.uuids) { where.push(`uuid IN (${f.uuids.map(() => '?').join(', ') || 'NULL'})`); args.push(...f.uuids); }
    if (f.vmStates) { where.push(`vm_state IN (${f.vmStates.map(() => '?').join(', ') || 'NULL'})`); args.push(...f.vmStates); }
    if (f.taskStates) {
      const nn = f.taskStates.filter((t): t is string => t !== null);
      const parts = nn.length ? [`task_state IN (${nn.map(() => '?').join(', ')})`] : [];
      if (f.taskStates.includes(null)) parts.push('task_state IS NULL');
      where.push(`(${parts.join(' OR ') || '0'})`);
      args.push(...nn);
    }
    const del = f.deleted ?? 'exclude';
    if (del === 'exclude') where.push(f.softDeletedAsDeleted ? "deleted = 0 AND vm_state != 'soft-delete'" : 'deleted = 0');
    else if (del === 'only') where.push(f.softDeletedAsDeleted ? "(deleted != 0 OR vm_state = 'soft-delete')" : 'deleted != 0');
    if (f.changesSince !== undefined) { where.push('COALESCE(updated_at, created_at) >= ?'); args.push(f.changesSince); }
    if (f.changesBefore !== undefined) { where.push('COALESCE(updated_at, created_at) <= ?'); args.push(f.changesBefore); }
    const order = (f.sortKeys && f.sortKeys.length ? f.sortKeys : [{ key: 'created_at', dir: 'desc' as const }])
      .map((s) => ({ col: s.key, desc: s.dir !== 'asc' }));
    // id last: a total order, so that a marker has one place in it
    if (!order.some((o) => o.col === 'id')) order.push({ col: 'id', desc: true });
    return { where, args, order };
  };
  const whereSql = (where: readonly string[]) => (where.length ? ' WHERE ' + where.join(' AND ') : '');
  const orderSql = (order: readonly { col: string; desc: boolean }[]) => order.map((o) => `${o.col} ${o.desc ? 'DESC' : 'ASC'}`).join(', ');

  /**
   * The rows after `m` in `order` (SQLite's: NULL before any value, then BINARY), as one
   * predicate: the first key that differs from the marker's lies on the far side of it. The
   * first key's bound is added on its own (the terms imply it) so that an index seeks to it.
   */
  const afterMarker = (order: readonly { col: string; desc: boolean }[], m: Record<string, unknown>): { sql: string; args: unknown[] } => {
    const terms: string[] = [];
    const args: unknown[] = [];
    for (let k = 0; k < order.length; k++) {
      const parts: string[] = [];
      const termArgs: unknown[] = [];
      for (let e = 0; e < k; e++) { parts.push(`${order[e]!.col} IS ?`); termArgs.push(m[order[e]!.col]); }
      const { col, desc } = order[k]!;
      const v = m[col];
      if (v === null) {
        if (desc) continue; // nothing sorts after NULL descending
        parts.push(`${col} IS NOT NULL`);
      } else {
        parts.push(desc ? `(${col} < ? OR ${col} IS NULL)` : `${col} > ?`);
        termArgs.push(v);
      }
      terms.push(`(${parts.join(' AND ')})`);
      args.push(...termArgs);
    }
    if (terms.length === 0) return { sql: '0', args: [] };
    const { col, desc } = order[0]!;
    const v = m[col];
    const bound = v === null ? (desc ? `${col} IS NULL` : null)
      : !desc ? `${col} >= ?` : NOT_NULL_SORT_KEYS.has(col) ? `${col} <= ?` : null;
    const sql = `(${terms.join(' OR ')})`;
    return bound === null ? { sql, args } : { sql: `${bound} AND ${sql}`, args: [...(bound.includes('?') ? [v] : []), ...args] };
  };

  /**
   * The UPDATE of save()/update(): the changed columns and updated_at, guarded by deleted and the
   * expected task states; its arguments are positional. The statement is found by a short key
   * (the fields set, how many task states are expected, whether None is one of them): building
   * the whole SQL text and hashing it for the statement cache at every save, and binding the
   * arguments by name (a name looked up in the object per parameter), cost more than SQLite's
   * own work for the UPDATE of a boot's saves.
   */
  const saveStatement = (uuid: string, changes: InstanceChanges, expectedTaskState: readonly (TaskState | null)[] | undefined, returning: boolean): { st: Statement; args: unknown[] } => {
    const args: unknown[] = [];
    // updated_at first, the changes may set it themselves (as { updatedAt: now(), ...changes } did)
    const updatedAt = 'updatedAt' in changes ? changes.updatedAt : now();
    let key = returning ? 'R' : 'U';
    if (updatedAt !== undefined) { key += ',updatedAt'; args.push(updatedAt); }
    for (const k in changes) {
      if (k === 'updatedAt') continue;
      const col = COLUMNS[k];
      const v = (changes as Record<string, unknown>)[k];
      if (!col || v === undefined) continue;
      key += ',' + k;
      args.push(col[1](v));
    }
    // created in a cell: the next id of that cell's own sequence
    const inCell = changes.cell === 'cell0' || changes.cell === 'cell1';
    if (inCell) { key += ',+cell_id'; args.push(changes.cell); }
    args.push(uuid);
    if (expectedTaskState) {
      let withNull = false;
      key += '|';
      for (const s of expectedTaskState) {
        if (s === null) { withNull = true; continue; }
        key += 's';
        args.push(s);
      }
      if (withNull) key += 'N';
    }
    let st = saveStatements.get(key);
    if (st === undefined) {
      if (saveStatements.size >= 200) saveStatements.clear();
      st = db.prepare(saveSql(changes, updatedAt !== undefined, inCell, expectedTaskState, returning));
      if (returning) st.raw();
      saveStatements.set(key, st);
    }
    return { st, args };
  };
  /** saveStatement's SQL: the same columns in the same order as its arguments. */
  const saveSql = (changes: InstanceChanges, setsUpdatedAt: boolean, inCell: boolean, expectedTaskState: readonly (TaskState | null)[] | undefined, returning: boolean): string => {
    const sets: string[] = setsUpdatedAt ? ['updated_at = ?'] : [];
    for (const k in changes) {
      if (k === 'updatedAt') continue;
      const col = COLUMNS[k];
      if (!col || (changes as Record<string, unknown>)[k] === undefined) continue;
      sets.push(`${col[0]} = ?`);
    }
    if (inCell) sets.push('cell_id = (SELECT COALESCE(MAX(cell_id), 0) + 1 FROM instances WHERE cell = ?)');
    // a deleted instance is not found (Instance.save reads with read_deleted='no')
    let where = 'uuid = ? AND deleted = 0';
    if (expectedTaskState) {
      let cond = '';
      for (const s of expectedTaskState) if (s !== null) cond += `${cond ? ' OR ' : ''}task_state = ?`;
      if (expectedTaskState.includes(null)) cond += `${cond ? ' OR ' : ''}task_state IS NULL`;
      where += ` AND (${cond || '0'})`;
    }
    return `UPDATE instances SET ${sets.join(', ')} WHERE ${where}${returning ? ` RETURNING ${ROW_SQL}` : ''}`;
  };
  const saveStatements = new Map<string, Statement>();

  /** Why a save wrote nothing: the instance is gone, or its task state is not an expected one. */
  const saveRefused = (uuid: string, expectedTaskState?: readonly (TaskState | null)[]): Error => {
    const cur = store.get(uuid);
    if (!cur || cur.deleted) return new InstanceNotFoundError(`Instance ${uuid} could not be found.`);
    const Err = cur.taskState === 'deleting' ? UnexpectedDeletingTaskStateError : UnexpectedTaskStateError;
    return new Err(uuid, expectedTaskState ?? [], cur.taskState);
  };

  const store = {
    /** Includes soft-deleted rows (check .deleted); null when unknown. */
    get(uuid: string): InstanceRecord | null {
      const r = byUuid.get(uuid);
      return r ? record(r) : null;
    },
    /**
     * Whether the instance is deleted (soft-deleted rows included), null when unknown: get()'s
     * answer to that one question without reading and decoding the row (recovery asks it for
     * every consumer of every compute node's allocations: 100,000 servers, 2.3 s through get()).
     */
    isDeleted(uuid: string): boolean | null {
      const d = deletedByUuid.get(uuid) as number | undefined;
      return d === undefined ? null : d !== 0;
    },
    /** The cell of a live (not deleted) instance, null when it is deleted or unknown: get()'s answer without the row. */
    liveCell(uuid: string): InstanceCell | null {
      return (liveCellByUuid.get(uuid) as InstanceCell | undefined) ?? null;
    },
    getById(dbId: number): InstanceRecord | null {
      const r = byId.get(dbId);
      return r ? record(r) : null;
    },
    /** A live (not deleted) instance or throws InstanceNotFoundError. */
    require(uuid: string): InstanceRecord {
      const r = store.get(uuid);
      if (!r || r.deleted) throw new InstanceNotFoundError(`Instance ${uuid} could not be found.`);
      return r;
    },

    create(n: NewInstance): InstanceRecord {
      // positional arguments, and the statement found by the fields given (see saveStatement)
      const args: unknown[] = [n.uuid, now(), n.updatedAt ?? null];
      let key = '';
      for (const k in n) {
        const col = COLUMNS[k];
        const v = (n as Record<string, unknown>)[k];
        if (!col || v === undefined) continue;
        if (k === 'updatedAt') { args[2] = col[1](v); continue; }
        key += k + ',';
        args.push(col[1](v));
      }
      let st = createStatements.get(key);
      if (st === undefined) {
        let names = 'uuid, created_at, updated_at';
        let values = '?, ?, ?';
        for (const k of key.split(',')) if (k) { names += `, ${COLUMNS[k]![0]}`; values += ', ?'; }
        // RETURNING: the row as written, without reading it again
        st = db.prepare(`INSERT INTO instances (${names}) VALUES (${values}) RETURNING ${ROW_SQL}`).raw();
        if (createStatements.size >= 50) createStatements.clear();
        createStatements.set(key, st);
      }
      const row = st.get(args);
      emit({ what: 'instance.create', obj: n.uuid, changes: { vmState: n.vmState, taskState: n.taskState ?? null } });
      return record(row);
    },

    /**
     * Instance.save(): writes the changes and bumps updated_at. With expectedTaskState the write
     * only happens if the current task_state is one of them (UnexpectedTaskStateError otherwise).
     * Returns the instance as written.
     */
    save(uuid: string, changes: InstanceChanges, expectedTaskState?: readonly (TaskState | null)[]): InstanceRecord {
      const { st, args } = saveStatement(uuid, changes, expectedTaskState, true);
      const row = st.get(args);
      if (!row) throw saveRefused(uuid, expectedTaskState);
      emit({ what: 'instance.save', obj: uuid, changes });
      return record(row);
    },

    /**
     * save() for a caller that does not read the instance back: the same write and the same
     * errors, without materialising the written row (47 columns and six JSON fields: most of
     * a save's cost, and a boot or a resize saves its instance about ten times).
     */
    update(uuid: string, changes: InstanceChanges, expectedTaskState?: readonly (TaskState | null)[]): void {
      const { st, args } = saveStatement(uuid, changes, expectedTaskState, false);
      if (st.run(args).changes !== 1) throw saveRefused(uuid, expectedTaskState);
      emit({ what: 'instance.save', obj: uuid, changes });
    },

    list(f: InstanceFilter = {}): InstanceRecord[] {
      const { where, args, order } = listQuery(f);
      let rows = rowsOf(`SELECT ${ROW_SQL} FROM instances${whereSql(where)} ORDER BY ${orderSql(order)}`).all(...args).map(record);
      // nova's regex filters (db api _regex_instance_filter): re.search on the column, NULL
      // never matching (MySQL); RE2 keeps each match linear in the value's length
      const regexFilters: [string | undefined, (r: InstanceRecord) => string | null][] = [
        [f.name, (r) => r.displayName],
        [f.keyName, (r) => r.keyName],
        [f.node, (r) => r.node],
        [f.reservationId, (r) => r.reservationId],
        [f.availabilityZone, (r) => r.availabilityZone],
      ];
      for (const [pattern, column] of regexFilters) {
        if (pattern === undefined) continue;
        const matches = regexMatcher(pattern);
        rows = rows.filter((r) => { const v = column(r); return v !== null && matches(v); });
      }
      return rows;
    },

    /**
     * A page of list(f): at most `limit` servers after the one whose uuid is `marker` (none: from
     * the start); 'marker-not-found' when the marker is not in list(f). Without a regex filter
     * the page is read in SQL (the marker's sort values, then the rows after them, LIMIT), so a
     * page of a long list reads only its own rows; with one, list(f) is read and cut.
     */
    listPage(f: InstanceFilter, page: { limit: number; marker?: string }): InstanceRecord[] | 'marker-not-found' {
      if ([f.name, f.keyName, f.node, f.reservationId, f.availabilityZone].some((p) => p !== undefined)) {
        const all = store.list(f);
        let start = 0;
        if (page.marker !== undefined) {
          const at = all.findIndex((r) => r.uuid === page.marker);
          if (at < 0) return 'marker-not-found';
          start = at + 1;
        }
        return all.slice(start, start + page.limit);
      }
      const { where, args, order } = listQuery(f);
      if (page.marker !== undefined) {
        const cols = [...new Set(order.map((o) => o.col))].join(', ');
        const m = prepared(`SELECT ${cols} FROM instances${whereSql([...where, 'uuid = ?'])}`).get(...args, page.marker) as Record<string, unknown> | undefined;
        if (m === undefined) return 'marker-not-found';
        const after = afterMarker(order, m);
        where.push(after.sql);
        args.push(...after.args);
      }
      return pageRecords(prepared(`SELECT ${ROW_JSON_SQL} FROM instances${whereSql(where)} ORDER BY ${orderSql(order)} LIMIT ?`).pluck().all(...args, page.limit));
    },

    /** Live instances whose node is `node` (the resource tracker's view of a compute node). */
    listOnNode: (node: string): InstanceRecord[] => onNode.all(node).map(record),
    /** Live servers with a task, building, or resized (what recovery on start looks at). */
    listUnsettled: (): InstanceRecord[] => unsettled.all().map(record),

    /** Hard delete (reset / archive); soft delete is save({vmState:'deleted', deleted:true, ...}). */
    purge: (uuid: string): void => { purge.run(uuid); },
  };
  return store;
}

export type InstancesStore = ReturnType<typeof createInstancesStore>;

/** A pattern the API let through but RE2 cannot compile is matched as a literal substring. */
function regexMatcher(pattern: string): (value: string) => boolean {
  try {
    const re = compilePythonRegex(pattern);
    return (v) => re.matcher(v).find();
  } catch {
    return (v) => v.includes(pattern);
  }
}
