// Volume type views (cinder/api/views/types.py): extra_specs for admins (and the public ones).
import type { VolumeTypeRecord } from '../store/records.js';

/**
 * `qos`: the show/list view's qos_specs_id (create and update answers leave it out); `access`:
 * the os-volume-type-access extension's flag (on list, show by id and create, as cinder-live).
 */
export function volumeTypeView(t: VolumeTypeRecord, isAdmin: boolean, o: { qos: boolean; access: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: t.id, name: t.name, is_public: t.isPublic, description: t.description,
  };
  if (isAdmin) {
    out.extra_specs = { ...t.extraSpecs };
    if (o.qos) out.qos_specs_id = null;
  }
  if (o.access) out['os-volume-type-access:is_public'] = t.isPublic;
  return out;
}
