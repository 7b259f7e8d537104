// Where the server's log lines go: stdout (or any fd), written synchronously as Node writes
// process.stdout to files and pipes, but the lines of one event-loop turn in one write(2).
// pino's default destination writes asynchronously: each write goes to libuv's thread pool and
// its completion wakes the event loop again, which cost a request about as much CPU again as the
// whole list of resource providers at info (issue #20). A synchronous write per line costs a
// syscall per request; one per turn shares it among the requests a turn answers (-c 10: several).
// Lines wait at most until the turn's check phase (setImmediate); flushSync() writes them at once
// (main.ts calls it on exit). A kill -9 can lose the lines of the turn it interrupts.
// The write itself is fs.writeSync of the turn's lines as one Buffer (see writeAll below).
import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';

export interface LogDestination extends DestinationStream {
  /** Writes every pending line now (on exit: nothing waits for the next turn). */
  flushSync(): void;
}

// sonic-boom's wait before retrying a write the fd refused for now (a non-blocking pipe that is full)
const BUSY_WRITE_MS = 100;
const busyWait = new Int32Array(new SharedArrayBuffer(4));

export function batchedLogDestination(fd = 1): LogDestination {
  let pending = '';
  let scheduled = false;
  let broken = false;
  // What pino's sync destination (sonic-boom) did for these writes, without its per-write
  // bookkeeping (a byteLength of every line, the string encoded twice, a 'write' event): the
  // turn's lines encoded once, written whole (partial writes continued, EAGAIN/EBUSY retried
  // after a wait), and nothing more written once the reader is gone (EPIPE: pino's safe build
  // stops logging then). Any other write error is thrown, as sonic-boom's unhandled 'error' was.
  const writeAll = (bytes: Buffer): void => {
    let off = 0;
    while (off < bytes.length && !broken) {
      try {
        off += writeSync(fd, bytes, off);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EBUSY') Atomics.wait(busyWait, 0, 0, BUSY_WRITE_MS);
        else if (code === 'EPIPE') broken = true;
        else throw err;
      }
    }
  };
  const flushSync = (): void => {
    scheduled = false;
    if (pending === '') return;
    const lines = pending;
    pending = '';
    writeAll(Buffer.from(lines, 'utf8'));
  };
  return {
    write(line: string): void {
      if (broken) return;
      pending += line;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushSync);
      }
    },
    flushSync,
  };
}
