// SQL over glance's image tables (images, image_properties, image_tags). No transactions here:
// the caller (image-service.ts) owns them.
import type { Db } from '../../db/open-database.js';

export type ImageStatus = 'queued' | 'saving' | 'active' | 'killed' | 'deleted' | 'uploading' | 'importing' | 'pending_delete' | 'deactivated';
export type Visibility = 'public' | 'private' | 'shared' | 'community';

/** The base attributes glance keeps as columns. */
export interface ImageRow {
  id: string;
  name: string | null;
  status: ImageStatus;
  visibility: Visibility;
  protected: boolean;
  os_hidden: boolean;
  checksum: string | null;
  os_hash_algo: string | null;
  os_hash_value: string | null;
  owner: string | null;
  size: number | null;
  virtual_size: number | null;
  container_format: string | null;
  disk_format: string | null;
  min_ram: number;
  min_disk: number;
  created_at: string;
  updated_at: string;
  staged: boolean;
}

export interface ImageRecord extends ImageRow {
  /** Extra properties, in the order they were set. */
  properties: Record<string, string | null>;
  tags: string[];
}

type RawRow = Omit<ImageRow, 'protected' | 'os_hidden' | 'staged'> & { protected: number; os_hidden: number; staged: number };

const COLUMNS = ['id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value',
  'owner', 'size', 'virtual_size', 'container_format', 'disk_format', 'min_ram', 'min_disk', 'created_at', 'updated_at', 'staged'] as const;

/** The columns an update may set (everything but the id and created_at). */
export type ImageRowChange = Partial<Omit<ImageRow, 'id' | 'created_at'>>;

function fromRaw(r: RawRow): ImageRow {
  return { ...r, protected: r.protected === 1, os_hidden: r.os_hidden === 1, staged: r.staged === 1 };
}

