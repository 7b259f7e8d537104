// SQL for instance actions and their events (nova/objects/instance_action.py).
import type { Db } from '../db/open-database.js';
import { statementCache } from '../db/statement-cache.js';
import type { EventRecord, InstanceActionRecord } from './records.js';

interface ActionRow {
  id: number; instance_uuid: string; request_id: string; action: string; user_id: string | null; project_id: string | null;
  start_time: string; finish_time: string | null; message: string | null; created_at: string; updated_at: string | null;
}
interface EventRow {
  id: number; action_id: number; event: string; start_time: string; finish_time: string | null; result: string | null;
  traceback: string | null; host: string | null; details: string | null;
}

export interface ActionFilter {
  changesSince?: string;
  changesBefore?: string;
}

export function createInstanceActionsStore(db: Db, now: () => string) {
  const prepared = statementCache(db);
  // pack_action_start: updated_at = start_time, so an action without events still shows it
  // RETURNING: the rows as written, without reading them again (no trigger touches either table)
  // created_at is start_time (a generated column: migrations/230)
  const insertAction = db.prepare(`INSERT INTO instance_actions (instance_uuid, request_id, action, user_id, project_id, start_time, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const byId = db.prepare('SELECT * FROM instance_actions WHERE id = ?');
  const byRequest = db.prepare('SELECT * FROM instance_actions WHERE instance_uuid = ? AND request_id = ? ORDER BY id DESC LIMIT 1');
  // created_at and updated_at are start_time and finish_time (generated columns: migrations/230)
  const insertEvent = db.prepare(`INSERT INTO instance_action_events (action_id, event, start_time, host) VALUES (?, ?, ?, ?) RETURNING *`);
  const finishEvent = db.prepare(`UPDATE instance_action_events SET finish_time = ?, result = ?, traceback = ?, details = ? WHERE id = ?`);
  // nova's action_event_finish: filter_by(action_id, event).first() -> the OLDEST event of that name
  const oldestByName = db.prepare('SELECT * FROM instance_action_events WHERE action_id = ? AND event = ? ORDER BY id LIMIT 1');
  const events = db.prepare('SELECT * FROM instance_action_events WHERE action_id = ? ORDER BY start_time DESC, id DESC');
  const markError = db.prepare("UPDATE instance_actions SET message = 'Error', updated_at = ? WHERE id = ?");
  const touch = db.prepare('UPDATE instance_actions SET updated_at = ? WHERE id = ?');
  const finishAction = db.prepare('UPDATE instance_actions SET finish_time = ?, updated_at = ? WHERE id = ?');

  const toAction = (r: ActionRow): InstanceActionRecord => ({
    id: r.id, instanceUuid: r.instance_uuid, requestId: r.request_id, action: r.action, userId: r.user_id,
    projectId: r.project_id, startTime: r.start_time, finishTime: r.finish_time, message: r.message,
    createdAt: r.created_at, updatedAt: r.updated_at,
  });
  const toEvent = (r: EventRow): EventRecord => ({
    id: r.id, actionId: r.action_id, event: r.event, startTime: r.start_time, finishTime: r.finish_time,
    result: r.result, traceback: r.traceback, host: r.host, details: r.details,
  });

  return {
    /** InstanceAction.action_start. */
    start(a: { instanceUuid: string; requestId: string; action: string; userId: string | null; projectId: string | null }): InstanceActionRecord {
      const ts = now();
      return toAction(insertAction.get(a.instanceUuid, a.requestId, a.action, a.userId, a.projectId, ts, ts) as ActionRow);
    },
    finish(actionId: number): void { const ts = now(); finishAction.run(ts, ts, actionId); },
    get(actionId: number): InstanceActionRecord | null {
      const r = byId.get(actionId) as ActionRow | undefined;
      return r ? toAction(r) : null;
    },
    getByRequestId(instanceUuid: string, requestId: string): InstanceActionRecord | null {
      const r = byRequest.get(instanceUuid, requestId) as ActionRow | undefined;
      return r ? toAction(r) : null;
    },
    /** Newest first (nova: created_at desc, id desc). */
    list(instanceUuid: string, f: ActionFilter = {}): InstanceActionRecord[] {
      const where = ['instance_uuid = ?'];
      const args: unknown[] = [instanceUuid];
      if (f.changesSince !== undefined) { where.push('COALESCE(updated_at, created_at) >= ?'); args.push(f.changesSince); }
      if (f.changesBefore !== undefined) { where.push('COALESCE(updated_at, created_at) <= ?'); args.push(f.changesBefore); }
      return (prepared(`SELECT * FROM instance_actions WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC`).all(...args) as ActionRow[]).map(toAction);
    },
    /** InstanceActionEvent.event_start. */
    startEvent(actionId: number, event: string, host: string | null): EventRecord {
      const ts = now();
      const row = insertEvent.get(actionId, event, ts, host) as EventRow;
      touch.run(ts, actionId);
      return toEvent(row);
    },
    /**
     * InstanceActionEvent.event_finish_with_failure: an error also marks the action 'Error'.
     * Like nova, the event is found by (action, event name) and the oldest one wins: when a
     * reschedule runs an event name twice in one action, the first is finished twice and the
     * second stays unfinished (what the real Nova shows).
     */
    finishEvent(actionId: number, event: string, outcome: { ok: true } | { ok: false; traceback: string; details: string | null }): void {
      const ts = now();
      const ev = oldestByName.get(actionId, event) as EventRow | undefined;
      if (!ev) return;
      const eventId = ev.id;
      if (outcome.ok) finishEvent.run(ts, 'Success', null, null, eventId);
      else {
        finishEvent.run(ts, 'Error', outcome.traceback, outcome.details, eventId);
        markError.run(ts, ev.action_id);
      }
      touch.run(ts, ev.action_id);
    },
    /** Newest first. */
    events: (actionId: number): EventRecord[] => (events.all(actionId) as EventRow[]).map(toEvent),
  };
}

export type InstanceActionsStore = ReturnType<typeof createInstanceActionsStore>;
