// Where the server's log lines go: stdout (or any fd), written synchronously as Node writes
// process.stdout to files and pipes, but the lines of one event-loop turn in one write(2).
// pino's default destination writes asynchronously: each write goes to libuv's thread pool and
// its completion wakes the event loop again, which cost a request about as much CPU again as the
// whole list of resource providers at info (issue #20). A synchronous write per line costs a
// syscall per request; one per turn shares it among the requests a turn answers (-c 10: several).
// Lines wait at most until the turn's check phase (setImmediate); flushSync() writes them at once
// (main.ts calls it on exit). A kill -9 can lose the lines of the turn it interrupts.
import pino, { type DestinationStream } from 'pino';

export interface LogDestination extends DestinationStream {
  /** Writes every pending line now (on exit: nothing waits for the next turn). */
  flushSync(): void;
}

export function batchedLogDestination(fd = 1): LogDestination {
  // sonic-boom in sync mode: retries partial writes and EAGAIN, ignores EPIPE (pino's safe build)
  const out = pino.destination({ dest: fd, sync: true });
  let pending = '';
  let scheduled = false;
  const flushSync = (): void => {
    scheduled = false;
    if (pending === '') return;
    const lines = pending;
    pending = '';
    out.write(lines);
  };
  return {
    write(line: string): void {
      pending += line;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushSync);
      }
    },
    flushSync,
  };
}
