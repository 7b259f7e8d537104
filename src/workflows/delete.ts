// Server delete: compute terminate_instance (driver.destroy, vm deleted, allocations removed with
// DELETE /allocations/{instance}), or a local delete when the server never reached a host.
import { POWER_STATE } from '../compute-db/records.js';
import { WorkflowAborted } from './progression.js';
import { cleanupVolumes } from './volumes.js';
import { asNovaError, ownerOf, recordWrappedFault, runSteps, saveInstance, withEvent, type Engine } from './engine.js';

/** _complete_deletion: soft-delete the row and its migrations; allocations were removed before. */
export function completeDeletion(e: Engine, uuid: string): void {
  const ts = e.now();
  // _update_resource_tracker: the compute whose instance it was counts it out (a local delete has no compute)
  const host = e.store.instances.get(uuid)?.host;
  if (host) {
    e.hostStats.removeInstance(host, uuid);
    e.hostStats.save(host);
  }
  e.store.db.transaction(() => {
    e.store.instances.update(uuid, { vmState: 'deleted', taskState: null, powerState: POWER_STATE.NOSTATE, terminatedAt: ts, deletedAt: ts, deleted: true });
    e.store.migrations.softDeleteForInstance(uuid);
    e.store.bdms.destroyForInstance(uuid);
  })();
}

/** Allocations of the instance and of its unfinished migrations (force delete, as nova). */
export async function deleteAllocations(e: Engine, uuid: string, force = !(e.reclaimInstanceInterval() > 0)): Promise<void> {
  const inst = e.store.instances.get(uuid);
  if (!inst) return;
  // _complete_deletion: "If we're configured to do deferred deletes, don't force deletion of
  // allocations" (GET, then PUT {} with the consumer generation); the API's local delete forces
  await e.report.deleteAllocationForConsumer(uuid, force, ownerOf(inst));
  for (const m of e.store.migrations.list({ instanceUuid: uuid })) {
    await e.report.deleteAllocationForConsumer(m.uuid, true, ownerOf(inst));
  }
}

/**
 * _shutdown_instance -> _try_deallocate_network: the ports nova made go, the user's are unbound
 * (a failure leaves the server ERROR, as nova's "Failed to deallocate network for instance").
 */
export async function deallocateNetworks(e: Engine, uuid: string, host: string | null): Promise<void> {
  if (host) await e.driver.call('deallocate_for_instance', host, uuid);
  await e.network.deallocateForInstance(uuid, e.store.infoCaches.networkInfo(uuid));
  e.store.db.transaction(() => {
    e.store.infoCaches.saveNetworkInfo(uuid, []);
    e.store.virtualInterfaces.deleteByInstance(uuid);
  })();
}

export async function terminateInstance(e: Engine, uuid: string, actionId: number | null): Promise<void> {
  const inst = e.store.instances.require(uuid);
  const host = inst.host!;
  try {
    await withEvent(e, actionId, 'compute_terminate_instance', host, async () => {
      try {
        await runSteps(e, 'terminate', [
          { name: 'destroy', run: () => e.driver.call('destroy', host, uuid) },
          // _shutdown_instance's volume detach + _cleanup_volumes (delete_on_termination)
          { name: 'cleanup_volumes', run: () => cleanupVolumes(e, inst) },
          // _shutdown_instance: the network deallocated after the guest is destroyed
          { name: 'delete_allocations', run: async () => { await deallocateNetworks(e, uuid, host); await deleteAllocations(e, uuid); } },
          { name: 'complete_deletion', run: () => completeDeletion(e, uuid) },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        const ne = asNovaError(err);
        saveInstance(e, uuid, { vmState: 'error' });
        recordWrappedFault(e, uuid, ne, host);
        saveInstance(e, uuid, { taskState: null });
        throw ne;
      }
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
  }
}
