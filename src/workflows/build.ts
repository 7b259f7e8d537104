// Boot: conductor schedule_and_build_instances -> scheduler -> compute
// _do_build_and_run_instance, with reschedule to an alternate on a spawn failure
// (nova/compute/manager.py l.2308) and build abort for the errors nova does not retry.
import { POWER_STATE, type InstanceRecord } from '../compute-db/records.js';
import { InstanceNotFoundError, UnexpectedDeletingTaskStateError } from '../compute-db/instances-store.js';
import { WorkflowAborted } from './progression.js';
import { novaError, type NovaError, type NovaExceptionName, type ForeignExceptionName } from '../nova-exceptions/nova-error.js';
import type { Selection } from '../scheduler/scheduler.js';
import { validateInstanceGroupPolicy } from './group-policy.js';
import { cleanupVolumes, prepBlockDevices } from './volumes.js';
import { hostAvailabilityZone } from '../compute-db/availability-zones.js';
import { asNovaError, CONDUCTOR_HOST, ownerOf, recordFault, runSteps, saveInstance, saveInstanceRecord, withEvent, type Engine } from './engine.js';

/** Who asked for the server: the conductor records the create action in their name. */
export interface Creator { requestId: string; userId: string; projectId: string }

export interface BuildRequest {
  instanceUuid: string;
  creator: Creator;
  /** availability_zone 'nova:host' (forced: no retries, in_tree). */
  forcedHost: string | null;
  /** 2.74 host (requested: in_tree, retries allowed). */
  requestedHost: string | null;
  /** The instances of one multi-create request, in launch order (scheduled together). */
  batch?: readonly string[];
  /** RequestSpec.is_bfv: the root disk is a volume (DISK_GB then excludes root_gb). */
  volumeBacked?: boolean;
}

/** _build_and_run_instance turns these into BuildAbortException (no reschedule). */
const ABORTING: readonly (NovaExceptionName | ForeignExceptionName)[] = [
  'BuildAbortException', 'NoMoreFixedIps', 'ExternalNetworkAttachForbidden', 'VirtualInterfaceCreateException',
  'VirtualInterfaceMacAddressException', 'FixedIpInvalidOnHost', 'UnableToAutoAllocateNetwork', 'NetworksWithQoSPolicyNotSupported',
  'FlavorDiskTooSmall', 'FlavorMemoryTooSmall', 'ImageNotActive', 'ImageUnacceptable',
  'InvalidDiskInfo', 'InvalidDiskFormat', 'SignatureVerificationError', 'CertificateValidationFailed',
  'VolumeEncryptionNotSupported', 'InvalidInput', 'RequestedVRamTooHigh',
];

/** The BuildRequest still exists (the API deletes it when the server is deleted before scheduling ends). */
function buildRequestAlive(e: Engine, uuid: string): boolean {
  return e.store.instances.liveCell(uuid) === 'build_request';
}

/** conductor: the instance gets its cell and its 'create' action (instance actions live in the cell). */
function createInCell(e: Engine, r: BuildRequest, cell: 'cell0' | 'cell1'): number {
  return e.store.db.transaction(() => {
    saveInstance(e, r.instanceUuid, { cell });
    return e.store.actions.start({ instanceUuid: r.instanceUuid, action: 'create', ...r.creator }).id;
  })();
}

export async function buildInstance(e: Engine, r: BuildRequest): Promise<void> {
  const inst = e.store.instances.get(r.instanceUuid);
  if (!inst || inst.deleted) return;
  const owner = ownerOf(inst);
  try {
    await scheduleAndBuild(e, r, inst);
  } catch (err) {
    // deleted by the API meanwhile: "Instance disappeared during build" (FAILED -> allocations go)
    if (!(err instanceof InstanceNotFoundError || err instanceof UnexpectedDeletingTaskStateError)) throw err;
    await e.report.deleteAllocationForConsumer(r.instanceUuid, true, owner);
  }
}

