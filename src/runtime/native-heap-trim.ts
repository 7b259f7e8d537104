// Giving the C heap's free pages back to the system once the server is quiet (glibc's
// malloc_trim), called from the idle GC (idle-gc.ts) after V8 has freed what the burst left.
//
// Why: after a burst, RSS stayed well above where it started although everything was deleted
// (the soak bench: +22%). A good part of it is glibc keeping freed memory: the in-memory
// database's pages (SQLite mallocs each one) and the other long-lived allocations made during a
// load sit above the load's transient ones (sockets' read buffers, bodies, SQLite's per-statement
// memory), so the brk heap can never shrink from its top, and V8's worker threads' malloc arenas
// keep theirs. free() gives back only the top of a heap; malloc_trim(3) also returns the whole
// free pages inside every arena (madvise MADV_DONTNEED). Node has no call for it, and no FFI.
//
// How: SQLite's extension loader is a dlopen + dlsym + call. Loading "libc.so.6" with the entry
// point "malloc_trim" calls glibc's malloc_trim(pad) with the loader's first argument (the
// connection's pointer) as pad (the other two arguments go unread: one size_t in a register on
// x86-64 and arm64). pad only limits how much of the main heap's *top* is released (a pointer's
// value: none; free() already trims the top above M_TRIM_THRESHOLD); the pages inside every
// arena's free chunks are released whatever pad is. malloc_trim returns 1 when it released
// something, which SQLite reports as an error of the extension's initialisation: expected, and
// the library is closed again (libc stays loaded: the process linked it). A throwaway in-memory
// connection does the call, so the server's database never sees it. Anywhere else (musl, macOS,
// Windows: no libc.so.6 or no malloc_trim) the first attempt fails and trimming stops.
import Database from 'better-sqlite3';

let available = process.platform === 'linux';

/** Returns whether the C heap was trimmed (false where malloc_trim is not to be had). */
export function trimNativeHeap(): boolean {
  if (!available) return false;
  const db = new Database(':memory:');
  try {
    // (better-sqlite3 takes the entry point; its @types do not list it)
    (db as unknown as { loadExtension(file: string, entryPoint: string): void }).loadExtension('libc.so.6', 'malloc_trim');
    return true; // returned 0: nothing to release
  } catch (err) {
    // returned 1: memory released; anything else (no such library or symbol): give up for good
    if (err instanceof Error && err.message.startsWith('error during initialization')) return true;
    available = false;
    return false;
  } finally {
    db.close();
  }
}
