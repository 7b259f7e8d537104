// nova/scheduler/manager.py select_destinations: ask Placement for allocation candidates, filter
// the hosts (ComputeFilter, ignore_hosts), weigh them, claim the winner for the consumer, and
// return it with up to max_attempts-1 alternates (unclaimed, with their allocation requests).
import type { ComputeNodeRecord, ComputeNodeUsage, FlavorRecord } from '../compute-db/records.js';
import type { ServicesStore } from '../compute-db/services-store.js';
import type { PlacementClient, AllocationRequest, AllocationCandidates } from '../placement-client/placement-client.js';
import type { ReportClient, Claim, Owner } from '../placement-client/report-client.js';
import { novaError } from '../nova-exceptions/nova-error.js';
import { allocationCandidatesQuery, resourceRequestFromFlavor } from './resource-request.js';
import { DEFAULT_MULTIPLIERS, HostRanking, type WeightMultipliers } from './weigher.js';
import { HostStats } from './host-stats.js';
import { HostView, type HostSnapshot } from './host-view.js';
import { INVENTORY_POLICY } from '../driver/fake-driver.js';
import { availabilityZoneAggregates } from './availability-zone-filter.js';
import type { AggregatesStore } from '../compute-db/aggregates-store.js';
import { passesGroupFilters, softAffinityValue, type GroupPlacement, type PendingPlacements } from './server-group-filters.js';

export interface Selection {
  host: string;
  node: string;
  /** Compute node uuid = resource provider uuid. */
  rpUuid: string;
  claim: Claim;
  mappings?: Record<string, string[]>;
}

export interface ScheduleRequest {
  /** The consumer the claim is made for (the instance uuid). */
  consumer: string;
  owner: Owner;
  flavor: FlavorRecord;
  /** Hosts to skip (resize: the source unless allow_resize_to_same_host). */
  ignoreHosts?: readonly string[];
  /** Forced/requested host: the search is pinned to its node (in_tree). */
  host?: string | null;
  /** [scheduler] max_attempts (default 3): 1 selection + up to max_attempts-1 alternates. */
  maxAttempts?: number;
  /** RequestSpec.availability_zone: the zone the user asked for (moves keep it). */
  availabilityZone?: string | null;
  /** The host is forced (availability_zone 'az:host'): the server-group filters are skipped, as every filter is in nova. */
  forced?: boolean;
  /** The consumers of one multi-create request, in launch order: select_destinations for all of them at once. */
  batch?: readonly string[];
  /** RequestSpec.is_bfv: a volume-backed server asks no DISK_GB for its root disk. */
  isBfv?: boolean;
}

/** [scheduler] max_attempts default. */
export const MAX_ATTEMPTS = 3;

function claimOf(req: AllocationRequest): Claim {
  return Object.fromEntries(Object.entries(req.allocations).map(([rp, a]) => [rp, { ...a.resources }]));
}

/** A ranked host as a selection (the claimed one, or an alternate with its own claim). */
function selectionOf(h: { host: string; node: string; rpUuid: string; req: AllocationRequest }, claim: Claim = claimOf(h.req)): Selection {
  return { host: h.host, node: h.node, rpUuid: h.rpUuid, claim, mappings: h.req.mappings };
}

/** setup_instance_group: the group of the instance being scheduled, and the hosts picked for members not yet on them. */
export interface GroupSource {
  placement(instanceUuid: string): GroupPlacement | null;
  readonly pending: PendingPlacements;
}

/** The fake driver's disk_available_least (nova/virt/fake.py): HostState.free_disk_mb is min(free, this). */
const DISK_AVAILABLE_LEAST_GB = 0;

