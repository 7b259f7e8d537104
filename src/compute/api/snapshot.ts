// nova/compute/api.py API.snapshot and API.backup with compute_utils.create_image: the image
// record is created in the image service first (properties inherited from the server's image,
// plus instance_uuid, user_id, image_type, base_image_ref, boot_roles and the request's
// metadata), then the task state is set and the action recorded before the 202; the compute
// manager's snapshot_instance / backup_instance run as workflows/snapshot.ts. A volume-backed
// server is snapshotted by the API itself (snapshot_volume_backed): a Cinder snapshot of each
// volume, and an empty image whose properties map them (booting it maps them again).
import { ApiError } from '../../http/api-error.js';
import { snapshotInstance } from '../../workflows/snapshot.js';
import type { Engine } from '../../workflows/engine.js';
import { checkInstanceState } from '../server-states.js';
import type { InstanceRecord, RequestContext } from '../../compute-db/records.js';
import { imageContext } from '../../image-client/boot-image.js';
import { isVolumeBacked, volumeContext } from '../../workflows/volumes.js';
import { asNovaError, CONDUCTOR_HOST } from '../../workflows/engine.js';
import { pythonJsonDumps } from '../../http/python/json-dumps.js';
import type { BlockDeviceMappingRecord } from '../../compute-db/block-device-mappings-store.js';
import type { ApiContext } from './api-context.js';

