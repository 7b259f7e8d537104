// compute/api.py _handle_kernel_and_ramdisk: the kernel and ramdisk an instance gets from its
// image's properties at create and rebuild. 'nokernel' means neither; an id is looked up in the
// image service (instance.kernel_id = the id of the image found, else the id as given).
import type { BootImage } from '../../image-client/boot-image.js';

export interface KernelAndRamdisk { kernelId: string; ramdiskId: string }

export async function kernelAndRamdisk(image: BootImage, lookup: (id: string) => Promise<BootImage | null>): Promise<KernelAndRamdisk> {
  const kernel = image.properties.kernel_id ?? null;
  const ramdisk = image.properties.ramdisk_id ?? null;
  if (kernel === 'nokernel') return { kernelId: '', ramdiskId: '' };
  return {
    kernelId: kernel ? ((await lookup(kernel))?.id ?? kernel) : '',
    ramdiskId: ramdisk ? ((await lookup(ramdisk))?.id ?? ramdisk) : '',
  };
}
