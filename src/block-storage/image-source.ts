// What the block-storage service needs to know about an image to create a volume from it
// (cinder's glance client: status, size, min_disk, formats, name). A narrow interface over the
// image service's typed client (cinder reaches glance only through its client).
import type { ImageClient } from '../image-client/index.js';

export interface VolumeImageInfo {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly size: number;
  readonly minDisk: number;
  readonly minRam: number;
  readonly diskFormat: string;
  readonly containerFormat: string;
  readonly checksum: string | null;
}

/** Who asks (cinder passes the request's context to glance). */
export interface ImageCaller { readonly userId: string; readonly projectId: string; readonly isAdmin?: boolean }

/** What os-volume_upload_image asks glance to create. */
export interface NewVolumeImage {
  readonly name: string;
  readonly containerFormat: string;
  readonly diskFormat: string;
  readonly visibility?: string;
  readonly protected?: boolean;
}

export interface CreatedVolumeImage {
  readonly id: string;
  readonly name: string | null;
  readonly containerFormat: string | null;
  readonly diskFormat: string | null;
  readonly visibility: string;
  readonly protected: boolean;
}

export interface VolumeImageSource {
  /** The image when the caller may see it, else null (cinder then answers "Invalid image identifier"). */
  getImage(id: string, caller: ImageCaller): Promise<VolumeImageInfo | null>;
  /** image_service.create: a queued image record (throws with glance's reason when refused). */
  createImage(meta: NewVolumeImage, caller: ImageCaller): Promise<CreatedVolumeImage>;
  /** The volume driver's copy_volume_to_image: the volume's bytes become the image's data. */
  uploadImage(id: string, data: Buffer, caller: ImageCaller): Promise<void>;
  /** The manager's _delete_image: the image goes if it is still queued or saving. */
  deleteImageIfUnfinished(id: string, caller: ImageCaller): Promise<void>;
}

/** Through the image service's typed client (cinder/image/glance.py over glance v2). */
export function imageClientSource(client: ImageClient): VolumeImageSource {
  // cinder passes the request's context (its roles) on to glance
  const ctx = (caller: ImageCaller) => ({ token: `${caller.userId}:${caller.projectId}`, ...(caller.isAdmin ? { roles: ['admin', 'member', 'reader'] } : {}) });
  return {
    async createImage(meta, caller) {
      const i = await client.create(ctx(caller), {
        name: meta.name, containerFormat: meta.containerFormat, diskFormat: meta.diskFormat,
        ...(meta.visibility !== undefined ? { visibility: meta.visibility } : {}), ...(meta.protected !== undefined ? { protected: meta.protected } : {}),
      });
      return { id: i.id, name: i.name, containerFormat: i.containerFormat, diskFormat: i.diskFormat, visibility: i.visibility, protected: i.protected };
    },
    async uploadImage(id, data, caller) { await client.upload(ctx(caller), id, data); },
    async deleteImageIfUnfinished(id, caller) {
      const i = await client.find(ctx(caller), id);
      if (i && (i.status === 'queued' || i.status === 'saving')) await client.delete(ctx(caller), id);
    },
    async getImage(id, caller) {
      const i = await client.find(ctx(caller), id);
      if (!i) return null;
      return {
        id: i.id, name: i.name ?? '', status: i.status, size: i.size ?? 0, minDisk: i.minDisk, minRam: i.minRam,
        diskFormat: i.diskFormat ?? '', containerFormat: i.containerFormat ?? '', checksum: i.checksum,
      };
    },
  };
}

/** No image service wired (a block-storage service built alone, as in unit tests): no image is known. */
export const noImageSource: VolumeImageSource = {
  async getImage() { return null; },
  async createImage() { throw new Error('no image service'); },
  async uploadImage() { throw new Error('no image service'); },
  async deleteImageIfUnfinished() { /* nothing was made */ },
};
