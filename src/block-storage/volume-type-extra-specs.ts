// Volume type extra specs (cinder/api/contrib/types_extra_specs.py over db
// volume_type_extra_specs_*): admins write them while no volume uses the type; readers see
// only the user-visible keys (policies/type_extra_specs.py USER_VISIBLE_EXTRA_SPECS).
import { CinderErrors as E } from './errors.js';
import type { BlockStorageService, Caller } from './block-storage-service.js';
import type { VolumeTypeRecord } from './store/records.js';
import { IS_TRUE } from './volume-states.js';

const USER_VISIBLE = ['RESKEY:availability_zones', 'multiattach', 'replication_enabled'];

/** _get_extra_specs: all for admins (read_sensitive), the user-visible ones for others. */
export function visibleExtraSpecs(c: Caller, t: VolumeTypeRecord): Record<string, string> {
  if (c.isAdmin) return { ...t.extraSpecs };
  return Object.fromEntries(USER_VISIBLE.filter((k) => k in t.extraSpecs).map((k) => [k, t.extraSpecs[k]!]));
}

/** _allow_update: a type some volume uses cannot change its specs. */
function allowUpdate(svc: BlockStorageService, typeId: string): void {
  if (svc.store.volumeTypeInUse(typeId)) throw E.badRequest('Volume Type is currently in use.');
}

/** _check_cacheable: multiattach and cacheable cannot both be true. */
function checkCacheable(t: VolumeTypeRecord, specs: Readonly<Record<string, string | null>>): void {
  const both = (specs.multiattach === IS_TRUE && t.extraSpecs.cacheable === IS_TRUE)
    || (specs.cacheable === IS_TRUE && t.extraSpecs.multiattach === IS_TRUE)
    || (specs.cacheable === IS_TRUE && specs.multiattach === IS_TRUE);
  if (both) throw E.badRequest('cacheable cannot be set with multiattach.');
}

export function listExtraSpecs(svc: BlockStorageService, c: Caller, typeId: string): Record<string, string> {
  return visibleExtraSpecs(c, svc.getVolumeType(typeId));
}

export function showExtraSpec(svc: BlockStorageService, c: Caller, typeId: string, key: string): Record<string, string> {
  const specs = visibleExtraSpecs(c, svc.getVolumeType(typeId));
  if (!(key in specs)) throw E.extraSpecNotFound(typeId, key);
  return { [key]: specs[key]! };
}

/**
 * create (POST, merge) and update of one key (PUT, `urlKey` the URL's key, which the body must
 * name): volume_type_extra_specs_update_or_create, after cinder's checks in cinder's order.
 */
export function setExtraSpecs(svc: BlockStorageService, c: Caller, typeId: string, specs: Readonly<Record<string, string | null>>, urlKey?: string): void {
  if (!c.isAdmin) throw E.policy(`volume_extension:types_extra_specs:${urlKey === undefined ? 'create' : 'update'}`);
  allowUpdate(svc, typeId);
  const t = svc.getVolumeType(typeId);
  if (urlKey !== undefined && !(urlKey in specs)) throw E.badRequest('Request body and URI mismatch');
  checkCacheable(t, specs);
  svc.store.setExtraSpecs(t.id, { ...t.extraSpecs, ...specs });
}

export function deleteExtraSpec(svc: BlockStorageService, c: Caller, typeId: string, key: string): void {
  const t = svc.getVolumeType(typeId);
  if (!c.isAdmin) throw E.policy('volume_extension:types_extra_specs:delete');
  allowUpdate(svc, t.id);
  if (!(key in t.extraSpecs)) throw E.extraSpecNotFound(typeId, key);
  const { [key]: _gone, ...rest } = t.extraSpecs;
  svc.store.setExtraSpecs(t.id, rest);
}
