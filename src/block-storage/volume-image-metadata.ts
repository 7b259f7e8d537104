// A volume's image metadata (cinder/api/contrib/volume_image_metadata.py: the
// os-set_image_metadata, os-unset_image_metadata and os-show_image_metadata actions over
// volume_glance_metadata).
import { ApiError } from '../http/api-error.js';
import { CinderErrors as E } from './errors.js';
import type { BlockStorageService, Caller } from './block-storage-service.js';

const notFound = (id: string) => new ApiError(404, null, `Glance metadata for volume/snapshot ${id} cannot be found.`);

/** volume_glance_metadata_get: none at all is GlanceMetadataNotFound. */
export function volumeImageMetadata(svc: BlockStorageService, c: Caller, id: string): Record<string, string> {
  const v = svc.getVolume(c, id);
  if (!v.imageMetadata || !Object.keys(v.imageMetadata).length) throw notFound(id);
  return { ...v.imageMetadata };
}

/** update_volume_metadata(meta_type=image, delete=False): merged; the whole set answered. */
export function setVolumeImageMetadata(svc: BlockStorageService, c: Caller, id: string, md: Readonly<Record<string, string>>): Record<string, string> {
  const v = svc.getVolume(c, id);
  if (v.status === 'maintenance') throw E.invalidVolume('Updating volume metadata is not allowed for volumes in maintenance status.');
  const next = { ...(v.imageMetadata ?? {}), ...md };
  svc.store.updateVolume(id, { imageMetadata: next }, svc.runtime.clock.now().toISOString());
  return next;
}

export function unsetVolumeImageMetadata(svc: BlockStorageService, c: Caller, id: string, key: string): void {
  const v = svc.getVolume(c, id);
  if (!v.imageMetadata || !(key in v.imageMetadata)) throw notFound(id);
  if (v.status === 'maintenance') throw E.invalidVolume('Deleting volume metadata is not allowed for volumes in maintenance status.');
  const { [key]: _gone, ...rest } = v.imageMetadata;
  svc.store.updateVolume(id, { imageMetadata: rest }, svc.runtime.clock.now().toISOString());
}
