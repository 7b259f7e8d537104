// The engine on placement's SharedStorageFixture layout, with the expectations of
// gabbits/allocation-candidates.yaml (counts and who provides what).
import { describe, expect, it } from 'vitest';
import { findAllocationCandidates } from '../../../../src/placement/allocation-candidates/find-allocation-candidates.js';
import { renderAllocationCandidates } from '../../../../src/placement/allocation-candidates/candidate-view.js';
import { UnknownNameError } from '../../../../src/placement/allocation-candidates/candidate-request.js';
import { Microversion } from '../../../../src/http/microversion.js';
import { SnapshotBuilder, candidateRequest, type GroupSpec } from '../../../helpers/provider-snapshot-builder.js';
import type { RequestWideParams } from '../../../../src/placement/allocation-candidates/candidate-request.js';

function sharedStorage() {
  const b = new SnapshotBuilder();
  const cn = { VCPU: { total: 24, allocation_ratio: 16 }, MEMORY_MB: { total: 128 * 1024, allocation_ratio: 1.5 } };
  const disk = { total: 2000, reserved: 100 };
  b.provider('cn1', { aggs: ['agg'], inv: cn, traits: ['HW_CPU_X86_SSE', 'HW_CPU_X86_SSE2'] })
    .provider('cn2', { aggs: ['agg'], inv: { ...cn, DISK_GB: disk } })
    .provider('ss', { aggs: ['agg'], inv: { DISK_GB: disk }, traits: ['MISC_SHARES_VIA_AGGREGATE'] })
    .provider('ss2', { aggs: ['agg'], inv: { DISK_GB: disk }, traits: ['MISC_SHARES_VIA_AGGREGATE'] })
    .provider('numa1_1', { parent: 'cn1' }).provider('numa1_2', { parent: 'cn1' })
    .provider('numa2_1', { parent: 'cn2' }).provider('numa2_2', { parent: 'cn2' })
    .provider('pf1_1', { parent: 'numa1_1', inv: { SRIOV_NET_VF: 8 } })
    .provider('pf1_2', { parent: 'numa1_2', inv: { SRIOV_NET_VF: 8 } })
    .provider('pf2_1', { parent: 'numa2_1', inv: { SRIOV_NET_VF: 8 } })
    .provider('pf2_2', { parent: 'numa2_2', inv: { SRIOV_NET_VF: 8 } });
  return b.build();
}

const snap = sharedStorage();

function run(groups: Record<string, GroupSpec>, version = '1.29', params: Partial<RequestWideParams> = {}) {
  const v = Microversion.of(version);
  const req = candidateRequest(groups, params, v.atLeast('1.29'));
  return renderAllocationCandidates(snap, findAllocationCandidates(snap, req), req, v);
}

/** Amounts of one class that one provider gets across all candidates (dict form). */
function amounts(body: ReturnType<typeof run>, provider: string, rc: string): number[] {
  const out: number[] = [];
  for (const ar of body.allocation_requests as { allocations: Record<string, { resources: Record<string, number> }> }[]) {
    const r = ar.allocations[provider]?.resources[rc];
    if (r !== undefined) out.push(r);
  }
  return out;
}

const VM = { VCPU: 1, MEMORY_MB: 1024, DISK_GB: 100 };

