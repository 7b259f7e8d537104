// Rebuild on the same host: conductor rebuild_instance (the scheduler check of a new image) ->
// compute rebuild_instance / _do_rebuild_instance -> _rebuild_default_impl (virt/fake.py has no
// rebuild(): power off, destroy, spawn), then a STOPPED server is stopped again (stop_instance).
import { POWER_STATE, type InstanceRecord, type VmState } from '../compute-db/records.js';
import { InstanceNotFoundError, UnexpectedDeletingTaskStateError } from '../compute-db/instances-store.js';
import { findBootImage } from '../image-client/boot-image.js';
import { novaError, type NovaError } from '../nova-exceptions/nova-error.js';
import { WorkflowAborted } from './progression.js';
import { asNovaError, CONDUCTOR_HOST, ownerOf, recordFault, recordWrappedFault, runSteps, saveInstance, withEvent, type Engine, type Step } from './engine.js';

export interface RebuildJob {
  instanceUuid: string;
  actionId: number;
  /** The image before the API changed instance.image_ref (orig_image_ref). */
  origImageRef: string | null;
  preserveEphemeral: boolean;
}

export async function rebuildInstance(e: Engine, r: RebuildJob): Promise<void> {
  const inst = e.store.instances.get(r.instanceUuid);
  if (!inst || inst.deleted) return;
  try {
    if (!(await conductorRebuild(e, r, inst))) return;
    await computeRebuild(e, r);
  } catch (err) {
    // a cast: the failure is recorded on the instance and its events, nobody waits for it
    if (err instanceof WorkflowAborted) throw err;
    if (err instanceof InstanceNotFoundError || err instanceof UnexpectedDeletingTaskStateError) return;
    e.log.warn({ err, instance: r.instanceUuid }, 'rebuild failed');
  }
}

/**
 * conductor rebuild_instance, in its 'rebuild_server' event: with a new image the API passed
 * host=None and a RequestSpec forced to the current host/node (_nova_check_type rebuild), so
 * the conductor validates the image's required traits against the allocation's providers
 * (_validate_image_traits_for_rebuild) and the scheduler returns that host without claiming
 * anything (no allocation candidates on a rebuild check). False when it failed (NoValidHost).
 */
