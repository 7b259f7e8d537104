// nova/scheduler/weights: each weigher's raw value normalized to [0, 1] over the candidate hosts
// (weights.normalize), times its multiplier, summed; the highest total wins (host_subset_size=1).
// Implemented: RAMWeigher, CPUWeigher, DiskWeigher (free capacity, multiplier 1.0) and
// IoOpsWeigher (-1.0 x instances with a task in progress), ServerGroupSoftAffinityWeigher and
// ServerGroupSoftAntiAffinityWeigher (1.0 x the group's members on the host, negated for anti).
// The others are 0 in this world.

export interface HostFacts {
  host: string;
  freeRamMb: number;
  freeVcpus: number;
  freeDiskGb: number;
  ioOps: number;
  /** Soft (anti-)affinity weigher values (server-group-filters.ts softAffinityValue); 0 without a group. */
  softAffinity?: number;
  softAntiAffinity?: number;
}

function normalize(values: number[]): number[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return values.map(() => 0);
  return values.map((v) => (v - min) / (max - min));
}

const WEIGHERS: { multiplier: number; value: (h: HostFacts) => number }[] = [
  { multiplier: 1.0, value: (h) => h.freeRamMb },
  { multiplier: 1.0, value: (h) => h.freeVcpus },
  { multiplier: 1.0, value: (h) => h.freeDiskGb },
  { multiplier: -1.0, value: (h) => h.ioOps },
  { multiplier: 1.0, value: (h) => h.softAffinity ?? 0 },
  { multiplier: 1.0, value: (h) => h.softAntiAffinity ?? 0 },
];

/** Hosts best first; ties keep host name order (nova keeps the host manager's order). */
export function weighHosts<T extends HostFacts>(hosts: readonly T[]): T[] {
  if (hosts.length <= 1) return [...hosts];
  const totals = new Array<number>(hosts.length).fill(0);
  for (const w of WEIGHERS) {
    const norm = normalize(hosts.map(w.value));
    norm.forEach((n, i) => { totals[i]! += n * w.multiplier; });
  }
  return hosts
    .map((h, i) => ({ h, w: totals[i]! }))
    .sort((a, b) => b.w - a.w || (a.h.host < b.h.host ? -1 : a.h.host > b.h.host ? 1 : 0))
    .map((x) => x.h);
}
