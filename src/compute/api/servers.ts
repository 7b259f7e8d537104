// nova/compute/api.py for the server itself: create (the checks, the quota headroom of a
// multi-create, the build requests written and their volumes reserved before the 202), delete
// (_delete: a build request, a local delete, the compute's terminate or soft delete),
// force delete, restore and update; rebuild (rebuild.ts), snapshot and backup (snapshot.ts).
import { normalizeIpv6 } from '../../http/python/ipv6.js';
import { ApiError } from '../../http/api-error.js';
import { NovaError, novaError } from '../../nova-exceptions/nova-error.js';
import type { RequestedNetworks } from '../../networking-client/network-api.js';
import { ownerOf, saveInstance } from '../../workflows/engine.js';
import { buildInstance } from '../../workflows/build.js';
import { confirmResize as confirmFlow } from '../../workflows/confirm-revert.js';
import { completeDeletion, deallocateNetworks, deleteAllocations, terminateInstance } from '../../workflows/delete.js';
import { restoreInstance, softDeleteInstance } from '../../workflows/soft-delete.js';
import { cleanupVolumes, volumeContext } from '../../workflows/volumes.js';
import { availableZoneNames, zoneForForcedHost } from '../../compute-db/availability-zones.js';
import type { FlavorRecord, InstanceRecord, RequestContext } from '../../compute-db/records.js';
import { checkInstanceState } from '../server-states.js';
import { unexpectedApiError } from '../unexpected-error.js';
import { boolFromString } from '../schemas/parameter-types.js';
import { checkQuota, hostIsUp, type ApiContext } from './api-context.js';
import type { CreateServerRequest, CreateServerResult, RebuildRequest, UpdateServerRequest } from './api-types.js';
import { rebuildServer } from './rebuild.js';
import { backupServer, snapshotServer } from './snapshot.js';
import { findBootImage } from '../../image-client/boot-image.js';
import { validateNetworksForCreate } from './network-checks.js';
import { checkFlavorImage, imageSystemMetadata } from './flavor-image-checks.js';
import { kernelAndRamdisk } from './kernel-ramdisk.js';
import { joinGroup, requestedGroup } from './server-group-membership.js';
import { bdmRows, imageDefinedBdms, mergeImageBdms, parseBlockDeviceMappingV2, validateBlockDevices, type ValidatedBdms } from './block-devices.js';

export interface ServersApi {
  create(ctx: RequestContext, req: CreateServerRequest): Promise<CreateServerResult>;
  /** DELETE /servers/{id}: 204; the compute finishes the deletion asynchronously. */
  delete(ctx: RequestContext, uuid: string): Promise<void>;
  /** forceDelete action: a hard delete in any vm_state (task state idle), also of a SOFT_DELETED server. */
  forceDelete(ctx: RequestContext, uuid: string): Promise<void>;
  /** The restore action: a SOFT_DELETED server back to ACTIVE (deferred delete). */
  restore(ctx: RequestContext, uuid: string): Promise<void>;
  update(ctx: RequestContext, uuid: string, req: UpdateServerRequest): Promise<InstanceRecord>;
  /** rebuild: 202. Errors: 400 image/key pair, 403 metadata quota, 409 state or lock. */
  rebuild(ctx: RequestContext, uuid: string, req: RebuildRequest): Promise<InstanceRecord>;
  /** createImage: the new image's id (202). Errors: 409 state or lock. */
  snapshot(ctx: RequestContext, uuid: string, name: string, metadata: Record<string, string>): Promise<string>;
  /** createBackup: the new image's id (202). Errors: 400 volume-backed, 409 state or lock. */
  backup(ctx: RequestContext, uuid: string, name: string, backupType: string, rotation: number, metadata: Record<string, string>): Promise<string>;
}

const DEFAULT_AZ = 'nova';

