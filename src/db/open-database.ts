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

/** Forward-only: apply every NNN_name.sql not yet recorded, each in its own transaction. */
export function migrate(db: Db, dir: string): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const files = readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(file, new Date().toISOString());
    })();
    applied.push(file);
  }
  return applied;
}