function toSql(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

export interface ImagesStore {
  insert(row: ImageRow, properties: Record<string, string | null>, tags: readonly string[]): void;
  /** A live (not deleted) image. */
  get(id: string): ImageRecord | undefined;
  /** True when the id was ever used, deleted images included (glance refuses to reuse it). */
  exists(id: string): boolean;
  update(id: string, change: ImageRowChange): void;
  /** Compare-and-set on status: false when the image is no longer in `from`. */
  transition(id: string, from: ImageStatus, to: ImageStatus, change?: ImageRowChange): boolean;
  setProperty(id: string, name: string, value: string | null): void;
  removeProperty(id: string, name: string): void;
  addTag(id: string, tag: string): void;
  removeTag(id: string, tag: string): boolean;
  setTags(id: string, tags: readonly string[]): void;
  /** Every live image (the caller filters by visibility and query, as glance's repo does). */
  listLive(): ImageRecord[];
  /** Mark deleted and drop the properties/tags/members (glance's image_destroy). */
  markDeleted(id: string, at: string): void;
  /** Images in a status that should not last (audit). */
  listInStatus(statuses: readonly ImageStatus[]): ImageRow[];
  deleteAll(): void;
}

/** Rows whose first column is a unique integer (rowid, seq), in its order. */
const byFirst = (a: readonly unknown[], b: readonly unknown[]): number => (a[0] as number) - (b[0] as number);

export function createImagesStore(db: Db): ImagesStore {
  const insertRow = db.prepare(`INSERT INTO images (${COLUMNS.join(', ')}, seq) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM images))`);
  const getRow = db.prepare('SELECT * FROM images WHERE id = ? AND deleted = 0');
  const existsRow = db.prepare('SELECT 1 FROM images WHERE id = ?').pluck();
  const liveRows = db.prepare('SELECT * FROM images WHERE deleted = 0 ORDER BY seq');
  // Properties in insertion (rowid) order and tags in seq order, sorted here rather than by
  // ORDER BY: SQLite would sort them in a temp b-tree, whose page cache it allocates and touches
  // for every query (~20 fresh pages: page faults that cost more than the query itself).
  const propsOf = db.prepare('SELECT rowid, name, value FROM image_properties WHERE image_id = ?').raw();
  const allProps = db.prepare('SELECT p.image_id, p.name, p.value FROM image_properties p JOIN images i ON i.id = p.image_id WHERE i.deleted = 0 ORDER BY p.rowid');
  const tagsOf = db.prepare('SELECT seq, value FROM image_tags WHERE image_id = ?').raw();
  const allTags = db.prepare('SELECT t.image_id, t.value FROM image_tags t JOIN images i ON i.id = t.image_id WHERE i.deleted = 0 ORDER BY t.seq');
  const upsertProp = db.prepare('INSERT INTO image_properties (image_id, name, value) VALUES (?, ?, ?) ON CONFLICT (image_id, name) DO UPDATE SET value = excluded.value');
  const deleteProp = db.prepare('DELETE FROM image_properties WHERE image_id = ? AND name = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO image_tags (image_id, value, seq) VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM image_tags))');
  const deleteTag = db.prepare('DELETE FROM image_tags WHERE image_id = ? AND value = ?');
  const deleteTags = db.prepare('DELETE FROM image_tags WHERE image_id = ?');
  const deleteProps = db.prepare('DELETE FROM image_properties WHERE image_id = ?');
  const deleteMembers = db.prepare('DELETE FROM image_members WHERE image_id = ?');
  const markDeletedRow = db.prepare("UPDATE images SET deleted = 1, deleted_at = ?, updated_at = ?, status = 'deleted', staged = 0 WHERE id = ?");
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  const updateStmt = (keys: readonly string[], withStatusGuard: boolean) => {
    const sig = `${keys.join(',')}|${withStatusGuard}`;
    let stmt = updates.get(sig);
    if (!stmt) {
      stmt = db.prepare(`UPDATE images SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @__id AND deleted = 0${withStatusGuard ? ' AND status = @__from' : ''}`);
      updates.set(sig, stmt);
    }
    return stmt;
  };
  const assemble = (row: RawRow, properties: Record<string, string | null>, tags: string[]): ImageRecord => ({ ...fromRaw(row), properties, tags });
  const runUpdate = (id: string, change: ImageRowChange, from?: ImageStatus): number => {
    const keys = Object.keys(change).filter((k) => (COLUMNS as readonly string[]).includes(k));
    const params: Record<string, unknown> = { __id: id };
    for (const k of keys) params[k] = toSql((change as Record<string, unknown>)[k]);
    if (from !== undefined) params.__from = from;
    if (!keys.length) return from === undefined ? 1 : (getRow.get(id) as RawRow | undefined)?.status === from ? 1 : 0;
    return updateStmt(keys, from !== undefined).run(params).changes;
  };
  return {
    insert(row, properties, tags) {
      const params: Record<string, unknown> = {};
      for (const c of COLUMNS) params[c] = toSql(row[c]);
      insertRow.run(params);
      for (const [k, v] of Object.entries(properties)) upsertProp.run(row.id, k, v);
      for (const t of tags) insertTag.run(row.id, t);
    },
    get(id) {
      const row = getRow.get(id) as RawRow | undefined;
      if (!row) return undefined;
      const props: Record<string, string | null> = {};
      const propRows = propsOf.all(id) as [number, string, string | null][];
      for (const [, name, value] of propRows.sort(byFirst)) props[name] = value;
      const tagRows = tagsOf.all(id) as [number, string][];
      return assemble(row, props, tagRows.sort(byFirst).map((t) => t[1]));
    },
    exists: (id) => existsRow.get(id) !== undefined,
    update(id, change) { runUpdate(id, change); },
    transition(id, from, to, change = {}) {
      return runUpdate(id, { ...change, status: to }, from) === 1;
    },
    setProperty(id, name, value) { upsertProp.run(id, name, value); },
    removeProperty(id, name) { deleteProp.run(id, name); },
    addTag(id, tag) { insertTag.run(id, tag); },
    removeTag: (id, tag) => deleteTag.run(id, tag).changes === 1,
    setTags(id, tags) {
      deleteTags.run(id);
      for (const t of tags) insertTag.run(id, t);
    },
    listLive() {
      const props = new Map<string, Record<string, string | null>>();
      for (const p of allProps.all() as { image_id: string; name: string; value: string | null }[]) {
        let m = props.get(p.image_id);
        if (!m) props.set(p.image_id, m = {});
        m[p.name] = p.value;
      }
      const tags = new Map<string, string[]>();
      for (const t of allTags.all() as { image_id: string; value: string }[]) {
        let l = tags.get(t.image_id);
        if (!l) tags.set(t.image_id, l = []);
        l.push(t.value);
      }
      return (liveRows.all() as RawRow[]).map((r) => assemble(r, props.get(r.id) ?? {}, tags.get(r.id) ?? []));
    },
    markDeleted(id, at) {
      deleteProps.run(id);
      deleteTags.run(id);
      deleteMembers.run(id);
      markDeletedRow.run(at, at, id);
    },
    listInStatus(statuses) {
      if (!statuses.length) return [];
      return (db.prepare(`SELECT * FROM images WHERE deleted = 0 AND status IN (${statuses.map(() => '?').join(', ')}) ORDER BY seq`).all(...statuses) as RawRow[]).map(fromRaw);
    },
    deleteAll() {
      db.exec('DELETE FROM image_tasks; DELETE FROM image_members; DELETE FROM image_tags; DELETE FROM image_properties; DELETE FROM images');
    },
  };
}
