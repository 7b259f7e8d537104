// Boot-from-volume on the API side: nova/block_device.py BlockDeviceDict.from_api (+ _validate)
// and compute/api.py _check_and_transform_bdm / _validate_bdm / _check_attach_and_reserve_volume.
// Errors are nova's InvalidBDM* family and InvalidVolume, answered 400 by servers.py.
import { ApiError } from '../../http/api-error.js';
import { NovaError, novaError } from '../../nova-exceptions/nova-error.js';
import type { BlockStorageClient, VolumeCallContext, VolumeInfo } from '../../block-storage-client/index.js';
import type { FlavorRecord } from '../../compute-db/records.js';
import type { NewBlockDeviceMapping } from '../../compute-db/block-device-mappings-store.js';

/** One requested mapping, normalized (uuid moved to image_id / volume_id / snapshot_id). */
export interface RequestedBdm {
  sourceType: 'image' | 'volume' | 'snapshot' | 'blank';
  destinationType: 'local' | 'volume';
  bootIndex: number | null;
  imageId: string | null;
  volumeId: string | null;
  snapshotId: string | null;
  volumeSize: number | null;
  volumeType: string | null;
  deleteOnTermination: boolean;
  deviceName: string | null;
  deviceType: string | null;
  diskBus: string | null;
  guestFormat: string | null;
  tag: string | null;
}

const bdmError = (details: string) => new ApiError(400, null, novaError('InvalidBDMFormat', { details }).message);
const invalid = (err: NovaError) => new ApiError(400, null, err.message);
const TRUE = ['1', 't', 'true', 'on', 'y', 'yes'];

/** BlockDeviceDict.from_api for each block_device_mapping_v2 item (already schema-valid). */
export function parseBlockDeviceMappingV2(items: readonly Record<string, unknown>[], imageUuidSpecified: boolean): RequestedBdm[] {
  return items.filter((b) => !b.no_device).map((b) => {
    const sourceType = b.source_type as RequestedBdm['sourceType'] | undefined;
    const uuid = typeof b.uuid === 'string' ? b.uuid : null;
    const destinationType = (b.destination_type as RequestedBdm['destinationType'] | undefined) ?? null;
    const volumeType = typeof b.volume_type === 'string' ? b.volume_type : null;
    if (sourceType === 'blank' && uuid) throw bdmError('Invalid device UUID.');
    if (sourceType !== 'blank' && !uuid) throw bdmError('Missing device UUID.');
    const rawBoot = b.boot_index;
    const bootIndex = rawBoot === undefined || rawBoot === null ? null : Number(rawBoot);
    if (sourceType === 'image' && destinationType === 'local' && !(imageUuidSpecified && (bootIndex ?? -1) === 0)) {
      throw bdmError('Mapping image to local is not supported.');
    }
    if (destinationType === 'local' && volumeType) throw bdmError('Specifying a volume_type with destination_type=local is not supported.');
    if (sourceType === 'volume' && volumeType) throw bdmError('Specifying volume type to existing volume is not supported.');
    if (!sourceType) throw bdmError('Some required fields are missing');
    const size = b.volume_size === undefined || b.volume_size === null ? null : Number(b.volume_size);
    return {
      sourceType, destinationType: destinationType ?? (sourceType === 'blank' ? 'local' : 'volume'),
      bootIndex, imageId: sourceType === 'image' ? uuid : null, volumeId: sourceType === 'volume' ? uuid : null,
      snapshotId: sourceType === 'snapshot' ? uuid : null, volumeSize: size, volumeType,
      deleteOnTermination: b.delete_on_termination !== undefined && TRUE.includes(String(b.delete_on_termination).toLowerCase()),
      deviceName: typeof b.device_name === 'string' ? b.device_name : null, deviceType: typeof b.device_type === 'string' ? b.device_type : null,
      diskBus: typeof b.disk_bus === 'string' ? b.disk_bus : null, guestFormat: typeof b.guest_format === 'string' ? b.guest_format : null,
      tag: typeof b.tag === 'string' ? b.tag : null,
    };
  });
}

/**
 * _get_image_defined_bdms: the mappings an image's properties carry (a volume-backed snapshot's
 * block_device_mapping, bdm_v2 form), each as BlockDeviceDict takes it (no from_api checks). The
 * legacy form (no bdm_v2) and the `mappings` property are not read: nothing here writes them.
 */
export function imageDefinedBdms(properties: Readonly<Record<string, string | null>>): RequestedBdm[] {
  const text = properties.block_device_mapping;
  if (!text || !properties.bdm_v2) return [];
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { return []; }
  if (!Array.isArray(parsed)) return [];
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return parsed.filter((b): b is Record<string, unknown> => !!b && typeof b === 'object' && !b.no_device && typeof b.source_type === 'string')
    .map((b) => ({
      sourceType: b.source_type as RequestedBdm['sourceType'],
      destinationType: (str(b.destination_type) ?? (b.source_type === 'blank' ? 'local' : 'volume')) as RequestedBdm['destinationType'],
      bootIndex: b.boot_index === null || b.boot_index === undefined ? null : Number(b.boot_index),
      imageId: str(b.image_id), volumeId: str(b.volume_id), snapshotId: str(b.snapshot_id),
      volumeSize: b.volume_size === null || b.volume_size === undefined ? null : Number(b.volume_size), volumeType: str(b.volume_type),
      deleteOnTermination: b.delete_on_termination === true || TRUE.includes(String(b.delete_on_termination).toLowerCase()),
      deviceName: str(b.device_name), deviceType: str(b.device_type), diskBus: str(b.disk_bus), guestFormat: str(b.guest_format), tag: str(b.tag),
    }));
}

