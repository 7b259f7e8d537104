// The compute side (nova-api + conductor + scheduler + computes) as one service object:
// stores, the ComputeApi, the workflows' engine and the control-plane operations.
// OWNER: compute engine work.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Runtime } from '../runtime/runtime.js';
import type { PlacementService } from '../placement/placement-service.js';
import type { ResetBody } from '../mock-control/plugin.js';
import { createComputeStore, type ComputeStore } from '../compute-db/compute-store.js';
import type { ComputeApi } from './api/api-types.js';
import { createComputeApi } from './api/compute-api.js';
import { CONDUCTOR_SERVICE_HOST, DEFAULT_FLAVORS, DEFAULT_HOSTS, SCHEDULER_SERVICE_HOST, hostSpecFrom, type HostInput } from './seed.js';
import { createPlacementClient, type PlacementClient } from '../placement-client/placement-client.js';
import { createReportClient } from '../placement-client/report-client.js';
import { createInProcessTransport } from '../placement-client/in-process-transport.js';
import { createHttpTransport } from '../placement-client/http-transport.js';
import { createScheduler } from '../scheduler/scheduler.js';
import { groupPlacement, PendingPlacements } from '../scheduler/server-group-filters.js';
import { HostStats } from '../scheduler/host-stats.js';
import { dueForReclaim, reclaimInstance } from '../workflows/soft-delete.js';
import { DEFAULT_MULTIPLIERS, type WeightMultipliers } from '../scheduler/weigher.js';
import { FakeDriver, type HostSpec } from '../driver/fake-driver.js';
import { FaultPlan } from '../driver/fault-plan.js';
import { createFaultPlanStore } from '../driver/fault-plan-store.js';
import { createGuestStore } from '../driver/guest-store.js';
import { createSavedSettings } from '../runtime/saved-settings.js';
import { recoverAfterRestart } from '../workflows/recovery.js';
import { createProgression, WorkflowAborted, type Progression } from '../workflows/progression.js';
import { reportNode, setNodeTraits } from '../workflows/resource-tracker.js';
import { CONDUCTOR_HOST, type Engine } from '../workflows/engine.js';
import type { BlockStorageClient } from '../block-storage-client/index.js';
import type { ImageClient } from '../image-client/index.js';
import { ApiError } from '../http/api-error.js';
import { createAggregateApi } from './api/aggregates.js';
import type { NetworkingService } from '../networking/networking-service.js';
import { NetworkingClient } from '../networking-client/networking-client.js';
import { NetworkApi } from '../networking-client/network-api.js';
import { createInProcessTransport as createNetworkingInProcess } from '../networking-client/in-process-transport.js';
import { createHttpTransport as createNetworkingHttp } from '../networking-client/http-transport.js';

export interface HostView {
  name: string;
  vcpus: number;
  memory_mb: number;
  local_gb: number;
  traits: string[];
  driver: string;
  resource_provider: string | null;
}

export interface ComputeService {
  readonly runtime: Runtime;
  readonly store: ComputeStore;
  readonly api: ComputeApi;
  /** nova's image API: what the image proxy and the boot checks ask. */
  readonly images: ImageClient;
  readonly placementClient: PlacementClient;
  /** nova's network API (neutron.py) over the networking client. */
  readonly network: NetworkApi;
  readonly faults: FaultPlan;
  readonly progression: Progression;
  /** Seed (when configured) and start background work. */
  start(): Promise<void>;
  /** Stop workflows cleanly. */
  close(): Promise<void>;
  /**
   * Called first by POST /_mock/reset, before any service empties its tables: from here until the
   * seed is done, a crash leaves a mark and the next start makes the cloud again.
   */
  beginReset(): void;
  /** Back to the seed (or to body.hosts / body.config): called by POST /_mock/reset after placement.reset(). */
  reset(body: ResetBody): Promise<void>;
  /** Resolves when no workflow is running (manual mode: when none is runnable without advancing). */
  idle(): Promise<void>;
  /** 2.16 host_status: UP | DOWN | MAINTENANCE | UNKNOWN | '' (no host). */
  hostStatus(host: string | null): string;
  addHost(h: HostInput): Promise<HostView>;
  listHosts(): HostView[];
  deleteHost(name: string): Promise<void>;
}

