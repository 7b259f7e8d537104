// nova/compute/api.py API.rebuild: the checks that answer the request (lock, state, key pair,
// image, quotas, flavor/image fit), the instance updated with task_state 'rebuilding' and the
// 'rebuild' action recorded before the 202; the rest is the conductor/compute workflow.
import { normalizeIpv6 } from '../../http/python/ipv6.js';
import { ApiError } from '../../http/api-error.js';
import { findBootImage } from '../../image-client/boot-image.js';
import { rebuildInstance } from '../../workflows/rebuild.js';
import { checkInstanceState } from '../server-states.js';
import { boolFromString } from '../schemas/parameter-types.js';
import { unexpectedApiError } from '../unexpected-error.js';
import type { RebuildRequest } from './api-types.js';
import type { InstanceChanges, InstanceRecord, RequestContext } from '../../compute-db/records.js';
import { checkFlavorImage, imageSystemMetadata } from './flavor-image-checks.js';
import { kernelAndRamdisk } from './kernel-ramdisk.js';
import type { ApiContext } from './api-context.js';

export async function rebuildServer(d: ApiContext, ctx: RequestContext, uuid: string, req: RebuildRequest): Promise<InstanceRecord> {
  const store = d.engine.store;
  const inst = d.getInstance(ctx, uuid);
  // @check_instance_lock, @check_instance_state(vm_state=[ACTIVE, STOPPED, ERROR])
  checkInstanceState(inst, 'rebuild', ctx.isAdmin);
  const changes: InstanceChanges = {};
  if (req.keyName !== undefined) {
    // the caller's key pair, not the owner's: users own keys, projects own instances
    const kp = req.keyName ? store.keypairs.get(ctx.userId, req.keyName) : null;
    if (req.keyName && !kp) throw new ApiError(400, null, 'Invalid key_name provided.');
    Object.assign(changes, { keyName: kp?.name ?? null, keyData: kp?.publicKey ?? null });
  }
  if (req.trustedImageCertificates !== undefined) Object.assign(changes, { trustedCerts: req.trustedImageCertificates });
  if (req.hostname !== undefined) Object.assign(changes, { hostname: req.hostname });
  const image = await findBootImage(d.engine.images, ctx, req.imageRef);
  if (!image) throw new ApiError(400, null, 'Cannot find image for rebuild');
  // _check_requested_image
  if (image.status !== 'active') throw new ApiError(400, null, `Image ${image.id} is not active.`);
  const kernelRamdisk = await kernelAndRamdisk(image, (id) => findBootImage(d.engine.images, ctx, id));
  // _check_auto_disk_config: only an image property 'disabled' refuses AUTO
  if (req.autoDiskConfig && String(image.properties.auto_disk_config ?? '').trim().toLowerCase() === 'disabled') {
    throw new ApiError(400, null, `Requested image ${image.id} has automatic disk resize disabled.`);
  }
  // _checks_for_create_and_rebuild
  checkMetadataQuota(d, ctx, req.metadata);
  checkInjectedFileQuota(d, ctx, req.personality);
  checkFlavorImage(ctx, inst.flavor, image);

  Object.assign(changes, {
    // _inherit_properties_from_image: without OS-DCF:diskConfig, the image's property decides
    autoDiskConfig: req.autoDiskConfig ?? boolFromString(image.properties.auto_disk_config ?? ''),
    // instance.kernel_id / ramdisk_id = _handle_kernel_and_ramdisk(image)
    ...kernelRamdisk,
    // _reset_image_metadata: the old image_* keys go, the new image's come (min_disk with the flavor's root_gb)
    systemMetadata: {
      ...Object.fromEntries(Object.entries(inst.systemMetadata).filter(([k]) => !k.startsWith('image_'))),
      ...imageSystemMetadata(image, inst.flavor),
    },
    ...(req.name !== undefined ? { displayName: req.name } : {}),
    ...(req.description !== undefined ? { displayDescription: req.description } : {}),
    ...(req.metadata !== undefined ? { metadata: req.metadata } : {}),
    ...(req.accessIPv4 !== undefined ? { accessIpV4: req.accessIPv4 } : {}),
    ...(req.accessIPv6 !== undefined ? { accessIpV6: req.accessIPv6 ? normalizeIpv6(req.accessIPv6) : req.accessIPv6 } : {}),
    ...(req.userData !== undefined ? { userData: req.userData } : {}),
  });
  const origImageRef = inst.imageRef;
  const saved = d.apiSave(inst, { ...changes, taskState: 'rebuilding', imageRef: req.imageRef, progress: 0 }, [null], 'rebuild');
  const actionId = d.startAction(ctx, inst, 'rebuild');
  d.spawn(`rebuild ${uuid}`, uuid, (e) => rebuildInstance(e, {
    instanceUuid: uuid, actionId, origImageRef, preserveEphemeral: req.preserveEphemeral ?? false,
  }));
  return saved;
}

/** _check_metadata_properties_quota: MetadataLimitExceeded, an OverQuota answered 403. */
function checkMetadataQuota(d: ApiContext, ctx: RequestContext, metadata: Record<string, string> | undefined): void {
  if (!metadata) return;
  const limit = d.engine.store.quotas.limits(ctx.projectId, ctx.userId).metadata_items!;
  if (limit >= 0 && Object.keys(metadata).length > limit) throw new ApiError(403, null, `Maximum number of metadata items exceeds ${limit}`);
}

/** _check_injected_file_quota over the personality files (until 2.56): OnsetFile*Exceeded, 403. */
function checkInjectedFileQuota(d: ApiContext, ctx: RequestContext, files: readonly { path?: string; contents?: string }[] | undefined): void {
  if (!files || files.length === 0) return;
  // helpers.get_injected_files reads item['path'] and item['contents']: a missing one is a KeyError
  if (files.some((f) => f.path === undefined || f.contents === undefined)) throw unexpectedApiError('KeyError');
  const limits = d.engine.store.quotas.limits(ctx.projectId, ctx.userId);
  const over = (name: string, value: number) => limits[name]! >= 0 && value > limits[name]!;
  if (over('injected_files', files.length)) throw new ApiError(403, null, 'Personality file limit exceeded');
  const maxPath = Math.max(...files.map((f) => f.path!.length));
  const maxContent = Math.max(...files.map((f) => f.contents!.length));
  if (over('injected_file_path_bytes', maxPath)) throw new ApiError(403, null, `Personality file path exceeds maximum ${limits.injected_file_path_bytes}`);
  if (over('injected_file_content_bytes', maxContent)) throw new ApiError(403, null, `Personality file content exceeds maximum ${limits.injected_file_content_bytes}`);
}
