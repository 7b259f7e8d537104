// compute/api.py _handle_kernel_and_ramdisk: the kernel and ramdisk an instance gets from its
// image's properties at create and rebuild. 'nokernel' means neither; an id is looked up in the
// image service (an unknown one would be ImageNotFound; the catalogue's images name known ones).
import { findImage, type ImageRecord } from '../../image/image-catalogue.js';

export interface KernelAndRamdisk { kernelId: string; ramdiskId: string }

export function kernelAndRamdisk(image: ImageRecord): KernelAndRamdisk {
  const kernel = image.properties.kernel_id ?? null;
  const ramdisk = image.properties.ramdisk_id ?? null;
  if (kernel === 'nokernel') return { kernelId: '', ramdiskId: '' };
  // instance.kernel_id = kernel_id or "": the id of the image found
  return { kernelId: kernel ? (findImage(kernel)?.id ?? kernel) : '', ramdiskId: ramdisk ? (findImage(ramdisk)?.id ?? ramdisk) : '' };
}
