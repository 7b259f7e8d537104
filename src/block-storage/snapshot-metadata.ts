// Snapshot metadata (cinder/api/v3/snapshot_metadata.py, volume/api.py update_snapshot_metadata):
// no JSON schema there, assert_valid_body and utils.check_metadata_properties instead.
import { ApiError } from '../http/api-error.js';
import { CinderErrors as E } from './errors.js';
import type { BlockStorageService, Caller } from './block-storage-service.js';

/** wsgi.Controller.assert_valid_body: the entity must be there and be a dict. */
export function bodyEntity(body: unknown, entity: string): Record<string, unknown> {
  const v = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[entity] : undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw E.badRequest(`Missing required element '${entity}' in request body.`);
  return v as Record<string, unknown>;
}

/** utils.check_metadata_properties: strings, keys not empty; over 255 characters is a 413. */
function checkMetadata(md: Readonly<Record<string, unknown>>): Record<string, string> {
  for (const [k, v] of Object.entries(md)) {
    if (k.length < 1) throw E.badRequest(`Invalid metadata: Invalid input received: Metadata key: ${k} has 0 characters, less than 1.`);
    if (typeof v !== 'string') throw E.badRequest(`Invalid metadata: Invalid input received: Value for metadata key: ${k} is not a string or unicode`);
    if (k.length > 255) throw new ApiError(413, null, `Invalid metadata size: Metadata property key ${k} greater than 255 characters.`);
    if (v.length > 255) throw new ApiError(413, null, `Invalid metadata size: Metadata property key ${k} value greater than 255 characters.`);
  }
  return md as Record<string, string>;
}

export function snapshotMetadata(svc: BlockStorageService, c: Caller, id: string): Record<string, string> {
  return { ...svc.getSnapshot(c, id).metadata };
}

/** update_snapshot_metadata: merged into what is there, or (`replace`) instead of it. */
export function updateSnapshotMetadata(svc: BlockStorageService, c: Caller, id: string, md: Readonly<Record<string, unknown>>, replace: boolean): Record<string, string> {
  const s = svc.getSnapshot(c, id);
  const next = checkMetadata(replace ? { ...md } : { ...s.metadata, ...md });
  svc.store.updateSnapshot(id, { metadata: next }, svc.runtime.clock.now().toISOString());
  return next;
}

export function snapshotMetadataItem(svc: BlockStorageService, c: Caller, id: string, key: string): Record<string, string> {
  const md = svc.getSnapshot(c, id).metadata;
  if (!(key in md)) throw E.snapshotMetadataNotFound(id, key);
  return { [key]: md[key]! };
}

export function deleteSnapshotMetadataItem(svc: BlockStorageService, c: Caller, id: string, key: string): void {
  const s = svc.getSnapshot(c, id);
  if (!(key in s.metadata)) throw E.snapshotMetadataNotFound(id, key);
  const { [key]: _gone, ...rest } = s.metadata;
  svc.store.updateSnapshot(id, { metadata: rest }, svc.runtime.clock.now().toISOString());
}
