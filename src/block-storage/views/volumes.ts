// Volume views (cinder/api/v2/views/volumes.py + v3/views/volumes.py + the os-vol-* extensions):
// pure record + version + caller -> JSON.
import type { Microversion } from '../../http/microversion.js';
import type { AttachmentRecord, VolumeRecord, VolumeTypeRecord } from '../store/records.js';
import { MV } from '../versions.js';
import { cinderTime, resourceLinks, type LinkBase } from './links.js';

export interface VolumeViewContext {
  readonly version: Microversion;
  readonly isAdmin: boolean;
  readonly links: LinkBase;
}

export function volumeSummary(ctx: VolumeViewContext, v: VolumeRecord): Record<string, unknown> {
  return { id: v.id, name: v.name, links: resourceLinks(ctx.links, 'volumes', v.id) };
}

/** utils.add_visible_admin_metadata: readonly and attached_mode show in the metadata (and win). */
function visibleMetadata(v: VolumeRecord): Record<string, string> {
  const out: Record<string, string> = { ...v.metadata };
  for (const k of ['readonly', 'attached_mode']) if (v.adminMetadata[k] !== undefined) out[k] = v.adminMetadata[k]!;
  return out;
}

/** _get_attachments: only attached ones; host_name for admins. */
function attachmentsOf(ctx: VolumeViewContext, v: VolumeRecord, attachments: readonly AttachmentRecord[]): Record<string, unknown>[] {
  return attachments.filter((a) => a.attachStatus === 'attached').map((a) => ({
    id: v.id, attachment_id: a.id, volume_id: v.id, server_id: a.instanceUuid,
    host_name: ctx.isAdmin ? a.attachedHost : null, device: a.mountpoint, attached_at: cinderTime(a.attachTime),
  }));
}

/**
 * The detailed view. `extended` adds what cinder's API extensions add on show/list (tenant,
 * host, migration attributes, image metadata): the create answer goes out without them.
 */
export function volumeDetail(ctx: VolumeViewContext, v: VolumeRecord, type: VolumeTypeRecord | null,
  attachments: readonly AttachmentRecord[], extended: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: v.id, status: v.status, size: v.size, availability_zone: v.availabilityZone,
    created_at: cinderTime(v.createdAt), updated_at: cinderTime(v.updatedAt), name: v.name, description: v.description,
    volume_type: type?.name ?? null, snapshot_id: v.snapshotId, source_volid: v.sourceVolid, metadata: visibleMetadata(v),
    links: resourceLinks(ctx.links, 'volumes', v.id), user_id: v.userId, bootable: String(v.bootable),
    encrypted: false, replication_status: null, consistencygroup_id: null, multiattach: v.multiattach,
    attachments: attachmentsOf(ctx, v, attachments),
  };
  if (ctx.isAdmin) out.migration_status = v.migrationStatus;
  const ver = ctx.version;
  if (ver.atLeast(MV.GROUP_VOLUME)) out.group_id = null;
  if (ctx.isAdmin && ver.atLeast(MV.VOLUME_DETAIL_PROVIDER_ID)) out.provider_id = null;
  if (ver.atLeast(MV.VOLUME_SHARED_TARGETS_AND_SERVICE_FIELDS)) {
    // the LVM target is not shared; the object's default (True) shows until a backend took the volume
    out.shared_targets = !v.host;
    out.service_uuid = v.serviceUuid;
  }
  if (ctx.isAdmin && ver.atLeast(MV.VOLUME_CLUSTER_NAME)) out.cluster_name = null;
  if (ver.atLeast(MV.VOLUME_TYPE_ID_IN_VOLUME_DETAIL)) out.volume_type_id = v.volumeTypeId;
  if (ver.atLeast(MV.USE_QUOTA)) out.consumes_quota = true;
  if (extended) {
    out['os-vol-tenant-attr:tenant_id'] = v.projectId;
    if (ctx.isAdmin) {
      out['os-vol-mig-status-attr:migstat'] = v.migrationStatus;
      out['os-vol-mig-status-attr:name_id'] = null;
      out['os-vol-host-attr:host'] = v.host;
    }
    if (v.imageMetadata) out.volume_image_metadata = { ...v.imageMetadata };
  }
  return out;
}
