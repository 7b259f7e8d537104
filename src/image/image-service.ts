// The image service: glance's controllers and domain (api/v2/images.py, image_data.py,
// image_members.py, image_tags.py, domain/__init__.py) over the stores. Handlers and the
// image client call these functions; every rule (visibility, ownership, the status machine,
// glance's messages) is here once. Data operations stream to the blob store between two
// short transactions, as glance updates its database around the store write.
import type { Readable } from 'node:stream';
import type { Runtime } from '../runtime/runtime.js';
import { createImagesStore, type ImageRecord, type ImageRow, type ImageRowChange, type ImageStatus, type ImagesStore, type Visibility } from './store/images-store.js';
import { createMembersStore, type MemberRow, type MemberStatus, type MembersStore } from './store/members-store.js';
import { createTasksStore, type TasksStore, type TaskRow } from './store/tasks-store.js';
import { createFileBlobStore, createMemoryBlobStore, SizeCapExceeded, type BlobStore } from './store/blob-store.js';
import { canSee, listImages, parseListQuery, type ImageCaller, type ListResult } from './image-list.js';
import { canTransition, transitionMessage, TRANSIENT_STATUSES } from './image-states.js';
import { detailed, explained, ImageError } from './image-error.js';
import { IMAGE_SCHEMA } from './schemas/image-schema.js';
import { TASK_SCHEMA } from './schemas/task-schema.js';
import { validateJson } from '../http/python/json-schema-check.js';
import { SEED_IMAGES } from './seed.js';

export type { ImageCaller } from './image-list.js';

const DISALLOWED = ['direct_url', 'self', 'file', 'schema', 'stores'];
const READONLY = ['created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size', 'direct_url', 'self', 'file', 'schema', 'id', 'os_hash_algo', 'os_hash_value'];
const RESERVED = ['location', 'deleted', 'deleted_at'];
const RESERVED_NS = 'os_glance';
/** Attributes of glance's domain Image (hasattr(image, name)): set as columns, never removed. */
const IMAGE_ATTRIBUTES = new Set(['name', 'visibility', 'protected', 'os_hidden', 'container_format', 'disk_format', 'min_ram', 'min_disk', 'owner', 'tags',
  'status', 'size', 'virtual_size', 'checksum', 'os_hash_algo', 'os_hash_value', 'created_at', 'updated_at', 'locations', 'image_id', 'extra_properties', 'member', 'id']);
export const IMPORT_METHODS = ['glance-direct', 'web-download', 'copy-image'] as const;
/** CONF.image_tag_quota and image_member_quota */
const TAG_QUOTA = 128;
const MEMBER_QUOTA = 128;

export interface ImageServiceOptions {
  /** Largest image data accepted (glance's image_size_cap). */
  sizeCap: number;
}

export interface JsonPatchChange {
  op: 'add' | 'remove' | 'replace';
  path: string[];
  value?: unknown;
  draft: 4 | 10;
}

export interface Download {
  status: 200 | 204 | 206;
  headers: Record<string, string>;
  body: Readable | null;
}


function schemaError(name: string, value: unknown): ImageError | null {
  const reason = validateJson(IMAGE_SCHEMA, value);
  return reason === null ? null : explained(400, `Provided object does not match schema '${name}': ${reason}`);
}