async function conductorRebuild(e: Engine, r: RebuildJob, inst: InstanceRecord): Promise<boolean> {
  const imageChanged = r.origImageRef !== inst.imageRef;
  try {
    await withEvent(e, r.actionId, 'rebuild_server', CONDUCTOR_HOST, async () => {
      await e.progression.pause('rebuild:conductor');
      if (!imageChanged) return;
      const missing = await missingImageTraits(e, inst);
      if (missing.length > 0) throw novaError('NoValidHost', { reason: 'Image traits cannot be satisfied by the current resource providers. Either specify a different image during rebuild or create a new server with the specified image.' });
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    const ne = asNovaError(err);
    // the image_ref goes back, ERROR with the fault (_set_vm_state_and_notify)
    saveInstance(e, inst.uuid, { imageRef: r.origImageRef, vmState: 'error', taskState: null });
    recordFault(e, inst.uuid, ne, null);
    return false;
  }
}

/** trait:<name>=required image properties that no provider of the current allocation has. */
async function missingImageTraits(e: Engine, inst: InstanceRecord): Promise<string[]> {
  // the compute reads the image as the instance's owner would (nova: the request context)
  const image = inst.imageRef ? await findBootImage(e.images, { userId: inst.userId, projectId: inst.projectId, roles: [] }, inst.imageRef) : null;
  const required = Object.entries(image?.properties ?? {})
    .filter(([k, v]) => k.startsWith('trait:') && v === 'required')
    .map(([k]) => k.slice('trait:'.length));
  if (required.length === 0) return [];
  const have = new Set<string>();
  for (const rp of Object.keys(await e.report.allocationsOf(inst.uuid))) {
    for (const t of (await e.placement.providerTraits(rp)).traits) have.add(t);
  }
  return required.filter((t) => !have.has(t));
}

/** compute rebuild_instance with its decorators: wrap_instance_event, wrap_instance_fault, reverts_task_state. */
async function computeRebuild(e: Engine, r: RebuildJob): Promise<void> {
  const uuid = r.instanceUuid;
  const inst = e.store.instances.require(uuid);
  const host = inst.host!;
  // scheduled_node: a same-host rebuild gets instance.node, which matters when it fails
  const node = inst.node;
  const origVmState: VmState = inst.vmState;
  await withEvent(e, r.actionId, 'compute_rebuild_instance', host, async () => {
    try {
      await runSteps(e, 'rebuild', rebuildSteps(e, r, host, origVmState));
    } catch (err) {
      if (err instanceof WorkflowAborted) throw err;
      // "Instance was deleted while rebuilding": nothing more is done (power_off of a guest the
      // fake driver no longer has raises InstanceNotFound too: the server stays REBUILD)
      if (err instanceof InstanceNotFoundError || err instanceof UnexpectedDeletingTaskStateError) return;
      const ne = asNovaError(err);
      if (ne.isA('InstanceNotFound')) return;
      // delete_allocation_for_evacuated_instance(scheduled_node): on the same host this drops
      // the instance's own allocation (what nova Zed does)
      const cn = node ? e.store.services.getNodeByName(node) : null;
      const current = e.store.instances.require(uuid);
      if (cn) await e.report.removeProviderTreeFromAllocation(uuid, cn.uuid, ownerOf(current));
      // _error_out_instance_on_exception, wrap_instance_fault, then reverts_task_state
      saveInstance(e, uuid, { vmState: 'error' });
      recordWrappedFault(e, uuid, ne, host);
      saveInstance(e, uuid, { taskState: null });
      throw ne;
    }
  });
}

/** _do_rebuild_instance + _rebuild_default_impl as steps (no rollback: a failure is ERROR). */
function rebuildSteps(e: Engine, r: RebuildJob, host: string, origVmState: VmState): Step[] {
  const uuid = r.instanceUuid;
  const steps: Step[] = [
    {
      name: 'start',
      run: () => {
        // instance.power_state = _get_power_state(): what the driver's guest reports (NOSTATE
        // when it has none, SHUTDOWN after a power_off that a failed rebuild left behind)
        const cur = e.store.instances.require(uuid);
        const power = e.driver.guestPowerState(host, uuid) ?? cur.powerState;
        saveInstance(e, uuid, { powerState: power, taskState: 'rebuilding' }, ['rebuilding']);
      },
    },
    {
      name: 'power_off',
      run: async () => {
        if (r.preserveEphemeral) throw novaError('PreserveEphemeralNotSupported');
        if (!e.driver.hasGuest(host, uuid)) throw novaError('InstanceNotFound', { instance_id: uuid });
        await e.driver.call('power_off', host, uuid);
      },
    },
    { name: 'destroy', run: () => e.driver.call('destroy', host, uuid) },
    { name: 'block_device_mapping', run: () => { saveInstance(e, uuid, { taskState: 'rebuild_block_device_mapping' }, ['rebuilding']); } },
    { name: 'spawning', run: () => { saveInstance(e, uuid, { taskState: 'rebuild_spawning' }, ['rebuild_block_device_mapping']); } },
    { name: 'spawn', run: () => e.driver.call('spawn', host, uuid) },
    {
      // _update_instance_after_spawn
      name: 'active',
      run: () => {
        saveInstance(e, uuid, { powerState: POWER_STATE.RUNNING, vmState: 'active', taskState: null, launchedAt: e.now() }, ['rebuild_spawning']);
      },
    },
  ];
  if (origVmState === 'stopped') {
    // "bringing vm to original state": ACTIVE/powering-off, then stop_instance (its own event)
    steps.push({ name: 'powering_off', run: () => { saveInstance(e, uuid, { vmState: 'active', taskState: 'powering-off', progress: 0 }); } });
    steps.push({ name: 'stop_instance', run: () => stopInstance(e, r.actionId, host, uuid) });
  }
  return steps;
}

/** compute stop_instance, called by the rebuild itself (its event lands in the rebuild action). */
async function stopInstance(e: Engine, actionId: number, host: string, uuid: string): Promise<void> {
  await withEvent(e, actionId, 'compute_stop_instance', host, async () => {
    try {
      await e.driver.call('power_off', host, uuid);
      saveInstance(e, uuid, { powerState: POWER_STATE.SHUTDOWN, vmState: 'stopped', taskState: null }, ['powering-off']);
    } catch (err) {
      if (err instanceof WorkflowAborted) throw err;
      const ne: NovaError = asNovaError(err);
      recordWrappedFault(e, uuid, ne, host);
      saveInstance(e, uuid, { taskState: null });
      throw ne;
    }
  });
}
