// Flavor views (nova/api/openstack/compute/views/flavors.py) per microversion.
import type { Microversion } from '../../http/microversion.js';
import type { FlavorRecord } from '../../compute-db/records.js';
import type { Links } from './links.js';
import { pyFloat } from '../../http/python/json-dumps.js';

/** GET /flavors item: id, name, links; 2.55 description. */
export function flavorBasic(f: FlavorRecord, v: Microversion, links: Links): Record<string, unknown> {
  const out: Record<string, unknown> = { id: f.flavorid, name: f.name, links: links.pair('flavors', f.flavorid) };
  if (v.atLeast('2.55')) out.description = f.description;
  return out;
}

/** GET /flavors/detail item and GET /flavors/{id}: 2.55 description, 2.61 extra_specs, 2.75 swap 0. */
export function flavorDetail(f: FlavorRecord, v: Microversion, links: Links): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: f.flavorid,
    name: f.name,
    ram: f.memoryMb,
    disk: f.rootGb,
    // nova: `flavor["swap"] or ""` before 2.75, `or 0` from 2.75
    swap: f.swap || (v.atLeast('2.75') ? 0 : ''),
    'OS-FLV-EXT-DATA:ephemeral': f.ephemeralGb,
    'OS-FLV-DISABLED:disabled': f.disabled,
    vcpus: f.vcpus,
    'os-flavor-access:is_public': f.isPublic,
    rxtx_factor: f.rxtxFactor ? pyFloat(f.rxtxFactor) : '',
    links: links.pair('flavors', f.flavorid),
  };
  if (v.atLeast('2.55')) out.description = f.description;
  if (v.atLeast('2.61')) out.extra_specs = { ...f.extraSpecs };
  return out;
}

export function flavorAccessList(f: FlavorRecord, projects: readonly string[]) {
  return { flavor_access: projects.map((p) => ({ flavor_id: f.flavorid, tenant_id: p })) };
}
