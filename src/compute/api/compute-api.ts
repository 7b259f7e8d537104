// nova/compute/api.py: validation, quota, state guards (server-states.ts), instance actions and
// migrations written synchronously, then the work handed to the workflows (conductor/compute).
import { normalizeIpv6 } from '../../http/python/ipv6.js';
import { validateNetworksForCreate } from './network-checks.js';
import type { RequestedNetworks } from '../../networking-client/network-api.js';
import { ApiError } from '../../http/api-error.js';
import { findBootImage } from './images.js';
import { CONDUCTOR_HOST, ownerOf, saveInstance, type Engine } from '../../workflows/engine.js';
import { buildInstance } from '../../workflows/build.js';
import { migrateServer } from '../../workflows/resize.js';
import { confirmResize as confirmFlow, revertResize as revertFlow } from '../../workflows/confirm-revert.js';
import { POWER_FLOWS, runPowerAction, type PowerAction } from '../../workflows/power.js';
import { completeDeletion, deallocateNetworks, deleteAllocations, terminateInstance } from '../../workflows/delete.js';
import { restoreInstance, softDeleteInstance } from '../../workflows/soft-delete.js';
import { checkInstanceState } from '../server-states.js';
import type { ComputeApi, CreateServerRequest, ServiceUpdate } from './api-types.js';
import type { FlavorRecord, InstanceRecord, RequestContext } from '../../compute-db/records.js';
import { InstanceNotFoundError } from '../../compute-db/instances-store.js';
import { novaError, type NovaError } from '../../nova-exceptions/nova-error.js';
import { unexpectedApiError } from '../unexpected-error.js';
import { rebuildServer } from './rebuild.js';
import { backupServer, snapshotServer } from './snapshot.js';
import { checkFlavorImage, checkResizeFlavor, imageSystemMetadata } from './flavor-image-checks.js';
import { kernelAndRamdisk } from './kernel-ramdisk.js';
import { boolFromString } from '../schemas/parameter-types.js';
import { createGuestApi } from './guest.js';
import { createMultinicApi } from './multinic.js';
import { createSecurityGroupProxyApi } from './security-groups.js';
import { createFloatingIpProxyApi } from './floating-ips.js';
import { joinGroup, requestedGroup } from './server-group-membership.js';
import { availableZoneNames, hostAvailabilityZone, zoneForForcedHost } from '../../compute-db/availability-zones.js';
import { createAggregateApi } from './aggregates.js';
import { createVolumeAttachmentApi } from './volume-attachments.js';
import { bdmRows, parseBlockDeviceMappingV2, validateBlockDevices, type ValidatedBdms } from './block-devices.js';
import { cleanupVolumes, volumeContext } from '../../workflows/volumes.js';
import { NovaError as NovaErrorClass } from '../../nova-exceptions/nova-error.js';

export interface ComputeApiDeps {
  engine: Engine;
  /**
   * Run a workflow after the API answered; tracked for idle()/close(). Workflows of one instance
   * run one after the other (nova's per-instance lock on the compute): a delete waits until a
   * running resize has stopped, so nothing it claims afterwards can leak.
   */
  spawn(name: string, instanceUuid: string, work: () => Promise<void>): void;
  /**
   * An RPC call the API waits for (after the instance's running workflows, like a spawn). Its
   * steps are not held by manual progression: the API request would hang on them.
   */
  call(name: string, instanceUuid: string, work: () => Promise<void>): Promise<void>;
  /** allow_resize_to_same_host and [scheduler] max_attempts, switched on reset. */
  allowResizeToSameHost(): boolean;
  /** [DEFAULT] reclaim_instance_interval in seconds (> 0: DELETE soft-deletes). */
  reclaimInstanceInterval(): number;
  /** Report COMPUTE_STATUS_DISABLED for a compute service's node(s). */
  reportServiceDisabled(host: string, disabled: boolean): Promise<void>;
  /** Remove a compute service's node(s) from placement. */
  removeComputeHost(host: string): Promise<void>;
}

const DEFAULT_AZ = 'nova';

