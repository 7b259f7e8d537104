// How async work advances after the API answered (config.progression):
//  immediate: as fast as possible, but always after the 202 (setImmediate between steps);
//  timed:     realistic delays between steps via runtime.clock.sleep (x config.timedScale);
//  manual:    each step waits until the control plane advances it (POST /_mock/progress).
import type { Progression as Mode } from '../config.js';
import type { Clock } from '../runtime/clock.js';

/** Thrown into a paused workflow when the cloud is reset under it. */
export class WorkflowAborted extends Error {
  constructor() { super('workflow aborted by reset'); this.name = 'WorkflowAborted'; }
}

/** Realistic per-step delays (ms) for timed mode, from the real Nova's figures (boot ≈ 0.6 s). */
const TIMED_DELAY_MS = 100;

export interface Progression {
  mode: Mode;
  /** Wait before the next step named `label`; rejects with WorkflowAborted after abortAll(). */
  pause(label: string): Promise<void>;
  /** manual: release the oldest `n` waiting steps (all when n is undefined); returns how many. */
  advance(n?: number): number;
  /** manual: the labels of the steps waiting to run, oldest first. */
  waiting(): string[];
  /** Release every waiter with WorkflowAborted (reset/close). */
  abortAll(): void;
}

export function createProgression(mode: Mode, clock: Clock, timedScale: number): Progression {
  let queue: { label: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  let epoch = 0;
  return {
    mode,
    async pause(label) {
      const mine = epoch;
      if (mode === 'manual') {
        await new Promise<void>((resolve, reject) => { queue.push({ label, resolve, reject }); });
      } else if (mode === 'timed') {
        await clock.sleep(TIMED_DELAY_MS * timedScale);
      } else {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (mine !== epoch) throw new WorkflowAborted();
    },
    advance(n) {
      const take = queue.splice(0, n ?? queue.length);
      for (const w of take) w.resolve();
      return take.length;
    },
    waiting: () => queue.map((w) => w.label),
    abortAll() {
      epoch++;
      const all = queue;
      queue = [];
      for (const w of all) w.reject(new WorkflowAborted());
    },
  };
}