async function scheduleAndBuild(e: Engine, r: BuildRequest, inst: InstanceRecord): Promise<void> {
  let selections: Selection[];
  try {
    await e.progression.pause('build:select_destinations');
    selections = await e.scheduler.selectDestinations({
      consumer: inst.uuid, owner: ownerOf(inst), flavor: inst.flavor, availabilityZone: inst.requestedAz,
      host: r.forcedHost ?? r.requestedHost,
      // populate_retry: a forced host gets no retries
      maxAttempts: r.forcedHost ? 1 : undefined,
      // a forced host skips the filters (host_manager.get_filtered_hosts)
      forced: !!r.forcedHost,
      batch: r.batch,
      isBfv: r.volumeBacked ?? false,
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    const ne = asNovaError(err);
    // _bury_in_cell0 (nothing to bury when the build request was deleted meanwhile): the
    // instance in cell0 with an event conductor_schedule_and_build_instances (Error), ERROR and the fault
    if (!buildRequestAlive(e, inst.uuid)) return;
    const actionId = createInCell(e, r, 'cell0');
    const ev = e.store.actions.startEvent(actionId, 'conductor_schedule_and_build_instances', CONDUCTOR_HOST);
    e.store.actions.finishEvent(ev.actionId, ev.event, { ok: false, traceback: ne.traceback('conductor/manager.py'), details: ne.faultMessage });
    saveInstance(e, inst.uuid, { vmState: 'error', taskState: null });
    recordFault(e, inst.uuid, ne, null);
    return;
  }
  // schedule_and_build_instances: "the build request was already deleted" -> drop the claim, stop
  if (!buildRequestAlive(e, inst.uuid)) {
    await e.report.deleteAllocationForConsumer(inst.uuid, true, ownerOf(inst));
    return;
  }
  // schedule_and_build_instances: instance.availability_zone is the selected host's zone
  saveInstance(e, inst.uuid, { availabilityZone: hostAvailabilityZone(e.store, selections[0]!.host) });
  const actionId = createInCell(e, r, 'cell1');
  let [current, ...alternates] = selections;
  for (;;) {
    // populate_retry: retries unless the host is forced or max_attempts is 1 (alternates may be none)
    const outcome = await buildOnHost(e, r.instanceUuid, actionId, current!, !r.forcedHost && e.maxAttempts() > 1);
    if (outcome === 'done') return;
    // _locked_do_build_and_run_instance: a FAILED build drops the instance's allocations
    if (outcome === 'gone') {
      await e.report.deleteAllocationForConsumer(inst.uuid, true, ownerOf(inst));
      return;
    }
    // RESCHEDULED: the conductor claims the next alternate (build_instances with host_list)
    let next: Selection | undefined;
    while ((next = alternates.shift())) {
      await e.progression.pause('build:claim_alternate');
      const fresh = e.store.instances.require(r.instanceUuid);
      if (await e.report.claimResources(fresh.uuid, next.claim, ownerOf(fresh), next.mappings)) break;
    }
    if (!next) {
      // _cleanup_when_reschedule_fails: MaxRetriesExceeded
      const err = novaError('MaxRetriesExceeded', { reason: `Exhausted all hosts available for retrying build failures for instance ${r.instanceUuid}.` });
      saveInstance(e, r.instanceUuid, { vmState: 'error', taskState: null });
      recordFault(e, r.instanceUuid, err, null);
      return;
    }
    current = next;
    // build_instances (reschedule): the alternate host's zone
    saveInstance(e, r.instanceUuid, { availabilityZone: hostAvailabilityZone(e.store, current.host) });
  }
}

/** compute _do_build_and_run_instance on one host: 'done' (active or failed), 'rescheduled', or 'gone' (deleted meanwhile). */
async function buildOnHost(e: Engine, uuid: string, actionId: number, sel: Selection, canRetry: boolean): Promise<'done' | 'rescheduled' | 'gone'> {
  let result: 'done' | 'rescheduled' | 'gone' = 'done';
  const hasVolumes = e.store.bdms.ofInstance(uuid).some((b) => b.destinationType === 'volume');
  // the resource tracker's view of this build (instance_claim / its abort, build_failed / build_succeeded)
  let claimed = false;
  const abortClaim = () => {
    if (!claimed) return;
    e.hostStats.removeInstance(sel.host, uuid);
    e.hostStats.save(sel.host);
  };
  await withEvent(e, actionId, 'compute__do_build_and_run_instance', sel.host, async () => {
    try {
      await runSteps(e, 'build', [
        { name: 'start', run: () => { saveInstance(e, uuid, { vmState: 'building', taskState: null }, ['scheduling', null]); } },
        {
          name: 'instance_claim',
          run: () => {
            saveInstance(e, uuid, { host: sel.host, node: sel.node, launchedOn: sel.host });
            claimed = true;
            e.hostStats.trackInstance(sel.host, uuid, 'building', null);
            e.hostStats.save(sel.host);
            // after the claim, where the host is set (manager.py: "It's important that this validation be done *after*")
            validateInstanceGroupPolicy(e, uuid, sel.host);
          },
        },
        {
          name: 'allocate_network',
          run: async () => {
            const inst = saveInstanceRecord(e, uuid, { vmState: 'building', taskState: 'networking' }, [null]);
            await allocateNetworks(e, inst, sel.host);
          },
        },
        // the compute names the root device while preparing block devices (manager._default_block_device_names)
        { name: 'block_device_mapping', run: () => { saveInstance(e, uuid, { vmState: 'building', taskState: 'block_device_mapping', rootDeviceName: '/dev/sda' }, ['networking']); } },
        // _prep_block_device: create, wait for and connect the volumes (attachment API); a server
        // without volumes has nothing to prepare (and no extra step)
        ...(hasVolumes ? [{ name: 'prep_block_device', run: () => prepBlockDevices(e, uuid, sel.host) }] : []),
        { name: 'spawning', run: () => { saveInstance(e, uuid, { vmState: 'building', taskState: 'spawning' }, ['block_device_mapping']); } },
        // the driver plugs the VIFs while it spawns (VirtualInterfaceCreateException aborts the build)
        { name: 'spawn', run: async () => { if (e.store.infoCaches.networkInfo(uuid).length) await e.driver.call('plug_vifs', sel.host, uuid); await e.driver.call('spawn', sel.host, uuid); } },
        {
          name: 'active',
          run: () => {
            saveInstance(e, uuid, { vmState: 'active', taskState: null, powerState: POWER_STATE.RUNNING, launchedAt: e.now() }, ['spawning']);
            e.hostStats.buildSucceeded(sel.host);
          },
        },
      ]);
    } catch (err) {
      // "Instance disappeared during build": the API deleted it meanwhile; FAILED, no fault, no reschedule
      if (err instanceof WorkflowAborted) throw err;
      abortClaim();
      if (err instanceof InstanceNotFoundError || err instanceof UnexpectedDeletingTaskStateError) {
        await cleanupAllocatedNetworks(e, uuid);
        e.hostStats.buildFailed(sel.host);
        result = 'gone';
        return;
      }
      const ne = asNovaError(err);
      // FAILED and RESCHEDULED count as failed builds; the _BY_POLICY results do not
      if (!ne.isA('GroupAffinityViolation')) e.hostStats.buildFailed(sel.host);
      const inst = e.store.instances.require(uuid);
      // _cleanup_allocated_networks: on an abort, a failure and a reschedule alike
      await cleanupAllocatedNetworks(e, uuid);
      // _shutdown_instance in _build_resources: the volumes are disconnected (attachments deleted)
      const final = ABORTING.some((t) => ne.isA(t)) || !canRetry;
      // _cleanup_volumes when the build ends here: delete_on_termination volumes go too
      await cleanupVolumes(e, inst, { deleteVolumes: final });
      if (ABORTING.some((t) => ne.isA(t))) {
        const abort = ne.isA('BuildAbortException') ? ne : novaError('BuildAbortException', { instance_uuid: uuid, reason: ne.message });
        recordFault(e, uuid, abort, sel.host);
        saveInstance(e, uuid, { vmState: 'error', taskState: null, host: null, node: null, launchedOn: null, availabilityZone: null });
        await e.report.deleteAllocationForConsumer(uuid, true, ownerOf(inst));
        return;
      }
      // RescheduledException(reason=format_message() or str(e))
      const reason = ne.message;
      // _nil_out_instance_obj_host_and_node: no host, so no availability zone either
      if (!canRetry) {
        // the fault is the RescheduledException (code 500, a traceback) worded as its reason
        const byPolicy = ne.isA('GroupAffinityViolation');
        const resched = novaError(byPolicy ? 'RescheduledByPolicyException' : 'RescheduledException', { instance_uuid: uuid, reason: reason || ne.faultMessage });
        recordFault(e, uuid, resched, sel.host, reason || ne.faultMessage);
        saveInstance(e, uuid, { vmState: 'error', taskState: null, host: null, node: null, launchedOn: null, availabilityZone: null });
        // FAILED drops the claim (_locked_do_build_and_run_instance); FAILED_BY_POLICY (a group
        // policy violation) returns before that, so its allocation stays
        if (!byPolicy) await e.report.deleteAllocationForConsumer(uuid, true, ownerOf(inst));
        return;
      }
      saveInstance(e, uuid, { host: null, node: null, launchedOn: null, availabilityZone: null, taskState: 'scheduling' });
      await e.report.deleteAllocationForConsumer(uuid, true, ownerOf(inst));
      result = 'rescheduled';
    }
  });
  return result;
}

/**
 * _build_networks_for_instance -> network_api.allocate_for_instance: ports made (or taken) for
 * the instance and bound to the host; the network info cache holds the result.
 */
async function allocateNetworks(e: Engine, inst: InstanceRecord, host: string): Promise<void> {
  const requested = e.store.infoCaches.request(inst.uuid);
  if (requested.requests === 'none') return;
  await e.driver.call('allocate_for_instance', host, inst.uuid);
  const ref = { uuid: inst.uuid, projectId: inst.projectId, userId: inst.userId, availabilityZone: inst.availabilityZone };
  const { vifs, records } = await e.network.allocateForInstance(ref, host, requested);
  e.store.db.transaction(() => {
    e.store.infoCaches.saveNetworkInfo(inst.uuid, vifs);
    e.store.virtualInterfaces.create(inst.uuid, records);
  })();
  if (vifs.length) {
    try {
      // a binding the mechanism driver refused (a fault of operation bind_port)
      await e.driver.call('bind_port', host, inst.uuid);
    } catch (err) {
      await cleanupAllocatedNetworks(e, inst.uuid);
      throw err;
    }
  }
}

/** _cleanup_allocated_networks: deallocate_for_instance, and the cache emptied. */
export async function cleanupAllocatedNetworks(e: Engine, uuid: string): Promise<void> {
  const cache = e.store.infoCaches.networkInfo(uuid);
  try {
    await e.network.deallocateForInstance(uuid, cache);
  } catch (err) {
    e.log.warn({ err, instance: uuid }, 'failed to deallocate networks while cleaning up');
  }
  e.store.db.transaction(() => {
    e.store.infoCaches.saveNetworkInfo(uuid, []);
    e.store.virtualInterfaces.deleteByInstance(uuid);
  })();
}

export type { NovaError };
