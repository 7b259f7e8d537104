// Volume type views (cinder/api/views/types.py): extra_specs for admins (and the public ones).
import type { VolumeTypeRecord } from '../store/records.js';

export function volumeTypeView(t: VolumeTypeRecord, isAdmin: boolean, withAccess: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: t.id, name: t.name, is_public: t.isPublic, description: t.description,
  };
  if (isAdmin) { out.extra_specs = { ...t.extraSpecs }; out.qos_specs_id = null; }
  if (withAccess) out['os-volume-type-access:is_public'] = t.isPublic;
  return out;
}
