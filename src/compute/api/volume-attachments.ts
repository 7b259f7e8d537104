// os-volume_attachments on the API side (nova/compute/api.py attach_volume, _attach_volume,
// detach_volume, swap_volume; api/openstack/compute/volumes.py VolumeAttachmentController's
// error answers). The API checks, reserves the volume and records the action; the compute
// manager's part (connect, driver, complete / disconnect) runs after the answer (workflows/volumes.ts).
import { ApiError } from '../../http/api-error.js';
import { NovaError, novaError } from '../../nova-exceptions/nova-error.js';
import { recordFault, withEvent, type Engine } from '../../workflows/engine.js';
import { attachVolume, detachVolume, nextDeviceName, swapVolume, volumeContext } from '../../workflows/volumes.js';
import { checkInstanceState } from '../server-states.js';
import { WorkflowAborted } from '../../workflows/progression.js';
import type { BlockDeviceMappingRecord } from '../../compute-db/block-device-mappings-store.js';
import type { InstanceRecord, RequestContext } from '../../compute-db/records.js';
import type { VolumeInfo } from '../../block-storage-client/index.js';
import type { ApiContext } from './api-context.js';

export interface AttachRequest {
  volumeId: string; device: string | null; tag: string | null; deleteOnTermination: boolean;
  /** 2.60 (common.supports_multiattach_volume): a multiattach volume may be attached. */
  supportsMultiattach?: boolean;
}

export interface VolumeAttachmentApi {
  list(ctx: RequestContext, uuid: string): BlockDeviceMappingRecord[];
  show(ctx: RequestContext, uuid: string, volumeId: string): BlockDeviceMappingRecord;
  attach(ctx: RequestContext, uuid: string, req: AttachRequest): Promise<BlockDeviceMappingRecord>;
  detach(ctx: RequestContext, uuid: string, volumeId: string): Promise<void>;
  swap(ctx: RequestContext, uuid: string, oldVolumeId: string, newVolumeId: string): Promise<void>;
  /** 2.85: the mutable field of an attachment (delete_on_termination); the others must not change. */
  update(ctx: RequestContext, uuid: string, volumeId: string, att: { id?: string; serverId?: string; device?: string | null; tag?: string | null; deleteOnTermination?: boolean }): BlockDeviceMappingRecord;
}

const notAttached = (server: string, volume: string) => new ApiError(404, null, `Instance ${server} is not attached to volume ${volume}`);
const invalidVolume = (reason: string) => new ApiError(400, null, novaError('InvalidVolume', { reason }).message);

/** A NovaError from the client as the API answers it: InvalidInput / InvalidVolume 400, not found 404. */
function asApiError(err: unknown, notFoundStatus = 404): unknown {
  if (!(err instanceof NovaError)) return err;
  if (err.is('InvalidInput') || err.is('InvalidVolume')) return new ApiError(400, null, err.message);
  if (err.code === 404) return new ApiError(notFoundStatus, null, err.message);
  if (err.is('CinderConnectionFailed')) return new ApiError(500, null, err.message);
  return err;
}

