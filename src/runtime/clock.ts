// Injected time: nothing else calls Date.now() or setTimeout, so tests can drive time.
export interface Clock {
  now(): Date;
  /** Resolve after ms (a manual clock resolves when advanced). */
  sleep(ms: number): Promise<void>;
  /** Run fn every ms (a periodic task); returns the function that stops it. Never keeps the process alive. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
};

/** A clock that only moves when told; sleep() resolves on advance(). */
export class ManualClock implements Clock {
  private t: number;
  private waiters: { at: number; resolve: () => void }[] = [];
  private periodics = new Set<{ next: number; ms: number; fn: () => void }>();
  constructor(start = Date.UTC(2026, 0, 1)) { this.t = start; }
  now(): Date { return new Date(this.t); }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => { this.waiters.push({ at: this.t + ms, resolve }); });
  }
  every(ms: number, fn: () => void): () => void {
    const p = { next: this.t + ms, ms, fn };
    this.periodics.add(p);
    return () => { this.periodics.delete(p); };
  }
  advance(ms: number): void {
    this.t += ms;
    for (const p of [...this.periodics]) {
      while (this.periodics.has(p) && p.next <= this.t) {
        p.next += p.ms;
        p.fn();
      }
    }
    const due = this.waiters.filter((w) => w.at <= this.t);
    this.waiters = this.waiters.filter((w) => w.at > this.t);
    for (const w of due) w.resolve();
  }
}

/**
 * clock.now().toISOString() as a function, the text made once per millisecond the clock shows
 * (Date's toISOString costs ~1 us; a boot stamps ~20 rows, mostly within the same millisecond).
 */
export function isoNow(clock: Clock): () => string {
  let lastMs = NaN;
  let lastText = '';
  return () => {
    const d = clock.now();
    const ms = d.getTime();
    if (ms !== lastMs) {
      lastText = d.toISOString();
      lastMs = ms;
    }
    return lastText;
  };
}
