// The scheduler's view of the compute nodes (nova's HostManager keeps HostStates and refreshes
// them from the compute node records): nodes and services held in memory and re-read only when
// a write to services or compute_nodes moved the store's hosts version; each node's usage held
// in memory and refreshed from the rows changed since the last look (node_usage, kept by
// triggers on instances). A select() then costs a few queries, not three per candidate host.
import type { ComputeNodeRecord, ComputeNodeUsage, ServiceRecord } from '../compute-db/records.js';
import type { ServicesStore, UsageRow } from '../compute-db/services-store.js';

export interface HostSnapshot {
  node(rpUuid: string): ComputeNodeRecord | undefined;
  service(id: number): ServiceRecord | undefined;
  /** nodeUsage of these nodes (hypervisor hostnames), read together. */
  usages(nodes: readonly string[]): Map<string, ComputeNodeUsage>;
}

export class HostView {
  private hostsVersion = -1;
  private nodes = new Map<string, ComputeNodeRecord>();
  private services = new Map<number, ServiceRecord>();
  private usageSeq = 0;
  private readonly usage = new Map<string, UsageRow>();

  constructor(private readonly store: ServicesStore) {}

  /** What the store holds now (called at each select; reads only what changed). */
  snapshot(): HostSnapshot {
    const version = this.store.hostsVersion();
    if (version !== this.hostsVersion) {
      this.nodes = new Map(this.store.listNodes().map((n) => [n.uuid, n]));
      this.services = new Map(this.store.listAllServices().map((s) => [s.id, s]));
      this.hostsVersion = version;
    }
    for (const r of this.store.usageChangedSince(this.usageSeq)) {
      this.usage.set(r.node, { n: r.n, vcpus: r.vcpus, mem: r.mem, disk: r.disk });
      this.usageSeq = r.seq;
    }
    return {
      node: (rpUuid) => this.nodes.get(rpUuid),
      service: (id) => this.services.get(id),
      usages: (nodes) => this.store.nodeUsages(nodes, this.usage),
    };
  }
}
