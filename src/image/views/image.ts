// Glance's image view (images.py ResponseSerializer._format_image): the extra properties
// first, then the base attributes, the tags and the links, in glance's key order.
import type { ImageRecord } from '../store/images-store.js';
import { IMAGE_SCHEMA } from '../schemas/image-schema.js';
import type { MemberRow } from '../store/members-store.js';
import type { TaskRow } from '../store/tasks-store.js';

/** Properties glance keeps but never shows. */
const HIDDEN = new Set(['os_glance_stage_host']);

/** timeutils.isotime: to the second, Z (stored times keep their milliseconds for ordering). */
export function isotime(t: string): string {
  return t.length > 20 ? `${t.slice(0, 19)}Z` : t;
}
const SCHEMA_PROPERTIES = new Set(Object.keys(IMAGE_SCHEMA.properties as object));

export function imageView(i: ImageRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(i.properties)) {
    if (HIDDEN.has(k)) continue;
    // Schema.filter: a custom property holding None (v1 leftovers) is shown as ''
    view[k] = v === null && !SCHEMA_PROPERTIES.has(k) ? '' : v;
  }
  Object.assign(view, {
    name: i.name,
    disk_format: i.disk_format,
    container_format: i.container_format,
    visibility: i.visibility,
    size: i.size,
    virtual_size: i.virtual_size,
    status: i.status,
    checksum: i.checksum,
    protected: i.protected,
    min_ram: i.min_ram,
    min_disk: i.min_disk,
    owner: i.owner,
    os_hidden: i.os_hidden,
    os_hash_algo: i.os_hash_algo,
    os_hash_value: i.os_hash_value,
    id: i.id,
    created_at: isotime(i.created_at),
    updated_at: isotime(i.updated_at),
    tags: [...i.tags],
    self: `/v2/images/${i.id}`,
    file: `/v2/images/${i.id}/file`,
    schema: '/v2/schemas/image',
  });
  return view;
}

export function memberView(m: MemberRow): Record<string, unknown> {
  return {
    member_id: m.member,
    image_id: m.image_id,
    status: m.status,
    created_at: isotime(m.created_at),
    updated_at: isotime(m.updated_at),
    schema: '/v2/schemas/member',
  };
}

/** tasks.py _format_task_stub: a task in a list. */
export function taskStubView(t: TaskRow): Record<string, unknown> {
  return {
    id: t.id, type: t.type, status: t.status, owner: t.owner, created_at: isotime(t.created_at), updated_at: isotime(t.updated_at),
    self: `/v2/tasks/${t.id}`, schema: '/v2/schemas/task',
  };
}

/** tasks.py _format_task: one task (POST /v2/tasks, GET /v2/tasks/{id}). */
export function taskDetailView(t: TaskRow): Record<string, unknown> {
  return {
    id: t.id, input: JSON.parse(t.input) as unknown, type: t.type, status: t.status, owner: t.owner, message: t.message,
    result: t.result === null ? null : JSON.parse(t.result) as unknown, created_at: isotime(t.created_at), updated_at: isotime(t.updated_at),
    self: `/v2/tasks/${t.id}`, schema: '/v2/schemas/task', ...(t.image_id ? { image_id: t.image_id } : {}),
  };
}

export function taskView(t: TaskRow): Record<string, unknown> {
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    owner: t.owner,
    expires_at: null,
    created_at: isotime(t.created_at),
    updated_at: isotime(t.updated_at),
    deleted_at: null,
    deleted: false,
    image_id: t.image_id,
    request_id: null,
    user_id: null,
    input: JSON.parse(t.input) as unknown,
    result: t.result === null ? null : JSON.parse(t.result) as unknown,
    message: t.message,
  };
}

/** index: links carry the query (without marker) as glance builds them. */
export function imageListView(images: readonly ImageRecord[], query: readonly (readonly [string, string])[], nextMarker: string | null): Record<string, unknown> {
  // dict(request.params): one value per key (the last), in first-seen order
  const params = new Map<string, string>();
  for (const [k, v] of query) params.set(k, v);
  params.delete('marker');
  const encode = (m: Map<string, string>) => new URLSearchParams([...m]).toString();
  const body: Record<string, unknown> = {
    images: images.map(imageView),
    first: params.size ? `/v2/images?${encode(params)}` : '/v2/images',
    schema: '/v2/schemas/images',
  };
  if (nextMarker !== null) {
    params.set('marker', nextMarker);
    body.next = `/v2/images?${encode(params)}`;
  }
  return body;
}
