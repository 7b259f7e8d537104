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
export interface ImageCaller { readonly userId: string; readonly projectId: string }

export interface VolumeImageSource {
  /** The image when the caller may see it, else null (cinder then answers "Invalid image identifier"). */
  getImage(id: string, caller: ImageCaller): Promise<VolumeImageInfo | null>;
}

/** Through the image service's typed client (cinder/image/glance.py over glance v2). */
export function imageClientSource(client: ImageClient): VolumeImageSource {
  return {
    async getImage(id, caller) {
      const i = await client.find({ token: `${caller.userId}:${caller.projectId}` }, id);
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
};
