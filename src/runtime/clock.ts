// Injected time: nothing else calls Date.now() or setTimeout, so tests can drive time.
export interface Clock {
  now(): Date;
  /** Resolve after ms (a manual clock resolves when advanced). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that only moves when told; sleep() resolves on advance(). */
export class ManualClock implements Clock {
  private t: number;
  private waiters: { at: number; resolve: () => void }[] = [];
  constructor(start = Date.UTC(2026, 0, 1)) { this.t = start; }
  now(): Date { return new Date(this.t); }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => { this.waiters.push({ at: this.t + ms, resolve }); });
  }
  advance(ms: number): void {
    this.t += ms;
    const due = this.waiters.filter((w) => w.at <= this.t);
    this.waiters = this.waiters.filter((w) => w.at > this.t);
    for (const w of due) w.resolve();
  }
}
