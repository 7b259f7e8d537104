// nova/volume/cinder.py API: the typed calls compute makes to block storage, with the
// microversions nova uses and its exception translation (translate_volume_exception,
// translate_attachment_exception, translate_mixed_exceptions, translate_create_exception,
// translate_cinder_exception). Errors come back as nova exceptions (NovaError).
import { NovaError, novaError, novaErrorWithMessage } from '../nova-exceptions/nova-error.js';
import type { BlockStorageResponse, BlockStorageTransport, VolumeCallContext } from './transport.js';

export type { VolumeCallContext } from './transport.js';

/** _untranslate_volume_summary_view */
export interface VolumeInfo {
  readonly id: string;
  readonly status: string;
  readonly size: number;
  readonly availabilityZone: string;
  readonly attachStatus: 'attached' | 'detached';
  /** server id -> attachment */
  readonly attachments: Readonly<Record<string, { attachmentId: string; mountpoint: string | null }>>;
  readonly multiattach: boolean;
  readonly bootable: boolean;
  readonly displayName: string | null;
  readonly displayDescription: string | null;
  readonly volumeType: string | null;
  readonly snapshotId: string | null;
  readonly imageMetadata: Readonly<Record<string, string>> | null;
}

export interface SnapshotInfo {
  readonly id: string;
  readonly status: string;
  readonly size: number;
  readonly volumeId: string;
}

/** _translate_attachment_ref: connection_info with 'data' put back. */
export interface AttachmentInfo {
  readonly id: string;
  readonly status: string;
  readonly instance: string | null;
  readonly volumeId: string;
  readonly attachMode: string;
  readonly connectionInfo: { readonly driver_volume_type?: string; readonly data?: Readonly<Record<string, unknown>> } & Readonly<Record<string, unknown>>;
}

export interface NewVolume {
  size: number;
  name?: string | null;
  description?: string | null;
  snapshotId?: string | null;
  imageId?: string | null;
  volumeType?: string | null;
  availabilityZone?: string | null;
  metadata?: Record<string, string>;
}

type Translation = 'volume' | 'attachment' | 'mixed' | 'create' | 'snapshot' | 'plain';

function faultMessage(body: unknown): string {
  if (body && typeof body === 'object') {
    const inner = Object.values(body as Record<string, unknown>)[0] as { message?: unknown } | undefined;
    if (inner && typeof inner.message === 'string') return inner.message;
  }
  return typeof body === 'string' && body ? body : 'Unknown Error';
}

/** cinderclient's ClientException text: "<message> (HTTP <code>) (Request-ID: <id>)". */
function clientExceptionText(res: BlockStorageResponse): string {
  return `${faultMessage(res.body)} (HTTP ${res.status})${res.requestId ? ` (Request-ID: ${res.requestId})` : ''}`;
}

function translate(res: BlockStorageResponse, kind: Translation, id: string): NovaError {
  const text = clientExceptionText(res);
  if (res.status === 404) {
    if (kind === 'volume' || kind === 'mixed') return novaError('VolumeNotFound', { volume_id: id });
    if (kind === 'attachment') return novaError('VolumeAttachmentNotFound', { attachment_id: id });
    if (kind === 'snapshot') return novaError('SnapshotNotFound', { snapshot_id: id });
    if (kind === 'create') return novaErrorWithMessage('NotFound', faultMessage(res.body));
  }
  if (res.status === 413 && kind !== 'attachment' && kind !== 'plain') return novaError('OverQuota', { overs: faultMessage(res.body) });
  if (res.status === 400) return novaError('InvalidInput', { reason: text });
  if (res.status === 403) return novaErrorWithMessage('Forbidden', text);
  // anything else stays cinderclient's ClientException
  return new NovaError('ClientException', text, res.status, false);
}

function toVolume(v: Record<string, any>): VolumeInfo {
  const attachments: Record<string, { attachmentId: string; mountpoint: string | null }> = {};
  for (const a of (v.attachments ?? []) as Record<string, any>[]) attachments[a.server_id] = { attachmentId: a.attachment_id, mountpoint: a.device ?? null };
  return {
    id: v.id, status: v.status, size: v.size, availabilityZone: v.availability_zone,
    attachStatus: Object.keys(attachments).length ? 'attached' : 'detached', attachments, multiattach: Boolean(v.multiattach),
    bootable: String(v.bootable).toLowerCase() === 'true', displayName: v.name ?? null, displayDescription: v.description ?? null, volumeType: v.volume_type ?? null,
    snapshotId: v.snapshot_id ?? null, imageMetadata: v.volume_image_metadata ?? null,
  };
}

