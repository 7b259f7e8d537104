// The block-storage client compute uses: in-process by default, HTTP when VOLUME_URL is set.
import type { BlockStorageService } from '../block-storage/block-storage-service.js';
import { BlockStorageClient } from './block-storage-client.js';
import { createHttpTransport } from './http-transport.js';
import { createInProcessTransport } from './in-process-transport.js';

export { BlockStorageClient } from './block-storage-client.js';
export type { AttachmentInfo, NewVolume, SnapshotInfo, VolumeInfo, VolumeCallContext } from './block-storage-client.js';

export function createBlockStorageClient(service: BlockStorageService, volumeUrl: string | null): BlockStorageClient {
  return new BlockStorageClient(volumeUrl ? createHttpTransport(volumeUrl) : createInProcessTransport(service));
}
