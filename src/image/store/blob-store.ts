// Image data: glance_store's file store in a directory next to the database file, or in
// memory for ':memory:'. Data is written under a temporary name and renamed once complete, so
// a crash mid-upload leaves no half image under the image's name. Two areas, as glance has:
// 'images' (the store) and 'staging' (node_staging_uri, for the interoperable import).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';

export type BlobArea = 'images' | 'staging';

export interface WrittenBlob {
  size: number;
  /** md5 hex (glance's legacy `checksum`) */
  md5: string;
  /** sha512 hex (glance's default os_hash_algo) */
  sha512: string;
}

export class SizeCapExceeded extends Error {
  constructor(readonly cap: number) { super(`image data larger than ${cap} bytes`); }
}

export interface BlobStore {
  /** Stream data in; throws SizeCapExceeded (nothing kept) when more than `cap` bytes arrive. */
  write(area: BlobArea, id: string, data: Readable | Buffer, cap: number): Promise<WrittenBlob>;
  size(area: BlobArea, id: string): number | null;
  /** Bytes start..end inclusive (the whole blob without a range). */
  read(area: BlobArea, id: string, range?: { start: number; end: number }): Readable;
  /** Move staged data into the store (the import's last step). */
  promote(id: string): void;
  remove(area: BlobArea, id: string): void;
  clear(): void;
}

/** Counts, hashes and bounds what flows through it. */
class Metered extends Transform {
  size = 0;
  private readonly md5 = createHash('md5');
  private readonly sha = createHash('sha512');
  constructor(private readonly cap: number) { super(); }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.cap) { done(new SizeCapExceeded(this.cap)); return; }
    this.md5.update(chunk);
    this.sha.update(chunk);
    done(null, chunk);
  }
  digest(): WrittenBlob { return { size: this.size, md5: this.md5.digest('hex'), sha512: this.sha.digest('hex') }; }
}

const asStream = (data: Readable | Buffer): Readable => (Buffer.isBuffer(data) ? Readable.from([data]) : data);

/**
 * source -> meter -> sink. Unlike stream.pipeline, a failure leaves the source undestroyed (only
 * unpiped): the source is the client's request, and its connection must stay open for the 413.
 */
function meterInto(source: Readable, meter: Metered, sink: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(meter);
      meter.destroy();
      (sink as unknown as { destroy?: () => void }).destroy?.();
      reject(err);
    };
    source.once('error', fail);
    source.once('aborted', () => fail(new Error('request aborted')));
    meter.once('error', fail);
    sink.once('error', fail);
    sink.once('finish', () => { if (!settled) { settled = true; resolve(); } });
    source.pipe(meter).pipe(sink);
  });
}

export function createMemoryBlobStore(): BlobStore {
  const areas: Record<BlobArea, Map<string, Buffer>> = { images: new Map(), staging: new Map() };
  return {
    async write(area, id, data, cap) {
      const meter = new Metered(cap);
      const chunks: Buffer[] = [];
      const sink = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
      await meterInto(asStream(data), meter, sink);
      areas[area].set(id, Buffer.concat(chunks));
      return meter.digest();
    },
    size: (area, id) => areas[area].get(id)?.length ?? null,
    read(area, id, range) {
      const buf = areas[area].get(id) ?? Buffer.alloc(0);
      return Readable.from([range ? buf.subarray(range.start, range.end + 1) : buf]);
    },
    promote(id) {
      const buf = areas.staging.get(id);
      if (buf) { areas.images.set(id, buf); areas.staging.delete(id); }
    },
    remove(area, id) { areas[area].delete(id); },
    clear() { areas.images.clear(); areas.staging.clear(); },
  };
}

export function createFileBlobStore(root: string): BlobStore {
  const dir = (area: BlobArea) => join(root, area);
  for (const area of ['images', 'staging'] as const) mkdirSync(dir(area), { recursive: true });
  const path = (area: BlobArea, id: string) => join(dir(area), id);
  let counter = 0;
  return {
    async write(area, id, data, cap) {
      const tmp = `${path(area, id)}.part${++counter}`;
      const meter = new Metered(cap);
      try {
        await meterInto(asStream(data), meter, createWriteStream(tmp));
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
      renameSync(tmp, path(area, id));
      return meter.digest();
    },
    size(area, id) {
      try { return statSync(path(area, id)).size; } catch { return null; }
    },
    read(area, id, range) {
      if (!existsSync(path(area, id))) return Readable.from([Buffer.alloc(0)]);
      return createReadStream(path(area, id), range ? { start: range.start, end: range.end } : {});
    },
    promote(id) {
      if (existsSync(path('staging', id))) renameSync(path('staging', id), path('images', id));
    },
    remove(area, id) { rmSync(path(area, id), { force: true }); },
    clear() {
      for (const area of ['images', 'staging'] as const) {
        rmSync(dir(area), { recursive: true, force: true });
        mkdirSync(dir(area), { recursive: true });
      }
    },
  };
}
