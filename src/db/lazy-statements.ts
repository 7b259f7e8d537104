// Statements prepared at their first use instead of when a store is created. Every service's
// stores prepare all their statements up front (DESIGN.md §6), ~410 of them, most of them for
// requests a process may never see (the lazily mounted services'): SQLite parsing and planning
// them was the largest piece of the app's own start-up work. The store code stays as it is
// (`const byId = db.prepare(...)` at creation); `db.prepare` hands out a stand-in that
// prepares the real statement when one of run/get/all/iterate/... is first called and forwards
// every call after that (one property load and call more: no measurable cost beside SQLite's).
// pluck/raw/expand/safeIntegers before that are recorded and applied to the real statement.
// A statement whose SQL is wrong now throws at its first use rather than at start-up: the
// tests run every statement.
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;
type Mode = 'pluck' | 'raw' | 'expand' | 'safeIntegers';

class LazyStatement {
  private stmt: Statement | null = null;
  private modes: [Mode, boolean | undefined][] | null = null;

  constructor(private readonly prepareNow: (sql: string) => Statement, readonly source: string) {}

  private prepare(): Statement {
    const stmt = this.prepareNow(this.source);
    if (this.modes !== null) for (const [mode, on] of this.modes) setMode(stmt, mode, on);
    this.modes = null;
    this.stmt = stmt;
    return stmt;
  }

  run(...params: unknown[]): Database.RunResult { return (this.stmt ?? this.prepare()).run(...params); }
  get(...params: unknown[]): unknown { return (this.stmt ?? this.prepare()).get(...params); }
  all(...params: unknown[]): unknown[] { return (this.stmt ?? this.prepare()).all(...params); }
  iterate(...params: unknown[]): IterableIterator<unknown> { return (this.stmt ?? this.prepare()).iterate(...params); }
  columns(): Database.ColumnDefinition[] { return (this.stmt ?? this.prepare()).columns(); }
  bind(...params: unknown[]): this { (this.stmt ?? this.prepare()).bind(...params); return this; }
  pluck(on?: boolean): this { return this.mode('pluck', on); }
  raw(on?: boolean): this { return this.mode('raw', on); }
  expand(on?: boolean): this { return this.mode('expand', on); }
  safeIntegers(on?: boolean): this { return this.mode('safeIntegers', on); }
  get reader(): boolean { return (this.stmt ?? this.prepare()).reader; }
  get readonly(): boolean { return (this.stmt ?? this.prepare()).readonly; }
  get busy(): boolean { return this.stmt !== null && this.stmt.busy; }
  get database(): Database.Database { return (this.stmt ?? this.prepare()).database; }

  private mode(mode: Mode, on: boolean | undefined): this {
    if (this.stmt !== null) setMode(this.stmt, mode, on);
    else (this.modes ??= []).push([mode, on]);
    return this;
  }
}

// better-sqlite3 takes no argument as `true` but rejects an explicit undefined
function setMode(stmt: Statement, mode: Mode, on: boolean | undefined): void {
  if (on === undefined) stmt[mode]();
  else stmt[mode](on);
}

/** From now on `db.prepare(sql)` prepares `sql` at the statement's first use. */
export function prepareStatementsOnFirstUse(db: Database.Database): void {
  const prepareNow = db.prepare.bind(db) as (sql: string) => Statement;
  db.prepare = ((sql: string) => new LazyStatement(prepareNow, sql)) as unknown as Database.Database['prepare'];
}
