// A parsed GET /allocation_candidates request: placement's lib.RequestGroup (one per suffix)
// and lib.RequestWideParams. The route builds it from the query string; the engine reads it.

export interface RequestGroup {
  /** '' for the unsuffixed group, else the suffix ('1', '_NIC', ...). */
  readonly suffix: string;
  /** True for suffixed groups: all their resources come from one provider. */
  readonly useSameProvider: boolean;
  /** resource class -> amount, in query order. Empty for a resourceless group (1.36+). */
  readonly resources: ReadonlyMap<string, number>;
  /** AND of OR-sets: [{A}, {B, C}] means A and (B or C). */
  readonly requiredTraits: readonly ReadonlySet<string>[];
  readonly forbiddenTraits: ReadonlySet<string>;
  /** AND of OR-sets of aggregate uuids. */
  readonly memberOf: readonly ReadonlySet<string>[];
  readonly forbiddenAggs: ReadonlySet<string>;
  readonly inTree: string | null;
}

export type GroupPolicy = 'none' | 'isolate';

export interface RequestWideParams {
  readonly limit: number | null;
  readonly groupPolicy: GroupPolicy | null;
  /** root_required (1.35): traits the anchor root must have / must not have. */
  readonly anchorRequiredTraits: ReadonlySet<string> | null;
  readonly anchorForbiddenTraits: ReadonlySet<string> | null;
  /** same_subtree (1.36): each set of suffixes must be satisfied under one of its providers. */
  readonly sameSubtrees: readonly ReadonlySet<string>[];
}

export interface CandidateRequest {
  /** In the order their first query parameter appeared (placement iterates them so). */
  readonly groups: readonly RequestGroup[];
  readonly params: RequestWideParams;
  /** 1.29+: candidates may combine several providers of one tree. */
  readonly nestedAware: boolean;
}

export function requestGroup(suffix: string, g: Partial<Omit<RequestGroup, 'suffix' | 'useSameProvider'>> = {}): RequestGroup {
  return {
    suffix,
    useSameProvider: suffix !== '',
    resources: g.resources ?? new Map(),
    requiredTraits: g.requiredTraits ?? [],
    forbiddenTraits: g.forbiddenTraits ?? new Set(),
    memberOf: g.memberOf ?? [],
    forbiddenAggs: g.forbiddenAggs ?? new Set(),
    inTree: g.inTree ?? null,
  };
}

export const NO_WIDE_PARAMS: RequestWideParams = {
  limit: null, groupPolicy: null, anchorRequiredTraits: null, anchorForbiddenTraits: null, sameSubtrees: [],
};

/** A name in the request that does not exist: the route turns it into Placement's 400. */
export class UnknownNameError extends Error {
  constructor(readonly kind: 'resource_class' | 'trait', readonly unknownName: string) {
    super(kind === 'resource_class' ? `No such resource class ${unknownName}.` : `No such trait(s): ${unknownName}.`);
    this.name = 'UnknownNameError';
  }
}