/**
 * _check_and_transform_bdm's merge: when the image's mappings hold the root, a requested image
 * mapping at boot index 0 is dropped; then the image's mappings fill in behind the requested ones,
 * except where a requested mapping takes the same device name (_merge_bdms_lists).
 */
export function mergeImageBdms(fromImage: readonly RequestedBdm[], requested: readonly RequestedBdm[]): RequestedBdm[] {
  const rootInImage = fromImage.some((b) => b.bootIndex === 0);
  const kept = rootInImage ? requested.filter((b) => !(b.bootIndex === 0 && b.sourceType === 'image')) : [...requested];
  const names = new Set(kept.map((b) => b.deviceName).filter((n) => n));
  return [...kept, ...fromImage.filter((b) => !b.deviceName || !names.has(b.deviceName))];
}

export interface ValidatedBdms {
  readonly bdms: RequestedBdm[];
  /** compute_utils.is_volume_backed_instance: the root disk is a volume */
  readonly volumeBacked: boolean;
  /** the volumes the mappings name, by id (already fetched) */
  readonly volumes: ReadonlyMap<string, VolumeInfo>;
}

/**
 * _check_and_transform_bdm + _validate_bdm (minus the per-instance reserve): an image-backed
 * request gets its image mapping at boot index 0; every named image, volume and snapshot must exist.
 */
export async function validateBlockDevices(volumes: BlockStorageClient, vctx: VolumeCallContext, requested: RequestedBdm[],
  imageRef: string | null, flavor: FlavorRecord,
  /** image_api.get through the image client: null when the caller cannot see the image */
  findImage: (id: string) => Promise<unknown>): Promise<ValidatedBdms> {
  const bdms = [...requested];
  if (imageRef && !bdms.some((b) => b.bootIndex === 0)) {
    bdms.unshift({ sourceType: 'image', destinationType: 'local', bootIndex: 0, imageId: imageRef, volumeId: null, snapshotId: null,
      volumeSize: null, volumeType: null, deleteOnTermination: true, deviceName: null, deviceType: 'disk', diskBus: null, guestFormat: null, tag: null });
  }
  const boots = bdms.map((b) => b.bootIndex).filter((i): i is number => i !== null && i >= 0).sort((a, b) => a - b);
  if (!boots.length || boots.some((v, i) => v !== i)) throw invalid(novaError('InvalidBDMBootSequence'));
  const found = new Map<string, VolumeInfo>();
  for (const b of bdms) {
    if (b.imageId !== null) {
      if (b.imageId !== imageRef && !(await findImage(b.imageId))) throw invalid(novaError('InvalidBDMImage', { id: b.imageId }));
      if (b.sourceType === 'image' && b.destinationType === 'volume' && !b.volumeSize) {
        throw new ApiError(400, null, "Images with destination_type 'volume' need to have a non-zero size specified");
      }
    } else if (b.volumeId !== null) {
      try {
        const v = await volumes.get(vctx, b.volumeId);
        found.set(v.id, v);
        b.volumeSize = v.size;
      } catch (err) {
        if (err instanceof NovaError && err.is('CinderConnectionFailed')) throw invalid(err);
        throw invalid(novaError('InvalidBDMVolume', { id: b.volumeId }));
      }
    } else if (b.snapshotId !== null) {
      try {
        const s = await volumes.getSnapshot(vctx, b.snapshotId);
        b.volumeSize ??= s.size;
      } catch (err) {
        if (err instanceof NovaError && err.is('CinderConnectionFailed')) throw invalid(err);
        throw invalid(novaError('InvalidBDMSnapshot', { id: b.snapshotId }));
      }
    } else if (b.sourceType === 'blank' && b.destinationType === 'volume' && !b.volumeSize) {
      throw new ApiError(400, null, "Blank volumes (source: 'blank', dest: 'volume') need to have non-zero size");
    }
  }
  const ephemeral = bdms.filter((b) => b.sourceType === 'blank' && b.destinationType === 'local' && b.guestFormat !== 'swap')
    .reduce((n, b) => n + (b.volumeSize ?? flavor.ephemeralGb), 0);
  if (ephemeral > flavor.ephemeralGb) throw invalid(novaError('InvalidBDMEphemeralSize'));
  const root = bdms.find((b) => b.bootIndex === 0)!;
  const volumeBacked = root.destinationType === 'volume';
  // _get_bdm_image_metadata: a root volume must be bootable
  if (root.sourceType === 'volume' && root.volumeId && found.get(root.volumeId) && !found.get(root.volumeId)!.bootable) {
    throw invalid(novaError('InvalidBDMVolumeNotBootable', { id: root.volumeId }));
  }
  return { bdms, volumeBacked, volumes: found };
}

/** The BDM rows of one instance (root device named as the compute will name it). */
export function bdmRows(instanceUuid: string, bdms: readonly RequestedBdm[], uuid: () => string): NewBlockDeviceMapping[] {
  return bdms.map((b) => ({
    uuid: uuid(), instanceUuid, sourceType: b.sourceType, destinationType: b.destinationType, bootIndex: b.bootIndex,
    deviceName: b.deviceName, deviceType: b.deviceType ?? 'disk', diskBus: b.diskBus, guestFormat: b.guestFormat,
    imageId: b.imageId, snapshotId: b.snapshotId, volumeId: b.volumeId, volumeSize: b.volumeSize, volumeType: b.volumeType,
    deleteOnTermination: b.deleteOnTermination, tag: b.tag, attachmentId: null,
  }));
}