export function createComputeService(runtime: Runtime, placement: PlacementService, volumes: BlockStorageClient, images: ImageClient, networking: NetworkingService): ComputeService {
  const now = () => runtime.clock.now().toISOString();
  const store = createComputeStore(runtime.db, now);
  const transport = runtime.config.placementUrl ? createHttpTransport(runtime.config.placementUrl) : createInProcessTransport(placement);
  const pc = createPlacementClient(transport);
  // compute reaches Neutron only through the networking client (in-process, or NETWORKING_URL)
  const networkTransport = runtime.config.networkingUrl ? createNetworkingHttp(runtime.config.networkingUrl) : createNetworkingInProcess(networking);
  const network = new NetworkApi(new NetworkingClient(networkTransport));
  const report = createReportClient(pc);
  // the fault plan and the guests are on disk too: a file database reopens the same cloud
  const faults = new FaultPlan(createFaultPlanStore(runtime.db));
  const driver = new FakeDriver(faults, createGuestStore(runtime.db));
  const savedSettings = createSavedSettings(runtime.db);
  const progression = createProgression(runtime.config.progression, runtime.clock, runtime.config.timedScale);
  const hosts = new Map<string, HostSpec>();
  const pendingPlacements = new PendingPlacements();
  const hostStats = new HostStats();
  let multipliers: WeightMultipliers = DEFAULT_MULTIPLIERS;
  const scheduler = createScheduler({
    stats: hostStats,
    multipliers: () => multipliers,
    placement: pc, report, services: store.services,
    groups: { placement: (uuid) => groupPlacement(store, pendingPlacements, uuid), pending: pendingPlacements },
    aggregates: store.aggregates,
    awaitingHost: (uuid) => {
      const i = store.instances.get(uuid);
      return !!i && !i.deleted && i.cell === 'build_request';
    },
  });
  const log = runtime.logger.child({ component: 'compute' });
  const running = new Set<Promise<void>>();
  let maxAttempts = 3;
  let reclaimInterval = 0;
  let stopPeriodic: (() => void) | null = null;

  // Workflows belong to a generation of the cloud; reset/close start a new one, and a workflow
  // of an older generation stops at its next step (also one that was queued behind another).
  let generation = 0;
  const workflowGeneration = new AsyncLocalStorage<number>();
  const stale = () => {
    const g = workflowGeneration.getStore();
    return g !== undefined && g !== generation;
  };
  // steps of an RPC call the API waits on are not held in manual mode (see ComputeApiDeps.call)
  const inApiCall = new AsyncLocalStorage<true>();
  const engineProgression: Progression = {
    ...progression,
    async pause(label) {
      if (stale()) throw new WorkflowAborted();
      if (progression.mode === 'manual' && inApiCall.getStore()) await new Promise<void>((r) => setImmediate(r));
      else await progression.pause(label);
      if (stale()) throw new WorkflowAborted();
    },
  };

  const engine: Engine = {
    runtime, log, store, placement: pc, report, hostStats,
    scheduler: {
      selectDestinations: (r) => scheduler.selectDestinations({ maxAttempts, ...r }),
    },
    driver, volumes, images, network, progression: engineProgression, hostSpec: (h) => hosts.get(h) ?? null, now, maxAttempts: () => maxAttempts,
    reclaimInstanceInterval: () => reclaimInterval,
  };

  // per-instance queue: the tail promise of each instance's workflows
  const instanceTails = new Map<string, Promise<void>>();
  let blocked = 0;

  function spawn(name: string, instanceUuid: string, work: () => Promise<void>): Promise<void> {
    const previous = instanceTails.get(instanceUuid);
    const gen = generation;
    // journalled now, in the caller's synchronous step, so before the API answers; a workflow
    // stopped by close() keeps its row for the recovery of the next start
    const workflow = name.endsWith(` ${instanceUuid}`) ? name.slice(0, -instanceUuid.length - 1) : name;
    const journalId = store.journal.add(instanceUuid, workflow);
    const p = workflowGeneration.run(gen, async () => {
      if (previous) {
        blocked++;
        try { await previous; } finally { blocked--; }
      }
      if (gen !== generation) return;
      let ended = true;
      try {
        await work();
      } catch (err) {
        if (err instanceof WorkflowAborted) ended = false;
        else if (gen === generation) log.error({ err, workflow: name }, 'workflow failed unexpectedly');
      }
      if (ended && gen === generation) store.journal.remove(journalId);
    });
    instanceTails.set(instanceUuid, p);
    running.add(p);
    void p.finally(() => {
      running.delete(p);
      if (instanceTails.get(instanceUuid) === p) instanceTails.delete(instanceUuid);
    });
    return p;
  }

  // os-server-external-events network-changed / network-vif-deleted from the in-process
  // Neutron: the instance's network info cache is refreshed (heal_instance_info_cache's work)
  if (!runtime.config.networkingUrl) {
    networking.deviceListeners.add((deviceId) => {
      const inst = store.instances.get(deviceId);
      // a server being deleted is losing its ports on purpose: nothing to refresh
      if (!inst || inst.deleted || inst.taskState === 'deleting') return;
      void spawn(`network-changed ${deviceId}`, deviceId, async () => {
        const preserve = new Set(store.infoCaches.networkInfo(deviceId).filter((v) => v.preserve_on_delete).map((v) => v.port_id));
        const fresh = await network.networkInfo(deviceId, preserve);
        const current = store.instances.get(deviceId);
        if (current && !current.deleted) store.infoCaches.saveNetworkInfo(deviceId, fresh);
      });
    });
  }

  const view = (name: string): HostView => {
    const h = hosts.get(name)!;
    const node = store.services.getNodeByName(name);
    return { name, vcpus: h.vcpus, memory_mb: h.memoryMb, local_gb: h.localGb, traits: [...h.traits], driver: h.driver, resource_provider: node?.uuid ?? null };
  };

  async function addHost(input: HostInput): Promise<HostView> {
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

  async function removeComputeHost(name: string): Promise<void> {
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
  function loadHosts(): void {
    hosts.clear();
    for (const n of store.services.listNodes()) {
      hosts.set(n.host, { name: n.host, driver: n.driver, vcpus: n.vcpus, memoryMb: n.memoryMb, localGb: n.localGb, traits: [...n.traits] });
    }
  }

  /** A database that already holds a cloud (a file reopened) is used as it is: no seed. */
  const holdsCloud = (): boolean => runtime.db.prepare('SELECT EXISTS (SELECT 1 FROM services) OR EXISTS (SELECT 1 FROM flavors)').pluck().get() === 1;

  async function seed(body: ResetBody): Promise<void> {
    savedSettings.seedingStarted();
    for (const f of runtime.seedPlan?.flavors ?? DEFAULT_FLAVORS) store.flavors.create(f);
    // the API registers itself first (OSAPIFixture / wsgi_app), so the listed services number from 2
    store.services.createService({ uuid: runtime.ids.uuid(), host: CONDUCTOR_HOST, binary: 'nova-osapi_compute' });
    store.services.createService({ uuid: runtime.ids.uuid(), host: CONDUCTOR_SERVICE_HOST, binary: 'nova-conductor' });
    store.services.createService({ uuid: runtime.ids.uuid(), host: SCHEDULER_SERVICE_HOST, binary: 'nova-scheduler' });
    for (const h of body.hosts ?? runtime.seedPlan?.hosts ?? DEFAULT_HOSTS) await addHost(h);
    savedSettings.seedingDone();
  }

  /** Empty the cloud and seed it as `body` says (POST /_mock/reset, or a reset a crash interrupted). */
  async function reseed(body: ResetBody): Promise<void> {
    // marked before anything is emptied: a crash from here on is finished by the next start
    savedSettings.seedingStarted();
    faults.reset();
    driver.clearGuests();
    hosts.clear();
    pendingPlacements.clear();
    hostStats.clear();
    store.clear();
    applyConfig(body.config);
    savedSettings.save({ profile: runtime.settings.policyProfile, config: body.config ?? {}, ...(body.hosts ? { hosts: body.hosts as unknown as Record<string, unknown>[] } : {}) });
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
    if (reclaimInterval <= 0) return;
    for (const host of hosts.keys()) {
      for (const uuid of dueForReclaim(engine, host, reclaimInterval)) {
        void spawn(`reclaim ${uuid}`, uuid, () => reclaimInstance(engine, uuid));
      }
    }
  }

  function applyConfig(config: Record<string, unknown> | undefined): void {
    const c = config ?? {};
    runtime.settings.allowResizeToSameHost = typeof c.allow_resize_to_same_host === 'boolean' ? c.allow_resize_to_same_host : runtime.config.allowResizeToSameHost;
    runtime.settings.novaOptions = { ...c };
    const sched = c.scheduler as Record<string, unknown> | undefined;
    maxAttempts = typeof sched?.max_attempts === 'number' && sched.max_attempts >= 1 ? sched.max_attempts : 3;
    multipliers = weightMultipliers(c.filter_scheduler);
    reclaimInterval = typeof c.reclaim_instance_interval === 'number' ? Math.trunc(c.reclaim_instance_interval) : 0;
    stopPeriodic?.();
    stopPeriodic = null;
    // the computes' periodic tasks tick every [DEFAULT] periodic_interval seconds of the clock
    const tick = typeof c.periodic_interval === 'number' && c.periodic_interval > 0 ? c.periodic_interval : 60;
    if (reclaimInterval > 0) stopPeriodic = runtime.clock.every(tick * 1000, reclaimQueuedDeletes);
  }

  const api = createComputeApi({
    engine,
    spawn: (name, uuid, work) => { void spawn(name, uuid, work); },
    call: (name, uuid, work) => spawn(name, uuid, () => inApiCall.run(true, work)),
    allowResizeToSameHost: () => runtime.settings.allowResizeToSameHost,
    reclaimInstanceInterval: () => reclaimInterval,
    async reportServiceDisabled(host, disabled) {
      const node = store.services.getNodeByName(host);
      const spec = hosts.get(host);
      if (node && spec) await setNodeTraits(pc, node.uuid, spec, disabled);
    },
    removeComputeHost,
  });

  const service: ComputeService = {
    runtime, store, api, images, placementClient: pc, network, faults, progression,
    async start() {
      if (savedSettings.seedingInterrupted()) {
        // the process died during a seed or a reset: the half-made cloud is made again
        const saved = savedSettings.load();
        runtime.settings.policyProfile = saved?.profile ?? runtime.config.policyProfile;
        placement.reset();
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
      const saved = savedSettings.load();
      if (saved) {
        runtime.settings.policyProfile = saved.profile;
        applyConfig(saved.config);
      }
      loadHosts();
      // init_host for every compute, the conductor's view of unscheduled builds, the resource
      // tracker's first heal: before the API accepts a request
      await recoverAfterRestart(engine);
    },
    async close() {
      stopPeriodic?.();
      generation++;
      progression.abortAll();
      await Promise.allSettled([...running]);
      await transport.close();
      await networkTransport.close();
      await volumes.close();
    },
    beginReset() { savedSettings.seedingStarted(); },
    async reset(body) {
      generation++;
      progression.abortAll();
      await Promise.allSettled([...running]);
      await reseed(body);
    },
    async idle() {
      while (running.size > 0) {
        // manual: nothing runnable once every workflow is parked or queued behind one
        if (progression.mode === 'manual' && progression.waiting().length + blocked >= running.size) return;
        await Promise.race([...running, new Promise<void>((r) => setImmediate(r))]);
      }
    },
    hostStatus(host) {
      if (!host) return '';
      const svc = store.services.findService(host, 'nova-compute');
      if (!svc) return 'UNKNOWN';
      if (svc.forcedDown) return 'DOWN';
      if (svc.disabled) return 'MAINTENANCE';
      return 'UP';
    },
    addHost,
    listHosts: () => [...hosts.keys()].map(view),
    async deleteHost(name) {
      const svc = store.services.findService(name, 'nova-compute');
      if (!svc || !hosts.has(name)) throw new ApiError(404, null, `no host ${name}`);
      if (store.instances.list({ host: name }).length > 0) {
        throw new ApiError(409, null, 'Unable to delete compute service that is hosting instances. Migrate or delete the instances first.');
      }
      // as the os-services DELETE nova-live sends: the host leaves its aggregates first
      const aggregates = createAggregateApi({ store, placement: pc, log, newUuid: () => runtime.ids.uuid(), now });
      for (const a of store.aggregates.listByHost(name)) await aggregates.removeHost(String(a.id), name);
      await removeComputeHost(name);
      store.services.deleteService(svc.id);
    },
  };
  return service;
}

/** [filter_scheduler] <weigher>_weight_multiplier from the reset config (nova's defaults otherwise). */
function weightMultipliers(group: unknown): WeightMultipliers {
  const g = (group && typeof group === 'object' ? group : {}) as Record<string, unknown>;
  const pick = (opt: string, dflt: number) => (typeof g[opt] === 'number' && Number.isFinite(g[opt]) ? (g[opt] as number) : dflt);
  const d = DEFAULT_MULTIPLIERS;
  return {
    ram: pick('ram_weight_multiplier', d.ram),
    cpu: pick('cpu_weight_multiplier', d.cpu),
    disk: pick('disk_weight_multiplier', d.disk),
    ioOps: pick('io_ops_weight_multiplier', d.ioOps),
    softAffinity: pick('soft_affinity_weight_multiplier', d.softAffinity),
    softAntiAffinity: pick('soft_anti_affinity_weight_multiplier', d.softAntiAffinity),
    buildFailure: pick('build_failure_weight_multiplier', d.buildFailure),
  };
}
