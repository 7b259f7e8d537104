// GET /allocation_candidates query string -> CandidateRequest, as placement's
// lib.RequestWideParams.from_request and lib.RequestGroup.dict_from_request do it (same checks,
// same order, same messages). The JSON-schema step (candidate-query-schema.ts) runs before.
import type { Microversion } from '../../http/microversion.js';
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import { pyRepr } from '../../http/python/repr.js';
import type { CandidateRequest, GroupPolicy, RequestGroup, RequestWideParams } from './candidate-request.js';
import {
  normalizeInTree, normalizeMemberOfParams, normalizeResources, normalizeRootRequired, normalizeTraitParams,
} from './query-normalize.js';

type Pairs = readonly (readonly [string, string])[];

const KEY = /^(resources|required|member_of|in_tree)([1-9][0-9]*)?$/;
const KEY_1_33 = /^(resources|required|member_of|in_tree)([a-zA-Z0-9_-]{1,64})?$/;

function getAll(pairs: Pairs, key: string): string[] {
  const out: string[] = [];
  for (const [k, v] of pairs) if (k === key) out.push(v);
  return out;
}

interface MutableGroup {
  suffix: string;
  resources: Map<string, number>;
  requiredTraits: Set<string>[];
  forbiddenTraits: Set<string>;
  memberOf: Set<string>[];
  forbiddenAggs: Set<string>;
  inTree: string | null;
}

/** RequestWideParams.from_request */
export function parseWideParams(pairs: Pairs): RequestWideParams {
  const limits = getAll(pairs, 'limit');
  const policies = getAll(pairs, 'group_policy');
  let anchorRequiredTraits: Set<string> | null = null;
  let anchorForbiddenTraits: Set<string> | null = null;
  const rootRequired = getAll(pairs, 'root_required');
  if (rootRequired.length > 0) {
    if (rootRequired.length > 1) {
      throw new ApiError(400, ErrorCodes.ILLEGAL_DUPLICATE_QUERYPARAM, "Query parameter 'root_required' may be specified only once.");
    }
    const r = normalizeRootRequired(rootRequired[0]);
    anchorRequiredTraits = r.required;
    anchorForbiddenTraits = r.forbidden;
  }
  const sameSubtrees: Set<string>[] = [];
  for (const val of getAll(pairs, 'same_subtree')) {
    const suffixes = new Set(val.split(',').map((s) => s.trim()));
    if (suffixes.has('')) {
      throw new ApiError(400, ErrorCodes.QUERYPARAM_BAD_VALUE, 'Empty string (unsuffixed group) can not be specified in `same_subtree` ');
    }
    sameSubtrees.push(suffixes);
  }
  return {
    // The schema has checked the form; the first value counts, as in placement.
    limit: limits.length > 0 ? Number(limits[0]) : null,
    groupPolicy: policies.length > 0 && policies[0] !== '' ? (policies[0] as GroupPolicy) : null,
    anchorRequiredTraits,
    anchorForbiddenTraits,
    sameSubtrees,
  };
}

