// Runs the workflows the API hands over (nova's RPC casts and calls): one queue per instance,
// a journal row per workflow, generations that a reset or close ends, and idle().
import type { Logger } from 'pino';
import type { WorkflowJournalStore } from '../compute-db/workflow-journal-store.js';
import { WorkflowAborted, type Progression } from './progression.js';

/**
 * A workflow, given the progression it pauses on: it carries the workflow's generation (and for
 * an RPC call, that the API waits), so every pause of this workflow must go through it.
 */
export type Work = (progression: Progression) => Promise<void>;

export interface WorkflowRunner {
  /** The configured progression, for steps outside a spawned workflow (no generation of their own). */
  readonly progression: Progression;
  /**
   * Run a workflow after the API answered (an RPC cast). Workflows of one instance run one after
   * the other (nova's per-instance lock on the compute): a delete waits until a running resize
   * has stopped, so nothing it claims afterwards can leak.
   */
  spawn(name: string, instanceUuid: string, work: Work): Promise<void>;
  /**
   * An RPC call the API waits for (queued as a spawn). Its steps are not held by manual
   * progression: the API request would hang on them.
   */
  call(name: string, instanceUuid: string, work: Work): Promise<void>;
  /** A new generation: every running or queued workflow stops at its next step; resolves when all have. */
  stopAll(): Promise<void>;
  /** Resolves when no workflow is running (manual mode: when none is runnable without advancing). */
  idle(): Promise<void>;
}

export interface WorkflowRunnerDeps {
  readonly journal: WorkflowJournalStore;
  readonly log: Logger;
  readonly progression: Progression;
}

export function createWorkflowRunner(d: WorkflowRunnerDeps): WorkflowRunner {
  const { journal, log, progression: base } = d;
  const running = new Set<Promise<void>>();
  // per-instance queue: the tail promise of each instance's workflows
  const instanceTails = new Map<string, Promise<void>>();
  let blocked = 0;

  // Workflows belong to a generation of the cloud; reset/close start a new one, and a workflow
  // of an older generation stops at its next step (also one that was queued behind another).
  // Each workflow is handed its own progression that knows its generation: passed explicitly,
  // not read from an AsyncLocalStorage (on Node 20 any ALS in use turns on promise hooks, a cost
  // on every await of the process).
  let generation = 0;
  const workflowProgression = (gen: number, inApiCall: boolean): Progression => ({
    mode: base.mode,
    advance: base.advance,
    waiting: base.waiting,
    abortAll: base.abortAll,
    async pause(label) {
      if (gen !== generation) throw new WorkflowAborted();
      // an RPC call's steps are not held by manual progression: the API request would hang on them
      if (inApiCall && base.mode === 'manual') await new Promise<void>((r) => setImmediate(r));
      else await base.pause(label);
      if (gen !== generation) throw new WorkflowAborted();
    },
  });

  function spawn(name: string, instanceUuid: string, work: Work, inApiCall = false): Promise<void> {
    const previous = instanceTails.get(instanceUuid);
    const gen = generation;
    // journalled now, in the caller's synchronous step, so before the API answers; a workflow
    // stopped by close() keeps its row for the recovery of the next start
    const workflow = name.endsWith(` ${instanceUuid}`) ? name.slice(0, -instanceUuid.length - 1) : name;
    const journalId = journal.add(instanceUuid, workflow);
    const p = (async () => {
      if (previous) {
        blocked++;
        try { await previous; } finally { blocked--; }
      }
      if (gen !== generation) return;
      let ended = true;
      try {
        await work(workflowProgression(gen, inApiCall));
      } catch (err) {
        if (err instanceof WorkflowAborted) ended = false;
        else if (gen === generation) log.error({ err, workflow: name }, 'workflow failed unexpectedly');
      }
      if (ended && gen === generation) journal.remove(journalId);
    })();
    instanceTails.set(instanceUuid, p);
    running.add(p);
    void p.finally(() => {
      running.delete(p);
      if (instanceTails.get(instanceUuid) === p) instanceTails.delete(instanceUuid);
    });
    return p;
  }

  return {
    progression: base,
    spawn: (name, instanceUuid, work) => spawn(name, instanceUuid, work),
    call: (name, instanceUuid, work) => spawn(name, instanceUuid, work, true),
    async stopAll() {
      generation++;
      base.abortAll();
      await Promise.allSettled([...running]);
    },
    async idle() {
      while (running.size > 0) {
        // manual: nothing runnable once every workflow is parked or queued behind one
        if (base.mode === 'manual' && base.waiting().length + blocked >= running.size) return;
        await Promise.race([...running, new Promise<void>((r) => setImmediate(r))]);
      }
    },
  };
}