export function createVolumeAttachmentApi(d: ApiContext): VolumeAttachmentApi {
  const e = d.engine;
  const store = e.store;

  const volumeMappings = (uuid: string) => store.bdms.ofInstance(uuid).filter((b) => b.destinationType === 'volume' && b.volumeId);
  async function getVolume(ctx: RequestContext, volumeId: string, notFoundStatus = 404): Promise<VolumeInfo> {
    try { return await e.volumes.get(volumeContext(ctx), volumeId); } catch (err) { throw asApiError(err, notFoundStatus); }
  }

  /** The compute's part after the answer, as an instance action event; a failure is the instance's fault. */
  function cast(ctx: RequestContext, inst: InstanceRecord, action: string, event: string, work: (e: Engine, host: string) => Promise<NovaError | null>): void {
    const actionId = d.startAction(ctx, inst, action);
    const host = inst.host!;
    d.spawn(`${action} ${inst.uuid}`, inst.uuid, async (e) => {
      try {
        await withEvent(e, actionId, event, host, async () => {
          const failed = await work(e, host);
          if (failed) {
            recordFault(e, inst.uuid, failed, host);
            throw failed;
          }
        });
      } catch (err) {
        if (!(err instanceof NovaError)) throw err;
      }
    });
  }

  return {
    list: (ctx, uuid) => { d.getInstance(ctx, uuid); return volumeMappings(uuid); },

    show(ctx, uuid, volumeId) {
      d.getInstance(ctx, uuid);
      const b = store.bdms.byVolumeAndInstance(uuid, volumeId);
      if (!b) throw notAttached(uuid, volumeId);
      return b;
    },

    async attach(ctx, uuid, req) {
      const inst = d.getInstance(ctx, uuid);
      checkInstanceState(inst, 'attach_volume', ctx.isAdmin);
      const volume = await getVolume(ctx, req.volumeId);
      // _check_volume_already_attached
      if (store.bdms.byVolumeAndInstance(uuid, volume.id)) throw invalidVolume(`volume ${volume.id} already attached`);
      // reserve_block_device_name (an RPC call to the compute): the device and the mapping
      const used = [inst.rootDeviceName ?? '/dev/sda', ...store.bdms.ofInstance(uuid).map((b) => b.deviceName)];
      if (req.device && used.includes(req.device)) throw new ApiError(409, null, novaError('DevicePathInUse', { path: req.device }).message);
      const bdm = store.bdms.create({
        uuid: e.runtime.ids.uuid(), instanceUuid: uuid, sourceType: 'volume', destinationType: 'volume', bootIndex: null,
        deviceName: nextDeviceName(used), deviceType: 'disk', diskBus: null, guestFormat: null, imageId: null, snapshotId: null,
        volumeId: volume.id, volumeSize: volume.size, volumeType: null, deleteOnTermination: req.deleteOnTermination, tag: req.tag, attachmentId: null,
      }, e.now());
      // _check_attach_and_reserve_volume; a failure destroys the mapping
      try {
        if (volume.multiattach && !req.supportsMultiattach) throw new ApiError(400, null, novaError('MultiattachNotSupportedOldMicroversion').message);
        const a = await e.volumes.attachmentCreate(volumeContext(ctx), volume.id, uuid);
        store.bdms.save(bdm.uuid, { attachmentId: a.id }, e.now());
      } catch (err) {
        store.bdms.destroy(bdm.uuid);
        throw asApiError(err);
      }
      cast(ctx, inst, 'attach_volume', 'compute_attach_volume', (e, host) => attachVolume(e, uuid, bdm.uuid, host));
      return store.bdms.get(bdm.uuid)!;
    },

    async detach(ctx, uuid, volumeId) {
      const inst = d.getInstance(ctx, uuid);
      const volume = await getVolume(ctx, volumeId);
      const bdm = store.bdms.byVolumeAndInstance(uuid, volumeId);
      if (!bdm) throw notAttached(uuid, volumeId);
      if (bdm.bootIndex === 0) throw new ApiError(400, null, 'Cannot detach a root device volume');
      checkInstanceState(inst, 'detach_volume', ctx.isAdmin);
      // _check_and_begin_detach: check_detach, then the volume goes 'detaching'
      if (volume.status === 'available') throw invalidVolume(`volume ${volume.id} already detached`);
      if (volume.attachStatus === 'detached') throw invalidVolume('Volume must be attached in order to detach.');
      try { await e.volumes.beginDetaching(volumeContext(ctx), volume.id); } catch (err) { throw asApiError(err); }
      cast(ctx, inst, 'detach_volume', 'compute_detach_volume', async (e, host) => {
        try {
          await detachVolume(e, uuid, bdm.uuid, host);
          return null;
        } catch (err) {
          if (err instanceof WorkflowAborted) throw err;
          // the driver could not detach: the volume is in use again
          await e.volumes.rollDetaching(volumeContext(inst), volume.id).catch(() => undefined);
          return err instanceof NovaError ? err : new NovaError('Exception', String(err), 500, false);
        }
      });
    },

    async swap(ctx, uuid, oldVolumeId, newVolumeId) {
      const inst = d.getInstance(ctx, uuid);
      const oldVolume = await getVolume(ctx, oldVolumeId);
      const newVolume = await getVolume(ctx, newVolumeId, 400);
      checkInstanceState(inst, 'swap_volume', ctx.isAdmin);
      if (!oldVolume.attachments[uuid]) throw invalidVolume('Old volume is attached to a different instance.');
      if (newVolume.attachStatus === 'attached') throw invalidVolume('New volume must be detached in order to swap.');
      if (newVolume.size < oldVolume.size) throw invalidVolume('New volume must be the same size or larger.');
      const bdm = store.bdms.byVolumeAndInstance(uuid, oldVolumeId);
      if (!bdm) throw new ApiError(404, null, novaError('VolumeBDMNotFound', { volume_id: oldVolumeId }).message);
      let attachmentId: string;
      try { attachmentId = (await e.volumes.attachmentCreate(volumeContext(ctx), newVolumeId, uuid)).id; } catch (err) { throw asApiError(err); }
      cast(ctx, inst, 'swap_volume', 'compute_swap_volume', (e, host) => swapVolume(e, uuid, bdm.uuid, newVolumeId, attachmentId, host));
    },

    update(ctx, uuid, volumeId, att) {
      d.getInstance(ctx, uuid);
      const bdm = store.bdms.byVolumeAndInstance(uuid, volumeId);
      if (!bdm) throw new ApiError(404, null, novaError('VolumeBDMNotFound', { volume_id: volumeId }).message);
      if (att.id !== undefined && att.id !== volumeId) throw new ApiError(400, null, 'The id property is not mutable');
      if (att.serverId !== undefined && att.serverId !== uuid) throw new ApiError(400, null, 'The serverId property is not mutable');
      if (att.device !== undefined && att.device !== bdm.deviceName) throw new ApiError(400, null, 'The device property is not mutable');
      if (att.tag !== undefined && att.tag !== bdm.tag) throw new ApiError(400, null, 'The tag property is not mutable');
      if (att.deleteOnTermination !== undefined) store.bdms.save(bdm.uuid, { deleteOnTermination: att.deleteOnTermination }, e.now());
      return store.bdms.get(bdm.uuid)!;
    },
  };
}
