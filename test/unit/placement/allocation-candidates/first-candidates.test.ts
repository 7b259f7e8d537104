// The lone-provider shortcut (one group, no trees, no sharing providers: scan in id order and stop
// at `limit`, if any) must answer what the general search answers: without a limit the same
// answer, with one the general answer without a limit cut to the first `limit` candidates with
// their summaries; errors (unknown names) alike.
import { describe, expect, it } from 'vitest';
import { findAllocationCandidates, searchEveryCandidate } from '../../../../src/placement/allocation-candidates/find-allocation-candidates.js';
import { renderAllocationCandidates, renderAllocationCandidatesJson } from '../../../../src/placement/allocation-candidates/candidate-view.js';
import { Microversion } from '../../../../src/http/microversion.js';
import { SnapshotBuilder, candidateRequest, type GroupSpec } from '../../../helpers/provider-snapshot-builder.js';
import type { RequestWideParams } from '../../../../src/placement/allocation-candidates/candidate-request.js';
import { mulberry32 } from '../../../../src/runtime/seeded-random.js';
import type { ProviderSnapshot } from '../../../../src/placement/allocation-candidates/provider-snapshot.js';

const next = mulberry32(20261207);
const rnd = (n: number) => next() % n;
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
const TRAITS = ['HW_CPU_X86_SSE', 'HW_CPU_X86_SSE2', 'COMPUTE_STATUS_DISABLED', 'CUSTOM_A'];
const AGGS = ['agg1', 'agg2', 'agg3'];

type Answer = { error: string } | { ars: unknown[]; summaries: string[] };

function answer(snap: ProviderSnapshot, group: GroupSpec, params: Partial<RequestWideParams>, cutTo: number | null, search = findAllocationCandidates): Answer {
  const version = Microversion.of('1.36');
  const req = candidateRequest({ '': group }, params);
  let found;
  try { found = search(snap, req); } catch (e) { return { error: (e as Error).message }; }
  const body = renderAllocationCandidates(snap, found, req, version) as { allocation_requests: { allocations: Record<string, unknown> }[]; provider_summaries: Record<string, unknown> };
  let ars = body.allocation_requests;
  if (cutTo !== null) ars = ars.slice(0, cutTo);
  const used = new Set(ars.flatMap((a) => Object.keys(a.allocations)));
  const summaries = Object.keys(body.provider_summaries).filter((p) => cutTo === null || used.has(p));
  return { ars, summaries };
}

