// nova/image/glance.py GlanceImageServiceV2: the typed calls compute makes to the image
// service (show, detail, create, update, upload, delete) with nova's exception translation
// (_translate_image_exception / _translate_plain_exception). Images come back in one shape
// (ImageMeta), whatever glance answered.
import { NovaError, novaError, novaErrorWithMessage } from '../nova-exceptions/nova-error.js';
import type { ImageCallContext, ImageResponse, ImageTransport } from './transport.js';

export type { ImageCallContext } from './transport.js';

/** Glance's base attributes; anything else an image carries is in `properties`. */
const BASE = new Set(['id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value', 'owner',
  'size', 'virtual_size', 'container_format', 'disk_format', 'min_ram', 'min_disk', 'created_at', 'updated_at', 'tags', 'self', 'file',
  'schema', 'direct_url', 'locations', 'stores']);

export interface ImageMeta {
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
  readonly visibility: string;
  readonly protected: boolean;
  readonly containerFormat: string | null;
  readonly diskFormat: string | null;
  readonly size: number | null;
  readonly minRam: number;
  readonly minDisk: number;
  readonly owner: string | null;
  readonly checksum: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly tags: readonly string[];
  /** Extra properties (kernel_id, architecture, image_type, instance_uuid, ...). */
  readonly properties: Readonly<Record<string, string | null>>;
}

export interface NewImage {
  name: string;
  visibility?: string;
  containerFormat?: string | null;
  diskFormat?: string | null;
  minRam?: number;
  minDisk?: number;
  protected?: boolean;
  properties?: Record<string, string | null>;
}

export interface ImageListQuery {
  limit?: number;
  marker?: string;
  /** extra filters as glance takes them (name, status, property=value...) */
  filters?: Record<string, string>;
  sort?: string;
}

export function imageMetaFrom(raw: Record<string, unknown>): ImageMeta {
  const properties: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(raw)) if (!BASE.has(k)) properties[k] = v === null ? null : String(v);
  return {
    id: String(raw.id), name: (raw.name as string | null) ?? null, status: String(raw.status), visibility: String(raw.visibility),
    protected: raw.protected === true, containerFormat: (raw.container_format as string | null) ?? null, diskFormat: (raw.disk_format as string | null) ?? null,
    size: (raw.size as number | null) ?? null, minRam: (raw.min_ram as number | undefined) ?? 0, minDisk: (raw.min_disk as number | undefined) ?? 0,
    owner: (raw.owner as string | null) ?? null, checksum: (raw.checksum as string | null) ?? null,
    createdAt: String(raw.created_at), updatedAt: String(raw.updated_at), tags: (raw.tags as string[] | undefined) ?? [], properties,
  };
}

/** The text of glance's error answer (webob JSON page), as str(glanceclient exception) carries it. */
function errorText(res: ImageResponse): string {
  const text = res.body.toString('utf8');
  try {
    const j = JSON.parse(text) as { message?: string };
    if (typeof j.message === 'string') return `HTTP ${res.status} ${j.message.replace(/<br \/><br \/>\n?/, ': ').replace(/\s+$/, '')}`;
  } catch { /* not JSON */ }
  return `HTTP ${res.status}`;
}

export class ImageClient {
  constructor(private readonly transport: ImageTransport) {}

  /** _translate_image_exception */
  private imageError(imageId: string, res: ImageResponse): Error {
    if (res.status === 401 || res.status === 403) return novaError('ImageNotAuthorized', { image_id: imageId });
    if (res.status === 404) return novaError('ImageNotFound', { image_id: imageId });
    if (res.status === 400) return novaError('ImageBadRequest', { image_id: imageId, response: errorText(res) });
    if (res.status === 413) return novaError('ImageQuotaExceeded', { image_id: imageId });
    return new Error(`image service answered ${errorText(res)}`);
  }

  /** _translate_plain_exception */
  private plainError(res: ImageResponse): Error {
    // nova raises these with str(exc) as the message
    if (res.status === 401 || res.status === 403) return novaErrorWithMessage('Forbidden', errorText(res));
    if (res.status === 404) return novaErrorWithMessage('NotFound', errorText(res));
    if (res.status === 400) return novaErrorWithMessage('Invalid', errorText(res));
    return new Error(`image service answered ${errorText(res)}`);
  }

  private json(res: ImageResponse): Record<string, unknown> {
    return JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  }

  /** show: ImageNotFound when the caller cannot see it. */
  async show(ctx: ImageCallContext, imageId: string): Promise<ImageMeta> {
    const res = await this.transport.request(ctx, { method: 'GET', path: `/v2/images/${encodeURIComponent(imageId)}` });
    if (res.status !== 200) throw this.imageError(imageId, res);
    return imageMetaFrom(this.json(res));
  }

