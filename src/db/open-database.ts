// Open SQLite (WAL for files, foreign keys on) and bring it up to date with migrations/.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { prepareStatementsOnFirstUse } from './lazy-statements.js';

export type Db = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export function openDatabase(path: string, migrationsDir = MIGRATIONS_DIR): Db {
  const db = new Database(path);
  if (path !== ':memory:') {
    // WAL + synchronous=NORMAL: a commit returns once its frames are written to the -wal file
    // (write(2), so in the OS page cache), which is what makes an acknowledged write survive the
    // process dying at any instant (kill -9, a crash): the next open replays the WAL. Only the
    // fsync is left to checkpoints, so a power loss may drop the last commits; FULL would fsync
    // every commit, at several times the write cost, for a failure a test double does not face.
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error(`${path}: SQLite refused WAL journal mode`);
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  migrate(db, migrationsDir);
  // the stores' ~410 statements: prepared when first run, not at start-up (lazy-statements.ts)
  prepareStatementsOnFirstUse(db);
  return db;
}

/**
 * Forward-only: apply every NNN_name.sql not yet recorded, all in one transaction (a new
 * database takes every file at each start: one commit instead of one per file; and a file
 * that fails leaves the database as it was, not half-way through the list).
 */
export function migrate(db: Db, dir: string): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const pending = readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f) && !done.has(f)).sort();
  if (pending.length === 0) return [];
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  db.transaction(() => {
    for (const file of pending) {
      db.exec(readFileSync(join(dir, file), 'utf8'));
      record.run(file, new Date().toISOString());
    }
  })();
  return pending;
}
