// Resize and cold migrate (same cell): conductor migrate_server/_cold_migrate + MigrationTask,
// then the compute methods prep_resize (dest) -> resize_instance (source) -> finish_resize
// (dest), with nova's failure handling.
import { isVolumeBacked } from './volumes.js';
import type { FlavorRecord, InstanceRecord, MigrationRecord, MigrationType } from '../compute-db/records.js';
import { POWER_STATE } from '../compute-db/records.js';
import { novaError, type NovaError } from '../nova-exceptions/nova-error.js';
import type { Selection } from '../scheduler/scheduler.js';
import { WorkflowAborted } from './progression.js';
import { hostAvailabilityZone } from '../compute-db/availability-zones.js';
import {
  asNovaError, COMPUTE_MY_IP, CONDUCTOR_HOST, ownerOf, recordFault, recordWrappedFault, runSteps, saveInstance, saveMigration, withEvent,
  type Engine, type Step,
} from './engine.js';

export interface MoveRequest {
  instanceUuid: string;
  actionId: number;
  /** The new flavor (the current one for a cold migrate). */
  flavor: FlavorRecord;
  migrationType: MigrationType;
  /** migrate {"host": ...} (2.56): requested destination. */
  requestedHost: string | null;
  /** allow_resize_to_same_host (resize) / COMPUTE_SAME_HOST_COLD_MIGRATE (migrate). */
  allowSameHost: boolean;
}

interface Placed { migration: MigrationRecord; selection: Selection; alternates: Selection[] }

/** _error_out_instance_on_exception: InstanceFaultRollback restores the vm_state, anything else is ERROR. */
function errorOut(e: Engine, uuid: string, err: NovaError, previousVmState: InstanceRecord['vmState'], rollback: boolean): void {
  if (rollback) saveInstance(e, uuid, { vmState: previousVmState, taskState: null });
  else saveInstance(e, uuid, { vmState: 'error' });
}

/** compute/manager.py _revert_allocation: move_allocations(M -> I). */
async function revertAllocation(e: Engine, inst: InstanceRecord, migration: MigrationRecord): Promise<void> {
  await e.report.moveAllocations(migration.uuid, inst.uuid, ownerOf(inst));
}

/**
 * conductor migrate_server -> _cold_migrate -> MigrationTask.execute. First call: creates the
 * migration; a reschedule (hostList given) reuses it and tries the alternates. Returns null when
 * no host was found (already rolled back); throws NoValidHost for a failed reschedule.
 */
async function conductorMigrate(e: Engine, r: MoveRequest, resched: { migration: MigrationRecord; hostList: Selection[] } | null): Promise<Placed | null> {
  const noHostMsg = r.migrationType === 'migration' ? 'No valid host found for cold migrate' : 'No valid host found for resize';
  try {
    return await withEvent(e, r.actionId, 'conductor_migrate_server', CONDUCTOR_HOST, () =>
      withEvent(e, r.actionId, 'cold_migrate', CONDUCTOR_HOST, async () => {
        const inst = e.store.instances.require(r.instanceUuid);
        let migration: MigrationRecord | null = resched?.migration ?? null;
        let moved = false;
        let placed: Selection[] = [];
        // conductor/tasks/migrate.py MigrationTask as declared steps; its rollback (migration
        // 'error', then M -> I when allocations were moved) hangs on the first step so it runs
        // in nova's order whichever later step fails
        const task: Step[] = [
          {
            name: 'preallocate_migration',
            run: () => {
              migration ??= e.store.migrations.create({
                uuid: e.runtime.ids.uuid(), instanceUuid: inst.uuid, status: 'pre-migrating', migrationType: r.migrationType,
                sourceCompute: inst.host, sourceNode: inst.node, oldInstanceTypeId: inst.flavor.id,
                newInstanceTypeId: r.flavor.id, userId: inst.userId, projectId: inst.projectId,
              });
            },
            rollback: async () => {
              saveMigration(e, migration!.uuid, { status: 'error' });
              if (moved) await e.report.moveAllocations(migration!.uuid, inst.uuid, ownerOf(inst));
            },
          },
          {
            name: 'replace_allocation_with_migration',
            run: async () => { moved = await e.report.moveAllocations(inst.uuid, migration!.uuid, ownerOf(inst)); },
          },
          resched
            ? {
              // MigrationTask._reschedule: claim the first alternate that fits
              name: 'reschedule',
              run: async () => {
                const hosts = [...resched.hostList];
                let chosen: Selection | undefined;
                while ((chosen = hosts.shift())) {
                  if (await e.report.claimResources(inst.uuid, chosen.claim, ownerOf(inst), chosen.mappings)) break;
                }
                if (!chosen) {
                  throw novaError('MaxRetriesExceeded', { reason: `Exhausted all hosts available for retrying build failures for instance ${inst.uuid}.` });
                }
                placed = [chosen, ...hosts];
              },
            }
            : {
              name: 'select_destinations',
              run: async () => {
                placed = await e.scheduler.selectDestinations({
                  consumer: inst.uuid, owner: ownerOf(inst), flavor: r.flavor, host: r.requestedHost, availabilityZone: inst.requestedAz,
                  ignoreHosts: r.allowSameHost || !inst.host ? [] : [inst.host],
                  isBfv: isVolumeBacked(e, inst.uuid),
                });
              },
            },
        ];
        try {
          await runSteps(e, 'migrate', task);
          // conductor: instance.availability_zone from the selected host
          const [selection, ...alternates] = placed;
          saveInstance(e, inst.uuid, { availabilityZone: hostAvailabilityZone(e.store, selection!.host) });
          return { migration: migration!, selection: selection!, alternates };
        } catch (err) {
          if (err instanceof WorkflowAborted) throw err;
          const ne = asNovaError(err);
          if (ne.isA('NoValidHost')) {
            const cur = e.store.instances.require(inst.uuid);
            saveInstance(e, inst.uuid, { vmState: cur.vmState, taskState: null });
            // _set_vm_state_and_notify(..., ex): the fault is the scheduler's own NoValidHost
            // ("There are not enough hosts available.", or no reason when Placement had no
            // candidate); the re-raised one names the move (it only shows on the events)
            recordFault(e, inst.uuid, ne, null);
            throw novaError('NoValidHost', { reason: noHostMsg });
          }
          throw err;
        }
      }));
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    if (resched) throw err;
    const ne = asNovaError(err);
    if (!ne.isA('NoValidHost')) {
      // an unexpected conductor failure: nova leaves the server as it was, task cleared
      saveInstance(e, r.instanceUuid, { taskState: null });
      recordFault(e, r.instanceUuid, ne, null);
    }
    return null;
  }
}

