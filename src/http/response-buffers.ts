// Reused buffers for large response bodies (GET /allocation_candidates at 10,000 providers writes
// 4.3 MB). A fresh buffer that size per response cost more than writing the body into it: its
// pages are faulted in on first touch (600-900 minor faults per response here) and its external
// memory drives V8 into extra full collections (server CPU per request 25-36 ms with a fresh
// buffer, 10 ms with a reused one, same minutes). A buffer returns to the pool only when its
// response has emitted 'finish': every byte has then been handed to the kernel, nothing holds it.
// A response that never finishes (aborted) keeps its buffer, which the GC frees. Free buffers
// are dropped after a quiet second so an idle process does not keep them.
import type { ServerResponse } from 'node:http';

/** Below this a body takes an ordinary buffer (small ones come from Node's pool anyway). */
const MIN_POOLED = 256 * 1024;
/** Free buffers kept (concurrent large responses take more; the extra ones go to the GC). */
const MAX_FREE = 2;
const IDLE_MS = 1000;

export interface ResponseBufferPool {
  /**
   * A buffer of exactly `size` bytes for the body of `res`, reused once `res` has finished: the
   * caller must send it as that response's body and keep no other reference to it.
   */
  take(size: number, res: ServerResponse): Buffer;
}

export function createResponseBufferPool(): ResponseBufferPool {
  const free: Buffer[] = [];
  let lastUse = 0;
  let timer: NodeJS.Timeout | null = null;

  const dropWhenIdle = (): void => {
    timer = null;
    if (free.length === 0) return;
    const quiet = Date.now() - lastUse;
    if (quiet >= IDLE_MS) { free.length = 0; return; }
    timer = setTimeout(dropWhenIdle, IDLE_MS - quiet);
    timer.unref();
  };

  const release = (buf: Buffer): void => {
    if (free.length < MAX_FREE) free.push(buf);
    if (timer === null) { timer = setTimeout(dropWhenIdle, IDLE_MS); timer.unref(); }
  };

  return {
    take(size, res) {
      if (size < MIN_POOLED) return Buffer.allocUnsafe(size);
      lastUse = Date.now();
      let buf: Buffer | undefined;
      for (let i = 0; i < free.length; i++) {
        if (free[i]!.length >= size) { buf = free[i]!; free.splice(i, 1); break; }
      }
      // room to grow: the next body of a similar request is often a little larger
      buf ??= Buffer.allocUnsafeSlow(Math.ceil((size * 1.125) / 65536) * 65536);
      const whole = buf;
      res.once('finish', () => release(whole));
      return buf.subarray(0, size);
    },
  };
}