/** glance's default [image_format] container_formats and disk_formats */
const CONTAINER_FORMATS = new Set(['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed']);
const DISK_FORMATS = new Set(['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** compute/utils.py NON_INHERITABLE_IMAGE_PROPERTIES and the os_glance namespace. */
const NON_INHERITABLE = new Set(['cinder_encryption_key_id', 'cinder_encryption_key_deletion_policy', 'img_signature',
  'img_signature_hash_method', 'img_signature_key_type', 'img_signature_certificate_uuid']);

/**
 * initialize_instance_snapshot_metadata: the server's image as nova keeps it (its properties and
 * the image_* system metadata), the visibility (private for the owner, shared when someone else
 * snapshots), the non-inheritable properties dropped, the extra properties on top.
 */
async function snapshotMetadata(e: Engine, ctx: RequestContext, inst: InstanceRecord, name: string, extra: Record<string, string>) {
  const base = inst.imageRef ? await e.images.find(imageContext({ userId: inst.userId, projectId: inst.projectId, roles: ['admin'] }), inst.imageRef) : null;
  const properties: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(base?.properties ?? {})) {
    if (NON_INHERITABLE.has(k) || k.startsWith('os_glance')) continue;
    // the seeded fixture images say kernel_id 'nokernel', which glance's schema (a uuid) would
    // never have stored: such a value cannot be handed back to glance, so it is not inherited
    if ((k === 'kernel_id' || k === 'ramdisk_id') && v !== null && !UUID.test(v)) continue;
    properties[k] = v;
  }
  if (inst.imageRef) properties.base_image_ref = inst.imageRef;
  properties.boot_roles = inst.systemMetadata.boot_roles ?? ctx.roles.join(',');
  const sm = inst.systemMetadata;
  const props = { ...properties, ...extra };
  const owner = ctx.projectId === inst.projectId;
  if (!owner) props.instance_owner = inst.projectId;
  return {
    name,
    visibility: owner ? 'private' : 'shared',
    minRam: Number(sm.image_min_ram ?? base?.minRam ?? 0) || 0,
    minDisk: Number(sm.image_min_disk ?? base?.minDisk ?? 0) || 0,
    containerFormat: (sm.image_container_format ?? base?.containerFormat ?? null) as string | null,
    diskFormat: (sm.image_disk_format ?? base?.diskFormat ?? null) as string | null,
    properties: props,
  };
}

/** What the image client is given to create (nova's image_meta before _translate_to_glance). */
type SnapshotImageMeta = Awaited<ReturnType<typeof snapshotMetadata>>;

/**
 * glance.py create: instance_owner is not sent but becomes a member of the image; with size 0
 * (force_activate) the formats default to the schema's first preferred (qcow2) and bare, and an
 * empty upload makes the image active.
 */
async function createGlanceImage(e: Engine, ctx: RequestContext, meta: SnapshotImageMeta, forceActivate: boolean) {
  const { instance_owner: sharingMember, ...properties } = meta.properties;
  if (forceActivate) { meta.diskFormat ??= 'qcow2'; meta.containerFormat ??= 'bare'; }
  const image = await e.images.create(imageContext(ctx), {
    name: meta.name, visibility: meta.visibility, minRam: meta.minRam, minDisk: meta.minDisk, properties,
    ...(meta.containerFormat !== null ? { containerFormat: meta.containerFormat } : {}),
    ...(meta.diskFormat !== null ? { diskFormat: meta.diskFormat } : {}),
  });
  // the glance client shares an image made for another project's server with that project
  if (sharingMember) await e.images.addMember(imageContext(ctx), image.id, sharingMember);
  if (forceActivate) await e.images.upload(imageContext(ctx), image.id, Buffer.alloc(0));
  return image;
}

/** compute_utils.create_image */
async function createImageRecord(e: Engine, ctx: RequestContext, inst: InstanceRecord, name: string, imageType: 'snapshot' | 'backup', extra: Record<string, string>) {
  const meta = await snapshotMetadata(e, ctx, inst, name, { instance_uuid: inst.uuid, user_id: ctx.userId, image_type: imageType, ...extra });
  // a snapshot's formats are the driver's to set on upload
  if (imageType === 'snapshot') { meta.containerFormat = null; meta.diskFormat = null; }
  // formats glance does not know (the seeded fixture's container 'raw') are left to the upload too
  if (meta.containerFormat !== null && !CONTAINER_FORMATS.has(meta.containerFormat)) meta.containerFormat = null;
  if (meta.diskFormat !== null && !DISK_FORMATS.has(meta.diskFormat)) meta.diskFormat = null;
  return createGlanceImage(e, ctx, meta, false);
}

/** BlockDeviceDict(...).get_image_mapping(): every v2 field but connection_info and the DB-only ones. */
function imageMapping(b: Pick<BlockDeviceMappingRecord, 'sourceType' | 'destinationType' | 'guestFormat' | 'deviceType' | 'diskBus' | 'bootIndex'
  | 'deviceName' | 'deleteOnTermination' | 'snapshotId' | 'volumeId' | 'volumeSize' | 'imageId' | 'tag' | 'volumeType'>): Record<string, unknown> {
  return {
    source_type: b.sourceType, destination_type: b.destinationType, guest_format: b.guestFormat, device_type: b.deviceType, disk_bus: b.diskBus,
    boot_index: b.bootIndex, device_name: b.deviceName, delete_on_termination: b.deleteOnTermination, snapshot_id: b.snapshotId,
    volume_id: b.volumeId, volume_size: b.volumeSize, image_id: b.imageId, no_device: null, tag: b.tag, volume_type: b.volumeType,
    encrypted: null, encryption_secret_uuid: null, encryption_format: null, encryption_options: null,
  };
}

/**
 * API.snapshot_volume_backed, run in the API: the image metadata (size 0, no formats, the old
 * mapping properties dropped, root_device_name), Cinder's snapshot limit checked up front
 * (OverQuota), the fake driver's quiesce (a no-op there, so not modelled), then under the
 * createImage action's api_snapshot_instance event a forced Cinder snapshot of each volume, whose
 * mapping (snapshot_from_bdm) goes into block_device_mapping with bdm_v2. Nova does not wait for
 * the snapshots: the image is created active at once. No task state is set.
 */
async function snapshotVolumeBacked(d: ApiContext, ctx: RequestContext, inst: InstanceRecord, name: string, extra: Record<string, string>): Promise<string> {
  const e = d.engine;
  const meta = await snapshotMetadata(e, ctx, inst, name, { instance_uuid: inst.uuid, user_id: ctx.userId, image_type: 'snapshot', ...extra });
  meta.containerFormat = null;
  meta.diskFormat = null;
  const properties: Record<string, string | null> = meta.properties;
  for (const k of ['block_device_mapping', 'bdm_v2', 'root_device_name']) delete properties[k];
  if (inst.rootDeviceName) properties.root_device_name = inst.rootDeviceName;
  const bdms = d.store.bdms.ofInstance(inst.uuid);
  const mapping: Record<string, unknown>[] = bdms.filter((b) => b.destinationType !== 'volume').map(imageMapping);
  const volumeBdms = bdms.filter((b) => b.destinationType === 'volume' && b.volumeId);
  const vctx = volumeContext(ctx);
  if (volumeBdms.length) {
    const limits = await e.volumes.absoluteLimits(vctx);
    const max = limits.maxTotalSnapshots ?? -1;
    if (max > -1 && volumeBdms.length + (limits.totalSnapshotsUsed ?? 0) > max) {
      throw new ApiError(403, null, 'Quota exceeded for resources: snapshots');
    }
  }
  const actionId = d.startAction(ctx, inst, 'createImage');
  // wrap_instance_event(prefix='api'): the API's own event, on the API's (here the conductor's) host
  const ev = d.store.actions.startEvent(actionId, 'api_snapshot_instance', CONDUCTOR_HOST);
  try {
    for (const b of volumeBdms) {
      const volume = await e.volumes.get(vctx, b.volumeId!);
      const snapshot = await e.volumes.createSnapshotForce(vctx, volume.id, `snapshot for ${meta.name}`, volume.displayDescription);
      // snapshot_from_bdm copies disk_bus, device_type, boot_index, delete_on_termination, volume_size, device_name
      mapping.push(imageMapping({
        sourceType: 'snapshot', destinationType: 'volume', snapshotId: snapshot.id, diskBus: b.diskBus, deviceType: b.deviceType,
        bootIndex: b.bootIndex, deleteOnTermination: b.deleteOnTermination, volumeSize: b.volumeSize, deviceName: b.deviceName,
        guestFormat: null, volumeId: null, imageId: null, tag: null, volumeType: null,
      }));
    }
    d.store.actions.finishEvent(actionId, ev.event, { ok: true });
  } catch (err) {
    const ne = asNovaError(err);
    d.store.actions.finishEvent(actionId, ev.event, { ok: false, traceback: ne.traceback('compute/api.py'), details: ne.faultMessage });
    // servers.py _action_create_image: Invalid is a 400, OverQuota a 403 (anything else a 500)
    if (ne.isA('Invalid')) throw new ApiError(400, null, ne.message);
    if (ne.isA('OverQuota')) throw new ApiError(403, null, ne.message);
    throw err;
  }
  if (mapping.length) {
    // glance.py _convert_to_string: block_device_mapping as JSON text, other values as str()
    properties.block_device_mapping = pythonJsonDumps(mapping);
    properties.bdm_v2 = 'True';
  }
  return (await createGlanceImage(e, ctx, meta, true)).id;
}

/** API.snapshot: @check_instance_state(vm_state=[ACTIVE, STOPPED, PAUSED, SUSPENDED]). */
export async function snapshotServer(d: ApiContext, ctx: RequestContext, uuid: string, name: string, metadata: Record<string, string>): Promise<string> {
  const e = d.engine;
  let inst = d.getInstance(ctx, uuid);
  checkInstanceState(inst, 'createImage', ctx.isAdmin);
  // servers.py: compute_utils.is_volume_backed_instance decides which of the two
  if (isVolumeBacked(e, uuid)) return snapshotVolumeBacked(d, ctx, inst, name, metadata);
  const image = await createImageRecord(e, ctx, inst, name, 'snapshot', metadata);
  inst = d.getInstance(ctx, uuid);
  try {
    d.apiSave(inst, { taskState: 'image_snapshot_pending' }, [null], 'createImage');
  } catch (err) {
    // the server went away or started deleting meanwhile: the image goes too
    await e.images.delete(imageContext(ctx), image.id).catch(() => undefined);
    throw err;
  }
  const actionId = d.startAction(ctx, inst, 'createImage');
  d.spawn(`snapshot ${uuid}`, uuid, (e) => snapshotInstance(e, { instanceUuid: uuid, imageId: image.id, actionId, kind: 'snapshot', caller: ctx }));
  return image.id;
}

/** API.backup: @check_instance_state(vm_state=[ACTIVE, STOPPED]); volume-backed servers are refused. */
export async function backupServer(d: ApiContext, ctx: RequestContext, uuid: string, name: string, backupType: string, rotation: number,
  metadata: Record<string, string>): Promise<string> {
  const e = d.engine;
  let inst = d.getInstance(ctx, uuid);
  checkInstanceState(inst, 'createBackup', ctx.isAdmin);
  if (isVolumeBacked(e, uuid)) throw new ApiError(400, null, 'Backup is not supported for volume-backed instances.');
  const image = await createImageRecord(e, ctx, inst, name, 'backup', { ...metadata, backup_type: backupType });
  inst = d.getInstance(ctx, uuid);
  d.apiSave(inst, { taskState: 'image_backup' }, [null], 'createBackup');
  const actionId = d.startAction(ctx, inst, 'createBackup');
  d.spawn(`backup ${uuid}`, uuid, (e) => snapshotInstance(e, { instanceUuid: uuid, imageId: image.id, actionId, kind: 'backup', backupType, rotation, caller: ctx }));
  return image.id;
}
