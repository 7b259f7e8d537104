// nova/compute/api.py API.snapshot and API.backup with compute_utils.create_image: the image
// record is created in the image service first (properties inherited from the server's image,
// plus instance_uuid, user_id, image_type, base_image_ref, boot_roles and the request's
// metadata), then the task state is set and the action recorded before the 202; the compute
// manager's snapshot_instance / backup_instance run as workflows/snapshot.ts.
import { ApiError } from '../../http/api-error.js';
import { snapshotInstance } from '../../workflows/snapshot.js';
import type { Engine } from '../../workflows/engine.js';
import { checkInstanceState } from '../server-states.js';
import type { InstanceRecord, RequestContext } from '../../compute-db/records.js';
import { imageContext } from '../../image-client/boot-image.js';
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

/** compute_utils.create_image */
async function createImageRecord(e: Engine, ctx: RequestContext, inst: InstanceRecord, name: string, imageType: 'snapshot' | 'backup', extra: Record<string, string>) {
  const meta = await snapshotMetadata(e, ctx, inst, name, { instance_uuid: inst.uuid, user_id: ctx.userId, image_type: imageType, ...extra });
  // a snapshot's formats are the driver's to set on upload
  if (imageType === 'snapshot') { meta.containerFormat = null; meta.diskFormat = null; }
  // formats glance does not know (the seeded fixture's container 'raw') are left to the upload too
  if (meta.containerFormat !== null && !CONTAINER_FORMATS.has(meta.containerFormat)) meta.containerFormat = null;
  if (meta.diskFormat !== null && !DISK_FORMATS.has(meta.diskFormat)) meta.diskFormat = null;
  const image = await e.images.create(imageContext(ctx), {
    name: meta.name, visibility: meta.visibility, minRam: meta.minRam, minDisk: meta.minDisk, properties: meta.properties,
    ...(meta.containerFormat !== null ? { containerFormat: meta.containerFormat } : {}),
    ...(meta.diskFormat !== null ? { diskFormat: meta.diskFormat } : {}),
  });
  // the glance client shares an image made for another project's server with that project
  if (meta.visibility === 'shared') await e.images.addMember(imageContext(ctx), image.id, inst.projectId);
  return image;
}

/** API.snapshot: @check_instance_state(vm_state=[ACTIVE, STOPPED, PAUSED, SUSPENDED]). */
export async function snapshotServer(d: ApiContext, ctx: RequestContext, uuid: string, name: string, metadata: Record<string, string>): Promise<string> {
  const e = d.engine;
  let inst = d.getInstance(ctx, uuid);
  checkInstanceState(inst, 'createImage', ctx.isAdmin);
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
  d.spawn(`snapshot ${uuid}`, uuid, () => snapshotInstance(e, { instanceUuid: uuid, imageId: image.id, actionId, kind: 'snapshot', caller: ctx }));
  return image.id;
}

/** API.backup: @check_instance_state(vm_state=[ACTIVE, STOPPED]); volume-backed servers are refused. */
export async function backupServer(d: ApiContext, ctx: RequestContext, uuid: string, name: string, backupType: string, rotation: number,
  metadata: Record<string, string>): Promise<string> {
  const e = d.engine;
  let inst = d.getInstance(ctx, uuid);
  checkInstanceState(inst, 'createBackup', ctx.isAdmin);
  if (!inst.imageRef) throw new ApiError(400, null, 'Backup is not supported for volume-backed instances.');
  const image = await createImageRecord(e, ctx, inst, name, 'backup', { ...metadata, backup_type: backupType });
  inst = d.getInstance(ctx, uuid);
  d.apiSave(inst, { taskState: 'image_backup' }, [null], 'createBackup');
  const actionId = d.startAction(ctx, inst, 'createBackup');
  d.spawn(`backup ${uuid}`, uuid, () => snapshotInstance(e, { instanceUuid: uuid, imageId: image.id, actionId, kind: 'backup', backupType, rotation, caller: ctx }));
  return image.id;
}
