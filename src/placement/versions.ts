// Placement microversions (placement/microversion.py VERSIONS) and the negotiation rules of
// microversion_parse.MicroversionMiddleware: no header = the minimum, 'latest' = the maximum,
// a malformed value is a 400, a well-formed but unknown one a 406.
import { Microversion, findServiceVersion } from '../http/microversion.js';
import { ApiError } from '../http/api-error.js';

/** The canonical version list, oldest first; the comment says what each one added. */
export const VERSIONS: readonly string[] = [
  '1.0', //  initial API
  '1.1', //  GET/PUT /resource_providers/{uuid}/aggregates
  '1.2', //  /resource_classes
  '1.3', //  member_of on GET /resource_providers
  '1.4', //  resources on GET /resource_providers
  '1.5', //  DELETE /resource_providers/{uuid}/inventories
  '1.6', //  /traits and /resource_providers/{uuid}/traits
  '1.7', //  PUT /resource_classes/{name} is a bodiless create-or-verify
  '1.8', //  project_id and user_id required on PUT /allocations
  '1.9', //  GET /usages
  '1.10', // GET /allocation_candidates
  '1.11', // 'allocations' link on resource providers
  '1.12', // dict form of allocations on PUT/GET /allocations/{consumer_uuid}
  '1.13', // POST /allocations for many consumers
  '1.14', // parent/root provider uuids, in_tree on GET /resource_providers
  '1.15', // last-modified and cache-control headers
  '1.16', // limit on GET /allocation_candidates
  '1.17', // required on GET /allocation_candidates, traits in provider summaries
  '1.18', // required on GET /resource_providers
  '1.19', // generation in provider aggregates GET/PUT
  '1.20', // POST /resource_providers returns 200 with the provider
  '1.21', // member_of=in: on GET /allocation_candidates
  '1.22', // forbidden traits (!TRAIT) in required
  '1.23', // error codes in error responses
  '1.24', // repeated member_of on GET /resource_providers
  '1.25', // granular (numbered) request groups on GET /allocation_candidates
  '1.26', // inventory reserved may equal total
  '1.27', // all inventories in provider_summaries
  '1.28', // consumer generations
  '1.29', // nested providers in GET /allocation_candidates
  '1.30', // POST /reshaper
  '1.31', // in_tree<N> on GET /allocation_candidates
  '1.32', // forbidden aggregates (member_of=!...)
  '1.33', // request group suffixes [A-Za-z0-9_-]{1,64}
  '1.34', // mappings in allocation requests
  '1.35', // root_required on GET /allocation_candidates
  '1.36', // same_subtree, resourceless groups
  '1.37', // re-parenting and un-parenting providers
  '1.38', // consumer_type on allocations, usages grouped by consumer type
  '1.39', // required=in: on GET /resource_providers and /allocation_candidates
];

export const MIN_VERSION = VERSIONS[0]!;
export const MAX_VERSION = VERSIONS[VERSIONS.length - 1]!;
export const SERVICE_TYPE = 'placement';
/** From this version errors carry a `code`. */
export const ERROR_CODE_VERSION = '1.23';
const KNOWN = new Set(VERSIONS);

/** Python int() of a version part: optional sign and whitespace, digits, single underscores. */
function pyInt(text: string): number | null {
  const m = /^\s*([+-]?)(\d(?:_?\d)*)\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1] + m[2]!.replace(/_/g, ''));
}

/**
 * The microversion a request asks for. Throws ApiError 400 (malformed) or 406 (not served),
 * with microversion_parse's messages.
 */
export function negotiateVersion(header: string | string[] | undefined): Microversion {
  // Clients send the same few header values over and over: remember the good ones.
  const cacheKey = typeof header === 'string' ? header : header === undefined ? '' : null;
  if (cacheKey !== null) {
    const hit = NEGOTIATED.get(cacheKey);
    if (hit) return hit;
  }
  const v = negotiate(header);
  if (cacheKey !== null && NEGOTIATED.size < 256) NEGOTIATED.set(cacheKey, v);
  return v;
}

const NEGOTIATED = new Map<string, Microversion>();

function negotiate(header: string | string[] | undefined): Microversion {
  const folded = header === undefined ? undefined : Array.isArray(header) ? header.join(',') : header;
  let found: string | undefined;
  if (folded !== undefined) {
    // microversion_parse looks at the comma-separated values from the right.
    for (const part of folded.split(',').reverse()) {
      const [name, ...rest] = part.trim().split(/\s+/);
      if (name && rest.length && name.toLowerCase() === SERVICE_TYPE) { found = rest.join(' ').trim(); break; }
    }
  }
  let text = found || MIN_VERSION;
  if (text === 'latest') text = MAX_VERSION;
  const dot = text.indexOf('.');
  const parts = dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
  const nums = parts.map(pyInt);
  if (parts.length !== 2 || nums.some((n) => n === null)) {
    const why = parts.length !== 2
      ? 'Version.__new__() missing 1 required positional argument: \'minor\''
      : `invalid literal for int() with base 10: '${parts[nums.findIndex((n) => n === null)]}'`;
    throw new ApiError(400, null, `Invalid microversion: invalid version string: ${text}; ${why}`);
  }
  const v = new Microversion(nums[0]!, nums[1]!);
  if (!KNOWN.has(v.toString())) throw new ApiError(406, null, `Invalid microversion: Unacceptable version header: ${text}`);
  return v;
}

export { findServiceVersion };
