// Statements whose SQL text is built per call (the columns a save() sets, an IN list's length)
// prepared once per distinct text: better-sqlite3 parses and plans the SQL on every prepare(),
// which was about a third of an instance create's or save's CPU. Bounded: a store whose texts
// vary without end (long IN lists) starts over past `max` texts.
import type Database from 'better-sqlite3';
import type { Db } from './open-database.js';

export type Statement = Database.Statement<unknown[], unknown>;

export function statementCache(db: Db, max = 200): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let st = cache.get(sql);
    if (st === undefined) {
      if (cache.size >= max) cache.clear();
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st;
  };
}
