// confirmResize (source confirm_resize) and revertResize (dest revert_resize -> source
// finish_revert_resize).
import type { MigrationRecord } from '../compute-db/records.js';
import { POWER_STATE } from '../compute-db/records.js';
import type { NovaError } from '../nova-exceptions/nova-error.js';
import { WorkflowAborted } from './progression.js';
import { asNovaError, ownerOf, recordWrappedFault, runSteps, saveInstance, saveMigration, withEvent, type Engine } from './engine.js';

export interface ConfirmRequest { instanceUuid: string; actionId: number | null; migration: MigrationRecord }

/** _delete_stashed_flavor_info + drop old_vm_state. */
function clearStash(e: Engine, uuid: string): void {
  const inst = e.store.instances.require(uuid);
  const { old_vm_state: _drop, ...sm } = inst.systemMetadata;
  void _drop;
  saveInstance(e, uuid, { oldFlavor: null, newFlavor: null, systemMetadata: sm });
}

/**
 * Runs on the source; the API already set the migration to 'confirming'. Returns the error a
 * caller waiting on the call (delete during VERIFY_RESIZE) gets back, null on success.
 */
export async function confirmResize(e: Engine, r: ConfirmRequest): Promise<NovaError | null> {
  const src = r.migration.sourceCompute!;
  const uuid = r.instanceUuid;
  try {
    await withEvent(e, r.actionId, 'compute_confirm_resize', src, async () => {
      // a confirm queued behind another one (delete during a confirm) finds it done and returns
      const status = e.store.migrations.get(r.migration.uuid)?.status;
      if (status !== 'finished' && status !== 'confirming') return;
      let failure: unknown = null;
      try {
        await runSteps(e, 'confirm_resize', [
          // the fake driver does not destroy the guest when source == dest; the fault point stays
          { name: 'confirm_migration', run: () => e.driver.call('confirm_migration', src, uuid) },
          { name: 'drop_move_claim_at_source', run: () => { saveMigration(e, r.migration.uuid, { status: 'confirmed' }); e.hostStats.save(src); } },
          {
            name: 'active',
            run: () => {
              const inst = e.store.instances.require(uuid);
              const vm = inst.powerState === POWER_STATE.SHUTDOWN ? 'stopped' : 'active';
              saveInstance(e, uuid, { vmState: vm, taskState: null });
            },
          },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        failure = err;
        const ne = asNovaError(err);
        // _error_out_instance_on_exception(instance_state=ACTIVE): NotImplementedError and
        // InstanceFaultRollback reset to ACTIVE with no task; anything else is ERROR and the task
        // state stays (confirm_resize has no reverts_task_state: 'deleting' stays on a delete)
        if (ne.isA('NotImplementedError') || ne.isA('InstanceFaultRollback')) saveInstance(e, uuid, { vmState: 'active', taskState: null });
        else saveInstance(e, uuid, { vmState: 'error' });
        recordWrappedFault(e, uuid, ne, src);
      } finally {
        // _delete_allocation_after_move runs in a finally: the migration's source allocation goes
        const inst = e.store.instances.get(uuid);
        if (inst) await e.report.deleteAllocationForConsumer(r.migration.uuid, false, ownerOf(inst));
      }
      if (failure) {
        // errors_out_migration
        saveMigration(e, r.migration.uuid, { status: 'error' });
        throw failure;
      }
      clearStash(e, uuid);
    });
    return null;
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    return asNovaError(err);
  }
}

/** Runs on the dest, then the source; the API set task resize_reverting and migration 'reverting'. */
export async function revertResize(e: Engine, r: ConfirmRequest): Promise<void> {
  const dst = r.migration.destCompute!;
  const src = r.migration.sourceCompute!;
  const uuid = r.instanceUuid;
  const fail = async (err: unknown, host: string) => {
    const ne = asNovaError(err);
    saveInstance(e, uuid, { vmState: 'error' });
    recordWrappedFault(e, uuid, ne, host);
    saveMigration(e, r.migration.uuid, { status: 'error' });
    saveInstance(e, uuid, { taskState: null });
    return ne;
  };
  try {
    await withEvent(e, r.actionId, 'compute_revert_resize', dst, async () => {
      try {
        await runSteps(e, 'revert_resize', [
          { name: 'destroy', run: () => e.driver.call('destroy', dst, uuid) },
          // drop_move_claim_at_dest: 'reverted' is written on the dest before the source finishes
          { name: 'drop_move_claim_at_dest', run: () => { saveMigration(e, r.migration.uuid, { status: 'reverted' }); e.hostStats.save(dst); } },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        throw await fail(err, dst);
      }
    });
    await withEvent(e, r.actionId, 'compute_finish_revert_resize', src, async () => {
      try {
        await runSteps(e, 'finish_revert_resize', [
          {
            name: 'revert_flavor_host_node',
            run: () => {
              const inst = e.store.instances.require(uuid);
              saveInstance(e, uuid, { flavor: inst.oldFlavor ?? inst.flavor, host: src, node: r.migration.sourceNode }, ['resize_reverting']);
            },
          },
          {
            name: 'revert_allocation',
            run: async () => {
              const inst = e.store.instances.require(uuid);
              await e.report.moveAllocations(r.migration.uuid, uuid, ownerOf(inst));
            },
          },
          // finish_revert_resize: migrate_instance_finish binds the ports back to the source first
          { name: 'finish_revert_migration', run: async () => { await e.network.bindToHost(uuid, src); await e.driver.call('finish_revert_migration', src, uuid); } },
          { name: 'launched', run: () => { saveInstance(e, uuid, { launchedAt: e.now() }); } },
          {
            name: 'active',
            run: () => {
              const inst = e.store.instances.require(uuid);
              const stopped = inst.systemMetadata.old_vm_state === 'stopped';
              saveInstance(e, uuid, {
                vmState: stopped ? 'stopped' : 'active', taskState: null,
                powerState: stopped ? POWER_STATE.SHUTDOWN : POWER_STATE.RUNNING,
              });
              clearStash(e, uuid);
            },
          },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        throw await fail(err, src);
      }
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
  }
}