function toAttachment(a: Record<string, any>): AttachmentInfo {
  const raw = (a.connection_info ?? {}) as Record<string, unknown>;
  const { attachment_id: _drop, driver_volume_type, ...data } = raw;
  const connectionInfo = Object.keys(raw).length
    ? { driver_volume_type: driver_volume_type as string | undefined, data, status: a.status, instance: a.instance, attached_at: a.attached_at, detached_at: a.detached_at, volume_id: a.volume_id }
    : {};
  return { id: a.id, status: a.status, instance: a.instance ?? null, volumeId: a.volume_id, attachMode: a.attach_mode, connectionInfo };
}

/** Cinder's osapi_max_limit: the most one list page holds. */
const ATTACHMENT_PAGE = 1000;

export class BlockStorageClient {
  constructor(private readonly transport: BlockStorageTransport) {}

  private async call(ctx: VolumeCallContext, method: string, path: string, version: string, kind: Translation, id: string, body?: unknown): Promise<any> {
    let res: BlockStorageResponse;
    try {
      res = await this.transport.request(ctx, method, path, version, body);
    } catch (err) {
      throw novaError('CinderConnectionFailed', { reason: err instanceof Error ? err.message : String(err) });
    }
    if (res.status >= 400) throw translate(res, kind, id);
    return res.body;
  }

  async get(ctx: VolumeCallContext, volumeId: string): Promise<VolumeInfo> {
    return toVolume((await this.call(ctx, 'GET', `/volumes/${encodeURIComponent(volumeId)}`, '3.48', 'volume', volumeId)).volume);
  }

  async create(ctx: VolumeCallContext, v: NewVolume): Promise<VolumeInfo> {
    const body = {
      volume: {
        size: v.size, name: v.name ?? null, description: v.description ?? null, snapshot_id: v.snapshotId ?? null,
        imageRef: v.imageId ?? null, volume_type: v.volumeType ?? null, availability_zone: v.availabilityZone ?? null, metadata: v.metadata ?? {},
      },
    };
    return toVolume((await this.call(ctx, 'POST', '/volumes', '3.0', 'create', '', body)).volume);
  }

  async delete(ctx: VolumeCallContext, volumeId: string): Promise<void> {
    await this.call(ctx, 'DELETE', `/volumes/${encodeURIComponent(volumeId)}`, '3.0', 'volume', volumeId);
  }

  async beginDetaching(ctx: VolumeCallContext, volumeId: string): Promise<void> {
    await this.call(ctx, 'POST', `/volumes/${encodeURIComponent(volumeId)}/action`, '3.0', 'volume', volumeId, { 'os-begin_detaching': {} });
  }

  async rollDetaching(ctx: VolumeCallContext, volumeId: string): Promise<void> {
    await this.call(ctx, 'POST', `/volumes/${encodeURIComponent(volumeId)}/action`, '3.0', 'volume', volumeId, { 'os-roll_detaching': {} });
  }

  async getSnapshot(ctx: VolumeCallContext, snapshotId: string): Promise<SnapshotInfo> {
    const s = (await this.call(ctx, 'GET', `/snapshots/${encodeURIComponent(snapshotId)}`, '3.0', 'snapshot', snapshotId)).snapshot;
    return { id: s.id, status: s.status, size: s.size, volumeId: s.volume_id };
  }

  /** create_snapshot_force: a snapshot of a volume that may be in use (nova's volume-backed createImage). */
  async createSnapshotForce(ctx: VolumeCallContext, volumeId: string, name: string, description: string | null): Promise<SnapshotInfo> {
    const body = { snapshot: { volume_id: volumeId, force: true, name, description } };
    const s = (await this.call(ctx, 'POST', '/snapshots', '3.0', 'mixed', volumeId, body)).snapshot;
    return { id: s.id, status: s.status, size: s.size, volumeId: s.volume_id };
  }

