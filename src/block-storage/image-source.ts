// What the block-storage service needs to know about an image to create a volume from it
// (cinder's glance client: status, size, min_disk, formats, name). A narrow interface so the
// image service's typed client can replace the seeded catalogue without touching the volume code.
import { findImage } from '../image/image-catalogue.js';

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

export interface VolumeImageSource {
  /** The image when the caller may see it, else null (cinder then answers "Invalid image identifier"). */
  getImage(id: string): Promise<VolumeImageInfo | null>;
}

/** The seeded image catalogue (src/image/image-catalogue.ts). */
export const catalogueImageSource: VolumeImageSource = {
  async getImage(id) {
    const i = findImage(id);
    if (!i) return null;
    return {
      id: i.id, name: i.name, status: i.status, size: i.size, minDisk: i.minDisk, minRam: i.minRam,
      diskFormat: i.diskFormat, containerFormat: i.containerFormat, checksum: null,
    };
  },
};
