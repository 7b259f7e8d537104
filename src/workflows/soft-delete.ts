// Deferred delete ([DEFAULT] reclaim_instance_interval > 0): the compute's soft_delete_instance and
// restore_instance (wrap_instance_event + wrap_instance_fault + reverts_task_state around the
// driver call; the fake driver's soft_delete and restore do nothing, so the guest keeps its power
// state), and the _reclaim_queued_deletes periodic that deletes what stayed soft-deleted long enough.
// The server keeps its allocations while SOFT_DELETED, as nova keeps them.
import { WorkflowAborted } from './progression.js';
import { deleteAllocations, completeDeletion } from './delete.js';
import { asNovaError, recordWrappedFault, runSteps, saveInstance, withEvent, type Engine } from './engine.js';
import type { TaskState } from '../compute-db/task-states.js';

async function computeCall(
  e: Engine, uuid: string, actionId: number | null, event: string, scope: string,
  operation: 'soft_delete' | 'restore', apiTask: TaskState, done: 'soft-delete' | 'active',
): Promise<void> {
  const host = e.store.instances.require(uuid).host!;
  try {
    await withEvent(e, actionId, event, host, async () => {
      try {
        await runSteps(e, scope, [
          { name: operation, run: () => e.driver.call(operation, host, uuid) },
          {
            name: 'done',
            run: () => {
              const inst = e.store.instances.require(uuid);
              const power = e.driver.guestPowerState(host, uuid) ?? inst.powerState;
              saveInstance(e, uuid, { vmState: done, taskState: null, powerState: power }, [apiTask]);
            },
          },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        const ne = asNovaError(err);
        recordWrappedFault(e, uuid, ne, host);
        saveInstance(e, uuid, { taskState: null }); // reverts_task_state
        throw ne;
      }
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
  }
}

/** ComputeManager.soft_delete_instance: SOFT_DELETED (the API set task soft-deleting). */
export function softDeleteInstance(e: Engine, uuid: string, actionId: number | null): Promise<void> {
  return computeCall(e, uuid, actionId, 'compute_soft_delete_instance', 'soft_delete', 'soft_delete', 'soft-deleting', 'soft-delete');
}

/** ComputeManager.restore_instance: ACTIVE again (the API set task restoring). */
export function restoreInstance(e: Engine, uuid: string, actionId: number | null): Promise<void> {
  return computeCall(e, uuid, actionId, 'compute_restore_instance', 'restore', 'restore', 'restoring', 'active');
}

/** SOFT_DELETED, idle, on this host, and deleted_at older than the interval (_deleted_old_enough). */
export function dueForReclaim(e: Engine, host: string, intervalSeconds: number): string[] {
  const now = e.runtime.clock.now().getTime();
  return e.store.instances.list({ host })
    .filter((i) => i.vmState === 'soft-delete' && i.taskState === null && i.deletedAt !== null)
    .filter((i) => now - Date.parse(i.deletedAt!) > intervalSeconds * 1000)
    .map((i) => i.uuid);
}

/**
 * _reclaim_queued_deletes for one instance: the compute's _delete_instance (no task state, no
 * instance action or event: the periodic is not an API request). A failure is only logged.
 */
export async function reclaimInstance(e: Engine, uuid: string): Promise<void> {
  const inst = e.store.instances.get(uuid);
  if (!inst || inst.deleted || inst.vmState !== 'soft-delete' || inst.taskState !== null || !inst.host) return;
  const host = inst.host;
  try {
    await runSteps(e, 'terminate', [
      { name: 'destroy', run: () => e.driver.call('destroy', host, uuid) },
      { name: 'delete_allocations', run: () => deleteAllocations(e, uuid) },
      { name: 'complete_deletion', run: () => completeDeletion(e, uuid) },
    ]);
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    e.log.warn({ err, instance: uuid }, 'Periodic reclaim failed to delete instance');
  }
}