export interface ImageService {
  readonly runtime: Runtime;
  readonly images: ImagesStore;
  readonly members: MembersStore;
  readonly tasks: TasksStore;
  readonly blobs: BlobStore;
  readonly sizeCap: number;
  create(caller: ImageCaller, body: unknown): ImageRecord;
  show(caller: ImageCaller, id: string): ImageRecord;
  list(caller: ImageCaller, query: readonly (readonly [string, string])[]): ListResult;
  update(caller: ImageCaller, id: string, changes: readonly JsonPatchChange[]): ImageRecord;
  remove(caller: ImageCaller, id: string): void;
  upload(caller: ImageCaller, id: string, data: Readable | Buffer): Promise<void>;
  download(caller: ImageCaller, id: string, range: string | undefined): Download;
  stage(caller: ImageCaller, id: string, data: Readable | Buffer): Promise<void>;
  importImage(caller: ImageCaller, id: string, body: unknown): Promise<void>;
  deactivate(caller: ImageCaller, id: string): void;
  reactivate(caller: ImageCaller, id: string): void;
  addTag(caller: ImageCaller, id: string, tag: string): void;
  removeTag(caller: ImageCaller, id: string, tag: string): void;
  listMembers(caller: ImageCaller, id: string): MemberRow[];
  showMember(caller: ImageCaller, id: string, member: string): MemberRow;
  addMember(caller: ImageCaller, id: string, body: unknown): MemberRow;
  updateMember(caller: ImageCaller, id: string, member: string, body: unknown): MemberRow;
  removeMember(caller: ImageCaller, id: string, member: string): void;
  listTasks(caller: ImageCaller, id: string): TaskRow[];
  /** POST /v2/tasks (the legacy tasks API, admin only): an 'import' task, run after the 201. */
  createTask(caller: ImageCaller, body: unknown): TaskRow;
  getTask(caller: ImageCaller, id: string): TaskRow;
  /** GET /v2/tasks: a page (limit/marker) of every task, newest first. */
  allTasks(caller: ImageCaller, limit: number | null, marker: string | null): { tasks: TaskRow[]; nextMarker: string | null };
  /** Work in flight (imports): awaited by tests and on close. */
  idle(): Promise<void>;
  /**
   * Images left in a status that only lasts while data moves (saving, importing, uploading
   * without staged data, pending_delete) with no upload or import running for them.
   */
  strandedImages(): ImageRow[];
  /** Empty the image tables and the store, then seed the fixture images again. */
  reset(): void;
}