describe('first candidates only (lone providers, one group, with or without a limit)', () => {
  it('equals the general search cut to the limit, over random clouds and requests', () => {
    let compared = 0;
    let nonEmpty = 0;
    for (let cloud = 0; cloud < 40; cloud++) {
      const b = new SnapshotBuilder();
      const n = 1 + rnd(30);
      for (let i = 0; i < n; i++) {
        b.provider(`cn${i}`, {
          inv: { VCPU: { total: 1 + rnd(8), allocation_ratio: pick([1, 4, 16]) }, MEMORY_MB: 512 * (1 + rnd(8)), ...(rnd(3) ? { DISK_GB: { total: 10 + rnd(100), step_size: pick([1, 5]) } } : {}) },
          used: { VCPU: rnd(8), MEMORY_MB: 512 * rnd(4) },
          traits: TRAITS.filter(() => rnd(3) === 0),
          aggs: AGGS.filter(() => rnd(3) === 0),
        });
      }
      const snap = b.build();
      for (let q = 0; q < 25; q++) {
        const resources: Record<string, number> = { VCPU: 1 + rnd(4) };
        if (rnd(2)) resources.MEMORY_MB = 256 * (1 + rnd(6));
        if (rnd(2)) resources.DISK_GB = 1 + rnd(20);
        if (rnd(20) === 0) resources.CUSTOM_NOPE = 1;
        const group: GroupSpec = {
          resources,
          ...(rnd(4) === 0 ? { required: [pick(TRAITS)] } : {}),
          ...(rnd(4) === 0 ? { forbidden: [pick(TRAITS)] } : {}),
          ...(rnd(4) === 0 ? { memberOf: [[pick(AGGS), pick(AGGS)]] } : {}),
          ...(rnd(6) === 0 ? { forbiddenAggs: [pick(AGGS)] } : {}),
          ...(rnd(8) === 0 ? { inTree: `cn${rnd(n)}` } : {}),
        };
        const anchor: Partial<RequestWideParams> = rnd(2) ? { anchorForbiddenTraits: new Set([rnd(10) ? 'COMPUTE_STATUS_DISABLED' : 'CUSTOM_UNKNOWN']) } : {};
        if (rnd(4) === 0) Object.assign(anchor, { anchorRequiredTraits: new Set([pick(TRAITS)]) });
        const limit = rnd(4) === 0 ? null : 1 + rnd(n + 2);
        const fast = answer(snap, group, { ...anchor, limit }, null);
        const general = answer(snap, group, { ...anchor, limit: null }, limit, searchEveryCandidate);
        expect(fast).toEqual(general);
        compared++;
        if ("ars" in fast && fast.ars.length > 0) nonEmpty++;
      }
    }
    expect(compared).toBe(1000);
    expect(nonEmpty).toBeGreaterThan(300);
  });

  it('renders its compact answer byte for byte as the general view renders the same candidates, at every microversion', () => {
    const versions = ['1.10', '1.12', '1.16', '1.17', '1.26', '1.27', '1.28', '1.29', '1.33', '1.34', '1.36', '1.39'].map((v) => Microversion.of(v));
    let lone = 0;
    for (let cloud = 0; cloud < 30; cloud++) {
      const b = new SnapshotBuilder();
      const n = 1 + rnd(20);
      for (let i = 0; i < n; i++) {
        b.provider(`cn${i}`, {
          inv: { VCPU: { total: 1 + rnd(8), allocation_ratio: pick([1, 4, 16]), reserved: rnd(2) }, MEMORY_MB: 512 * (1 + rnd(8)), ...(rnd(3) ? { DISK_GB: { total: 10 + rnd(100), step_size: pick([1, 5]) } } : {}) },
          used: { VCPU: rnd(8), MEMORY_MB: 512 * rnd(4) },
          traits: TRAITS.filter(() => rnd(3) === 0),
        });
      }
      const snap = b.build();
      for (let q = 0; q < 10; q++) {
        const resources: Record<string, number> = { VCPU: 1 + rnd(4) };
        if (rnd(2)) resources.MEMORY_MB = 256 * (1 + rnd(6));
        if (rnd(2)) resources.DISK_GB = 1 + rnd(20);
        const suffix = pick(['', '', '1', '_NET']);
        const limit = rnd(3) === 0 ? 1 + rnd(n) : null;
        const req = candidateRequest({ [suffix]: { resources, ...(rnd(4) === 0 ? { forbidden: [pick(TRAITS)] } : {}) } }, { limit });
        const found = findAllocationCandidates(snap, req);
        if (!found.lone) continue;
        lone++;
        // the same candidates as plain objects take the general rendering
        const plain = { allocationRequests: found.allocationRequests, summaryProviderIds: found.summaryProviderIds };
        const general = limit === null ? searchEveryCandidate(snap, req) : null;
        for (const v of versions) {
          const bytes = renderAllocationCandidatesJson(snap, found, req, v);
          expect(bytes.toString('latin1')).toBe(renderAllocationCandidatesJson(snap, plain, req, v).toString('latin1'));
          if (general) expect(bytes.equals(renderAllocationCandidatesJson(snap, general, req, v))).toBe(true);
          // summaries list the requested classes before 1.27, every class from then (cached per variant)
          const summaries = (JSON.parse(bytes.toString('utf8')) as { provider_summaries: Record<string, { resources: Record<string, unknown> }> }).provider_summaries;
          for (const [uuid, s] of Object.entries(summaries)) {
            const classes = [...snap.providerByUuid(uuid)!.inventories.keys()];
            expect(Object.keys(s.resources)).toEqual(v.atLeast('1.27') ? classes : classes.filter((rc) => rc in resources));
          }
        }
      }
    }
    expect(lone).toBeGreaterThan(200);
  });

  it('keeps each provider\'s lone candidate for the last template only: another amount, suffix or version renders afresh', () => {
    const b = new SnapshotBuilder();
    for (let i = 0; i < 5; i++) b.provider(`cn${i}`, { inv: { VCPU: 8, MEMORY_MB: 4096, DISK_GB: 100 } });
    const snap = b.build();
    const render = (suffix: string, resources: Record<string, number>, v: string) => {
      const req = candidateRequest({ [suffix]: { resources } }, { limit: null });
      const found = findAllocationCandidates(snap, req);
      expect(found.lone).toBeDefined();
      const plain = { allocationRequests: found.allocationRequests, summaryProviderIds: found.summaryProviderIds };
      const bytes = renderAllocationCandidatesJson(snap, found, req, Microversion.of(v)).toString('utf8');
      expect(bytes).toBe(renderAllocationCandidatesJson(snap, plain, req, Microversion.of(v)).toString('utf8'));
      return bytes;
    };
    const first = render('', { VCPU: 1, MEMORY_MB: 512 }, '1.36');
    expect(first).toContain('"VCPU":1,"MEMORY_MB":512');
    const other = render('', { VCPU: 2, MEMORY_MB: 1024 }, '1.36');
    expect(other).toContain('"VCPU":2,"MEMORY_MB":1024');
    expect(other).not.toContain('"VCPU":1,');
    expect(render('1', { VCPU: 2, MEMORY_MB: 1024 }, '1.36')).toContain('"mappings":{"1":[');
    expect(render('1', { VCPU: 2, MEMORY_MB: 1024 }, '1.33')).not.toContain('"mappings"');
    expect(render('', { VCPU: 1, MEMORY_MB: 512 }, '1.36')).toBe(first);
  });
});
