// How compute asks the image service about an image (nova's image_api.get through glance.py),
// in the shape the boot and rebuild checks read: formats and size as nova's _translate_from_glance
// gives them (None as '' / 0 for the checks).
import type { ImageCallContext, ImageClient, ImageMeta } from './index.js';

/** Who asks: the parts of compute's request context glance sees (nova passes its context on). */
export interface ImageCaller {
  readonly userId: string;
  readonly projectId: string;
  readonly roles: readonly string[];
}

export interface BootImage {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly containerFormat: string;
  readonly diskFormat: string;
  readonly size: number;
  readonly minRam: number;
  readonly minDisk: number;
  readonly properties: Readonly<Record<string, string | null>>;
}

/** The caller, passed on to the image service as nova passes the request context to glance. */
export function imageContext(ctx: ImageCaller): ImageCallContext {
  return { token: `${ctx.userId}:${ctx.projectId}`, roles: ctx.roles };
}

export function bootImageFrom(m: ImageMeta): BootImage {
  return {
    id: m.id, name: m.name ?? '', status: m.status, containerFormat: m.containerFormat ?? '', diskFormat: m.diskFormat ?? '',
    size: m.size ?? 0, minRam: m.minRam, minDisk: m.minDisk, properties: m.properties,
  };
}

/** image_api.get: the image, or null when the caller cannot see it (ImageNotFound). */
export async function findBootImage(images: ImageClient, ctx: ImageCaller, id: string): Promise<BootImage | null> {
  const m = await images.find(imageContext(ctx), id);
  return m ? bootImageFrom(m) : null;
}
