// The fake cloud's compute hosts: each is a nova-compute service with one compute node, reported
// to Placement as its resource provider. Seeding, reset (back to the seed or to the reset's
// hosts and config), the restart of a cloud reopened from its file, and the computes' periodic
// tasks live here: everything that makes or unmakes the cloud rather than serves a request.
import type { Runtime } from '../runtime/runtime.js';
import { novaOptionsFrom } from '../runtime/nova-options.js';
import type { SavedSettings } from '../runtime/saved-settings.js';
import type { ComputeStore } from '../compute-db/compute-store.js';
import type { ServiceRecord } from '../compute-db/records.js';
import type { PlacementClient } from '../placement-client/placement-client.js';
import type { HostStats } from '../scheduler/host-stats.js';
import type { PendingPlacements } from '../scheduler/server-group-filters.js';
import type { FakeDriver, HostSpec } from '../driver/fake-driver.js';
import type { FaultPlan } from '../driver/fault-plan.js';
import { ApiError } from '../http/api-error.js';
import { CONDUCTOR_SERVICE_HOST, DEFAULT_FLAVORS, DEFAULT_HOSTS, SCHEDULER_SERVICE_HOST, hostSpecFrom, type HostInput } from './cloud-seed.js';
import { CONDUCTOR_HOST, engineFor, type Engine } from './engine.js';
import { reportNode, setNodeTraits } from './resource-tracker.js';
import { recoverAfterRestart } from './recovery.js';
import { dueForReclaim, reclaimInstance } from './soft-delete.js';
import type { WorkflowRunner } from './runner.js';

/** The status of a host whose nova-compute service is `svc` (null: none). */
function hostStatusOf(svc: ServiceRecord | null): HostStatus {
  if (!svc) return 'UNKNOWN';
  if (svc.forcedDown) return 'DOWN';
  if (svc.disabled) return 'MAINTENANCE';
  return 'UP';
}

/** The control plane's view of a host (GET /_mock/hosts). */
export interface HostView {
  name: string;
  vcpus: number;
  memory_mb: number;
  local_gb: number;
  traits: string[];
  driver: string;
  resource_provider: string | null;
}

/** 2.16 host_status; '' when the server has no host. */
export type HostStatus = 'UP' | 'DOWN' | 'MAINTENANCE' | 'UNKNOWN' | '';

/** What a reset makes the cloud of (POST /_mock/reset's hosts and config). `hosts: []`: no computes. */
export interface CloudReset {
  hosts?: HostInput[];
  config?: Record<string, unknown>;
}

export interface ComputeHosts {
  add(input: HostInput): Promise<HostView>;
  list(): HostView[];
  has(name: string): boolean;
  /** The fake driver's view of a compute (null: no such host). */
  spec(name: string): HostSpec | null;
  status(host: string | null): HostStatus;
  /** status() of many hosts (a page of servers) in one query: host -> status, every host given. */
  statuses(hosts: readonly string[]): Map<string, HostStatus>;
  /** Report COMPUTE_STATUS_DISABLED for a compute's node (os-services disable/enable). */
  reportDisabled(host: string, disabled: boolean): Promise<void>;
  /** A compute service's removal, Placement's side: its provider (with the allocations on it) goes. */
  remove(name: string): Promise<void>;
  /** Seed (when configured), make again a reset a crash interrupted, or recover a reopened cloud. */
  start(): Promise<void>;
  /** Called before any service empties its tables: a crash from here until the seed is done is made again. */
  beginReset(): void;
  /** Stop every workflow, empty the cloud and seed it as `body` says. */
  reset(body: CloudReset): Promise<void>;
  /** Stop the periodic tasks. */
  stop(): void;
}

export interface ComputeHostsDeps {
  readonly runtime: Runtime;
  readonly store: ComputeStore;
  readonly placement: PlacementClient;
  readonly hostStats: HostStats;
  readonly pendingPlacements: PendingPlacements;
  readonly faults: FaultPlan;
  readonly driver: FakeDriver;
  readonly savedSettings: SavedSettings;
  readonly runner: WorkflowRunner;
  /** The workflows' context (recovery and reclaim run workflows); asked when they start. */
  engine(): Engine;
  /** Placement's own reset, when a start makes an interrupted reset again. */
  resetPlacement(): void;
}