describe('allocation candidates over shared storage and nested providers', () => {
  it('combines compute nodes with local and shared disk (5 candidates, 4 summaries)', () => {
    const body = run({ '': { resources: VM } }, '1.12');
    expect(body.allocation_requests).toHaveLength(5);
    expect(Object.keys(body.provider_summaries).sort()).toEqual(['cn1', 'cn2', 'ss', 'ss2']);
    expect(amounts(body, 'cn1', 'VCPU')).toEqual([1, 1]);
    expect(amounts(body, 'cn1', 'DISK_GB')).toEqual([]);
    expect(amounts(body, 'cn2', 'VCPU')).toEqual([1, 1, 1]);
    expect(amounts(body, 'cn2', 'DISK_GB')).toEqual([100]);
    expect(amounts(body, 'ss', 'DISK_GB')).toEqual([100, 100]);
    expect(amounts(body, 'ss2', 'DISK_GB')).toEqual([100, 100]);
    expect(body.provider_summaries.cn1.resources.VCPU).toEqual({ capacity: 384, used: 0 });
    expect(body.provider_summaries.cn1.resources.MEMORY_MB).toEqual({ capacity: 196608, used: 0 });
    expect(body.provider_summaries.ss.resources.DISK_GB).toEqual({ capacity: 1900, used: 0 });
  });

  it('uses the list form before 1.12', () => {
    const body = run({ '': { resources: VM } }, '1.10');
    const first = body.allocation_requests[0] as { allocations: { resource_provider: { uuid: string }; resources: Record<string, number> }[] };
    expect(Array.isArray(first.allocations)).toBe(true);
    expect(first.allocations[0].resource_provider.uuid).toBeTypeOf('string');
  });

  it('keeps the first N with limit and trims the summaries to their trees', () => {
    const body = run({ '': { resources: { VCPU: 1, SRIOV_NET_VF: 4 } } }, '1.29', { limit: 1 });
    expect(body.allocation_requests).toHaveLength(1);
    expect(Object.keys((body.allocation_requests[0] as { allocations: object }).allocations)).toHaveLength(2);
    expect(Object.keys(body.provider_summaries)).toHaveLength(5);
  });

  it('filters by required and forbidden traits', () => {
    const req = run({ '': { resources: VM, required: ['HW_CPU_X86_SSE'] } }, '1.17');
    expect(req.allocation_requests).toHaveLength(2);
    expect(Object.keys(req.provider_summaries)).toHaveLength(3);
    expect(req.provider_summaries.cn1.traits).toEqual(['HW_CPU_X86_SSE', 'HW_CPU_X86_SSE2']);
    const forb = run({ '': { resources: VM, forbidden: ['HW_CPU_X86_SSE'] } }, '1.22');
    expect(forb.allocation_requests).toHaveLength(3);
    expect(amounts(forb, 'cn2', 'VCPU')).toEqual([1, 1, 1]);
    const none = run({ '': { resources: VM, required: ['HW_CPU_X86_SSE3'] } }, '1.17');
    expect(none).toEqual({ allocation_requests: [], provider_summaries: {} });
  });

  it('shows only requested classes before 1.27 and all from 1.27', () => {
    const old = run({ '': { resources: { VCPU: 1 } } }, '1.26');
    expect(Object.keys(old.provider_summaries)).toHaveLength(2);
    expect(Object.keys(old.provider_summaries.cn2.resources)).toEqual(['VCPU']);
    const now = run({ '': { resources: { VCPU: 1 } } }, '1.27');
    expect(Object.keys(now.provider_summaries.cn2.resources).sort()).toEqual(['DISK_GB', 'MEMORY_MB', 'VCPU']);
    expect(now.provider_summaries.cn1).not.toHaveProperty('root_provider_uuid');
  });

  it('summarises whole trees with parent and root from 1.29', () => {
    const body = run({ '': { resources: { VCPU: 1 } } }, '1.29');
    expect(body.allocation_requests).toHaveLength(2);
    expect(Object.keys(body.provider_summaries)).toHaveLength(10);
    expect(body.provider_summaries.pf1_1).toMatchObject({ parent_provider_uuid: 'numa1_1', root_provider_uuid: 'cn1' });
    expect(body.provider_summaries.cn1).toMatchObject({ parent_provider_uuid: null, root_provider_uuid: 'cn1' });
  });

  it('is blind to trees before 1.29', () => {
    expect(run({ '': { resources: { SRIOV_NET_VF: 4 } } }, '1.28').allocation_requests).toHaveLength(4);
    expect(Object.keys(run({ '': { resources: { SRIOV_NET_VF: 4 } } }, '1.28').provider_summaries)).toHaveLength(4);
    expect(Object.keys(run({ '': { resources: { SRIOV_NET_VF: 4 } } }, '1.29').provider_summaries)).toHaveLength(10);
    expect(run({ '': { resources: { VCPU: 1, SRIOV_NET_VF: 4 } } }, '1.28').allocation_requests).toHaveLength(0);
    const nested = run({ '': { resources: { VCPU: 1, SRIOV_NET_VF: 4 } } }, '1.29');
    expect(nested.allocation_requests).toHaveLength(4);
    expect(amounts(nested, 'cn1', 'VCPU')).toEqual([1, 1]);
    const shared = run({ '': { resources: { DISK_GB: 10, SRIOV_NET_VF: 4 } } }, '1.28');
    expect(shared.allocation_requests).toHaveLength(8);
    expect(Object.keys(shared.provider_summaries)).toHaveLength(6);
  });

  it('restricts to one tree with in_tree, never reaching sharing providers', () => {
    expect(run({ '': { resources: { VCPU: 1, SRIOV_NET_VF: 4 }, inTree: 'pf1_2' } }, '1.31').allocation_requests).toHaveLength(2);
    expect(run({ '': { resources: { VCPU: 1, DISK_GB: 10 }, inTree: 'cn1' } }, '1.31').allocation_requests).toHaveLength(0);
    const cn2 = run({ '': { resources: { VCPU: 1, DISK_GB: 10 }, inTree: 'cn2' } }, '1.31');
    expect(cn2.allocation_requests).toHaveLength(1);
    expect(amounts(cn2, 'cn2', 'DISK_GB')).toEqual([10]);
    expect(run({ '': { resources: { VCPU: 1, DISK_GB: 10 }, inTree: 'ss' } }, '1.31').allocation_requests).toHaveLength(0);
  });

  it('handles in_tree on numbered groups, including a sharing provider', () => {
    expect(run({ 1: { resources: { VCPU: 1 }, inTree: 'pf1_1' } }, '1.31').allocation_requests).toHaveLength(1);
    expect(run({ 1: { resources: { SRIOV_NET_VF: 4 }, inTree: 'cn1' } }, '1.31').allocation_requests).toHaveLength(2);
    const viaSs = run({ '': { resources: { VCPU: 1 } }, 1: { resources: { DISK_GB: 10 }, inTree: 'ss' } }, '1.31');
    expect(viaSs.allocation_requests).toHaveLength(2);
    expect(amounts(viaSs, 'ss', 'DISK_GB')).toEqual([10, 10]);
    const cn1Disk = run({ '': { resources: { VCPU: 1 }, inTree: 'cn1' }, 1: { resources: { DISK_GB: 10 } } }, '1.31');
    expect(cn1Disk.allocation_requests).toHaveLength(2);
    const cn2Disk = run({ '': { resources: { VCPU: 1 }, inTree: 'cn2' }, 1: { resources: { DISK_GB: 10 } } }, '1.31');
    expect(cn2Disk.allocation_requests).toHaveLength(3);
    const both = run({ 1: { resources: { VCPU: 1 }, inTree: 'cn1' }, 2: { resources: { DISK_GB: 10 }, inTree: 'ss' } }, '1.31', { groupPolicy: 'none' });
    expect(both.allocation_requests).toHaveLength(1);
  });

  it('reports unknown resource classes and traits', () => {
    expect(() => run({ '': { resources: { MCPU: 99 } } })).toThrow(UnknownNameError);
    expect(() => run({ '': { resources: VM, required: ['INVALID_TRAIT'] } })).toThrow('No such trait(s): INVALID_TRAIT.');
  });
});

