// migrations/230_compact_history.sql on a database that already holds history: every row reads
// back as before (the generated created_at/updated_at give the values that were stored), the
// events still go with their action (ON DELETE CASCADE), and new rows get the same values the
// old columns were written with.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/open-database.js';
import { createInstanceActionsStore } from '../../../src/compute-db/instance-actions-store.js';

const T = (s: number) => `2026-12-08T00:00:${String(s).padStart(2, '0')}.000Z`;

describe('230_compact_history', () => {
  it('keeps every row and value of the tables it rebuilds', () => {
    const all = fileURLToPath(new URL('../../../migrations/', import.meta.url));
    const before = mkdtempSync(join(tmpdir(), 'migrations-'));
    for (const f of readdirSync(all)) if (f < '230') copyFileSync(join(all, f), join(before, f));
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    const action = db.prepare(`INSERT INTO instance_actions (instance_uuid, request_id, action, user_id, project_id, start_time, finish_time, message, created_at, updated_at)
      VALUES (?, ?, ?, 'u', 'p', ?, ?, ?, ?, ?)`);
    const event = db.prepare(`INSERT INTO instance_action_events (action_id, event, start_time, finish_time, result, traceback, host, details, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < 6; i++) {
      const id = Number(action.run(`uuid-${i % 2}`, `req-${i}`, i % 2 ? 'resize' : 'create', T(i), null, i === 3 ? 'Error' : null, T(i), T(i + 1)).lastInsertRowid);
      event.run(id, 'compute_a', T(i), T(i + 1), 'Success', null, 'h1', null, T(i), T(i + 1));
      event.run(id, 'compute_b', T(i + 1), null, null, null, 'h2', null, T(i + 1), null);
      if (i === 3) event.run(id, 'compute_c', T(i), T(i + 2), 'Error', 'Traceback ...', 'h1', '{"x":1}', T(i), T(i + 2));
    }
    db.prepare('INSERT INTO fake_guests (host, server, power_state) VALUES (?, ?, ?)').run('h1', 'uuid-0', 1);
    db.prepare('INSERT INTO fake_guests (host, server, power_state) VALUES (?, ?, ?)').run('h2', 'uuid-0', 0);
    const dump = () => ({
      actions: db.prepare('SELECT * FROM instance_actions ORDER BY id').all(),
      events: db.prepare('SELECT * FROM instance_action_events ORDER BY id').all(),
      guests: db.prepare('SELECT * FROM fake_guests ORDER BY host, server').all(),
    });
    const was = dump();
    expect(migrate(db, all)).toContain('230_compact_history.sql');
    expect(dump()).toEqual(was);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // the events still go with their action
    db.prepare("DELETE FROM instance_actions WHERE request_id = 'req-3'").run();
    expect(db.prepare('SELECT count(*) FROM instance_action_events').pluck().get()).toBe(10);
    // the store writes what the old columns held: created_at = start_time, updated_at = finish_time
    let clock = 40;
    const store = createInstanceActionsStore(db, () => T(clock++));
    const a = store.start({ instanceUuid: 'uuid-2', requestId: 'req-new', action: 'stop', userId: 'u', projectId: 'p' });
    expect(a).toMatchObject({ startTime: T(40), createdAt: T(40), updatedAt: T(40) });
    store.startEvent(a.id, 'compute_stop_instance', 'h1');
    store.finishEvent(a.id, 'compute_stop_instance', { ok: true });
    expect(db.prepare('SELECT start_time, created_at, finish_time, updated_at FROM instance_action_events WHERE action_id = ?').get(a.id))
      .toEqual({ start_time: T(41), created_at: T(41), finish_time: T(42), updated_at: T(42) });
    expect(store.getByRequestId('uuid-2', 'req-new')).toMatchObject({ id: a.id, updatedAt: T(42) });
    expect(store.list('uuid-1').map((x) => x.requestId)).toEqual(['req-5', 'req-1']);
    db.prepare('INSERT INTO fake_guests (host, server, power_state) VALUES (?, ?, ?) ON CONFLICT (host, server) DO UPDATE SET power_state = excluded.power_state').run('h1', 'uuid-0', 4);
    expect(db.prepare("SELECT power_state FROM fake_guests WHERE host = 'h1' AND server = 'uuid-0'").pluck().get()).toBe(4);
    rmSync(before, { recursive: true });
    db.close();
  });
});
