// What every workflow needs: stores, placement, scheduler, driver, progression, and the
// bookkeeping nova's decorators do (wrap_instance_event, wrap_instance_fault, Instance.save).
import type { NetworkApi } from '../networking-client/network-api.js';
import type { ImageClient } from '../image-client/index.js';
import type { BlockStorageClient } from '../block-storage-client/index.js';
import type { Logger } from 'pino';
import type { Runtime } from '../runtime/runtime.js';
import type { ComputeStore } from '../compute-db/compute-store.js';
import type { InstanceChanges, InstanceRecord, MigrationRecord } from '../compute-db/records.js';
import type { MigrationChanges } from '../compute-db/migrations-store.js';
import type { PlacementClient } from '../placement-client/placement-client.js';
import type { ReportClient } from '../placement-client/report-client.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { HostStats } from '../scheduler/host-stats.js';
import type { FakeDriver, HostSpec } from '../driver/fake-driver.js';
import { NovaError } from '../nova-exceptions/nova-error.js';
import { WorkflowAborted, type Progression } from './progression.js';
import type { TaskState } from '../compute-db/task-states.js';

/** Where conductor and scheduler run (their instance-action events report this host). */
export const CONDUCTOR_HOST = 'fake-mini';
/** The dest compute's my_ip in nova's functional tests (migration.dest_host). */
export const COMPUTE_MY_IP = '192.168.0.1';

export interface Engine {
  readonly runtime: Runtime;
  readonly log: Logger;
  readonly store: ComputeStore;
  readonly placement: PlacementClient;
  readonly report: ReportClient;
  readonly scheduler: Scheduler;
  /** Each compute's resource-tracker stats (what the scheduler's weighers read). */
  readonly hostStats: HostStats;
  readonly driver: FakeDriver;
  /** nova's network API (neutron.py) over the networking client. */
  readonly network: NetworkApi;
  /** nova's cinder.py: every volume call goes through it */
  readonly volumes: BlockStorageClient;
  /** nova's image API (glance.py): the image service, in-process or over HTTP. */
  readonly images: ImageClient;
  readonly progression: Progression;
  /** [scheduler] max_attempts: > 1 means retry info is populated (reschedules allowed). */
  maxAttempts(): number;
  /** [DEFAULT] reclaim_instance_interval (seconds; > 0: deferred delete). */
  reclaimInstanceInterval(): number;
  /** The host specs by name (the fake driver's view of each compute). */
  hostSpec(host: string): HostSpec | null;
  now(): string;
}

/** The engine a spawned workflow runs with: the progression the runner handed it (its generation). */
export function engineFor(e: Engine, progression: Progression): Engine {
  return { ...e, progression };
}

/** Instance.save with expected_task_state. */
export function saveInstance(e: Engine, uuid: string, changes: InstanceChanges, expected?: readonly (TaskState | null)[]): void {
  e.store.instances.update(uuid, changes, expected);
}

/** saveInstance for a caller that goes on with the instance as written. */
export function saveInstanceRecord(e: Engine, uuid: string, changes: InstanceChanges, expected?: readonly (TaskState | null)[]): InstanceRecord {
  return e.store.instances.save(uuid, changes, expected);
}

export function saveMigration(e: Engine, uuid: string, changes: MigrationChanges): MigrationRecord {
  return e.store.migrations.save(uuid, changes);
}

/** Any thrown value as the NovaError nova would have seen (non-nova errors keep their class name). */
export function asNovaError(err: unknown): NovaError {
  if (err instanceof NovaError) return err;
  if (err instanceof WorkflowAborted) throw err;
  const name = err instanceof Error ? err.name || 'Exception' : 'Exception';
  const msg = err instanceof Error ? err.message : String(err);
  return new NovaError(name, msg, 500, false);
}

/** compute_utils.add_instance_fault_from_exc (details only when code is 500). */
export function recordFault(e: Engine, instanceUuid: string, err: NovaError, host: string | null, faultMessage?: string): void {
  e.store.faults.add({
    instanceUuid, code: err.code, message: faultMessage ?? err.faultMessage,
    details: err.code === 500 ? err.traceback('compute/manager.py') : '', host,
  });
}

/**
 * wrap_instance_fault around a compute manager method: the fault is recorded for any error but
 * InstanceNotFound (the instance is gone, or the driver says so: nothing to attach a fault to).
 */
export function recordWrappedFault(e: Engine, instanceUuid: string, err: NovaError, host: string | null): void {
  if (err.isA('InstanceNotFound')) return;
  recordFault(e, instanceUuid, err, host);
}

/**
 * wrap_instance_event / EventReporter: an instance-action event around `fn`, Success or
 * Error (with traceback and, for 2.84, the fault message as details). Rethrows.
 */
export async function withEvent<T>(e: Engine, actionId: number | null, event: string, host: string, fn: () => Promise<T>): Promise<T> {
  const ev = actionId === null ? null : e.store.actions.startEvent(actionId, event, host);
  try {
    const out = await fn();
    if (ev) e.store.actions.finishEvent(ev.actionId, event, { ok: true });
    return out;
  } catch (err) {
    if (ev && !(err instanceof WorkflowAborted)) {
      const ne = asNovaError(err);
      e.store.actions.finishEvent(ev.actionId, event, { ok: false, traceback: ne.traceback('compute/manager.py'), details: ne.faultMessage });
    }
    throw err;
  }
}

/** A named step of a workflow (nova's TaskBase): run, and an optional rollback. */
export interface Step {
  name: string;
  run(): Promise<void> | void;
  rollback?(): Promise<void> | void;
}

/**
 * Run steps in order with a progression pause before each; on failure roll back the completed
 * steps in reverse, then rethrow the original error.
 */
export async function runSteps(e: Engine, scope: string, steps: readonly Step[]): Promise<void> {
  const done: Step[] = [];
  for (const s of steps) {
    await e.progression.pause(`${scope}:${s.name}`);
    try {
      await s.run();
      done.push(s);
    } catch (err) {
      if (err instanceof WorkflowAborted) throw err;
      for (const d of done.reverse()) {
        if (!d.rollback) continue;
        try { await d.rollback(); } catch (rbErr) { e.log.warn({ err: rbErr, step: d.name }, 'rollback step failed'); }
      }
      throw err;
    }
  }
}

/** Owner of an instance's allocations. */
export function ownerOf(i: InstanceRecord) { return { projectId: i.projectId, userId: i.userId }; }
