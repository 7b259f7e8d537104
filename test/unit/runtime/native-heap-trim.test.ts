// glibc's malloc_trim through SQLite's extension loader (src/runtime/native-heap-trim.ts): it
// runs where glibc is, gives back the free pages a burst of native allocations left, and leaves
// the process's databases alone.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { trimNativeHeap } from '../../../src/runtime/native-heap-trim.js';

const glibc = process.platform === 'linux'
  && Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);

describe('trimNativeHeap', () => {
  it.runIf(glibc)('calls malloc_trim under glibc, and the databases open meanwhile carry on', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)');
    const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
    // long-lived pages (the table's) interleaved with transient native buffers, freed afterwards
    for (let round = 0; round < 50; round++) {
      const transient = Array.from({ length: 100 }, (_, i) => Buffer.allocUnsafeSlow(2000 + i * 10));
      db.transaction(() => { for (let i = 0; i < 20; i++) insert.run('x'.repeat(300)); })();
      expect(transient).toHaveLength(100);
    }
    expect(trimNativeHeap()).toBe(true);
    expect(trimNativeHeap()).toBe(true);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1000);
    insert.run('after');
    db.close();
  });

  it.runIf(!glibc)('does nothing where there is no glibc', () => {
    expect(trimNativeHeap()).toBe(false);
  });
});
