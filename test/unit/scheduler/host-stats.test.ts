// io_workload is kept as instances change state; it must equal a recount of the node's
// instances (what save() computed before) after any sequence of changes.
import { describe, expect, it } from 'vitest';
import { HostStats } from '../../../src/scheduler/host-stats.js';
import type { TaskState } from '../../../src/compute-db/task-states.js';

const IO_TASKS = new Set(['resize_migrating', 'rebuilding', 'resize_prep', 'image_snapshot', 'image_backup', 'rescuing', 'unshelving']);
const VM_STATES = ['building', 'active', 'stopped', 'error', 'deleted', 'shelved_offloaded', 'resized'];
const TASK_STATES: (TaskState | null)[] = [null, 'spawning', 'unshelving', 'resize_prep', 'resize_migrating', 'rebuilding', 'image_snapshot', 'deleting', 'powering-off'] as (TaskState | null)[];

function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => { x = (x * 1664525 + 1013904223) >>> 0; return x / 2 ** 32; };
}

describe('HostStats io_workload', () => {
  it('equals a recount of the tracked instances after random tracks, removals and saves', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const stats = new HostStats();
      const model = new Map<string, Map<string, { vmState: string; taskState: TaskState | null }>>();
      const nodes = ['n1', 'n2', 'n3'];
      for (let step = 0; step < 400; step++) {
        const node = pick(nodes);
        const uuid = `i${Math.floor(rnd() * 12)}`;
        const states = model.get(node) ?? new Map();
        model.set(node, states);
        const r = rnd();
        if (r < 0.6) {
          const vmState = pick(VM_STATES);
          const taskState = pick(TASK_STATES);
          stats.trackInstance(node, uuid, vmState, taskState);
          if (vmState === 'deleted' || (vmState === 'shelved_offloaded' && taskState !== 'spawning' && taskState !== 'unshelving')) states.delete(uuid);
          else states.set(uuid, { vmState, taskState });
        } else if (r < 0.75) {
          stats.removeInstance(node, uuid);
          states.delete(uuid);
        } else if (r < 0.8) {
          stats.forget(node);
          model.delete(node);
        } else {
          stats.save(node);
          let io = 0;
          for (const st of states.values()) if (st.vmState === 'building' || (st.taskState !== null && IO_TASKS.has(st.taskState))) io++;
          expect(stats.view(node).ioWorkload, `seed ${seed} step ${step}`).toBe(io);
        }
      }
    }
  });
});