/** RequestGroup.dict_from_request (including its orphan / same_subtree / conflict checks). */
export function parseRequestGroups(pairs: Pairs, version: Microversion, wide: RequestWideParams): RequestGroup[] {
  const allowForbidden = version.atLeast('1.22');
  const pattern = version.atLeast('1.33') ? KEY_1_33 : KEY;
  const bySuffix = new Map<string, MutableGroup>();
  for (const [key, val] of pairs) {
    const m = pattern.exec(key);
    if (!m) continue;
    const [, prefix, suffix = ''] = m;
    let g = bySuffix.get(suffix);
    if (!g) {
      g = { suffix, resources: new Map(), requiredTraits: [], forbiddenTraits: new Set(), memberOf: [], forbiddenAggs: new Set(), inTree: null };
      bySuffix.set(suffix, g);
    }
    if (prefix === 'resources') {
      g.resources = normalizeResources(val);
    } else if (prefix === 'required') {
      const e = normalizeTraitParams(getAll(pairs, `required${suffix}`), allowForbidden, version.atLeast('1.39'));
      g.requiredTraits = e.required;
      g.forbiddenTraits = e.forbidden;
    } else if (prefix === 'member_of') {
      const e = normalizeMemberOfParams(getAll(pairs, `member_of${suffix}`), suffix, version.atLeast('1.24'), version.atLeast('1.32'));
      g.memberOf = e.memberOf;
      g.forbiddenAggs = e.forbidden;
    } else {
      g.inTree = normalizeInTree(val);
    }
  }
  const groups = [...bySuffix.values()];

  if (version.atLeast('1.36')) {
    const resourceless = groups.filter((g) => g.resources.size === 0).map((g) => g.suffix);
    const inSubtrees = new Set<string>();
    for (const s of wide.sameSubtrees) for (const x of s) inSubtrees.add(x);
    if (resourceless.length === groups.length) {
      throw new ApiError(400, ErrorCodes.QUERYPARAM_MISSING_VALUE, 'There must be at least one resources or resources[$S] parameter.');
    }
    const bad = resourceless.filter((s) => !inSubtrees.has(s));
    if (bad.length > 0) {
      throw new ApiError(400, ErrorCodes.QUERYPARAM_BAD_VALUE,
        `Resourceless suffixed group request should be specified in \`same_subtree\` query param: bad group(s) - ${pyRepr(bad)}.`);
    }
    const unknown = [...inSubtrees].filter((s) => !bySuffix.has(s));
    if (unknown.length > 0) {
      throw new ApiError(400, ErrorCodes.QUERYPARAM_BAD_VALUE,
        `Real suffixes should be specified in \`same_subtree\`: ${pyRepr(unknown)} not found in ${pyRepr([...bySuffix.keys()])}.`);
    }
  } else {
    checkForOrphans(groups);
  }

  if (allowForbidden) {
    const conflicts: string[] = [];
    for (const g of groups) {
      for (const anyOf of g.requiredTraits) {
        if ([...anyOf].every((t) => g.forbiddenTraits.has(t))) conflicts.push(`required${g.suffix}: (${[...anyOf].sort().join(', ')})`);
      }
    }
    if (conflicts.length > 0) {
      throw new ApiError(400, ErrorCodes.DEFAULT,
        `Conflicting required and forbidden traits found in the following traits keys: ${conflicts.sort().join(', ')}`);
    }
  }

  return groups.map((g) => ({ ...g, useSameProvider: g.suffix !== '' }));
}

/** RequestGroup._check_for_orphans (before 1.36): every group needs resources. */
function checkForOrphans(groups: readonly MutableGroup[]): void {
  const traitOrphans = groups.filter((g) => g.requiredTraits.length > 0 && g.resources.size === 0).map((g) => `required${g.suffix}`);
  if (traitOrphans.length > 0) {
    throw new ApiError(400, ErrorCodes.DEFAULT,
      `All traits parameters must be associated with resources.  Found the following orphaned traits keys: ${traitOrphans.join(', ')}`);
  }
  const aggOrphans = groups
    .filter((g) => g.resources.size === 0 && (g.memberOf.length > 0 || g.forbiddenAggs.size > 0))
    .map((g) => `member_of${g.suffix}`);
  if (aggOrphans.length > 0) {
    throw new ApiError(400, ErrorCodes.DEFAULT,
      `All member_of parameters must be associated with resources. Found the following orphaned member_of keys: ${aggOrphans.join(', ')}`);
  }
  if (!groups.every((g) => g.resources.size > 0)) throw new ApiError(400, ErrorCodes.DEFAULT, 'All request groups must specify resources.');
  if (groups.length === 0) {
    throw new ApiError(400, ErrorCodes.DEFAULT, 'At least one request group (`resources` or `resources{$S}`) is required.');
  }
}

/** The whole handler-side parse after schema validation, including the group_policy rule. */
export function parseCandidateQuery(pairs: Pairs, version: Microversion): CandidateRequest {
  const params = parseWideParams(pairs);
  const groups = parseRequestGroups(pairs, version, params);
  if (!params.groupPolicy && groups.filter((g) => g.useSameProvider).length > 1) {
    throw new ApiError(400, ErrorCodes.DEFAULT,
      'The "group_policy" parameter is required when specifying more than one "resources{N}" parameter.');
  }
  return { groups, params, nestedAware: version.atLeast('1.29') };
}
