// nova/weights.py and nova/scheduler/weights/*.py: each weigher's raw value per host, clamped
// to the weigher's minval/maxval, normalised over the candidate hosts (weights.normalize: to
// [0, 1] between minval — when the weigher declares one — or the smallest value, and the
// largest; all equal -> 0), times its multiplier, summed; the highest total wins
// (host_subset_size = 1). RAM, CPU, disk and io-ops declare minval = 0, so they normalise as
// value / max; the soft (anti-)affinity and build-failure weighers as (v - min) / (max - min).
// The others (PCI, metrics, cross-cell) are 0 in this world.
import type { NovaOptions } from '../runtime/nova-options.js';

/** The host state (nova/scheduler/host_manager.py HostState) the weighers read. */
export interface HostFacts {
  host: string;
  /** free_ram_mb: memory_mb - memory_mb_used (reserved memory included in the used), no ratio. */
  freeRamMb: number;
  /** vcpus_total * cpu_allocation_ratio - vcpus_used. */
  freeVcpus: number;
  /** free_disk_mb: min(free_disk_gb, disk_available_least) * 1024. */
  freeDiskMb: number;
  /** num_io_ops: the node's stats io_workload (host-stats.ts). */
  ioOps: number;
  /** failed_builds of the node's stats. */
  failedBuilds?: number;
  /** Soft (anti-)affinity weigher values (server-group-filters.ts softAffinityValue); 0 without a group. */
  softAffinity?: number;
  softAntiAffinity?: number;
}

/** [filter_scheduler] *_weight_multiplier (nova's defaults). */
export interface WeightMultipliers {
  ram: number;
  cpu: number;
  disk: number;
  ioOps: number;
  softAffinity: number;
  softAntiAffinity: number;
  buildFailure: number;
}

export const DEFAULT_MULTIPLIERS: WeightMultipliers = {
  ram: 1.0, cpu: 1.0, disk: 1.0, ioOps: -1.0, softAffinity: 1.0, softAntiAffinity: 1.0, buildFailure: 1000000.0,
};

/** [filter_scheduler] <weigher>_weight_multiplier as set (nova's defaults otherwise). */
export function weightMultipliers(o: NovaOptions['filter_scheduler']): WeightMultipliers {
  const d = DEFAULT_MULTIPLIERS;
  return {
    ram: o.ram_weight_multiplier ?? d.ram,
    cpu: o.cpu_weight_multiplier ?? d.cpu,
    disk: o.disk_weight_multiplier ?? d.disk,
    ioOps: o.io_ops_weight_multiplier ?? d.ioOps,
    softAffinity: o.soft_affinity_weight_multiplier ?? d.softAffinity,
    softAntiAffinity: o.soft_anti_affinity_weight_multiplier ?? d.softAntiAffinity,
    buildFailure: o.build_failure_weight_multiplier ?? d.buildFailure,
  };
}

interface Weigher {
  minval: number | null;
  multiplier: (m: WeightMultipliers) => number;
  value: (h: HostFacts) => number;
}

// In the order nova loads them (loadables.get_all_classes walks nova/scheduler/weights with
// os.walk: cpu, compute, affinity, ram, disk, io_ops with Debian's package), which is the order
// the floating-point sum is made in.
const WEIGHERS: Weigher[] = [
  { minval: 0, multiplier: (m) => m.cpu, value: (h) => h.freeVcpus },
  // BuildFailureWeigher: weight_multiplier is -1 * build_failure_weight_multiplier
  { minval: null, multiplier: (m) => -m.buildFailure, value: (h) => h.failedBuilds ?? 0 },
  { minval: null, multiplier: (m) => m.softAffinity, value: (h) => h.softAffinity ?? 0 },
  { minval: null, multiplier: (m) => m.softAntiAffinity, value: (h) => h.softAntiAffinity ?? 0 },
  { minval: 0, multiplier: (m) => m.ram, value: (h) => h.freeRamMb },
  { minval: 0, multiplier: (m) => m.disk, value: (h) => h.freeDiskMb },
  { minval: 0, multiplier: (m) => m.ioOps, value: (h) => h.ioOps },
];

/** weights.normalize(weight_list, minval, maxval=None). */
export function normalize(values: readonly number[], minval: number | null = null): number[] {
  const out = new Float64Array(values.length);
  normalizeInto(values, values.length, minval, out);
  // loops, not .map() and spreads: see providersWithRoom (placement/allocation-candidates/provider-snapshot.ts)
  const list: number[] = [];
  for (let i = 0; i < out.length; i++) list.push(out[i]!);
  return list;
}

/**
 * normalize() of values[0..n) into out[0..n): the scheduler ranks ~1,000 hosts per instance,
 * so hostWeights calls this with scratch columns instead of two arrays per weigher.
 * Float64Array holds JS numbers exactly: the figures are bit for bit normalize()'s.
 */
