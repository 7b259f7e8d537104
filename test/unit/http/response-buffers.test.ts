// The response buffer pool hands a buffer back out only after the response it was given to has
// emitted 'finish' (every byte handed to the kernel), never to two unfinished responses, keeps
// nothing for an aborted response, and drops its free buffers after a quiet second.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createResponseBufferPool } from '../../../src/http/response-buffers.js';

const res = () => new EventEmitter() as unknown as ServerResponse;
const sameMemory = (a: Buffer, b: Buffer) => a.buffer === b.buffer;
const MB = 1024 * 1024;

afterEach(() => { vi.useRealTimers(); });

describe('response buffer pool', () => {
  it('gives exactly the size asked, pooled or not', () => {
    const pool = createResponseBufferPool();
    for (const size of [0, 1, 1000, 300 * 1024, 4.3 * MB]) expect(pool.take(Math.floor(size), res()).length).toBe(Math.floor(size));
  });

  it('reuses a buffer only after its response finished', () => {
    const pool = createResponseBufferPool();
    const r1 = res();
    const a = pool.take(4 * MB, r1);
    const b = pool.take(4 * MB, res());
    expect(sameMemory(a, b)).toBe(false);
    r1.emit('finish');
    const c = pool.take(3 * MB, res());
    expect(sameMemory(a, c)).toBe(true);
    // c's response has not finished: the next one gets other memory
    expect(sameMemory(c, pool.take(3 * MB, res()))).toBe(false);
  });

  it('keeps nothing for a response that closed without finishing, nor a buffer too small', () => {
    const pool = createResponseBufferPool();
    const r1 = res();
    const a = pool.take(2 * MB, r1);
    r1.emit('close');
    expect(sameMemory(a, pool.take(2 * MB, res()))).toBe(false);
    const r2 = res();
    const small = pool.take(MB, r2);
    r2.emit('finish');
    expect(sameMemory(small, pool.take(4 * MB, res()))).toBe(false);
  });

  it('does not pool small bodies', () => {
    const pool = createResponseBufferPool();
    const r1 = res();
    pool.take(256 * 1024 - 1, r1);
    expect(r1.listenerCount('finish')).toBe(0);
    expect(pool.take(256 * 1024, r1).length).toBe(256 * 1024);
    expect(r1.listenerCount('finish')).toBe(1);
  });

  it('drops its free buffers after a quiet second', () => {
    vi.useFakeTimers();
    const pool = createResponseBufferPool();
    const r1 = res();
    const a = pool.take(2 * MB, r1);
    r1.emit('finish');
    vi.advanceTimersByTime(500);
    const r2 = res();
    const b = pool.take(2 * MB, r2);
    expect(sameMemory(a, b)).toBe(true);
    r2.emit('finish');
    vi.advanceTimersByTime(1500);
    expect(sameMemory(b, pool.take(2 * MB, res()))).toBe(false);
  });
});