export function createScheduler(deps: {
  placement: PlacementClient; report: ReportClient; services: ServicesStore; groups?: GroupSource; aggregates?: AggregatesStore;
  /** The compute nodes' stats and what the scheduler consumed since (fresh when not given). */
  stats?: HostStats;
  /** [filter_scheduler] *_weight_multiplier. */
  multipliers?: () => WeightMultipliers;
  /** The instance is still a build request waiting for its host (multi-create members deleted meanwhile are skipped). */
  awaitingHost?: (consumer: string) => boolean;
}) {
  const { placement, report, services, groups } = deps;
  const stats = deps.stats ?? new HostStats();
  const hostView = new HostView(services);
  // Members of one group are placed one at a time, each seeing where the previous one went
  // (nova schedules a multi-create in one request and consumes each selected host).
  const groupTails = new Map<string, Promise<unknown>>();
  // One decision per multi-create request, keyed by its first member: every member awaits the
  // same promise, so members that ask while the first is still placing never place the
  // request a second time (which claimed for the wrong consumers).
  const batchDecisions = new Map<string, { pending: Set<string>; decision: Promise<Map<string, Selection[]>> }>();
  function inGroupOrder<T>(groupUuid: string, work: () => Promise<T>): Promise<T> {
    const tail = groupTails.get(groupUuid) ?? Promise.resolve();
    const run = tail.then(work, work);
    const settled = run.then(() => undefined, () => undefined);
    groupTails.set(groupUuid, settled);
    void settled.then(() => { if (groupTails.get(groupUuid) === settled) groupTails.delete(groupUuid); });
    return run;
  }
  return {
    /** Throws NovaError NoValidHost as the scheduler does; returns [claimed, ...alternates]. */
    selectDestinations(r: ScheduleRequest): Promise<Selection[]> {
      const member = groups?.placement(r.consumer) ?? null;
      // a member reads its group again once the members before it are placed; an instance in no
      // group is in none later either (membership is made with the instance, before it is scheduled)
      const run = () => (r.batch && r.batch.length > 1 ? selectForBatch(r) : select(r, member !== null));
      return member ? inGroupOrder(member.uuid, run) : run();
    },
  };

  /**
   * _schedule for a multi-create: the first member to ask places every member of its request, in
   * launch order, each seeing the hosts consumed before it; if one finds no host, the claims made
   * for the others are removed (_ensure_sufficient_hosts) and every member gets the NoValidHost.
   * The other members then pick up what was decided for them.
   */
  async function selectForBatch(r: ScheduleRequest): Promise<Selection[]> {
    const key = r.batch![0]!;
    let entry = batchDecisions.get(key);
    if (!entry) {
      const members = r.batch!.filter((c) => c === r.consumer || (deps.awaitingHost?.(c) ?? true));
      entry = { pending: new Set(members), decision: placeBatch(r, members) };
      batchDecisions.set(key, entry);
    }
    entry.pending.delete(r.consumer);
    if (entry.pending.size === 0) batchDecisions.delete(key);
    const placed = await entry.decision;
    const mine = placed.get(r.consumer);
    if (!mine) throw novaError('NoValidHost', { reason: '' });
    return mine;
  }

  /**
   * _schedule for the members of one request: ONE allocation-candidates search and one read of
   * the host states, then per member (launch order) filter and weigh what the previous member
   * kept (nova reassigns `hosts` to each member's sorted list), claim the first host whose
   * allocation request the claim accepts, and consume it. Short of a host for every member: the
   * claims made are removed (_ensure_sufficient_hosts). Then _get_alternate_hosts.
   */
  async function placeBatch(r: ScheduleRequest, members: readonly string[]): Promise<Map<string, Selection[]>> {
    const placed = new Map<string, Selection[]>();
    try {
      const candidates = await candidateHosts(r);
      let pool = candidates.hosts;
      let ranked = NO_HOSTS;
      for (const c of members) {
        const group = groups?.placement(c) ?? null;
        ranked = rankFor(r, group, pool, candidates.usages);
        // The next member weighs the hosts this one kept. In any order when no two candidates
        // share a host name: weighHosts' order is then total (weight, then name), whatever order
        // it is given. Otherwise in this one's order, as nova hands it on (ties keep it).
        const kept: CandidateHost[] = [];
        for (const h of candidates.uniqueHostNames ? ranked.inputOrder : ranked.all()) kept.push(h.candidate);
        pool = kept;
        for (let i = 0; i < ranked.length; i++) {
          const h = ranked.at(i)!;
          const claim = claimOf(h.req);
          if (!(await report.claimResources(c, claim, r.owner, h.req.mappings))) continue;
          consumeSelected(r, c, group, h);
          placed.set(c, [selectionOf(h, claim)]);
          break;
        }
        if (!placed.has(c)) break;
      }
      if (placed.size < members.length) throw novaError('NoValidHost', { reason: 'There are not enough hosts available.' });
      // _get_alternate_hosts: after more than one member the hosts are sorted again (every claim
      // consumed); each member's alternates are the first of them that no member was placed on
      const alts = (r.maxAttempts ?? MAX_ATTEMPTS) - 1;
      if (alts > 0) {
        const sorted = members.length > 1 ? rankFor(r, groups?.placement(members.at(-1)!) ?? null, pool, candidates.usages) : ranked;
        const taken = new Set<string>();
        for (const sel of placed.values()) taken.add(sel[0]!.rpUuid);
        for (const sel of placed.values()) {
          for (let i = 0; i < sorted.length; i++) {
            const h = sorted.at(i)!;
            if (sel.length > alts) break;
            if (!taken.has(h.rpUuid)) sel.push(selectionOf(h));
          }
        }
      }
    } catch (error) {
      for (const c of placed.keys()) await report.deleteAllocationForConsumer(c, true, r.owner);
      throw error;
    }
    return placed;
  }

  async function select(r: ScheduleRequest, inGroup: boolean): Promise<Selection[]> {
    const candidates = await candidateHosts(r);
    const group = inGroup ? groups?.placement(r.consumer) ?? null : null;
    const ranked = rankFor(r, group, candidates.hosts, candidates.usages);
    if (ranked.length === 0) throw novaError('NoValidHost', { reason: 'There are not enough hosts available.' });
    const maxAttempts = r.maxAttempts ?? MAX_ATTEMPTS;
    for (let i = 0; i < ranked.length; i++) {
      const h = ranked.at(i)!;
      const claim = claimOf(h.req);
      if (!(await report.claimResources(r.consumer, claim, r.owner, h.req.mappings))) continue;
      consumeSelected(r, r.consumer, group, h);
      // the selection, then its alternates: pushed, not .map() and spread (see providersWithRoom
      // in placement/allocation-candidates/provider-snapshot.ts: "wrong map" deopts)
      const selections: Selection[] = [selectionOf(h, claim)];
      for (let j = i + 1; j < ranked.length && j < i + maxAttempts; j++) selections.push(selectionOf(ranked.at(j)!));
      return selections;
    }
    throw novaError('NoValidHost', { reason: 'There are not enough hosts available.' });
  }

  /**
   * select_destinations' GET /allocation_candidates, one candidate per root provider that is a
   * compute node we know, passing the filters that do not depend on the instance (ComputeFilter,
   * ignore_hosts); and the usage of those nodes (the host states), read together.
   */
  async function candidateHosts(r: ScheduleRequest): Promise<Candidates> {
    let inTree: string | null = null;
    if (r.host) {
      const nodes = services.listNodes().filter((n) => n.host === r.host);
      if (nodes.length === 0) throw novaError('NoValidHost', { reason: '' });
      inTree = nodes[0]!.uuid;
    }
    const rr = resourceRequestFromFlavor(r.flavor, inTree, r.isBfv ?? false);
    const zoneAggregates = availabilityZoneAggregates(deps.aggregates, r.availabilityZone);
    if (zoneAggregates) rr.memberOf = [zoneAggregates];
    const ac = await placement.allocationCandidates(allocationCandidatesQuery(rr));
    if (ac.allocation_requests.length === 0) throw novaError('NoValidHost', { reason: '' });

    return filteredCandidates(ac, hostView.snapshot(), new Set(r.ignoreHosts ?? []));
  }

  /**
   * _get_sorted_hosts for one instance (of `group`, read once per instance by the caller): the
   * server-group filters, then the weighers over the host states now.
   */
  function rankFor(r: ScheduleRequest, group: GroupPlacement | null, pool: readonly CandidateHost[], usages: ReadonlyMap<string, ComputeNodeUsage>): HostRanking<RankedHost> {
    const hosts: RankedHost[] = [];
    for (const candidate of pool) {
      const { rpUuid, req, node } = candidate;
      if (!r.forced && !passesGroupFilters(group, node.host)) continue; // ServerGroup(Anti)AffinityFilter
      // HostState: the node as its resource tracker last wrote it, less what was consumed since
      const usage = usages.get(node.hypervisorHostname)!;
      const consumed = stats.consumedOn(node.host);
      const saved = stats.view(node.host);
      hosts.push({
        candidate, host: node.host, node: node.hypervisorHostname, rpUuid, req,
        freeRamMb: node.memoryMb - INVENTORY_POLICY.reservedHostMemoryMb - usage.memoryMbUsed - consumed.ramMb,
        freeVcpus: node.vcpus * INVENTORY_POLICY.cpuAllocationRatio - (usage.vcpusUsed + consumed.vcpus),
        freeDiskMb: Math.min(node.localGb - usage.localGbUsed, DISK_AVAILABLE_LEAST_GB) * 1024 - consumed.diskMb,
        ioOps: saved.ioWorkload + consumed.ioOps,
        failedBuilds: saved.failedBuilds,
        softAffinity: softAffinityValue(group, node.host, 'soft-affinity'),
        softAntiAffinity: softAffinityValue(group, node.host, 'soft-anti-affinity'),
      });
    }
    return new HostRanking(hosts, deps.multipliers?.() ?? DEFAULT_MULTIPLIERS);
  }

  /** _consume_selected_host: the next instance (of this request, or of the group) sees the host taken. */
  function consumeSelected(r: ScheduleRequest, consumer: string, group: GroupPlacement | null, h: RankedHost): void {
    if (group) groups!.pending.record(consumer, h.host);
    stats.consume(h.host, { ramMb: r.flavor.memoryMb, vcpus: r.flavor.vcpus, diskMb: (r.flavor.rootGb + r.flavor.ephemeralGb) * 1024 });
  }
}

