// The server's log destination: lines of one event-loop turn reach the fd together, at the end
// of that turn, in order; flushSync (run on exit) writes what is pending at once.
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batchedLogDestination } from '../../../src/runtime/log-destination.js';

const nextTurn = () => new Promise((r) => setImmediate(r));
const fds: number[] = [];
afterEach(() => { for (const fd of fds.splice(0)) closeSync(fd); });

function logFile(): { fd: number; read(): string } {
  const path = join(mkdtempSync(join(tmpdir(), 'novamock-log-')), 'out.log');
  const fd = openSync(path, 'a');
  fds.push(fd);
  return { fd, read: () => readFileSync(path, 'utf8') };
}

describe('batched log destination', () => {
  it('writes the lines of a turn once that turn ends, in order', async () => {
    const file = logFile();
    const dest = batchedLogDestination(file.fd);
    dest.write('one\n');
    dest.write('two\n');
    expect(file.read()).toBe('');
    await nextTurn();
    expect(file.read()).toBe('one\ntwo\n');
    dest.write('three\n');
    await nextTurn();
    expect(file.read()).toBe('one\ntwo\nthree\n');
  });

  it('flushSync writes the pending lines at once, and nothing twice', async () => {
    const file = logFile();
    const dest = batchedLogDestination(file.fd);
    dest.write('a\n');
    dest.write('b\n');
    dest.flushSync();
    expect(file.read()).toBe('a\nb\n');
    await nextTurn();
    dest.flushSync();
    expect(file.read()).toBe('a\nb\n');
  });
});
