// The image client compute uses: in-process by default, HTTP when IMAGE_URL is set.
import type { ImageService } from '../image/image-service.js';
import { ImageClient } from './image-client.js';
import { createHttpTransport } from './http-transport.js';
import { createInProcessTransport } from './in-process-transport.js';

export { ImageClient, imageMetaFrom } from './image-client.js';
export type { ImageCallContext, ImageListQuery, ImageMeta, NewImage } from './image-client.js';

export function createImageClient(service: ImageService, imageUrl: string | null): ImageClient {
  return new ImageClient(imageUrl ? createHttpTransport(imageUrl) : createInProcessTransport(service));
}
