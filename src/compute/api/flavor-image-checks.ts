// compute/api.py _validate_flavor_image_nostatus for an image-backed server: does the image fit
// the flavor (min_ram, size and min_disk against root_gb), and may the caller use a zero-disk
// flavor. Create and rebuild answer these the same way (servers.py: 400, the zero-disk one 403).
import { ApiError } from '../../http/api-error.js';
import type { BootImage } from '../../image-client/boot-image.js';
import type { FlavorRecord, RequestContext } from '../../compute-db/records.js';

const GiB = 1024 ** 3;

/** _validate_flavor_image_nostatus for an image-backed server (INVALID_FLAVOR_IMAGE_EXCEPTIONS: 400). */
export function checkFlavorImage(ctx: RequestContext, flavor: FlavorRecord, image: BootImage): void {
  if (flavor.memoryMb < image.minRam) throw new ApiError(400, null, "Flavor's memory is too small for requested image.");
  const dest = flavor.rootGb * GiB;
  const minDisk = image.minDisk * GiB;
  if (dest === 0) {
    // compute:servers:create:zero_disk_flavor is admin-only by default; a Forbidden that
    // _action_rebuild does not translate, so its own code (403) answers
    if (!ctx.isAdmin) throw new ApiError(403, null, 'Only volume-backed servers are allowed for flavors with zero disk.');
    return;
  }
  if (image.size > dest) throw new ApiError(400, null, `Flavor's disk is too small for requested image. Flavor disk is ${dest} bytes, image is ${image.size} bytes.`);
  if (minDisk > dest) {
    throw new ApiError(400, null, `Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is ${dest} bytes, minimum size is ${minDisk} bytes.`);
  }
}

/** utils.SM_INHERITABLE_KEYS: the image attributes an instance keeps in its system metadata. */
const INHERITABLE = ['min_ram', 'min_disk', 'disk_format', 'container_format'] as const;

/**
 * utils.get_system_metadata_from_image(image, flavor) for the inheritable keys (image_<key>):
 * min_disk becomes max(image min_disk, flavor root_gb) (the flavor's for a vhd image), which is
 * why a server can later not be resized below the root disk it was booted with.
 */
export function imageSystemMetadata(image: BootImage, flavor: FlavorRecord): Record<string, string> {
  const value: Record<(typeof INHERITABLE)[number], string> = {
    min_ram: String(image.minRam),
    min_disk: String(image.diskFormat === 'vhd' ? flavor.rootGb : Math.max(image.minDisk, flavor.rootGb)),
    disk_format: image.diskFormat,
    container_format: image.containerFormat,
  };
  return Object.fromEntries(INHERITABLE.map((k) => [`image_${k}`, value[k]]));
}

/**
 * API.resize to another flavor (image-backed): _validate_flavor_image_nostatus against the image
 * rebuilt from the instance's system metadata (utils.get_image_from_system_metadata, which has
 * no size), so only min_ram and min_disk are checked.
 */
export function checkResizeFlavor(flavor: FlavorRecord, systemMetadata: Readonly<Record<string, string>>): void {
  const minRam = Number(systemMetadata.image_min_ram ?? 0) || 0;
  if (flavor.memoryMb < minRam) throw new ApiError(400, null, "Flavor's memory is too small for requested image.");
  const dest = flavor.rootGb * GiB;
  const minDisk = (Number(systemMetadata.image_min_disk ?? 0) || 0) * GiB;
  if (dest !== 0 && minDisk > dest) {
    throw new ApiError(400, null, `Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is ${dest} bytes, minimum size is ${minDisk} bytes.`);
  }
}