export function createComputeApi(d: ComputeApiDeps): ComputeApi {
  const e = d.engine;
  const store = e.store;

  /** The instance visible to the caller (other projects' servers are 404 for non-admins). */
  function getInstance(ctx: RequestContext, uuid: string): InstanceRecord {
    const inst = store.instances.get(uuid);
    if (!inst || inst.deleted || (!ctx.isAdmin && inst.projectId !== ctx.projectId)) {
      throw new ApiError(404, null, `Instance ${uuid} could not be found.`);
    }
    return inst;
  }

  function startAction(ctx: RequestContext, inst: InstanceRecord, action: string): number {
    return store.actions.start({ instanceUuid: inst.uuid, requestId: ctx.requestId, action, userId: ctx.userId, projectId: ctx.projectId }).id;
  }

  /** Instance.save(expected_task_state=...) from the API: a race is a 409 as nova's. */
  function apiSave(inst: InstanceRecord, changes: Parameters<typeof store.instances.save>[1], expected: readonly (string | null)[], action: string) {
    try {
      return store.instances.save(inst.uuid, changes, expected);
    } catch (err) {
      if (err instanceof InstanceNotFoundError) throw new ApiError(404, null, err.message);
      const cur = store.instances.get(inst.uuid);
      throw new ApiError(409, null, `Cannot '${action}' instance ${inst.uuid} while it is in task_state ${cur?.taskState ?? 'None'}`);
    }
  }

  /** compute_utils.check_num_instances_quota / _check_quota_for_upsize -> TooManyInstances (403). */
  function checkQuota(projectId: string, userId: string, deltas: Record<'instances' | 'cores' | 'ram', number>, requested?: Record<string, string>): void {
    const limits = store.quotas.limits(projectId, userId);
    const used = store.quotas.usage(projectId);
    const overs = (['instances', 'cores', 'ram'] as const).filter((r) => deltas[r] > 0 && limits[r]! >= 0 && used[r] + deltas[r] > limits[r]!);
    if (overs.length === 0) return;
    const msg = `Quota exceeded for ${overs.join(', ')}: Requested ${overs.map((r) => requested?.[r] ?? String(deltas[r])).join(', ')}, but already used ${overs.map((r) => used[r]).join(', ')} of ${overs.map((r) => limits[r]).join(', ')} ${overs.join(', ')}`;
    throw new ApiError(403, null, msg);
  }

  function flavorForApi(ctx: RequestContext, flavorRef: string, forCreate: boolean): FlavorRecord {
    const f = store.flavors.get(flavorRef);
    // Flavor.get_by_flavor_id with the caller's context: a non-admin sees public flavors and
    // the private ones its project was granted, any other is not found
    const hidden = f !== null && !f.isPublic && !ctx.isAdmin && !store.flavors.listAccess(f.id).includes(ctx.projectId);
    if (!f || hidden || (forCreate && f.disabled)) throw new ApiError(400, null, `Flavor ${flavorRef} could not be found.`);
    return f;
  }

  function hostIsUp(host: string): boolean {
    const svc = store.services.findService(host, 'nova-compute');
    return !!svc && !svc.forcedDown;
  }

  async function powerAction(ctx: RequestContext, uuid: string, guard: string, action: PowerAction, instanceAction: string): Promise<void> {
    const inst = getInstance(ctx, uuid);
    checkInstanceState(inst, guard, ctx.isAdmin);
    const flow = POWER_FLOWS[action];
    const expected = guard === 'rebootHard' ? ['rebooting', 'reboot_pending', 'reboot_started', 'resuming', 'rebooting_hard', 'unpausing', 'pausing', 'suspending', null] : [null];
    apiSave(inst, { taskState: flow.apiTask, ...(action === 'stop' || action === 'start' ? { progress: 0 } : {}) }, expected, guard === 'rebootHard' || guard === 'rebootSoft' ? 'reboot' : guard);
    const actionId = startAction(ctx, inst, instanceAction);
    d.spawn(`${action} ${uuid}`, uuid, () => runPowerAction(e, action, uuid, actionId));
  }

  async function move(ctx: RequestContext, uuid: string, flavorRef: string | null, host: string | null, autoDiskConfig?: boolean): Promise<void> {
    const guard = flavorRef === null ? 'migrate' : 'resize';
    const inst = getInstance(ctx, uuid);
    checkInstanceState(inst, guard, ctx.isAdmin);
    let flavor = inst.flavor;
    if (flavorRef !== null) {
      const f = store.flavors.get(flavorRef);
      if (!f) throw new ApiError(400, null, `Flavor ${flavorRef} could not be found.`);
      if (f.id === inst.flavor.id) throw new ApiError(400, null, 'When resizing, instances must change flavor!');
      if (f.disabled) throw new ApiError(400, null, `Flavor ${flavorRef} could not be found.`);
      // API.resize: a zero-disk flavor cannot replace a flavor with a root disk (CannotResizeDisk -> 400)
      if (f.rootGb === 0 && inst.flavor.rootGb !== 0) {
        throw new ApiError(400, null, 'Server disk was unable to be resized because: Resize to zero disk flavor is not allowed.');
      }
      const deltas = { instances: 0, cores: Math.max(0, f.vcpus - inst.flavor.vcpus), ram: Math.max(0, f.memoryMb - inst.flavor.memoryMb) };
      checkQuota(inst.projectId, inst.userId, deltas);
      checkResizeFlavor(f, inst.systemMetadata);
      flavor = f;
    }
    if (!inst.host || !hostIsUp(inst.host)) throw new ApiError(409, null, 'Service is unavailable at this time.');
    if (host !== null) {
      if (!store.services.findService(host, 'nova-compute')) throw new ApiError(400, null, `Compute host ${host} could not be found.`);
      if (host === inst.host) throw new ApiError(400, null, 'Cannot migrate to the host where the server exists.');
    }
    let allowSame: boolean;
    if (flavorRef === null) {
      // _allow_resize_to_same_host for a cold migrate: the source provider's traits
      const node = inst.node ? store.services.getNodeByName(inst.node) : null;
      allowSame = false;
      if (node) {
        try { allowSame = (await e.placement.providerTraits(node.uuid)).traits.includes('COMPUTE_SAME_HOST_COLD_MIGRATE'); } catch { allowSame = false; }
      }
    } else allowSame = d.allowResizeToSameHost();
    // API.resize: instance.auto_disk_config = auto_disk_config or False (a move without AUTO resets it)
    apiSave(inst, { taskState: 'resize_prep', progress: 0, autoDiskConfig: autoDiskConfig ?? false }, [null], guard);
    const actionId = startAction(ctx, inst, guard);
    d.spawn(`${guard} ${uuid}`, uuid, () => migrateServer(e, {
      instanceUuid: uuid, actionId, flavor, migrationType: flavorRef === null ? 'migration' : 'resize',
      requestedHost: host, allowSameHost: allowSame,
    }));
  }

  /** The unconfirmed migration ('finished' or 'confirming') is confirmed, under the delete's request id. */
  async function confirmOnDeleting(ctx: RequestContext, inst: InstanceRecord): Promise<void> {
    const migration = store.migrations.findByInstanceAndStatus(inst.uuid, 'finished') ?? store.migrations.findByInstanceAndStatus(inst.uuid, 'confirming');
    if (!migration) return;
    const actionId = startAction(ctx, inst, 'confirmResize');
    let failure: NovaError | null = null;
    await d.call(`confirm ${inst.uuid}`, inst.uuid, async () => { failure = await confirmFlow(e, { instanceUuid: inst.uuid, actionId, migration }); });
    // the call raises in the API: the delete stops there (ERROR, task_state still 'deleting')
    if (failure) throw unexpectedApiError((failure as NovaError).pythonClass);
  }

  /**
   * API._delete for delete, soft_delete and force_delete (the state guard was checked): a build
   * request, a server never put on a compute, a local delete (no compute to ask, soft or not:
   * _local_delete destroys it) or the compute's terminate_instance / soft_delete_instance,
   * each under a 'delete' instance action.
   */
  async function deleteInstance(ctx: RequestContext, inst: InstanceRecord, type: 'delete' | 'soft_delete' | 'force_delete'): Promise<void> {
    const uuid = inst.uuid;
    const owner = ownerOf(inst);
    // _delete_while_booting: not scheduled yet, so the build request goes and no instance ever
    // exists (no actions); _local_delete_cleanup drops what the scheduler may have claimed
    if (inst.cell === 'build_request') {
      // _local_cleanup_bdm_volumes: the reserved volumes are released
      await cleanupVolumes(e, inst);
      store.db.transaction(() => { store.bdms.destroyForInstance(uuid); store.instances.purge(uuid); })();
      await e.report.deleteAllocationForConsumer(uuid, true, owner);
      return;
    }
    // scheduled but not on a compute yet: destroyed by the API; the compute finds it gone
    const mayHavePortsOrVolumes = inst.vmState === 'error' || inst.vmState === 'shelved_offloaded';
    if (!inst.host && !mayHavePortsOrVolumes) {
      await cleanupVolumes(e, inst);
      completeDeletion(e, uuid);
      await e.report.deleteAllocationForConsumer(uuid, true, owner);
      return;
    }
    const local = !inst.host || !hostIsUp(inst.host);
    if (!local && (inst.taskState === 'deleting' || inst.taskState === 'soft-deleting')) return;
    // instance.update(instance_attrs): soft_delete also stamps deleted_at (the reclaim clock)
    const task = type === 'soft_delete' ? 'soft-deleting' : 'deleting';
    apiSave(inst, { taskState: task, progress: 0, ...(type === 'soft_delete' ? { deletedAt: e.now() } : {}) }, [inst.taskState], 'delete');
    // _confirm_resize_on_deleting: a synchronous confirm_resize call to the source first (a soft
    // delete then puts its task state back)
    if (inst.vmState === 'resized') {
      await confirmOnDeleting(ctx, inst);
      if (type === 'soft_delete') saveInstance(e, uuid, { taskState: task });
    }
    if (local) {
      // _local_delete in the API (no compute to ask): no delete action is recorded
      await d.call(`local delete ${uuid}`, uuid, async () => { await deallocateNetworks(e, uuid, null); await cleanupVolumes(e, inst); await deleteAllocations(e, uuid, true); completeDeletion(e, uuid); });
      return;
    }
    const actionId = startAction(ctx, inst, 'delete');
    if (type === 'soft_delete') d.spawn(`soft delete ${uuid}`, uuid, () => softDeleteInstance(e, uuid, actionId));
    else d.spawn(`delete ${uuid}`, uuid, () => terminateInstance(e, uuid, actionId));
  }

  const api: ComputeApi = {
    async createServer(ctx, req: CreateServerRequest) {
      const flavor = flavorForApi(ctx, req.flavorRef, true);
      // servers.py turns ImageNotFound into this (checked against the real Nova)
      const image = req.imageRef ? await findBootImage(e.images, ctx, req.imageRef) : null;
      if (req.imageRef && !image) throw new ApiError(400, null, 'Can not find requested image');
      // _check_requested_image: ImageNotActive is a 400 with its message
      if (image && image.status !== 'active') throw new ApiError(400, null, `Image ${image.id} is not active.`);
      const requestedBdms = parseBlockDeviceMappingV2(req.blockDeviceMappingV2 ?? [], !!req.imageRef);
      if (!req.imageRef && !requestedBdms.length) throw new ApiError(400, null, 'Cannot boot from volume: no block device mapping given.');
      // availability_zone "az:host:node": forcing a host is admin-only
      let forcedHost: string | null = null;
      let az: string | null = req.availabilityZone ?? null;
      if (az !== null && az.includes(':')) {
        const [zone, host] = az.split(':');
        if (!ctx.isAdmin) throw new ApiError(403, null, "Policy doesn't allow os_compute_api:servers:create:forced_host to be performed.");
        az = zone || null;
        // an unknown forced host is not checked here: the build fails with NoValidHost (real Nova)
        forcedHost = host || null;
      }
      // a forced host keeps the zone only if it is in it; otherwise the zone must have an enabled service
      if (forcedHost) az = zoneForForcedHost(store, az, forcedHost);
      else if (az !== null && !availableZoneNames(store).includes(az)) throw new ApiError(400, null, 'The requested availability zone is not available');
      if (req.host && !store.services.findService(req.host, 'nova-compute')) throw new ApiError(400, null, `Compute host ${req.host} could not be found.`);
      let keyData: string | null = null;
      if (req.keyName) {
        const kp = store.keypairs.get(ctx.userId, req.keyName);
        if (!kp) throw new ApiError(400, null, 'Invalid key_name provided.');
        keyData = kp.publicKey;
      }
      const minCount = req.minCount ?? 1;
      const maxCount = req.maxCount ?? minCount;
      if (minCount > maxCount) throw new ApiError(400, null, 'min_count must be <= max_count');
      const limits = store.quotas.limits(ctx.projectId, ctx.userId);
      const used = store.quotas.usage(ctx.projectId);
      const md = Object.keys(req.metadata ?? {}).length;
      if (limits.metadata_items! >= 0 && md > limits.metadata_items!) throw new ApiError(403, null, 'Quota exceeded for metadata_items: Requested ' + md + ', but already used 0 of ' + limits.metadata_items + ' metadata_items');
      // _check_and_transform_bdm / _validate_bdm: mappings, volumes and snapshots exist, boot order
      let bdms: ValidatedBdms | null = null;
      if (requestedBdms.length) {
        if (maxCount > 1 && requestedBdms.some((b) => b.sourceType === 'volume')) {
          throw new ApiError(400, null, 'Cannot attach one or more volumes to multiple instances');
        }
        bdms = await validateBlockDevices(e.volumes, volumeContext(ctx), requestedBdms, req.imageRef, flavor, (id) => findBootImage(e.images, ctx, id));
      }
      const volumeBacked = bdms?.volumeBacked ?? false;
      const rootBdm = bdms?.bdms.find((b) => b.bootIndex === 0);
      const rootImageId = !volumeBacked ? req.imageRef
        : rootBdm?.imageId ?? (rootBdm?.volumeId ? bdms!.volumes.get(rootBdm.volumeId)?.imageMetadata?.image_id ?? null : null);
      const rootImage = !rootImageId ? null : rootImageId === req.imageRef ? image : await findBootImage(e.images, ctx, rootImageId);
      // _validate_flavor_image_nostatus: the image's disk checks apply to an image-backed root only
      if (!volumeBacked) checkFlavorImage(ctx, flavor, image!);
      const kernelRamdisk = image && !volumeBacked ? await kernelAndRamdisk(image, (id) => findBootImage(e.images, ctx, id)) : { kernelId: '', ramdiskId: '' };
      // _validate_and_build_base_options: security groups and networks, as neutron sees them
      const requestedNetworks: RequestedNetworks = { requests: req.networks ?? null, securityGroups: req.securityGroups ?? ['default'] };
      if (Array.isArray(requestedNetworks.requests) && maxCount > 1 && requestedNetworks.requests.some((r) => r.portId)) {
        throw new ApiError(400, null, 'Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.');
      }
      await validateNetworksForCreate(e.network, ctx, requestedNetworks);
      // _get_requested_instance_group: after the create checks, before the instance quota
      const group = requestedGroup(store, ctx, req.group);
      // headroom decides how many of max_count fit (check_num_instances_quota)
      let count = maxCount;
      const room = (['instances', 'cores', 'ram'] as const).map((r) => {
        const per = r === 'instances' ? 1 : r === 'cores' ? flavor.vcpus : flavor.memoryMb;
        return limits[r]! < 0 || per === 0 ? Infinity : Math.floor((limits[r]! - used[r]) / per);
      });
      const allowed = Math.min(...room);
      if (allowed < maxCount) {
        if (allowed >= minCount) count = allowed;
        else {
          const num = minCount === maxCount ? String(minCount) : `${minCount}-${maxCount}`;
          checkQuota(ctx.projectId, ctx.userId, { instances: maxCount, cores: maxCount * flavor.vcpus, ram: maxCount * flavor.memoryMb },
            { instances: num, cores: String(maxCount * flavor.vcpus), ram: String(maxCount * flavor.memoryMb) });
        }
      }
      const reservationId = 'r-' + e.runtime.ids.uuid().replace(/-/g, '').slice(0, 8);
      const adminPass = req.adminPass ?? e.runtime.ids.uuid().replace(/-/g, '').slice(0, 12);
      const instances: InstanceRecord[] = [];
      store.db.transaction(() => {
        for (let i = 0; i < count; i++) {
          const uuid = e.runtime.ids.uuid();
          const name = count > 1 ? `${req.name}-${i + 1}` : req.name;
          const inst = store.instances.create({
            uuid, displayName: name, displayDescription: req.description ?? null, projectId: ctx.projectId, userId: ctx.userId,
            // a volume-backed server has no image of its own (image: "")
            imageRef: volumeBacked ? null : req.imageRef, flavor, vmState: 'building', taskState: 'scheduling', powerState: 0,
            availabilityZone: az ?? (forcedHost ? DEFAULT_AZ : null), requestedAz: az,
            hostname: req.hostname ?? (name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || `server-${uuid}`),
            metadata: req.metadata ?? {}, keyName: req.keyName ?? null, keyData, accessIpV4: req.accessIPv4 ?? null,
            accessIpV6: req.accessIPv6 ? normalizeIpv6(req.accessIPv6) : null, configDrive: req.configDrive ? 'True' : '', tags: req.tags ?? [],
            // _inherit_properties_from_image: without OS-DCF:diskConfig the image's property decides
            autoDiskConfig: req.autoDiskConfig ?? boolFromString(image?.properties.auto_disk_config ?? ''),
            ...kernelRamdisk,
            // a volume-backed server inherits the image properties its root volume came from
            systemMetadata: rootImage ? imageSystemMetadata(rootImage, flavor) : {},
            trustedCerts: req.trustedImageCertificates ?? null, userData: req.userData ?? null, reservationId,
            launchIndex: i, rootDeviceName: null, progress: 0, cell: 'build_request',
          });
          instances.push(inst);
          store.infoCaches.saveRequest(uuid, requestedNetworks);
          if (group) joinGroup(store, group, uuid, ctx.projectId, ctx.userId);
          if (bdms) for (const row of bdmRows(uuid, bdms.bdms, () => e.runtime.ids.uuid())) store.bdms.create(row, e.now());
        }
      })();
      // _check_attach_and_reserve_volume: each named volume is reserved for its instance; a volume
      // that cannot be (in-use, error) fails the request and nothing of it stays
      try {
        for (const inst of instances) {
          for (const b of store.bdms.ofInstance(inst.uuid)) {
            if (b.sourceType !== 'volume' || !b.volumeId) continue;
            const a = await e.volumes.attachmentCreate(volumeContext(ctx), b.volumeId, inst.uuid);
            store.bdms.save(b.uuid, { attachmentId: a.id }, e.now());
          }
        }
      } catch (err) {
        for (const inst of instances) {
          await cleanupVolumes(e, inst, { deleteVolumes: false });
          store.db.transaction(() => { store.bdms.destroyForInstance(inst.uuid); store.instances.purge(inst.uuid); })();
        }
        if (err instanceof NovaErrorClass && err.type === 'InvalidInput') throw new ApiError(400, null, novaError('InvalidVolume', { reason: err.message }).message);
        if (err instanceof NovaErrorClass && err.code === 404) throw new ApiError(400, null, err.message);
        throw err;
      }
      // the conductor records the 'create' action once it has put the instance in a cell
      const creator = { requestId: ctx.requestId, userId: ctx.userId, projectId: ctx.projectId };
      for (const inst of instances) {
        d.spawn(`build ${inst.uuid}`, inst.uuid, () => buildInstance(e, {
          instanceUuid: inst.uuid, creator, forcedHost, requestedHost: req.host ?? null, volumeBacked,
          // a multi-create is scheduled as one request: a host for every instance, or none
          batch: instances.length > 1 ? instances.map((i) => i.uuid) : undefined,
        }));
      }
      return { instances, adminPass, reservationId };
    },

    async deleteServer(ctx, uuid) {
      const inst = getInstance(ctx, uuid);
      // servers.py _delete: with reclaim_instance_interval the DELETE soft-deletes; a server that
      // never launched is refused (InstanceInvalidState) and deleted instead. The lock check is not
      // caught: a locked server is 409 either way.
      if (d.reclaimInstanceInterval() > 0) {
        checkInstanceState(inst, 'delete', ctx.isAdmin);
        if (inst.launchedAt) return deleteInstance(ctx, inst, 'soft_delete');
      }
      checkInstanceState(inst, 'delete', ctx.isAdmin);
      return deleteInstance(ctx, inst, 'delete');
    },
    async forceDeleteServer(ctx, uuid) {
      const inst = getInstance(ctx, uuid);
      checkInstanceState(inst, 'forceDelete', ctx.isAdmin);
      return deleteInstance(ctx, inst, 'force_delete');
    },
    async restoreServer(ctx, uuid) {
      const inst = getInstance(ctx, uuid);
      // deferred_delete.py renders InstanceIsLocked (an InstanceInvalidState without attr/state)
      // through raise_http_conflict_for_instance_invalid_state
      if (inst.locked && !ctx.isAdmin) throw new ApiError(409, null, `Instance ${uuid} is in an invalid state for 'restore'`);
      checkInstanceState(inst, 'restore', ctx.isAdmin);
      // check_num_instances_quota(flavor, 1, 1): the soft-deleted server itself still counts
      checkQuota(inst.projectId, inst.userId, { instances: 1, cores: inst.flavor.vcpus, ram: inst.flavor.memoryMb });
      const actionId = startAction(ctx, inst, 'restore');
      if (inst.host) {
        apiSave(inst, { taskState: 'restoring', deletedAt: null }, [null], 'restore');
        d.spawn(`restore ${uuid}`, uuid, () => restoreInstance(e, uuid, actionId));
      } else {
        apiSave(inst, { vmState: 'active', taskState: null, deletedAt: null }, [null], 'restore');
      }
    },

    async updateServer(ctx, uuid, req) {
      const inst = getInstance(ctx, uuid);
      return store.instances.save(inst.uuid, {
        ...(req.name !== undefined ? { displayName: req.name } : {}),
        ...(req.description !== undefined ? { displayDescription: req.description } : {}),
        ...(req.accessIPv4 !== undefined ? { accessIpV4: req.accessIPv4 } : {}),
        ...(req.accessIPv6 !== undefined ? { accessIpV6: req.accessIPv6 ? normalizeIpv6(req.accessIPv6) : req.accessIPv6 } : {}),
        ...(req.hostname !== undefined ? { hostname: req.hostname } : {}),
        ...(req.autoDiskConfig !== undefined ? { autoDiskConfig: req.autoDiskConfig } : {}),
      });
    },

    resize: (ctx, uuid, flavorRef, autoDiskConfig) => move(ctx, uuid, flavorRef, null, autoDiskConfig),
    rebuild: (ctx, uuid, req) => rebuildServer({ engine: e, spawn: d.spawn, getInstance, apiSave, startAction }, ctx, uuid, req),
    snapshot: (ctx, uuid, name, metadata) => snapshotServer({ engine: e, spawn: d.spawn, getInstance, apiSave, startAction }, ctx, uuid, name, metadata),
    backup: (ctx, uuid, name, type, rotation, metadata) => backupServer({ engine: e, spawn: d.spawn, getInstance, apiSave, startAction }, ctx, uuid, name, type, rotation, metadata),
    guest: createGuestApi({ engine: e, spawn: d.spawn, getInstance, apiSave, startAction }),
    multinic: createMultinicApi({ engine: e, spawn: d.spawn, getInstance }),
    securityGroups: createSecurityGroupProxyApi(e.network.client),
    floatingIps: createFloatingIpProxyApi({ engine: e, getInstance }),
    volumeAttachments: createVolumeAttachmentApi({ engine: e, spawn: d.spawn, getInstance, startAction }),
    migrate: (ctx, uuid, host) => move(ctx, uuid, null, host),

    async confirmResize(ctx, uuid) {
      const inst = getInstance(ctx, uuid);
      checkInstanceState(inst, 'confirmResize', ctx.isAdmin);
      const migration = store.migrations.findByInstanceAndStatus(uuid, 'finished');
      if (!migration) throw new ApiError(400, null, 'Instance has not been resized.');
      if (!migration.sourceCompute || !hostIsUp(migration.sourceCompute)) throw new ApiError(409, null, 'Service is unavailable at this time.');
      // status 'confirming' is written before the 204
      const m = store.migrations.save(migration.uuid, { status: 'confirming' });
      const actionId = startAction(ctx, inst, 'confirmResize');
      // a cast: the failure is the instance's fault and the action's event, nothing to answer
      d.spawn(`confirm ${uuid}`, uuid, async () => { await confirmFlow(e, { instanceUuid: uuid, actionId, migration: m }); });
    },

    async revertResize(ctx, uuid) {
      const inst = getInstance(ctx, uuid);
      checkInstanceState(inst, 'revertResize', ctx.isAdmin);
      const migration = store.migrations.findByInstanceAndStatus(uuid, 'finished');
      if (!migration) throw new ApiError(400, null, 'Instance has not been resized.');
      const old = inst.oldFlavor ?? inst.flavor;
      // reverting a downsize grows the instance again: quota checked for the old flavor
      checkQuota(inst.projectId, inst.userId, { instances: 0, cores: Math.max(0, old.vcpus - inst.flavor.vcpus), ram: Math.max(0, old.memoryMb - inst.flavor.memoryMb) });
      // the API sets the zone back to the source host's before casting (the server goes back there)
      const sourceZone = migration.sourceCompute ? hostAvailabilityZone(store, migration.sourceCompute) : inst.availabilityZone;
      apiSave(inst, { taskState: 'resize_reverting', availabilityZone: sourceZone }, [null], 'revertResize');
      const m = store.migrations.save(migration.uuid, { status: 'reverting' });
      const actionId = startAction(ctx, inst, 'revertResize');
      d.spawn(`revert ${uuid}`, uuid, () => revertFlow(e, { instanceUuid: uuid, actionId, migration: m }));
    },

    start: (ctx, uuid) => powerAction(ctx, uuid, 'start', 'start', 'start'),
    stop: (ctx, uuid) => powerAction(ctx, uuid, 'stop', 'stop', 'stop'),
    reboot: (ctx, uuid, type) => (type === 'HARD'
      ? powerAction(ctx, uuid, 'rebootHard', 'reboot_hard', 'reboot')
      : powerAction(ctx, uuid, 'rebootSoft', 'reboot_soft', 'reboot')),
    pause: (ctx, uuid) => powerAction(ctx, uuid, 'pause', 'pause', 'pause'),
    unpause: (ctx, uuid) => powerAction(ctx, uuid, 'unpause', 'unpause', 'unpause'),
    suspend: (ctx, uuid) => powerAction(ctx, uuid, 'suspend', 'suspend', 'suspend'),
    resume: (ctx, uuid) => powerAction(ctx, uuid, 'resume', 'resume', 'resume'),

    async lock(ctx, uuid, reason) {
      const inst = getInstance(ctx, uuid);
      // API.lock: an owner locking an already locked server is a no-op (no action recorded)
      if (inst.locked && inst.projectId === ctx.projectId) return;
      const actionId = startAction(ctx, inst, 'lock');
      // EventReporter(context, 'api_lock', CONF.host, ...): the API runs on the conductor's host here
      const ev = store.actions.startEvent(actionId, 'api_lock', CONDUCTOR_HOST);
      store.instances.save(uuid, { locked: true, lockedBy: inst.projectId === ctx.projectId ? 'owner' : 'admin', lockedReason: reason || null });
      store.actions.finishEvent(actionId, ev.event, { ok: true });
    },
    async unlock(ctx, uuid) {
      const inst = getInstance(ctx, uuid);
      if (inst.locked && inst.lockedBy === 'admin' && !ctx.isAdmin) {
        throw new ApiError(403, null, "Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed.");
      }
      const actionId = startAction(ctx, inst, 'unlock');
      const ev = store.actions.startEvent(actionId, 'api_unlock', CONDUCTOR_HOST);
      store.instances.save(uuid, { locked: false, lockedBy: null, lockedReason: null });
      store.actions.finishEvent(actionId, ev.event, { ok: true });
    },

    async updateMetadata(ctx, uuid, metadata, replace) {
      const inst = getInstance(ctx, uuid);
      checkInstanceState(inst, 'updateMetadata', ctx.isAdmin);
      const next = replace ? { ...metadata } : { ...inst.metadata, ...metadata };
      const limit = store.quotas.limits(inst.projectId).metadata_items!;
      if (limit >= 0 && Object.keys(next).length > limit) {
        throw new ApiError(403, null, `Quota exceeded for metadata_items: Requested ${Object.keys(next).length}, but already used 0 of ${limit} metadata_items`);
      }
      return store.instances.save(uuid, { metadata: next }).metadata as Record<string, string>;
    },
    async deleteMetadataItem(ctx, uuid, key) {
      const inst = getInstance(ctx, uuid);
      checkInstanceState(inst, 'updateMetadata', ctx.isAdmin);
      if (!(key in inst.metadata)) throw new ApiError(404, null, 'Metadata item was not found');
      const { [key]: _gone, ...rest } = inst.metadata;
      void _gone;
      store.instances.save(uuid, { metadata: rest });
    },

    async createFlavor(_ctx, req) {
      if (store.flavors.getByName(req.name)) throw new ApiError(409, null, `Flavor with name ${req.name} already exists.`);
      const flavorid = req.id ?? e.runtime.ids.uuid();
      if (store.flavors.get(flavorid)) throw new ApiError(409, null, `Flavor with ID ${flavorid} already exists.`);
      return store.flavors.create({
        flavorid, name: req.name, vcpus: req.vcpus, memoryMb: req.ram, rootGb: req.disk, ephemeralGb: req.ephemeral ?? 0,
        swap: req.swap ?? 0, rxtxFactor: req.rxtxFactor ?? 1.0, isPublic: req.isPublic ?? true, description: req.description ?? null,
      });
    },
    async deleteFlavor(_ctx, flavorid) {
      const f = store.flavors.get(flavorid);
      if (!f) throw new ApiError(404, null, `Flavor ${flavorid} could not be found.`);
      store.flavors.delete(f.id);
    },

    async updateService(_ctx, serviceUuid, update: ServiceUpdate) {
      const svc = store.services.getServiceByUuid(serviceUuid);
      if (!svc) throw new ApiError(404, null, `Service ${serviceUuid} could not be found.`);
      const disabled = update.status === undefined ? undefined : update.status === 'disabled';
      const next = store.services.updateService(svc.id, {
        disabled,
        disabledReason: update.status === 'enabled' ? null : update.disabledReason,
        forcedDown: update.forcedDown,
      });
      if (svc.binary === 'nova-compute' && disabled !== undefined && disabled !== svc.disabled) {
        await d.reportServiceDisabled(svc.host, disabled);
      }
      return next;
    },
    async deleteService(_ctx, serviceUuid) {
      const svc = store.services.getServiceByUuid(serviceUuid);
      if (!svc) throw new ApiError(404, null, `Service ${serviceUuid} could not be found.`);
      if (svc.binary === 'nova-compute') {
        if (store.instances.list({ host: svc.host }).length > 0) {
          throw new ApiError(409, null, 'Unable to delete compute service that is hosting instances. Migrate or delete the instances first.');
        }
        // services.py delete: the host leaves each of its aggregates first (mirrored in Placement)
        const aggregates = createAggregateApi({ store, placement: e.placement, log: e.log, newUuid: () => e.runtime.ids.uuid(), now: () => e.now() });
        for (const a of store.aggregates.listByHost(svc.host)) await aggregates.removeHost(String(a.id), svc.host);
        await d.removeComputeHost(svc.host);
      }
      store.services.deleteService(svc.id);
    },
  };
  void novaError;
  return api;
}