export async function migrateServer(e: Engine, r: MoveRequest): Promise<void> {
  let placed = await conductorMigrate(e, r, null);
  while (placed) {
    const res = await prepResize(e, r, placed);
    if (res === 'failed') return;
    if (res === 'ok') break;
    placed = res;
  }
  if (!placed) return;
  if (!(await resizeInstance(e, r, placed))) return;
  await finishResize(e, r, placed);
}

/** dest prep_resize: stash the new flavor, claim (migration dest set), or revert/reschedule. */
async function prepResize(e: Engine, r: MoveRequest, p: Placed): Promise<'ok' | 'failed' | Placed> {
  const dst = p.selection.host;
  const uuid = r.instanceUuid;
  const before = e.store.instances.require(uuid);
  let outcome: 'ok' | 'failed' | Placed = 'ok';
  try {
    await withEvent(e, r.actionId, 'compute_prep_resize', dst, async () => {
      try {
        await runSteps(e, 'prep_resize', [
          { name: 'claim_fault_point', run: () => e.driver.call('prep_resize', dst, uuid) },
          {
            name: 'check_same_host',
            run: () => {
              const inst = e.store.instances.require(uuid);
              const spec = e.hostSpec(dst);
              if (inst.host === dst && r.flavor.id === inst.flavor.id && !(spec && e.driver.supportsMigrateToSameHost(spec))) {
                const err = novaError('UnableToMigrateToSelf', { instance_id: uuid, host: dst });
                (err as NovaError & { rollback?: boolean }).rollback = true;
                throw err;
              }
            },
          },
          {
            name: 'stash_flavor',
            run: () => {
              const inst = e.store.instances.require(uuid);
              saveInstance(e, uuid, { newFlavor: r.flavor, systemMetadata: { ...inst.systemMetadata, old_vm_state: inst.vmState } });
            },
          },
          {
            name: 'resize_claim',
            run: () => {
              saveMigration(e, p.migration.uuid, { status: 'pre-migrating', destCompute: dst, destNode: p.selection.node, destHost: COMPUTE_MY_IP });
              e.hostStats.save(dst);
            },
          },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        const ne = asNovaError(err);
        const inst = e.store.instances.require(uuid);
        await revertAllocation(e, inst, p.migration);
        const rollback = Boolean((ne as NovaError & { rollback?: boolean }).rollback);
        if (!rollback) {
          // _reschedule_resize_or_reraise (retry is always populated for moves): back to resize_prep,
          // fault of the original error, conductor retry with the alternates (MaxRetriesExceeded when none)
          saveInstance(e, uuid, { taskState: 'resize_prep' });
          recordFault(e, uuid, ne, dst);
          try {
            const next = await conductorMigrate(e, r, { migration: p.migration, hostList: p.alternates });
            if (next) { outcome = next; return; }
          } catch (rerr) {
            if (rerr instanceof WorkflowAborted) throw rerr;
            recordFault(e, uuid, asNovaError(rerr), dst);
          }
        }
        // the original exception reaches the decorators
        errorOut(e, uuid, ne, before.vmState, rollback);
        recordWrappedFault(e, uuid, ne, dst);
        saveMigration(e, p.migration.uuid, { status: 'error' });
        saveInstance(e, uuid, { taskState: null });
        outcome = 'failed';
        throw ne;
      }
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
  }
  return outcome;
}

/** source resize_instance: migrating, power off + disk migrate, switch host/node, old_flavor. */
async function resizeInstance(e: Engine, r: MoveRequest, p: Placed): Promise<boolean> {
  const src = p.migration.sourceCompute!;
  const uuid = r.instanceUuid;
  const before = e.store.instances.require(uuid);
  try {
    await withEvent(e, r.actionId, 'compute_resize_instance', src, async () => {
      try {
        await runSteps(e, 'resize_instance', [
          { name: 'migrating', run: () => { saveMigration(e, p.migration.uuid, { status: 'migrating' }); } },
          { name: 'resize_migrating', run: () => { saveInstance(e, uuid, { taskState: 'resize_migrating' }, ['resize_prep']); } },
          { name: 'migrate_disk_and_power_off', run: () => e.driver.call('migrate_disk_and_power_off', src, uuid) },
          { name: 'post_migrating', run: () => { saveMigration(e, p.migration.uuid, { status: 'post-migrating' }); } },
          {
            name: 'resize_migrated',
            run: () => {
              const inst = e.store.instances.require(uuid);
              saveInstance(e, uuid, { taskState: 'resize_migrated', host: p.selection.host, node: p.selection.node, oldFlavor: inst.flavor }, ['resize_migrating']);
            },
          },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        const ne = asNovaError(err);
        const rollback = ne.isA('InstanceFaultRollback');
        errorOut(e, uuid, ne, before.vmState, rollback);
        saveMigration(e, p.migration.uuid, { status: 'error' });
        await revertAllocation(e, e.store.instances.require(uuid), p.migration);
        recordWrappedFault(e, uuid, ne, src);
        saveInstance(e, uuid, { taskState: null });
        throw ne;
      }
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    return false;
  }
}

/** dest finish_resize: new flavor, finish_migration, VERIFY_RESIZE; bug 1825537 on failure. */
async function finishResize(e: Engine, r: MoveRequest, p: Placed): Promise<void> {
  const dst = p.selection.host;
  const uuid = r.instanceUuid;
  try {
    await withEvent(e, r.actionId, 'compute_finish_resize', dst, async () => {
      try {
        await runSteps(e, 'finish_resize', [
          {
            name: 'resize_finish',
            run: () => {
              // _set_instance_info(new_flavor) + old_flavor (re-set) + task resize_finish, one save
              const inst = e.store.instances.require(uuid);
              const changes = inst.flavor.id !== r.flavor.id ? { flavor: r.flavor } : {};
              saveInstance(e, uuid, { taskState: 'resize_finish', ...changes, oldFlavor: inst.oldFlavor }, ['resize_migrated']);
            },
          },
          // migrate_instance_finish (the ports bound to the destination), then the driver
          { name: 'finish_migration', run: async () => { await e.network.bindToHost(uuid, dst); await e.driver.call('finish_migration', dst, uuid); } },
          { name: 'finished', run: () => { saveMigration(e, p.migration.uuid, { status: 'finished' }); } },
          {
            name: 'resized',
            run: () => {
              const inst = e.store.instances.require(uuid);
              // power_on unless the server was stopped before the resize
              const power = inst.systemMetadata.old_vm_state === 'stopped' ? POWER_STATE.SHUTDOWN : POWER_STATE.RUNNING;
              saveInstance(e, uuid, { vmState: 'resized', taskState: null, powerState: power, launchedAt: e.now() }, ['resize_finish']);
            },
          },
        ]);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        const ne = asNovaError(err);
        const inst = e.store.instances.require(uuid);
        // _finish_resize restores the old flavor, then _error_out_instance_on_exception saves ERROR with it
        const old = inst.oldFlavor ?? inst.flavor;
        saveInstance(e, uuid, { vmState: 'error', ...(old.id !== inst.flavor.id ? { flavor: old } : {}) });
        // finish_resize's except: _delete_allocation_after_move (the migration's source allocation)
        await e.report.deleteAllocationForConsumer(p.migration.uuid, false, ownerOf(inst));
        recordWrappedFault(e, uuid, ne, dst);
        saveMigration(e, p.migration.uuid, { status: 'error' });
        saveInstance(e, uuid, { taskState: null });
        throw ne;
      }
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
  }
}
