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

/**
 * Per-step delays (ms) for timed mode, by workflow scope (the label before ':'), calibrated so
 * whole flows take what the real Nova takes on this machine (nova-live: boot ≈ 0.6 s over 8
 * steps, resize to VERIFY_RESIZE ≈ 0.6 s over 16, confirm/revert ≈ 0.2 s).
 */
const TIMED_DELAY_MS: Readonly<Record<string, number>> = {
  build: 75,
  migrate: 40, prep_resize: 40, resize_instance: 40, finish_resize: 40,
  confirm_resize: 65, revert_resize: 35, finish_revert_resize: 35,
  terminate: 65,
};
const DEFAULT_DELAY_MS = 50;
export const timedDelayMs = (label: string): number => TIMED_DELAY_MS[label.split(':')[0]!] ?? DEFAULT_DELAY_MS;

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
        await clock.sleep(timedDelayMs(label) * timedScale);
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
