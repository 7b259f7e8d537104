// nova/scheduler/utils.py ResourceRequest.from_request_spec, for the unnumbered group:
// flavor -> {resources, required, forbidden} -> the GET /allocation_candidates query string.
import type { FlavorRecord } from '../compute-db/records.js';

export interface ResourceRequest {
  resources: Record<string, number>;
  required: string[];
  forbidden: string[];
  /** Provider uuid a forced / requested destination pins the search to. */
  inTree: string | null;
  /** Aggregate uuid lists the candidates must be in, one member_of=in:... each (request filters). */
  memberOf?: readonly (readonly string[])[];
}

/**
 * resources_from_flavor + _process_extra_specs (resources:X=N overrides, 0 drops; trait:X=required|forbidden).
 * A volume-backed server (is_bfv) has its root disk in Cinder: DISK_GB is ephemeral + swap only.
 */
export function resourceRequestFromFlavor(flavor: FlavorRecord, inTree: string | null = null, isBfv = false): ResourceRequest {
  const swapGb = Math.ceil(flavor.swap / 1024);
  const resources: Record<string, number> = {
    VCPU: flavor.vcpus,
    MEMORY_MB: flavor.memoryMb,
    DISK_GB: (isBfv ? 0 : flavor.rootGb) + flavor.ephemeralGb + swapGb,
  };
  const required: string[] = [];
  const forbidden: string[] = [];
  for (const [key, value] of Object.entries(flavor.extraSpecs)) {
    const res = /^resources:([A-Z0-9_]+)$/.exec(key);
    if (res) {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 0) resources[res[1]!] = n;
      continue;
    }
    const trait = /^trait:([A-Z0-9_]+)$/.exec(key);
    if (trait) {
      if (value === 'required') required.push(trait[1]!);
      else if (value === 'forbidden') forbidden.push(trait[1]!);
    }
  }
  for (const [rc, n] of Object.entries(resources)) if (!n) delete resources[rc];
  return { resources, required: required.sort(), forbidden: forbidden.sort(), inTree };
}

/** The query nova sends (report.get_allocation_candidates at 1.36): keys sorted, values url-encoded. */
export function allocationCandidatesQuery(req: ResourceRequest, limit = 1000): string {
  const params: [string, string][] = [];
  if (req.inTree) params.push(['in_tree', req.inTree]);
  params.push(['limit', String(limit)]);
  for (const aggs of req.memberOf ?? []) params.push(['member_of', `in:${aggs.join(',')}`]);
  const traits = [...req.required, ...req.forbidden.map((t) => '!' + t)];
  if (traits.length) params.push(['required', traits.join(',')]);
  params.push(['resources', Object.keys(req.resources).sort().map((rc) => `${rc}:${req.resources[rc]}`).join(',')]);
  params.push(['root_required', '!COMPUTE_STATUS_DISABLED']);
  return params.map(([k, v]) => `${k}=${quote(v)}`).join('&');
}

/** urllib.parse.quote_plus(safe=''): everything but letters, digits and _.-~ is escaped. */
function quote(v: string): string {
  return encodeURIComponent(v).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