export function createImageService(runtime: Runtime, opts: ImageServiceOptions): ImageService {
  const { db } = runtime;
  const images = createImagesStore(db);
  const members = createMembersStore(db);
  const tasks = createTasksStore(db);
  const blobs = runtime.config.database === ':memory:' ? createMemoryBlobStore() : createFileBlobStore(`${runtime.config.database}-images`);
  // kept to the millisecond (the order of images made within a second), shown to the second
  const now = () => runtime.clock.now().toISOString();
  const inFlight = new Set<Promise<unknown>>();
  /** Images whose data is moving right now (upload, stage, import). */
  const busy = new Set<string>();
  const whileBusy = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    busy.add(id);
    try { return await work(); } finally { busy.delete(id); }
  };
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  const seed = () => {
    // a SEED_FILE's images section replaces the glance fixture's images
    for (const s of runtime.seedPlan?.images ?? SEED_IMAGES) {
      if (images.exists(s.row.id)) continue;
      images.insert(s.row, s.properties, s.tags);
    }
  };
  db.transaction(seed)();

  /** image_repo.get + get_image policy: 404 (with this controller's message) for what the caller cannot see. */
  const lookup = (caller: ImageCaller, id: string, notFound: string): ImageRecord => {
    const image = images.get(id);
    if (!image || !canSee(image, caller, (imageId) => (caller.owner === null ? undefined : members.get(imageId, caller.owner)))) {
      throw explained(404, notFound);
    }
    return image;
  };
  const visible = (caller: ImageCaller, id: string): ImageRecord => lookup(caller, id, `No image found with ID ${id}`);
  /** The members controller's _lookup_image. */
  const memberImage = (caller: ImageCaller, id: string): ImageRecord => lookup(caller, id, `Image ${id} not found.`);
  /** tasks_api_access: role:admin */
  const tasksApiAccess = (caller: ImageCaller) => {
    if (!caller.isAdmin) throw explained(403, 'You are not authorized to complete tasks_api_access action.');
  };
  /** check_is_image_mutable */
  const mutable = (caller: ImageCaller, image: ImageRow) => {
    if (caller.isAdmin) return;
    if (image.owner === null || caller.owner === null || image.owner !== caller.owner) throw explained(403, 'You do not own this image');
  };
  const enforceVisibility = (caller: ImageCaller, visibility: unknown) => {
    if (visibility === 'public' && !caller.isAdmin) throw explained(403, 'You are not authorized to complete publicize_image action.');
  };
  const setStatus = (image: ImageRow, to: ImageStatus, change: ImageRowChange = {}) => {
    if (!canTransition(image.status, to)) throw explained(409, transitionMessage(image.status, to));
    if (!images.transition(image.id, image.status, to, { ...change, updated_at: now() })) {
      throw explained(409, transitionMessage(images.get(image.id)?.status ?? 'deleted', to));
    }
  };

  const service: ImageService = {
    runtime, images, members, tasks, blobs, sizeCap: opts.sizeCap,

    create(caller, body) {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw explained(400, 'Body expected in request.');
      const input = { ...(body as Record<string, unknown>) };
      for (const k of DISALLOWED) if (k in input) throw explained(403, `Attribute '${k}' is read-only.`);
      const invalid = schemaError('image', input);
      if (invalid) throw invalid;
      for (const k of Object.keys(input)) {
        if (['created_at', 'updated_at', 'status', 'checksum', 'os_hash_algo', 'os_hash_value', 'size', 'virtual_size'].includes(k)) {
          throw explained(403, `Attribute '${k}' is read-only.`);
        }
      }
      const base = new Set(['checksum', 'created_at', 'container_format', 'disk_format', 'id', 'min_disk', 'min_ram', 'name', 'size', 'virtual_size', 'status', 'tags', 'owner', 'updated_at', 'visibility', 'protected', 'os_hidden']);
      const extra: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(input)) {
        if (base.has(k)) continue;
        if (k.length > 255) throw explained(400, 'Custom property should not be greater than 255 characters.');
        if (RESERVED.includes(k) || k.startsWith(RESERVED_NS)) throw detailed(403, `Attribute '${k}' is reserved.`);
        extra[k] = v as string | null;
      }
      const owner = input.owner !== undefined ? (input.owner as string | null) : caller.owner;
      if (!caller.isAdmin && input.owner !== undefined && input.owner !== caller.owner) {
        throw explained(403, `You are not permitted to create images owned by '${String(input.owner)}'`);
      }
      enforceVisibility(caller, input.visibility);
      const tags = [...new Set((input.tags as string[] | undefined) ?? [])];
      if (tags.length > TAG_QUOTA) throw explained(413, `Maximum number of tags exceeded. Attempted: ${tags.length}, Maximum: ${TAG_QUOTA}`);
      const id = (input.id as string | undefined) ?? runtime.ids.uuid();
      const at = now();
      const row: ImageRow = {
        id, name: (input.name as string | null | undefined) ?? null, status: 'queued',
        visibility: (input.visibility as Visibility | undefined) ?? 'shared',
        protected: (input.protected as boolean | undefined) ?? false, os_hidden: (input.os_hidden as boolean | undefined) ?? false,
        checksum: null, os_hash_algo: null, os_hash_value: null, owner: owner ?? null, size: null, virtual_size: null,
        container_format: (input.container_format as string | null | undefined) ?? null, disk_format: (input.disk_format as string | null | undefined) ?? null,
        min_ram: (input.min_ram as number | undefined) ?? 0, min_disk: (input.min_disk as number | undefined) ?? 0,
        created_at: at, updated_at: at, staged: false,
      };
      db.transaction(() => {
        if (images.exists(id)) throw explained(409, `Image ID ${id} already exists!`);
        images.insert(row, extra, tags);
      })();
      return images.get(id)!;
    },

    show: (caller, id) => visible(caller, id),

    list(caller, query) {
      const q = parseListQuery(query);
      return listImages(images.listLive(), q, caller, caller.owner === null ? [] : members.listForMember(caller.owner));
    },

    update(caller, id, changes) {
      return db.transaction(() => {
        const image = visible(caller, id);
        const columns: ImageRowChange = {};
        const props = new Map<string, string | null | undefined>();
        let tags: string[] | null = null;
        const has = (k: string) => (props.has(k) ? props.get(k) !== undefined : Object.hasOwn(image.properties, k));
        for (const c of changes) {
          const root = c.path[0]!;
          if (root === 'locations') {
            if (c.op === 'replace' && (!Array.isArray(c.value) || c.value.length === 0)) throw detailed(403, 'Cannot set locations to empty list.');
            const verb = c.op === 'add' ? 'add' : c.op === 'remove' ? 'remove' : 'update';
            throw explained(403, `It's not allowed to ${verb} locations if locations are invisible.`);
          }
          if (c.op === 'replace' && root === 'owner' && !caller.isAdmin) throw detailed(403, "Owner can't be updated by non admin.");
          if (root === 'visibility' && c.op !== 'remove') enforceVisibility(caller, c.value);
          mutable(caller, image);
          if (c.op === 'remove') {
            if (IMAGE_ATTRIBUTES.has(root)) throw detailed(403, `Property ${root} may not be removed.`);
            if (!has(root)) throw detailed(409, `Property ${root} does not exist.`);
            props.set(root, undefined);
            continue;
          }
          const isAttr = IMAGE_ATTRIBUTES.has(root);
          if (c.op === 'add' && c.draft === 4 && (isAttr || has(root))) throw detailed(409, `Property ${root} already present.`);
          if (c.op === 'replace' && !isAttr && !has(root)) throw detailed(409, `Property ${root} does not exist.`);
          if (!isAttr) { props.set(root, c.value as string | null); continue; }
          if (root === 'tags') {
            const list = [...new Set(c.value as string[])];
            if (list.length > TAG_QUOTA) throw explained(413, `Maximum number of tags exceeded. Attempted: ${list.length}, Maximum: ${TAG_QUOTA}`);
            tags = list;
            continue;
          }
          if ((root === 'container_format' || root === 'disk_format') && image.status !== 'queued' && image[root] !== c.value) {
            throw explained(403, `Attribute ${root} can be only replaced for a queued image.`);
          }
          (columns as Record<string, unknown>)[root] = c.value;
        }
        if (!changes.length) return image;
        images.update(id, { ...columns, updated_at: now() });
        for (const [k, v] of props) {
          if (v === undefined) images.removeProperty(id, k);
          else images.setProperty(id, k, v);
        }
        if (tags) images.setTags(id, tags);
        return images.get(id)!;
      })();
    },

    remove(caller, id) {
      const image = db.transaction(() => {
        const found = lookup(caller, id, `Failed to find image ${id} to delete`);
        mutable(caller, found);
        if (found.protected) throw explained(403, `Image ${id} is protected and cannot be deleted.`);
        if (found.status === 'uploading' || found.status === 'importing') {
          // glance deletes a staged or importing image too; the import task finds it gone
        }
        if (!canTransition(found.status, 'deleted')) throw explained(400, transitionMessage(found.status, 'deleted'));
        images.markDeleted(id, now());
        return found;
      })();
      blobs.remove('images', image.id);
      blobs.remove('staging', image.id);
    },

    upload: (caller, id, data) => whileBusy(id, async () => {
      const image = db.transaction(() => {
        const found = visible(caller, id);
        mutable(caller, found);
        setStatus(found, 'saving');
        return found;
      })();
      let written;
      try {
        written = await blobs.write('images', id, data, opts.sizeCap);
      } catch (err) {
        // v2: a failed upload puts the image back to queued so it can be retried
        db.transaction(() => {
          const now2 = images.get(id);
          if (now2 && now2.status === 'saving') setStatus(now2, 'queued');
        })();
        if (err instanceof SizeCapExceeded) {
          throw explained(413, `Image exceeds the storage quota: The size of the data ${err.cap + 1} will exceed the limit. ${err.cap} bytes remaining.`);
        }
        throw explained(400, 'Error in store configuration. Adding images to store is disabled.');
      }
      db.transaction(() => {
        const current = images.get(id);
        if (!current || current.status !== 'saving') {
          // deleted during the upload: glance answers 410 and drops the data
          blobs.remove('images', id);
          throw explained(410, 'Image deleted during upload');
        }
        setStatus(current, 'active', {
          size: written.size, checksum: written.md5, os_hash_algo: 'sha512', os_hash_value: written.sha512,
          virtual_size: image.disk_format === 'raw' || image.disk_format === 'iso' ? written.size : null,
        });
      })();
    }),

    download(caller, id, range) {
      const image = visible(caller, id);
      if (image.status === 'deactivated' && !caller.isAdmin) throw explained(403, 'The requested image has been deactivated. Image data download is forbidden.');
      const size = blobs.size('images', id);
      if (size === null || image.status !== 'active' && image.status !== 'deactivated') {
        return { status: 204, headers: {}, body: null };
      }
      const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
      if (image.checksum) headers['content-md5'] = image.checksum;
      if (range !== undefined) {
        const r = parseRange(range, size);
        headers['content-range'] = `bytes ${r.start}-${r.end}/${size}`;
        headers['content-length'] = String(r.end - r.start + 1);
        return { status: 206, headers, body: blobs.read('images', id, r) };
      }
      headers['content-length'] = String(size);
      return { status: 200, headers, body: blobs.read('images', id) };
    },

    stage: (caller, id, data) => whileBusy(id, async () => {
      db.transaction(() => {
        const found = visible(caller, id);
        mutable(caller, found);
        setStatus(found, 'uploading');
      })();
      let written;
      try {
        written = await blobs.write('staging', id, data, opts.sizeCap);
      } catch (err) {
        db.transaction(() => {
          const cur = images.get(id);
          if (cur && cur.status === 'uploading') setStatus(cur, 'queued');
        })();
        blobs.remove('staging', id);
        if (err instanceof SizeCapExceeded) throw explained(413, `The provided image is too large.`);
        throw err;
      }
      db.transaction(() => {
        const cur = images.get(id);
        if (!cur) { blobs.remove('staging', id); throw explained(410, 'Image deleted during upload'); }
        images.update(id, { size: written.size, staged: true, updated_at: now() });
      })();
    }),

    async importImage(caller, id, body) {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw explained(400, 'Body expected in request.');
      const b = body as Record<string, unknown>;
      if (!('method' in b)) throw explained(400, "Import request requires a 'method' field.");
      const method = b.method as Record<string, unknown> | null;
      if (method === null || typeof method !== 'object' || !('name' in method)) throw explained(400, "Import request requires a 'name' field.");
      const name = method.name as string;
      if (!(IMPORT_METHODS as readonly string[]).includes(name)) throw explained(400, `Unknown import method name '${String(name)}'.`);
      if ('all_stores_must_succeed' in b && typeof b.all_stores_must_succeed !== 'boolean') throw explained(400, "'all_stores_must_succeed' must be boolean value only");
      if ('all_stores' in b && typeof b.all_stores !== 'boolean') throw explained(400, "'all_stores' must be boolean value only");
      const image = visible(caller, id);
      mutable(caller, image);
      if (name === 'copy-image') {
        if (image.status !== 'active') throw explained(409, 'Only images with status active can be targeted for copying');
        // single store: nothing to copy to (glance answers 400 when no store is named)
        throw explained(400, 'Image is already present at store \'file\'');
      }
      if (image.status === 'active') throw explained(409, 'Image with status active cannot be target for import');
      if (image.status !== 'queued' && name === 'web-download') throw explained(409, "Image needs to be in 'queued' state to use 'web-download' method");
      if (name === 'glance-direct' && (image.status !== 'uploading' || !image.staged)) {
        throw explained(409, "Image needs to be staged before 'glance-direct' method can be used");
      }
      if (!image.container_format) throw explained(400, "'container_format' needs to be set before import");
      if (!image.disk_format) throw explained(400, "'disk_format' needs to be set before import");
      if (name === 'web-download') {
        const uri = method.uri;
        if (typeof uri !== 'string' || !uriPassesFilter(uri)) throw explained(400, `URI for web-download does not pass filtering: ${String(uri)}`);
      }
      const taskId = runtime.ids.uuid();
      const at = now();
      db.transaction(() => {
        tasks.insert({
          id: taskId, image_id: id, type: 'api_image_import', status: 'processing',
          input: JSON.stringify({ image_id: id, import_req: b, backend: null }), result: null, message: '', owner: image.owner, created_at: at, updated_at: at,
        });
        images.setProperty(id, 'os_glance_import_task', taskId);
      })();
      // the import runs as glance's task flow: after the 202
      void track(whileBusy(id, () => runImport(id, taskId, name)));
    },

    deactivate(caller, id) {
      db.transaction(() => {
        const image = visible(caller, id);
        mutable(caller, image);
        if (image.status === 'deactivated') return;
        if (image.status !== 'active') throw explained(403, `Not allowed to deactivate image in status '${image.status}'`);
        setStatus(image, 'deactivated');
      })();
    },

    reactivate(caller, id) {
      db.transaction(() => {
        const image = visible(caller, id);
        mutable(caller, image);
        if (image.status === 'active') return;
        if (image.status !== 'deactivated') throw explained(403, `Not allowed to reactivate image in status '${image.status}'`);
        setStatus(image, 'active');
      })();
    },

    addTag(caller, id, tag) {
      db.transaction(() => {
        const image = visible(caller, id);
        mutable(caller, image);
        const invalid = schemaError('image', { tags: [tag] });
        if (invalid) throw invalid;
        if (!image.tags.includes(tag) && image.tags.length + 1 > TAG_QUOTA) {
          throw explained(413, `Maximum number of tags exceeded. Attempted: ${image.tags.length + 1}, Maximum: ${TAG_QUOTA}`);
        }
        images.addTag(id, tag);
        images.update(id, { updated_at: now() });
      })();
    },

    removeTag(caller, id, tag) {
      db.transaction(() => {
        const image = visible(caller, id);
        mutable(caller, image);
        if (!images.removeTag(id, tag)) throw detailed(404, '');
        images.update(id, { updated_at: now() });
      })();
    },

    listMembers(caller, id) {
      const image = memberImage(caller, id);
      if (image.visibility !== 'shared') throw explained(403, `Not allowed to list members for image ${id}: Only shared images have members.`);
      const all = members.list(id);
      if (caller.isAdmin || (caller.owner !== null && image.owner === caller.owner)) return all;
      return all.filter((m) => m.member === caller.owner);
    },

    showMember(caller, id, member) {
      const image = memberImage(caller, id);
      // show turns every Forbidden into a 404 (no information leak)
      if (image.visibility !== 'shared') throw explained(404, 'Only shared images have members.');
      const row = members.get(id, member);
      const allowed = caller.isAdmin || (caller.owner !== null && (image.owner === caller.owner || member === caller.owner));
      if (!allowed) throw explained(404, `You are not authorized to lookup the members of the image ${id}.`);
      if (!row) throw explained(404, `${member} not found in the member list of the image ${id}.`);
      return row;
    },

    addMember(caller, id, body) {
      if (body === undefined) throw explained(400, 'Body expected in request.');
      if (body === null || typeof body !== 'object') throw explained(400, 'Expected a member in the form: {"member": "image_id"}');
      const b = body as Record<string, unknown>;
      if (Array.isArray(b) || !('member' in b)) throw explained(400, 'Member to be added not specified');
      const member = b.member;
      if (!member) throw explained(400, "Member can't be empty");
      if (typeof member !== 'string') throw explained(400, 'Expected a member in the form: {"member": "image_id"}');
      return db.transaction(() => {
        const image = memberImage(caller, id);
        const notAllowed = explained(403, `Not allowed to create members for image ${id}.`);
        if (image.visibility !== 'shared') throw notAllowed;
        if (!caller.isAdmin && (caller.owner === null || image.owner !== caller.owner)) throw notAllowed;
        if (members.get(id, member)) throw explained(409, `Member ${member} is duplicated for image ${id}`);
        if (members.count(id) + 1 > MEMBER_QUOTA) {
          throw explained(413, `Image member limit exceeded for image ${id}: Maximum number of image members exceeded. Attempted: ${members.count(id) + 1}, Maximum: ${MEMBER_QUOTA}:`);
        }
        const at = now();
        const row: MemberRow = { image_id: id, member, status: 'pending', created_at: at, updated_at: at };
        members.insert(row);
        return row;
      })();
    },

    updateMember(caller, id, member, body) {
      if (body === undefined) throw explained(400, 'Body expected in request.');
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw explained(400, 'Expected a status in the form: {"status": "status"}');
      const b = body as Record<string, unknown>;
      if (!('status' in b)) throw explained(400, 'Status not specified');
      const status = b.status;
      return db.transaction(() => {
        const image = memberImage(caller, id);
        const notAllowed = explained(403, `Not allowed to update members for image ${id}.`);
        if (image.visibility !== 'shared') throw notAllowed;
        // the owner shares; only the member (or an admin) accepts or rejects
        if (!caller.isAdmin && caller.owner === image.owner) throw notAllowed;
        const row = members.get(id, member);
        if (!row || (!caller.isAdmin && member !== caller.owner)) throw explained(404, `${member} not found in the member list of the image ${id}.`);
        if (!['pending', 'accepted', 'rejected'].includes(status as string)) {
          throw explained(400, 'Incorrect request: Status must be "pending", "accepted" or "rejected".');
        }
        members.setStatus(id, member, status as MemberStatus, now());
        return members.get(id, member)!;
      })();
    },

    removeMember(caller, id, member) {
      db.transaction(() => {
        const image = memberImage(caller, id);
        const notAllowed = explained(403, `Not allowed to delete members for image ${id}.`);
        if (image.visibility !== 'shared') throw notAllowed;
        if (!caller.isAdmin && caller.owner !== image.owner) throw notAllowed;
        if (!members.remove(id, member)) throw explained(404, `${member} not found in the member list of the image ${id}.`);
      })();
    },

    listTasks(caller, id) {
      const image = images.get(id);
      if (!image || !canSee(image, caller, (imageId) => (caller.owner === null ? undefined : members.get(imageId, caller.owner)))) {
        throw explained(404, 'The resource could not be found.');
      }
      return tasks.listForImage(id);
    },

    createTask(caller, body) {
      tasksApiAccess(caller);
      if (body === undefined) throw explained(400, 'Body expected in request.');
      // glance would fail with an AttributeError (500) on a body that is not an object; answer 400
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw explained(400, `Provided object does not match schema 'task': ${JSON.stringify(body)} is not of type 'object'`);
      }
      const reason = validateJson(TASK_SCHEMA, body);
      if (reason !== null) throw explained(400, `Provided object does not match schema 'task': ${reason}`);
      const b = body as { type?: unknown; input?: unknown };
      if (b.type === undefined) throw explained(400, "Provided object does not match schema 'task': 'type' is a required property");
      if (b.input === undefined) throw explained(400, "Provided object does not match schema 'task': 'input' is a required property");
      const at = now();
      const row: TaskRow = {
        id: runtime.ids.uuid(), image_id: '', type: String(b.type), status: 'pending', input: JSON.stringify(b.input), result: null,
        message: '', owner: caller.owner, created_at: at, updated_at: at,
      };
      tasks.insert(row);
      // the import flow fetches import_from first: without a route out it fails there
      void track((async () => {
        await Promise.resolve();
        const from = (b.input as { import_from?: unknown } | null)?.import_from;
        tasks.finish(row.id, 'failure', `Unable to fetch ${String(from)}: <urlopen error [Errno -3] Temporary failure in name resolution>`, now());
      })());
      return row;
    },

    getTask(caller, id) {
      tasksApiAccess(caller);
      const row = tasks.get(id);
      if (!row) throw explained(404, `Task with the given id ${id} was not found`);
      return row;
    },

    allTasks(caller, limit, marker) {
      tasksApiAccess(caller);
      let rows = tasks.list();
      if (marker !== null) {
        const at = rows.findIndex((t) => t.id === marker);
        if (at < 0) throw explained(400, `Task with the given id ${marker} was not found`);
        rows = rows.slice(at + 1);
      }
      const page = rows.slice(0, limit ?? 25);
      return { tasks: page, nextMarker: page.length && page.length === (limit ?? 25) ? page.at(-1)!.id : null };
    },

    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },

    strandedImages() {
      return images.listInStatus(TRANSIENT_STATUSES)
        .filter((i) => !busy.has(i.id) && !(i.status === 'uploading' && i.staged));
    },

    reset() {
      db.transaction(() => {
        images.deleteAll();
        seed();
      })();
      blobs.clear();
    },
  };

  /** The api_image_import flow: uploading/queued -> importing -> active, or back to queued on failure. */
  async function runImport(id: string, taskId: string, method: string): Promise<void> {
    await Promise.resolve();
    const fail = (message: string) => db.transaction(() => {
      const cur = images.get(id);
      if (cur) {
        if (cur.status === 'importing' || cur.status === 'uploading') setStatus(cur, 'queued', { staged: false });
        images.removeProperty(id, 'os_glance_import_task');
      }
      tasks.finish(taskId, 'failure', message, now());
    })();
    const started = db.transaction(() => {
      const cur = images.get(id);
      if (!cur) return null;
      setStatus(cur, 'importing');
      return cur;
    });
    let image: ImageRow | null;
    try { image = started(); } catch { fail('Image status changed during import'); return; }
    if (!image) { tasks.finish(taskId, 'failure', `Image ${id} could not be found after import.`, now()); return; }
    if (method === 'web-download') {
      // no route out of this deployment: urlopen fails as it would without internet
      fail('<urlopen error [Errno 101] Network is unreachable>');
      return;
    }
    let written;
    try {
      written = await blobs.write('images', id, blobs.read('staging', id), opts.sizeCap);
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
      return;
    }
    db.transaction(() => {
      const cur = images.get(id);
      if (!cur || cur.status !== 'importing') {
        blobs.remove('images', id);
        tasks.finish(taskId, 'failure', `Image ${id} could not be found after import.`, now());
        return;
      }
      setStatus(cur, 'active', {
        size: written.size, checksum: written.md5, os_hash_algo: 'sha512', os_hash_value: written.sha512, staged: false,
        virtual_size: cur.disk_format === 'raw' || cur.disk_format === 'iso' ? written.size : null,
      });
      images.removeProperty(id, 'os_glance_import_task');
      tasks.finish(taskId, 'success', '', now());
    })();
    blobs.remove('staging', id);
  }

  return service;
}

/** webob Range: one 'bytes=a-b' / 'bytes=a-' / 'bytes=-n' range, 416 outside the data. */
function parseRange(header: string, size: number): { start: number; end: number } {
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) throw detailed(416, 'Invalid Range header.');
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > size - 1 || start > end) {
    throw detailed(416, `Invalid start position in Range header. Start position MUST be in the inclusive range [0, ${size - 1}].`);
  }
  return { start, end };
}

/** utils.validate_import_uri with the default filters: http(s) on ports 80/443 to a host that resolves. */
function uriPassesFilter(uri: string): boolean {
  let url: URL;
  try { url = new URL(uri); } catch { return false; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
  if (port !== 80 && port !== 443) return false;
  // no DNS in this deployment: only an address literal resolves
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname) || url.hostname.startsWith('[');
}
