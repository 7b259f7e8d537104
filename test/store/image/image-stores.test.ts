// The image stores over SQL and the file/memory blob stores: status compare-and-set, deleted
// rows keeping their id, streamed writes with checksums, ranges, and the size cap leaving nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDatabase } from '../../../src/db/open-database.js';
import { createImagesStore, type ImageRow } from '../../../src/image/store/images-store.js';
import { createFileBlobStore, createMemoryBlobStore, SizeCapExceeded } from '../../../src/image/store/blob-store.js';

const row = (id: string): ImageRow => ({
  id, name: 'n', status: 'queued', visibility: 'private', protected: false, os_hidden: false, checksum: null, os_hash_algo: null,
  os_hash_value: null, owner: 'p', size: null, virtual_size: null, container_format: 'bare', disk_format: 'raw', min_ram: 0, min_disk: 0,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', staged: false,
});

describe('images store', () => {
  it('inserts with properties and tags, compares-and-sets the status, and keeps deleted ids', () => {
    const db = openDatabase(':memory:');
    const s = createImagesStore(db);
    s.insert(row('i1'), { a: '1', kernel_id: null }, ['t1', 't2']);
    expect(s.get('i1')).toMatchObject({ status: 'queued', properties: { a: '1', kernel_id: null }, tags: ['t1', 't2'], protected: false });
    expect(s.transition('i1', 'queued', 'saving')).toBe(true);
    expect(s.transition('i1', 'queued', 'saving')).toBe(false);
    expect(s.transition('i1', 'saving', 'active', { size: 3 })).toBe(true);
    expect(s.get('i1')).toMatchObject({ status: 'active', size: 3 });
    expect(s.listInStatus(['active']).map((r) => r.id)).toEqual(['i1']);
    s.markDeleted('i1', '2026-01-02T00:00:00Z');
    expect(s.get('i1')).toBeUndefined();
    expect(s.exists('i1')).toBe(true);
    expect(s.listLive()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM image_properties').pluck().get()).toBe(0);
  });
});

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe.each([
  ['memory', () => createMemoryBlobStore()],
  ['file', () => { const d = mkdtempSync(join(tmpdir(), 'novamock-blobs-')); dirs.push(d); return createFileBlobStore(d); }],
])('%s blob store', (_name, make) => {
  const read = async (r: Readable) => { const c: Buffer[] = []; for await (const x of r) c.push(x as Buffer); return Buffer.concat(c).toString(); };

  it('streams data in with its size and hashes, and reads ranges back', async () => {
    const store = make();
    const data = Readable.from([Buffer.from('hello '), Buffer.from('world')]);
    const w = await store.write('images', 'x', data, 100);
    expect(w).toEqual({ size: 11, md5: createHash('md5').update('hello world').digest('hex'), sha512: createHash('sha512').update('hello world').digest('hex') });
    expect(store.size('images', 'x')).toBe(11);
    expect(await read(store.read('images', 'x', { start: 6, end: 10 }))).toBe('world');
    expect(await read(store.read('images', 'x'))).toBe('hello world');
  });

  it('keeps nothing when the cap is exceeded, and promotes staged data', async () => {
    const store = make();
    await expect(store.write('images', 'big', Buffer.alloc(101), 100)).rejects.toBeInstanceOf(SizeCapExceeded);
    expect(store.size('images', 'big')).toBeNull();
    await store.write('staging', 's', Buffer.from('abc'), 100);
    store.promote('s');
    expect(store.size('staging', 's')).toBeNull();
    expect(store.size('images', 's')).toBe(3);
  });
});

it('the file store leaves no partial file behind', async () => {
  const d = mkdtempSync(join(tmpdir(), 'novamock-blobs-'));
  dirs.push(d);
  const store = createFileBlobStore(d);
  await expect(store.write('images', 'p', Buffer.alloc(50), 10)).rejects.toBeInstanceOf(SizeCapExceeded);
  expect(readdirSync(join(d, 'images'))).toEqual([]);
});
