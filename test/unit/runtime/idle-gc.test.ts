import { describe, expect, it } from 'vitest';
import { collectGarbageWhenIdle } from '../../../src/runtime/idle-gc.js';

function harness(o: { grown?: () => boolean; quietPeriods?: number } = {}) {
  let tick: () => void = () => { throw new Error('no timer'); };
  let unrefed = false;
  let collections = 0;
  let trims = 0;
  const idle = collectGarbageWhenIdle({
    trim: () => { expect(trims).toBe(collections - 1); trims++; },
    periodMs: 1000,
    quietPeriods: o.quietPeriods ?? 1,
    gc: () => { collections++; },
    youngGenerationGrown: o.grown ?? (() => false),
    every: (fn, ms) => { expect(ms).toBe(1000); tick = fn; return { unref: () => { unrefed = true; } }; },
  });
  return { idle, tick: () => tick(), collections: () => { expect(trims).toBe(collections); return collections; }, unrefed: () => unrefed };
}

describe('collectGarbageWhenIdle', () => {
  it('collects once after the start-up, at the first whole quiet period, on a timer that keeps nothing alive', () => {
    const h = harness();
    expect(h.unrefed()).toBe(true);
    h.tick(); // the period the start-up was in
    expect(h.collections()).toBe(0);
    h.tick();
    expect(h.collections()).toBe(1);
    h.tick();
    h.tick();
    expect(h.collections()).toBe(1);
  });

  it('waits while requests keep coming, then collects once per quiet spell', () => {
    const h = harness();
    h.tick();
    h.tick();
    expect(h.collections()).toBe(1);
    for (let i = 0; i < 5; i++) { h.idle.touch(); h.tick(); }
    expect(h.collections()).toBe(1);
    h.tick();
    expect(h.collections()).toBe(2);
    h.tick();
    expect(h.collections()).toBe(2);
  });

  it('collects once more two quiet periods later when the first left the young generation grown, and only then', () => {
    let grown = true;
    const h = harness({ grown: () => grown });
    h.tick();
    h.tick();
    expect(h.collections()).toBe(1);
    h.tick(); // one period after the first: V8 would still count the burst's allocation rate
    expect(h.collections()).toBe(1);
    h.tick(); // still quiet: the follow-up
    expect(h.collections()).toBe(2);
    h.tick();
    h.tick();
    h.tick();
    expect(h.collections()).toBe(2); // one follow-up per quiet spell, grown or not
    // a request between the first and the follow-up: no follow-up; the next spell starts over
    h.idle.touch();
    h.tick();
    h.tick();
    expect(h.collections()).toBe(3);
    h.tick();
    h.idle.touch();
    h.tick();
    h.tick();
    expect(h.collections()).toBe(4);
    h.tick();
    expect(h.collections()).toBe(4);
    h.tick();
    expect(h.collections()).toBe(5);
    grown = false;
    h.idle.touch();
    h.tick();
    h.tick();
    h.tick();
    h.tick();
    h.tick();
    expect(h.collections()).toBe(6);
  });

  it('by default waits for six whole quiet periods: bursts a shorter pause apart keep their optimized code', () => {
    let tick: () => void = () => { throw new Error('no timer'); };
    let collections = 0;
    const idle = collectGarbageWhenIdle({ gc: () => { collections++; }, youngGenerationGrown: () => false, every: (fn, ms) => { expect(ms).toBe(5000); tick = fn; return { unref: () => undefined }; } });
    tick(); // the period the start-up was in
    for (let i = 0; i < 5; i++) tick();
    expect(collections).toBe(0);
    tick();
    expect(collections).toBe(1);
    // a burst, then five quiet periods, then another burst: no collection in between
    idle.touch();
    tick();
    for (let i = 0; i < 5; i++) tick();
    idle.touch();
    tick();
    for (let i = 0; i < 5; i++) tick();
    expect(collections).toBe(1);
    tick();
    expect(collections).toBe(2);
  });

  it('the real collector runs without --expose-gc and leaves gc unexposed', async () => {
    let tick: () => void = () => {};
    collectGarbageWhenIdle({ quietPeriods: 1, every: (fn) => { tick = fn; return { unref: () => undefined }; } });
    tick();
    expect(() => tick()).not.toThrow();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    const vm = await import('node:vm');
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
  });
});
