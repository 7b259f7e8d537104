// HostRanking (the scheduler's lazily sorted hosts) must read as weighHosts' sorted list, place by
// place, whether read a few places or to the end: ties in weight (broken by host name) and equal
// hosts (same name and weight: kept in the order given, as the stable sort keeps them) included.
import { describe, expect, it } from 'vitest';
import { HostRanking, hostWeights, normalize, weighHosts, DEFAULT_MULTIPLIERS, type HostFacts } from '../../../src/scheduler/weigher.js';
import { mulberry32 } from '../../../src/runtime/seeded-random.js';

const next = mulberry32(7);
const rnd = (n: number) => next() % n;

function randomHosts(n: number): (HostFacts & { id: number })[] {
  const out: (HostFacts & { id: number })[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: i,
      host: `h${rnd(Math.max(1, n - rnd(3)))}`, // sometimes two candidates on one host
      freeRamMb: 512 * rnd(4), freeVcpus: rnd(3), freeDiskMb: -1024 * rnd(2), ioOps: rnd(3),
      failedBuilds: rnd(10) === 0 ? 1 : 0, softAffinity: rnd(2), softAntiAffinity: -rnd(2),
    });
  }
  return out;
}

describe('HostRanking', () => {
  it('reads as weighHosts, a few places or all of them', () => {
    for (let round = 0; round < 300; round++) {
      const hosts = randomHosts(rnd(40));
      const expected = weighHosts(hosts).map((h) => h.id);
      const partial = new HostRanking(hosts);
      const few = Math.min(hosts.length, rnd(12));
      for (let i = 0; i < few; i++) expect(partial.at(i)!.id).toBe(expected[i]);
      expect(partial.all().map((h) => h.id)).toEqual(expected);
      expect(new HostRanking(hosts).all().map((h) => h.id)).toEqual(expected);
      const r = new HostRanking(hosts);
      const read: number[] = [];
      for (let i = 0; i < r.length; i++) read.push(r.at(i)!.id);
      expect(read).toEqual(expected);
      expect(r.at(hosts.length)).toBeUndefined();
      expect(r.inputOrder).toBe(hosts);
    }
  });

  it('hostWeights gives the bits of the per-weigher normalize() sums', () => {
    for (let round = 0; round < 100; round++) {
      const hosts = randomHosts(2 + rnd(30));
      const m = { ...DEFAULT_MULTIPLIERS, ram: [1, 0.5, -2][rnd(3)]!, cpu: [1, 3][rnd(2)]! };
      // the former computation, written out: raw list, normalize, multiplied sum in weigher order
      const fields: [keyof HostFacts, number | null, number][] = [
        ['freeVcpus', 0, m.cpu], ['failedBuilds', null, -m.buildFailure], ['softAffinity', null, m.softAffinity],
        ['softAntiAffinity', null, m.softAntiAffinity], ['freeRamMb', 0, m.ram], ['freeDiskMb', 0, m.disk], ['ioOps', 0, m.ioOps],
      ];
      const totals = hosts.map(() => 0);
      for (const [f, minval, mult] of fields) {
        const raw = hosts.map((h) => (minval === null ? (h[f] as number) : Math.max(h[f] as number, minval)));
        normalize(raw, minval).forEach((x, i) => { totals[i]! += mult * x; });
      }
      expect(hostWeights(hosts, m)).toEqual(totals);
    }
  });
});
