// SQL for instance faults (nova/objects/instance_fault.py). The API shows only the latest.
import type { Db } from '../db/open-database.js';
import type { FaultRecord } from './records.js';
import type { ChangeRecord } from './records.js';

interface FaultRow { id: number; instance_uuid: string; code: number; message: string; details: string | null; host: string | null; created_at: string }

export function createFaultsStore(db: Db, now: () => string, emit: (c: ChangeRecord) => void = () => {}) {
  const insert = db.prepare('INSERT INTO instance_faults (instance_uuid, code, message, details, host, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const latest = db.prepare('SELECT * FROM instance_faults WHERE instance_uuid = ? ORDER BY created_at DESC, id DESC LIMIT 1');
  const all = db.prepare('SELECT * FROM instance_faults WHERE instance_uuid = ? ORDER BY created_at DESC, id DESC');
  const ofMany = db.prepare(`SELECT * FROM instance_faults WHERE instance_uuid IN (SELECT value FROM json_each(?))
    ORDER BY instance_uuid, created_at DESC, id DESC`);
  const toRecord = (r: FaultRow): FaultRecord => ({
    id: r.id, instanceUuid: r.instance_uuid, code: r.code, message: r.message, details: r.details ?? '', host: r.host, createdAt: r.created_at,
  });
  return {
    /** add_instance_fault_from_exc: message truncated to 255 as nova does. */
    add(f: { instanceUuid: string; code: number; message: string; details: string; host: string | null }): FaultRecord {
      const info = insert.run(f.instanceUuid, f.code, f.message.slice(0, 255), f.details, f.host, now());
      emit({ what: 'instance.fault', obj: f.instanceUuid, changes: { code: f.code, message: f.message.slice(0, 255) } });
      return { id: Number(info.lastInsertRowid), instanceUuid: f.instanceUuid, code: f.code, message: f.message.slice(0, 255), details: f.details, host: f.host, createdAt: now() };
    },
    latest(instanceUuid: string): FaultRecord | null {
      const r = latest.get(instanceUuid) as FaultRow | undefined;
      return r ? toRecord(r) : null;
    },
    /** latest() of many instances in one query: uuid -> its latest fault; those without one left out. */
    latestOf(instanceUuids: readonly string[]): Map<string, FaultRecord> {
      const out = new Map<string, FaultRecord>();
      for (const r of ofMany.all(JSON.stringify(instanceUuids)) as FaultRow[]) if (!out.has(r.instance_uuid)) out.set(r.instance_uuid, toRecord(r));
      return out;
    },
    list: (instanceUuid: string): FaultRecord[] => (all.all(instanceUuid) as FaultRow[]).map(toRecord),
  };
}

export type FaultsStore = ReturnType<typeof createFaultsStore>;
