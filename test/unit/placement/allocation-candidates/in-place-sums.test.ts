// Placement's consolidation copies a resource request before summing into it only with
// group_policy=none; otherwise it sums into the shared object, so earlier candidates show the
// grown amount too (seen on the real Placement 8.0.0: a candidate beyond max_unit).
import { describe, expect, it } from 'vitest';
import { findAllocationCandidates } from '../../../../src/placement/allocation-candidates/find-allocation-candidates.js';
import { renderAllocationCandidates } from '../../../../src/placement/allocation-candidates/candidate-view.js';
import { Microversion } from '../../../../src/http/microversion.js';
import { SnapshotBuilder, candidateRequest } from '../../../helpers/provider-snapshot-builder.js';
import type { GroupPolicy } from '../../../../src/placement/allocation-candidates/candidate-request.js';

const snap = new SnapshotBuilder()
  .provider('cn', { inv: { VCPU: { total: 4, allocation_ratio: 16, max_unit: 4 } } })
  .provider('numa', { parent: 'cn', inv: { VCPU: 2 } })
  .build();

function run(groupPolicy: GroupPolicy, limit: number | null = null) {
  const req = candidateRequest(
    // '_1'/'_2' rather than 1/2: integer-like keys would jump ahead of '' in an object literal.
    { '': { resources: { VCPU: 3 } }, _1: { resources: { VCPU: 1 } }, _2: { resources: { VCPU: 1 } } },
    { groupPolicy, limit },
  );
  const body = renderAllocationCandidates(snap, findAllocationCandidates(snap, req), req, Microversion.of('1.34'));
  return body.allocation_requests as { allocations: Record<string, { resources: { VCPU: number } }>; mappings: Record<string, string[]> }[];
}

describe('in-place sums of resource requests', () => {
  it('with isolate: the second combination grows the first one past max_unit, then fails itself', () => {
    const ars = run('isolate');
    expect(ars).toHaveLength(1);
    expect(ars[0].allocations).toEqual({ cn: { resources: { VCPU: 5 } }, numa: { resources: { VCPU: 1 } } });
  });

  it('with none: copies, so every amount is the plain sum', () => {
    const ars = run('none');
    expect(ars.map((a) => Object.fromEntries(Object.entries(a.allocations).map(([p, r]) => [p, r.resources.VCPU])))).toEqual([
      { cn: 4, numa: 1 }, { cn: 4, numa: 1 }, { cn: 3, numa: 2 },
    ]);
  });

  it('limit does not stop the merge early when later combinations change earlier amounts', () => {
    expect(run('isolate', 1)[0].allocations.cn.resources.VCPU).toBe(5);
  });

  it('does not leak between requests: each search builds its own request objects', () => {
    run('isolate');
    expect(run('isolate')[0].allocations.cn.resources.VCPU).toBe(5);
  });
});