export function createServersApi(c: ApiContext): ServersApi {
  const e = c.engine;
  const store = c.store;

  function flavorForApi(ctx: RequestContext, flavorRef: string, forCreate: boolean): FlavorRecord {
    const f = store.flavors.get(flavorRef);
    // Flavor.get_by_flavor_id with the caller's context: a non-admin sees public flavors and
    // the private ones its project was granted, any other is not found
    const hidden = f !== null && !f.isPublic && !ctx.isAdmin && !store.flavors.listAccess(f.id).includes(ctx.projectId);
    if (!f || hidden || (forCreate && f.disabled)) throw new ApiError(400, null, `Flavor ${flavorRef} could not be found.`);
    return f;
  }

  /** The unconfirmed migration ('finished' or 'confirming') is confirmed, under the delete's request id. */
  async function confirmOnDeleting(ctx: RequestContext, inst: InstanceRecord): Promise<void> {
    const migration = store.migrations.findByInstanceAndStatus(inst.uuid, 'finished') ?? store.migrations.findByInstanceAndStatus(inst.uuid, 'confirming');
    if (!migration) return;
    const actionId = c.startAction(ctx, inst, 'confirmResize');
    let failure: NovaError | null = null;
    await c.call(`confirm ${inst.uuid}`, inst.uuid, async (e) => { failure = await confirmFlow(e, { instanceUuid: inst.uuid, actionId, migration }); });
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
    const local = !inst.host || !hostIsUp(store, inst.host);
    if (!local && (inst.taskState === 'deleting' || inst.taskState === 'soft-deleting')) return;
    // instance.update(instance_attrs): soft_delete also stamps deleted_at (the reclaim clock)
    const task = type === 'soft_delete' ? 'soft-deleting' : 'deleting';
    c.apiSave(inst, { taskState: task, progress: 0, ...(type === 'soft_delete' ? { deletedAt: e.now() } : {}) }, [inst.taskState], 'delete');
    // _confirm_resize_on_deleting: a synchronous confirm_resize call to the source first (a soft
    // delete then puts its task state back)
    if (inst.vmState === 'resized') {
      await confirmOnDeleting(ctx, inst);
      if (type === 'soft_delete') saveInstance(e, uuid, { taskState: task });
    }
    if (local) {
      // _local_delete in the API (no compute to ask): no delete action is recorded
      await c.call(`local delete ${uuid}`, uuid, async (e) => { await deallocateNetworks(e, uuid, null); await cleanupVolumes(e, inst); await deleteAllocations(e, uuid, true); completeDeletion(e, uuid); });
      return;
    }
    const actionId = c.startAction(ctx, inst, 'delete');
    if (type === 'soft_delete') c.spawn(`soft delete ${uuid}`, uuid, (e) => softDeleteInstance(e, uuid, actionId));
    else c.spawn(`delete ${uuid}`, uuid, (e) => terminateInstance(e, uuid, actionId));
  }

  return {
    async create(ctx, req) {
      const flavor = flavorForApi(ctx, req.flavorRef, true);
      // servers.py turns ImageNotFound into this (checked against the real Nova)
      const image = req.imageRef ? await findBootImage(e.images, ctx, req.imageRef) : null;
      if (req.imageRef && !image) throw new ApiError(400, null, 'Can not find requested image');
      // _check_requested_image: ImageNotActive is a 400 with its message
      if (image && image.status !== 'active') throw new ApiError(400, null, `Image ${image.id} is not active.`);
      // an image made by a volume-backed createImage maps its snapshots: they become this server's
      const fromImage = image ? imageDefinedBdms(image.properties) : [];
      const requestedBdms = mergeImageBdms(fromImage, parseBlockDeviceMappingV2(req.blockDeviceMappingV2 ?? [], !!req.imageRef));
      const rootFromImage = fromImage.some((b) => b.bootIndex === 0);
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
        bdms = await validateBlockDevices(e.volumes, volumeContext(ctx), requestedBdms, req.imageRef, flavor, (id) => findBootImage(e.images, ctx, id), req.supportsMultiattach ?? false);
      }
      const volumeBacked = bdms?.volumeBacked ?? false;
      const rootBdm = bdms?.bdms.find((b) => b.bootIndex === 0);
      const rootImageId = !volumeBacked ? req.imageRef
        : rootBdm?.imageId ?? (rootBdm?.volumeId ? bdms!.volumes.get(rootBdm.volumeId)?.imageMetadata?.image_id ?? null : null);
      const rootImage = rootFromImage ? image : !rootImageId ? null : rootImageId === req.imageRef ? image : await findBootImage(e.images, ctx, rootImageId);
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
          checkQuota(store, ctx.projectId, ctx.userId, { instances: maxCount, cores: maxCount * flavor.vcpus, ram: maxCount * flavor.memoryMb },
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
            // (nova keeps image_ref when the image's own mappings make the server volume-backed)
            imageRef: volumeBacked && !rootFromImage ? null : req.imageRef, flavor, vmState: 'building', taskState: 'scheduling', powerState: 0,
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
        if (err instanceof NovaError && err.is('InvalidInput')) throw new ApiError(400, null, novaError('InvalidVolume', { reason: err.message }).message);
        if (err instanceof NovaError && err.code === 404) throw new ApiError(400, null, err.message);
        throw err;
      }
      // the conductor records the 'create' action once it has put the instance in a cell
      const creator = { requestId: ctx.requestId, userId: ctx.userId, projectId: ctx.projectId };
      for (const inst of instances) {
        c.spawn(`build ${inst.uuid}`, inst.uuid, (e) => buildInstance(e, {
          instanceUuid: inst.uuid, creator, forcedHost, requestedHost: req.host ?? null, volumeBacked,
          // a multi-create is scheduled as one request: a host for every instance, or none
          batch: instances.length > 1 ? instances.map((i) => i.uuid) : undefined,
        }));
      }
      return { instances, adminPass, reservationId };
    },

    async delete(ctx, uuid) {
      const inst = c.getInstance(ctx, uuid);
      // servers.py _delete: with reclaim_instance_interval the DELETE soft-deletes; a server that
      // never launched is refused (InstanceInvalidState) and deleted instead. The lock check is not
      // caught: a locked server is 409 either way.
      if (e.reclaimInstanceInterval() > 0) {
        checkInstanceState(inst, 'delete', ctx.isAdmin);
        if (inst.launchedAt) return deleteInstance(ctx, inst, 'soft_delete');
      }
      checkInstanceState(inst, 'delete', ctx.isAdmin);
      return deleteInstance(ctx, inst, 'delete');
    },
    async forceDelete(ctx, uuid) {
      const inst = c.getInstance(ctx, uuid);
      checkInstanceState(inst, 'forceDelete', ctx.isAdmin);
      return deleteInstance(ctx, inst, 'force_delete');
    },
    async restore(ctx, uuid) {
      const inst = c.getInstance(ctx, uuid);
      // deferred_delete.py renders InstanceIsLocked (an InstanceInvalidState without attr/state)
      // through raise_http_conflict_for_instance_invalid_state
      if (inst.locked && !ctx.isAdmin) throw new ApiError(409, null, `Instance ${uuid} is in an invalid state for 'restore'`);
      checkInstanceState(inst, 'restore', ctx.isAdmin);
      // check_num_instances_quota(flavor, 1, 1): the soft-deleted server itself still counts
      checkQuota(store, inst.projectId, inst.userId, { instances: 1, cores: inst.flavor.vcpus, ram: inst.flavor.memoryMb });
      const actionId = c.startAction(ctx, inst, 'restore');
      if (inst.host) {
        c.apiSave(inst, { taskState: 'restoring', deletedAt: null }, [null], 'restore');
        c.spawn(`restore ${uuid}`, uuid, (e) => restoreInstance(e, uuid, actionId));
      } else {
        c.apiSave(inst, { vmState: 'active', taskState: null, deletedAt: null }, [null], 'restore');
      }
    },

    async update(ctx, uuid, req) {
      const inst = c.getInstance(ctx, uuid);
      return store.instances.save(inst.uuid, {
        ...(req.name !== undefined ? { displayName: req.name } : {}),
        ...(req.description !== undefined ? { displayDescription: req.description } : {}),
        ...(req.accessIPv4 !== undefined ? { accessIpV4: req.accessIPv4 } : {}),
        ...(req.accessIPv6 !== undefined ? { accessIpV6: req.accessIPv6 ? normalizeIpv6(req.accessIPv6) : req.accessIPv6 } : {}),
        ...(req.hostname !== undefined ? { hostname: req.hostname } : {}),
        ...(req.autoDiskConfig !== undefined ? { autoDiskConfig: req.autoDiskConfig } : {}),
      });
    },
    rebuild: (ctx, uuid, req) => rebuildServer(c, ctx, uuid, req),
    snapshot: (ctx, uuid, name, metadata) => snapshotServer(c, ctx, uuid, name, metadata),
    backup: (ctx, uuid, name, type, rotation, metadata) => backupServer(c, ctx, uuid, name, type, rotation, metadata),
  };
}