describe('choices placement leaves to chance', () => {
  it('keeps one anchor for identical sharing-only candidates of the unsuffixed group: the lowest root id', () => {
    // Placement collapses {ss: DISK_GB} anchored at cn1, cn2, ss, ss2 into whichever its Python
    // set yields first (the recorded oracle kept a non-compute one: only cn2's local disk
    // combined). novamock keeps the lowest root id, so cn1 can pair with the shared disks.
    const body = run({ '': { resources: { DISK_GB: 10 } }, 1: { resources: { VCPU: 1 } } }, '1.34');
    expect(amounts(body, 'cn1', 'VCPU')).toEqual([1, 1]);
    expect(amounts(body, 'cn2', 'DISK_GB')).toEqual([10]);
    expect(body.allocation_requests).toHaveLength(3);
  });

  it('orders candidates by anchor root id and keeps the first N for limit', () => {
    const all = run({ '': { resources: VM } }, '1.34');
    const firstTwo = run({ '': { resources: VM } }, '1.34', { limit: 2 });
    expect(firstTwo.allocation_requests).toEqual(all.allocation_requests.slice(0, 2));
    expect(Object.keys(firstTwo.provider_summaries).sort()).toEqual(['cn1', 'numa1_1', 'numa1_2', 'pf1_1', 'pf1_2', 'ss', 'ss2']);
  });
});