  /** get_absolute_limits: the caller's project's absolute limits and usage (/limits). */
  async absoluteLimits(ctx: VolumeCallContext): Promise<Readonly<Record<string, number>>> {
    return (await this.call(ctx, 'GET', '/limits', '3.0', 'plain', '')).limits.absolute as Record<string, number>;
  }

  /** 3.44: reserve (no connector) or reserve and connect. */
  async attachmentCreate(ctx: VolumeCallContext, volumeId: string, instanceId: string, connector?: Record<string, unknown> | null, mountpoint?: string | null): Promise<AttachmentInfo> {
    const c = connector && mountpoint && !('mountpoint' in connector) ? { ...connector, mountpoint } : connector ?? null;
    const body = { attachment: { volume_uuid: volumeId, instance_uuid: instanceId, connector: c } };
    return toAttachment((await this.call(ctx, 'POST', '/attachments', '3.44', 'mixed', volumeId, body)).attachment);
  }

  /** attachment_get_all(instance_id=...): the attachments of one server (all statuses). */
  async attachmentsOfInstance(ctx: VolumeCallContext, instanceId: string): Promise<AttachmentInfo[]> {
    const body = await this.call(ctx, 'GET', `/attachments/detail?all_tenants=1&instance_id=${encodeURIComponent(instanceId)}`, '3.44', 'plain', instanceId);
    return (body.attachments as Record<string, any>[]).map(toAttachment);
  }

  /**
   * attachment_get_all over every project (an admin context, all_tenants): every attachment,
   * page by page, as cinder caps a page at osapi_max_limit (1000) and goes on after `marker`.
   * A page that brings nothing new ends it too (a Cinder that ignores limit or marker).
   */
  async allAttachments(ctx: VolumeCallContext): Promise<AttachmentInfo[]> {
    const out: AttachmentInfo[] = [];
    const seen = new Set<string>();
    let marker: string | null = null;
    for (;;) {
      const path: string = `/attachments/detail?all_tenants=1&limit=${ATTACHMENT_PAGE}${marker === null ? '' : `&marker=${encodeURIComponent(marker)}`}`;
      const page: AttachmentInfo[] = ((await this.call(ctx, 'GET', path, '3.44', 'plain', '')).attachments as Record<string, any>[]).map(toAttachment);
      let fresh = 0;
      for (const a of page) if (!seen.has(a.id)) { seen.add(a.id); out.push(a); fresh++; }
      if (page.length < ATTACHMENT_PAGE || fresh === 0) return out;
      marker = page.at(-1)!.id;
    }
  }

  async attachmentGet(ctx: VolumeCallContext, attachmentId: string): Promise<AttachmentInfo> {
    return toAttachment((await this.call(ctx, 'GET', `/attachments/${encodeURIComponent(attachmentId)}`, '3.44', 'attachment', attachmentId)).attachment);
  }

  async attachmentUpdate(ctx: VolumeCallContext, attachmentId: string, connector: Record<string, unknown>, mountpoint?: string | null): Promise<AttachmentInfo> {
    const c = mountpoint && !('mountpoint' in connector) ? { ...connector, mountpoint } : connector;
    return toAttachment((await this.call(ctx, 'PUT', `/attachments/${encodeURIComponent(attachmentId)}`, '3.44', 'attachment', attachmentId, { attachment: { connector: c } })).attachment);
  }

  async attachmentComplete(ctx: VolumeCallContext, attachmentId: string): Promise<void> {
    await this.call(ctx, 'POST', `/attachments/${encodeURIComponent(attachmentId)}/action`, '3.44', 'attachment', attachmentId, { 'os-complete': null });
  }

  /** attachment_delete: a 404 is fine (already gone), as nova's retrying delete treats it. */
  async attachmentDelete(ctx: VolumeCallContext, attachmentId: string): Promise<void> {
    try {
      await this.call(ctx, 'DELETE', `/attachments/${encodeURIComponent(attachmentId)}`, '3.44', 'attachment', attachmentId);
    } catch (err) {
      if (err instanceof NovaError && err.is('VolumeAttachmentNotFound')) return;
      throw err;
    }
  }

  async close(): Promise<void> { await this.transport.close(); }
}