/**
 * candidateHosts' loops, a plain function: in the async candidateHosts (run once per boot) they
 * made it the largest TurboFan compile of a boot, everything they call inlined into it.
 */
function filteredCandidates(ac: AllocationCandidates, view: HostSnapshot, ignore: ReadonlySet<string>): Candidates {
  const byRp = new Map<string, AllocationRequest>();
  for (const req of ac.allocation_requests) {
    const first = Object.keys(req.allocations)[0]!;
    const root = ac.provider_summaries[first]?.root_provider_uuid ?? first;
    if (!byRp.has(root)) byRp.set(root, req);
  }
  const hosts: CandidateHost[] = [];
  for (const [rpUuid, req] of byRp) {
    const node = view.node(rpUuid);
    if (!node) continue;
    const svc = view.service(node.serviceId);
    if (!svc || svc.disabled || svc.forcedDown) continue; // ComputeFilter
    if (ignore.has(node.host)) continue;
    hosts.push({ rpUuid, req, node });
  }
  const names: string[] = [];
  const hostNames = new Set<string>();
  for (const h of hosts) { names.push(h.node.hypervisorHostname); hostNames.add(h.node.host); }
  return { hosts, usages: view.usages(names), uniqueHostNames: hostNames.size === hosts.length };
}

interface Candidates {
  hosts: CandidateHost[];
  usages: Map<string, ComputeNodeUsage>;
  /** No two candidates on one host (one node per host): weighHosts' order is total. */
  uniqueHostNames: boolean;
}

/** A candidate host that passed the filters that do not depend on the instance. */
interface CandidateHost {
  rpUuid: string;
  req: AllocationRequest;
  node: ComputeNodeRecord;
}

/** A candidate host's state for one instance, as the weighers see it. */
interface RankedHost {
  candidate: CandidateHost;
  host: string;
  node: string;
  rpUuid: string;
  req: AllocationRequest;
  freeRamMb: number;
  freeVcpus: number;
  freeDiskMb: number;
  ioOps: number;
  failedBuilds: number;
  softAffinity: number;
  softAntiAffinity: number;
}

const NO_HOSTS = new HostRanking<RankedHost>([]);

export type Scheduler = ReturnType<typeof createScheduler>;