  /** show, or null when the image does not exist (or is hidden from the caller). */
  async find(ctx: ImageCallContext, imageId: string): Promise<ImageMeta | null> {
    try {
      return await this.show(ctx, imageId);
    } catch (err) {
      if (err instanceof NovaError && err.is('ImageNotFound')) return null;
      throw err;
    }
  }

  /** detail: one page of images and the marker of the next page (null at the end). */
  async detail(ctx: ImageCallContext, q: ImageListQuery = {}): Promise<{ images: ImageMeta[]; nextMarker: string | null }> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q.filters ?? {})) params.append(k, v);
    if (q.limit !== undefined) params.set('limit', String(q.limit));
    if (q.marker !== undefined) params.set('marker', q.marker);
    if (q.sort !== undefined) params.set('sort', q.sort);
    const qs = params.toString();
    const res = await this.transport.request(ctx, { method: 'GET', path: `/v2/images${qs ? `?${qs}` : ''}` });
    if (res.status !== 200) {
      if (res.status === 400 && q.marker !== undefined) throw novaError('MarkerNotFound', { marker: q.marker });
      throw this.plainError(res);
    }
    const body = this.json(res) as { images: Record<string, unknown>[]; next?: string };
    const next = body.next ? new URLSearchParams(body.next.split('?')[1] ?? '').get('marker') : null;
    return { images: body.images.map(imageMetaFrom), nextMarker: next };
  }

  async create(ctx: ImageCallContext, meta: NewImage): Promise<ImageMeta> {
    const body: Record<string, unknown> = { name: meta.name, ...(meta.properties ?? {}) };
    if (meta.visibility !== undefined) body.visibility = meta.visibility;
    if (meta.containerFormat !== undefined) body.container_format = meta.containerFormat;
    if (meta.diskFormat !== undefined) body.disk_format = meta.diskFormat;
    if (meta.minRam !== undefined) body.min_ram = meta.minRam;
    if (meta.minDisk !== undefined) body.min_disk = meta.minDisk;
    if (meta.protected !== undefined) body.protected = meta.protected;
    const res = await this.transport.request(ctx, { method: 'POST', path: '/v2/images', contentType: 'application/json', body: JSON.stringify(body) });
    if (res.status !== 201) throw this.plainError(res);
    return imageMetaFrom(this.json(res));
  }

  /** update: JSON-patch the given attributes/properties (null value = remove the property). */
  async update(ctx: ImageCallContext, imageId: string, changes: Record<string, unknown>, existing?: ImageMeta): Promise<ImageMeta> {
    const current = existing ?? await this.show(ctx, imageId);
    const ops = Object.entries(changes).map(([k, v]) => {
      const known = k in current.properties || ['name', 'visibility', 'min_ram', 'min_disk', 'protected', 'container_format', 'disk_format', 'tags'].includes(k);
      if (v === undefined) return { op: 'remove', path: `/${k}` };
      return { op: known ? 'replace' : 'add', path: `/${k}`, value: v };
    });
    const res = await this.transport.request(ctx, { method: 'PATCH', path: `/v2/images/${imageId}`, contentType: 'application/openstack-images-v2.1-json-patch', body: JSON.stringify(ops) });
    if (res.status !== 200) throw this.imageError(imageId, res);
    return imageMetaFrom(this.json(res));
  }

  async upload(ctx: ImageCallContext, imageId: string, data: Buffer): Promise<void> {
    const res = await this.transport.request(ctx, { method: 'PUT', path: `/v2/images/${imageId}/file`, contentType: 'application/octet-stream', body: data });
    if (res.status !== 204) throw this.imageError(imageId, res);
  }

  /** The glance client's share of an image with another project (a snapshot of its server). */
  async addMember(ctx: ImageCallContext, imageId: string, member: string): Promise<void> {
    const res = await this.transport.request(ctx, { method: 'POST', path: `/v2/images/${imageId}/members`, contentType: 'application/json', body: JSON.stringify({ member }) });
    if (res.status !== 200) throw this.imageError(imageId, res);
  }

  async delete(ctx: ImageCallContext, imageId: string): Promise<void> {
    const res = await this.transport.request(ctx, { method: 'DELETE', path: `/v2/images/${imageId}` });
    if (res.status !== 204) {
      // glance.py delete: 409 is ImageDeleteConflict; a protected image's 403 is ImageNotAuthorized
      if (res.status === 409) throw novaError('ImageDeleteConflict', { reason: errorText(res) });
      throw this.imageError(imageId, res);
    }
  }

  close(): Promise<void> { return this.transport.close(); }
}
