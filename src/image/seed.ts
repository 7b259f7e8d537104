// The images every cloud starts with: nova's functional-test glance fixture
// (image-catalogue.ts), as public active images owned by no project.
import { IMAGES, IMAGE_TIMESTAMP } from './image-catalogue.js';
import type { ImageRow } from './store/images-store.js';

export interface SeedImage {
  row: ImageRow;
  properties: Record<string, string | null>;
  tags: string[];
}

export const SEED_IMAGES: readonly SeedImage[] = IMAGES.map((i) => ({
  row: {
    id: i.id, name: i.name, status: i.status, visibility: i.visibility, protected: i.protected, os_hidden: false,
    checksum: null, os_hash_algo: null, os_hash_value: null, owner: null, size: i.size, virtual_size: null,
    container_format: i.containerFormat, disk_format: i.diskFormat, min_ram: i.minRam, min_disk: i.minDisk,
    created_at: IMAGE_TIMESTAMP, updated_at: IMAGE_TIMESTAMP, staged: false,
  },
  properties: { ...i.properties },
  tags: [...i.tags],
}));
