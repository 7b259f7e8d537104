import { describe, expect, test } from 'vitest';
import { allocationCandidatesQuery, resourceRequestFromFlavor } from '../../../src/scheduler/resource-request.js';
import { hostWeights, normalize, weighHosts } from '../../../src/scheduler/weigher.js';
import type { FlavorRecord } from '../../../src/compute-db/records.js';

const flavor = (o: Partial<FlavorRecord> = {}): FlavorRecord => ({
  id: 1, flavorid: '1', name: 'm1.tiny', vcpus: 1, memoryMb: 512, rootGb: 1, ephemeralGb: 0, swap: 0, rxtxFactor: 1, vcpuWeight: null,
  disabled: false, isPublic: true, description: null, extraSpecs: {}, createdAt: '', updatedAt: null, ...o,
});

describe('resource request', () => {
  test('the query nova sends for m1.tiny (trace)', () => {
    expect(allocationCandidatesQuery(resourceRequestFromFlavor(flavor())))
      .toBe('limit=1000&resources=DISK_GB%3A1%2CMEMORY_MB%3A512%2CVCPU%3A1&root_required=%21COMPUTE_STATUS_DISABLED');
    expect(allocationCandidatesQuery(resourceRequestFromFlavor(flavor(), 'RP')))
      .toBe('in_tree=RP&limit=1000&resources=DISK_GB%3A1%2CMEMORY_MB%3A512%2CVCPU%3A1&root_required=%21COMPUTE_STATUS_DISABLED');
  });
  test('disk = root + ephemeral + swap rounded up to GB', () => {
    expect(resourceRequestFromFlavor(flavor({ rootGb: 10, ephemeralGb: 5, swap: 1500 })).resources.DISK_GB).toBe(17);
  });
  test('extra specs override, drop zeros, add traits', () => {
    const rr = resourceRequestFromFlavor(flavor({
      rootGb: 0, extraSpecs: { 'resources:VCPU': '0', 'resources:PCPU': '2', 'resources:CUSTOM_MAGIC': '1', 'trait:HW_CPU_X86_AVX': 'required', 'trait:CUSTOM_SLOW': 'forbidden', 'hw:numa_nodes': '1' },
    }));
    expect(rr.resources).toEqual({ MEMORY_MB: 512, PCPU: 2, CUSTOM_MAGIC: 1 });
    expect(rr.required).toEqual(['HW_CPU_X86_AVX']);
    expect(rr.forbidden).toEqual(['CUSTOM_SLOW']);
    expect(allocationCandidatesQuery(rr)).toContain('required=HW_CPU_X86_AVX%2C%21CUSTOM_SLOW');
  });
});

describe('weigher', () => {
  const h = (host: string, freeRamMb: number, freeVcpus = 10, freeDiskMb = 0, ioOps = 0) => ({ host, freeRamMb, freeVcpus, freeDiskMb, ioOps });
  test('more free RAM wins; ties keep host name order', () => {
    expect(weighHosts([h('host1', 1000), h('host2', 5000)]).map((x) => x.host)).toEqual(['host2', 'host1']);
    expect(weighHosts([h('host2', 1000), h('host1', 1000)]).map((x) => x.host)).toEqual(['host1', 'host2']);
  });
  test('weights are normalized and summed (busy hosts lose)', () => {
    const ranked = weighHosts([h('a', 1000, 10, 0, 0), h('b', 1100, 10, 0, 5)]);
    expect(ranked.map((x) => x.host)).toEqual(['a', 'b']);
  });
  test('weights.normalize: with minval 0 a value over the largest; without, min-max; all equal -> 0', () => {
    expect(normalize([3584, 2048], 0)).toEqual([1, 2048 / 3584]);
    expect(normalize([3584, 2048])).toEqual([1, 0]);
    expect(normalize([5, 5], 0)).toEqual([1, 1]);
    expect(normalize([0, 0], 0)).toEqual([0, 0]);
    expect(normalize([-1, 0])).toEqual([0, 1]);
  });
  test('the issue-21 hosts: host1 1.0 + 0.125, host2 0.571 + 1.0 (min-max would make them tie)', () => {
    const w = hostWeights([h('host1', 3584, 32), h('host2', 2048, 256)]);
    expect(w[0]).toBeCloseTo(1.125, 10);
    expect(w[1]).toBeCloseTo(2048 / 3584 + 1, 10);
  });
  test('values below minval are clamped (negative free RAM counts as 0); equal CPU still weighs 1.0 each', () => {
    expect(hostWeights([h('a', -100, 10), h('b', 100, 10)])).toEqual([1, 2]);
  });
  test('io ops weigh -1.0 x value / max; a failed build -1e6 x min-max', () => {
    // + 1.0 (CPU) + 1.0 (RAM) each
    expect(hostWeights([{ ...h('a', 100), ioOps: 2 }, { ...h('b', 100), ioOps: 1 }])).toEqual([1, 1.5]);
    expect(hostWeights([{ ...h('a', 100), failedBuilds: 1 }, h('b', 100)])).toEqual([2 - 1000000, 2]);
  });
});