export function createComputeHosts(d: ComputeHostsDeps): ComputeHosts {
  const { runtime, store, placement: pc, hostStats } = d;
  const hosts = new Map<string, HostSpec>();
  let stopPeriodic: (() => void) | null = null;
  let statusCache: { version: number; byHost: Map<string, HostStatus> } = { version: -1, byHost: new Map() };

  const view = (name: string): HostView => {
    const h = hosts.get(name)!;
    const node = store.services.getNodeByName(name);
    return { name, vcpus: h.vcpus, memory_mb: h.memoryMb, local_gb: h.localGb, traits: [...h.traits], driver: h.driver, resource_provider: node?.uuid ?? null };
  };

  async function add(input: HostInput): Promise<HostView> {
    if (hosts.has(input.name) || store.services.findService(input.name, 'nova-compute')) {
      throw new ApiError(409, null, `host ${input.name} exists`);
    }
    const spec = hostSpecFrom(input);
    const svc = store.services.createService({ uuid: runtime.ids.uuid(), host: spec.name, binary: 'nova-compute' });
    const node = store.services.createNode({
      uuid: runtime.ids.uuid(), serviceId: svc.id, host: spec.name, hypervisorHostname: spec.name, driver: spec.driver,
      vcpus: spec.vcpus, memoryMb: spec.memoryMb, localGb: spec.localGb, traits: spec.traits,
    });
    hosts.set(spec.name, spec);
    hostStats.forget(spec.name);
    await reportNode(pc, node.uuid, spec, false);
    return view(spec.name);
  }

  async function remove(name: string): Promise<void> {
    const node = store.services.getNodeByName(name);
    if (node) {
      // the provider's allocations go with it (nova deletes the RP with cascade on service delete)
      for (const consumer of Object.keys(await pc.providerAllocations(node.uuid))) await pc.deleteAllocations(consumer);
      await pc.deleteProvider(node.uuid);
    }
    hosts.delete(name);
    hostStats.forget(name);
  }

  /** The fake cloud's hosts are its compute nodes (a reopened file brings them back). */
  function load(): void {
    hosts.clear();
    for (const n of store.services.listNodes()) {
      hosts.set(n.host, { name: n.host, driver: n.driver, vcpus: n.vcpus, memoryMb: n.memoryMb, localGb: n.localGb, traits: [...n.traits] });
    }
  }

  /** A database that already holds a cloud (a file reopened) is used as it is: no seed. */
  const holdsCloud = (): boolean => runtime.db.prepare('SELECT EXISTS (SELECT 1 FROM services) OR EXISTS (SELECT 1 FROM flavors)').pluck().get() === 1;

  async function seed(body: CloudReset): Promise<void> {
    d.savedSettings.seedingStarted();
    for (const f of runtime.seedPlan?.flavors ?? DEFAULT_FLAVORS) store.flavors.create(f);
    // the API registers itself first (OSAPIFixture / wsgi_app), so the listed services number from 2
    store.services.createService({ uuid: runtime.ids.uuid(), host: CONDUCTOR_HOST, binary: 'nova-osapi_compute' });
    store.services.createService({ uuid: runtime.ids.uuid(), host: CONDUCTOR_SERVICE_HOST, binary: 'nova-conductor' });
    store.services.createService({ uuid: runtime.ids.uuid(), host: SCHEDULER_SERVICE_HOST, binary: 'nova-scheduler' });
    for (const h of body.hosts ?? runtime.seedPlan?.hosts ?? DEFAULT_HOSTS) await add(h);
    d.savedSettings.seedingDone();
  }

  /** Empty the cloud and seed it as `body` says (POST /_mock/reset, or a reset a crash interrupted). */
  async function reseed(body: CloudReset): Promise<void> {
    // marked before anything is emptied: a crash from here on is finished by the next start
    d.savedSettings.seedingStarted();
    d.faults.reset();
    d.driver.clearGuests();
    hosts.clear();
    d.pendingPlacements.clear();
    hostStats.clear();
    store.clear();
    applyConfig(body.config);
    d.savedSettings.save({ profile: runtime.settings.policyProfile, config: body.config ?? {}, ...(body.hosts ? { hosts: body.hosts as unknown as Record<string, unknown>[] } : {}) });
    await clearRemotePlacement();
    await seed(body);
  }

  /** A remote Placement is not reset by placement.reset(): remove what our computes left there. */
  async function clearRemotePlacement(): Promise<void> {
    if (!runtime.config.placementUrl) return;
    // children before parents; a provider that gained an allocation meanwhile is emptied again
    const rps = (await pc.listProviders()).sort((a, b) => Number(a.uuid === a.root_provider_uuid) - Number(b.uuid === b.root_provider_uuid));
    for (const rp of rps) {
      for (let attempt = 0; ; attempt++) {
        for (const consumer of Object.keys(await pc.providerAllocations(rp.uuid))) await pc.deleteAllocations(consumer);
        try {
          await pc.deleteProvider(rp.uuid);
          break;
        } catch (err) {
          if (attempt >= 2) throw err;
        }
      }
    }
  }

  /** ComputeManager._reclaim_queued_deletes on every compute: soft-deleted long enough -> deleted. */
  function reclaimQueuedDeletes(): void {
    const interval = runtime.settings.novaOptions.reclaim_instance_interval;
    if (interval <= 0) return;
    const engine = d.engine();
    for (const host of hosts.keys()) {
      for (const uuid of dueForReclaim(engine, host, interval)) {
        void d.runner.spawn(`reclaim ${uuid}`, uuid, (p) => reclaimInstance(engineFor(engine, p), uuid));
      }
    }
  }

  function applyConfig(config: Record<string, unknown> | undefined): void {
    const c = config ?? {};
    runtime.settings.allowResizeToSameHost = typeof c.allow_resize_to_same_host === 'boolean' ? c.allow_resize_to_same_host : runtime.config.allowResizeToSameHost;
    const options = novaOptionsFrom(c);
    runtime.settings.novaOptions = options;
    stopPeriodic?.();
    stopPeriodic = null;
    // the computes' periodic tasks tick every [DEFAULT] periodic_interval seconds of the clock
    if (options.reclaim_instance_interval > 0) stopPeriodic = runtime.clock.every(options.periodic_interval * 1000, reclaimQueuedDeletes);
  }

  return {
    add,
    list: () => [...hosts.keys()].map(view),
    has: (name) => hosts.has(name),
    spec: (name) => hosts.get(name) ?? null,
    status: (host) => (host ? hostStatusOf(store.services.findService(host, 'nova-compute')) : ''),
    statuses(names) {
      // the hosts' statuses kept until a write to services or compute_nodes (a page of 1,000
      // servers on 1,000 hosts read 1,000 service rows per request)
      const version = store.services.hostsVersion();
      if (statusCache.version !== version) statusCache = { version, byHost: new Map() };
      const { byHost } = statusCache;
      const missing = names.filter((h) => h && !byHost.has(h));
      if (missing.length) {
        const svcs = store.services.findServices(missing, 'nova-compute');
        for (const h of missing) byHost.set(h, hostStatusOf(svcs.get(h) ?? null));
      }
      return new Map(names.map((h) => [h, h ? byHost.get(h)! : '']));
    },
    async reportDisabled(host, disabled) {
      const node = store.services.getNodeByName(host);
      const spec = hosts.get(host);
      if (node && spec) await setNodeTraits(pc, node.uuid, spec, disabled);
    },
    remove,
    async start() {
      if (d.savedSettings.seedingInterrupted()) {
        // the process died during a seed or a reset: the half-made cloud is made again
        const saved = d.savedSettings.load();
        runtime.settings.policyProfile = saved?.profile ?? runtime.config.policyProfile;
        d.resetPlacement();
        await reseed({ config: saved?.config, ...(saved?.hosts ? { hosts: saved.hosts as unknown as HostInput[] } : {}) });
        return;
      }
      if (!holdsCloud()) {
        if (runtime.config.seed) {
          await clearRemotePlacement();
          await seed({});
        }
        return;
      }
      const saved = d.savedSettings.load();
      if (saved) {
        runtime.settings.policyProfile = saved.profile;
        applyConfig(saved.config);
      }
      load();
      // init_host for every compute, the conductor's view of unscheduled builds, the resource
      // tracker's first heal: before the API accepts a request
      await recoverAfterRestart(d.engine());
    },
    beginReset() { d.savedSettings.seedingStarted(); },
    async reset(body) {
      await d.runner.stopAll();
      await reseed(body);
    },
    stop() {
      stopPeriodic?.();
      stopPeriodic = null;
    },
  };
}