function normalizeInto(values: ArrayLike<number>, n: number, minval: number | null, out: Float64Array): void {
  let max = -Infinity;
  let least = Infinity;
  for (let i = 0; i < n; i++) { const v = values[i]!; max = Math.max(max, v); least = Math.min(least, v); }
  const min = minval ?? least;
  for (let i = 0; i < n; i++) out[i] = min === max ? 0 : (values[i]! - min) / (max - min);
}

/** Each host with its total weight (get_weighed_objects), in the order given. */
export function hostWeights(hosts: readonly HostFacts[], m: WeightMultipliers = DEFAULT_MULTIPLIERS): number[] {
  const n = hosts.length;
  const totals = new Array<number>(n).fill(0);
  if (n <= 1) return totals;
  const raw = new Float64Array(n);
  const normalized = new Float64Array(n);
  // summed in weigher order
  for (const w of WEIGHERS) {
    // BaseWeigher.weigh_objects: don't let the weight go below minval
    for (let i = 0; i < n; i++) raw[i] = w.minval === null ? w.value(hosts[i]!) : Math.max(w.value(hosts[i]!), w.minval);
    normalizeInto(raw, n, w.minval, normalized);
    const mult = w.multiplier(m);
    for (let i = 0; i < n; i++) totals[i]! += mult * normalized[i]!;
  }
  return totals;
}

/**
 * The ranking order: negative when host a (total weight wa) ranks before host b. Highest weight
 * first; ties by host name (nova breaks them by a Python set's order, which PYTHONHASHSEED decides).
 */
export function rankOrder(wa: number, ha: string, wb: number, hb: string): number {
  return wb - wa || (ha < hb ? -1 : ha > hb ? 1 : 0);
}

/**
 * Hosts best first (sorted(..., key=weight, reverse=True): a stable sort, so equal weights keep
 * the order the hosts came in; nova's order there is a Python set's, so ties are broken by
 * host name here, and PYTHONHASHSEED decides them on the real side).
 */
export function weighHosts<T extends HostFacts>(hosts: readonly T[], m: WeightMultipliers = DEFAULT_MULTIPLIERS): T[] {
  if (hosts.length <= 1) return [...hosts];
  const totals = hostWeights(hosts, m);
  // loops, not .map(): see providersWithRoom (placement/allocation-candidates/provider-snapshot.ts)
  const weighed: { h: T; w: number }[] = [];
  for (let i = 0; i < hosts.length; i++) weighed.push({ h: hosts[i]!, w: totals[i]! });
  weighed.sort((a, b) => rankOrder(a.w, a.h.host, b.w, b.h.host));
  const ranked: T[] = [];
  for (const x of weighed) ranked.push(x.h);
  return ranked;
}

/**
 * weighHosts' order, computed as far as it is read: a scheduler claims the first host and reads
 * a few alternates, so the first places are picked by scans (the earliest of equals first, as
 * the stable sort keeps them) and the rest is sorted only when read past them. at(i) is
 * weighHosts(hosts)[i]; inputOrder the hosts as given.
 */
export class HostRanking<T extends HostFacts> {
  private readonly order: number[] = [];
  private readonly picked: Uint8Array;
  private readonly totals: number[];
  private sortedAll = false;

  constructor(readonly inputOrder: readonly T[], m: WeightMultipliers = DEFAULT_MULTIPLIERS) {
    this.totals = hostWeights(inputOrder, m);
    this.picked = new Uint8Array(inputOrder.length);
    // weighHosts keeps one host (or none) as given
    if (inputOrder.length <= 1) { for (let i = 0; i < inputOrder.length; i++) this.order.push(i); this.sortedAll = true; }
  }

  get length(): number { return this.inputOrder.length; }

  /** weighHosts' comparator on two indexes: negative when a ranks first. */
  private compare(a: number, b: number): number {
    return rankOrder(this.totals[a]!, this.inputOrder[a]!.host, this.totals[b]!, this.inputOrder[b]!.host);
  }

  at(i: number): T | undefined {
    const n = this.inputOrder.length;
    if (i >= n) return undefined;
    while (this.order.length <= i) {
      if (this.order.length >= SCANNED_PLACES) { this.sortRest(); break; }
      let best = -1;
      for (let k = 0; k < n; k++) {
        if (this.picked[k] === 0 && (best < 0 || this.compare(k, best) < 0)) best = k;
      }
      this.picked[best] = 1;
      this.order.push(best);
    }
    return this.inputOrder[this.order[i]!];
  }

  /** The whole ranking (weighHosts' answer). */
  all(): T[] {
    this.sortRest();
    const out: T[] = [];
    for (const i of this.order) out.push(this.inputOrder[i]!);
    return out;
  }

  private sortRest(): void {
    if (this.sortedAll) return;
    this.sortedAll = true;
    const rest: number[] = [];
    for (let k = 0; k < this.inputOrder.length; k++) if (this.picked[k] === 0) rest.push(k);
    // stable, as weighHosts' sort: equals keep the order given
    rest.sort((a, b) => this.compare(a, b));
    for (const k of rest) { this.picked[k] = 1; this.order.push(k); }
  }
}

/** Places found by scanning before the rest is sorted (a claim and its alternates read ~3). */
const SCANNED_PLACES = 8;
