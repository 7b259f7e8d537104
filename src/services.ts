// The services graph over one Runtime: Placement, image, block storage, networking, identity,
// and the compute wing built from its parts (stores, the clients of the other services, the
// scheduler, the fake driver, the workflow runner, the fake cloud's hosts, the API). How compute
// reaches each other service (in-process or HTTP) is the caller's choice: app.ts picks the
// transports.
import type { Runtime } from './runtime/runtime.js';
import { createPlacementService, type PlacementService } from './placement/placement-service.js';
import { createImageService, type ImageService } from './image/image-service.js';
import { createImageClient, ImageClient } from './image-client/index.js';
import type { ImageTransport } from './image-client/transport.js';
import { BACKEND_HOST, createBlockStorageService, type BlockStorageService } from './block-storage/block-storage-service.js';
import { BlockStorageClient } from './block-storage-client/index.js';
import type { BlockStorageTransport } from './block-storage-client/transport.js';
import { imageClientSource } from './block-storage/image-source.js';
import { NetworkingService } from './networking/networking-service.js';
import { seedNetworking, seededTopology } from './networking/seed.js';
import { SeedFileError } from './seed/seed-file.js';
import { NetworkingClient } from './networking-client/networking-client.js';
import { NetworkApi } from './networking-client/network-api.js';
import type { NetworkingTransport } from './networking-client/transport.js';
import { createIdentity, type Identity } from './identity/identity.js';
import { createComputeStore } from './compute-db/compute-store.js';
import { createPlacementClient, type PlacementClient } from './placement-client/placement-client.js';
import type { PlacementTransport } from './placement-client/transport.js';
import { createReportClient } from './placement-client/report-client.js';
import { createScheduler } from './scheduler/scheduler.js';
import { groupPlacement, PendingPlacements } from './scheduler/server-group-filters.js';
import { HostStats } from './scheduler/host-stats.js';
import { weightMultipliers } from './scheduler/weigher.js';
import { FakeDriver } from './driver/fake-driver.js';
import { FaultPlan } from './driver/fault-plan.js';
import { createFaultPlanStore } from './driver/fault-plan-store.js';
import { createGuestStore } from './driver/guest-store.js';
import { createSavedSettings } from './runtime/saved-settings.js';
import { isoNow } from './runtime/clock.js';
import { createProgression, type Progression } from './workflows/progression.js';
import type { Engine } from './workflows/engine.js';
import { createWorkflowRunner, type WorkflowRunner } from './workflows/runner.js';
import { createComputeHosts, type ComputeHosts } from './workflows/compute-hosts.js';
import type { Compute, ComputeApi } from './compute/compute.js';
import { createApiContext } from './compute/api/api-context.js';
import { createAggregateApi } from './compute/api/aggregates.js';
import { createServersApi } from './compute/api/servers.js';
import { createMovesApi } from './compute/api/moves.js';
import { createPowerApi } from './compute/api/power.js';
import { createLocksApi } from './compute/api/locks.js';
import { createMetadataApi } from './compute/api/metadata.js';
import { createTagsApi } from './compute/api/tags.js';
import { createPasswordApi } from './compute/api/password.js';
import { createGuestApi } from './compute/api/guest.js';
import { createVolumeAttachmentApi } from './compute/api/volume-attachments.js';
import { createMultinicApi } from './compute/api/multinic.js';
import { createSecurityGroupProxyApi } from './compute/api/security-groups.js';
import { createFloatingIpProxyApi } from './compute/api/floating-ips.js';
import { createKeypairsApi } from './compute/api/keypairs.js';
import { createQuotasApi } from './compute/api/quotas.js';
import { createServerGroupsApi } from './compute/api/server-groups.js';
import { createFlavorsApi } from './compute/api/flavors.js';
import { createServicesApi } from './compute/api/services.js';


/** How compute reaches the other services: in-process, or over HTTP to a real one (app.ts decides). */
export interface Transports {
  placement(service: PlacementService): PlacementTransport;
  networking(service: NetworkingService): NetworkingTransport;
  volumes(service: BlockStorageService): BlockStorageTransport;
  images(service: ImageService): ImageTransport;
}

/** What the control plane (/_mock) and main.ts do with the fake cloud's hosts. */
export type CloudHosts = Pick<ComputeHosts, 'add' | 'list' | 'status' | 'statuses' | 'start' | 'beginReset' | 'reset'>;

/** The compute wing: what nova-api serves, and what the control plane (/_mock) and main.ts drive. */
export interface ComputeWing extends Compute {
  readonly placementClient: PlacementClient;
  readonly faults: FaultPlan;
  readonly progression: Progression;
  /**
   * start(): seed (when configured) or recover a reopened cloud, start background work.
   * beginReset() is called first by POST /_mock/reset, before any service empties its tables:
   * from there until the seed is done, a crash leaves a mark and the next start makes the cloud
   * again; reset(body) (after placement.reset()) goes back to the seed, or to body.hosts / body.config.
   * A host's removal is nova's (api.services.deleteHost).
   */
  readonly hosts: CloudHosts;
  /** idle(): resolves when no workflow is running (manual mode: when none is runnable without advancing). */
  readonly workflows: Pick<WorkflowRunner, 'idle'>;
  /** Stop workflows cleanly and close the clients. */
  close(): Promise<void>;
}

export interface Services {
  readonly runtime: Runtime;
  readonly placement: PlacementService;
  readonly compute: ComputeWing;
  readonly networking: NetworkingService;
  readonly identity: Identity;
  readonly image: ImageService;
  readonly blockStorage: BlockStorageService;
}

export function buildServices(runtime: Runtime, transports: Transports): Services {
  const placement = createPlacementService(runtime);
  const image = createImageService(runtime, { sizeCap: runtime.config.imageSizeCap });
  // Cinder reads image data through the image service's client, always in-process
  const blockStorage = createBlockStorageService(runtime, { images: imageClientSource(createImageClient(image, null)) });
  const networking = new NetworkingService(runtime);
  // a database that already holds networks (a restart with DATABASE set) keeps them
  if (runtime.config.seed && networking.isEmpty()) {
    try {
      seedNetworking(networking, seededTopology(runtime));
    } catch (err) {
      // neutron refused a SEED_FILE's networks (a bad CIDR, a pool outside it): say so at start
      if (!runtime.seedPlan?.networking) throw err;
      throw new SeedFileError(`SEED_FILE ${runtime.config.seedFile ?? ''}: networks: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const compute = buildCompute(runtime, transports, { placement, networking, blockStorage, image });
  // every compute host runs an L2 agent: ports bind there
  networking.agentLookup = (host) => compute.hosts.list().some((h) => h.name === host);
  // volume-side faults (cinder driver operations) come from the same fault plan; `server` names the volume
  blockStorage.setFaults({ fire: (operation, volumeId) => compute.faults.fire(operation, BACKEND_HOST, volumeId) !== null });
  const identity = createIdentity(runtime);
  return { runtime, placement, compute, image, blockStorage, identity, networking };
}

interface Reached {
  placement: PlacementService;
  networking: NetworkingService;
  blockStorage: BlockStorageService;
  image: ImageService;
}

/** nova-api, conductor, scheduler and the computes over the clients of the services they reach. */
function buildCompute(runtime: Runtime, transports: Transports, reached: Reached): ComputeWing {
  const now = isoNow(runtime.clock);
  const store = createComputeStore(runtime.db, now);
  const log = runtime.logger.child({ component: 'compute' });
  const placementTransport = transports.placement(reached.placement);
  const pc = createPlacementClient(placementTransport);
  const report = createReportClient(pc);
  const networkingTransport = transports.networking(reached.networking);
  const network = new NetworkApi(new NetworkingClient(networkingTransport));
  const volumes = new BlockStorageClient(transports.volumes(reached.blockStorage));
  const images = new ImageClient(transports.images(reached.image));
  // the fault plan and the guests are on disk too: a file database reopens the same cloud
  const faults = new FaultPlan(createFaultPlanStore(runtime.db));
  const driver = new FakeDriver(faults, createGuestStore(runtime.db));
  const progression = createProgression(runtime.config.progression, runtime.clock, runtime.config.timedScale);
  const runner = createWorkflowRunner({ journal: store.journal, log, progression });
  const pendingPlacements = new PendingPlacements();
  const hostStats = new HostStats();
  const options = () => runtime.settings.novaOptions;
  const scheduler = createScheduler({
    stats: hostStats,
    multipliers: () => weightMultipliers(options().filter_scheduler),
    placement: pc, report, services: store.services,
    groups: { placement: (uuid) => groupPlacement(store, pendingPlacements, uuid), pending: pendingPlacements },
    aggregates: store.aggregates,
    awaitingHost: (uuid) => {
      const i = store.instances.get(uuid);
      return !!i && !i.deleted && i.cell === 'build_request';
    },
  });
  const hosts: ComputeHosts = createComputeHosts({
    runtime, store, placement: pc, hostStats, pendingPlacements, faults, driver, runner,
    savedSettings: createSavedSettings(runtime.db),
    engine: () => engine,
    resetPlacement: () => reached.placement.reset(),
  });
  const engine: Engine = {
    runtime, log, store, placement: pc, report, hostStats,
    scheduler: {
      selectDestinations: (r) => scheduler.selectDestinations({ maxAttempts: options().scheduler.max_attempts, ...r }),
    },
    driver, volumes, images, network, progression: runner.progression, hostSpec: (h) => hosts.spec(h), now,
    maxAttempts: () => options().scheduler.max_attempts,
    reclaimInstanceInterval: () => options().reclaim_instance_interval,
  };

  // os-server-external-events network-changed / network-vif-deleted from the in-process
  // Neutron: the instance's network info cache is refreshed (heal_instance_info_cache's work)
  if (!runtime.config.networkingUrl) {
    reached.networking.deviceListeners.add((deviceId) => {
      const inst = store.instances.get(deviceId);
      // a server being deleted is losing its ports on purpose: nothing to refresh
      if (!inst || inst.deleted || inst.taskState === 'deleting') return;
      void runner.spawn(`network-changed ${deviceId}`, deviceId, async () => {
        const preserve = new Set(store.infoCaches.networkInfo(deviceId).filter((v) => v.preserve_on_delete).map((v) => v.port_id));
        const fresh = await network.networkInfo(deviceId, preserve);
        const current = store.instances.get(deviceId);
        if (current && !current.deleted) store.infoCaches.saveNetworkInfo(deviceId, fresh);
      });
    });
  }

  const c = createApiContext(engine, runner);
  const aggregates = createAggregateApi({ store, placement: pc, log, newUuid: () => runtime.ids.uuid(), now });
  const api: ComputeApi = {
    servers: createServersApi(c),
    moves: createMovesApi(c),
    power: createPowerApi(c),
    locks: createLocksApi(c),
    metadata: createMetadataApi(c),
    tags: createTagsApi(c),
    password: createPasswordApi(c),
    guest: createGuestApi(c),
    volumeAttachments: createVolumeAttachmentApi(c),
    multinic: createMultinicApi(c),
    securityGroups: createSecurityGroupProxyApi(network.client),
    floatingIps: createFloatingIpProxyApi(c),
    keypairs: createKeypairsApi(c),
    quotas: createQuotasApi(c),
    serverGroups: createServerGroupsApi(c),
    flavors: createFlavorsApi(c),
    services: createServicesApi(c, hosts, aggregates),
    aggregates,
  };

  return {
    runtime, store, api, images, network, placementClient: pc, faults, progression, hosts, workflows: runner,
    async close() {
      hosts.stop();
      await runner.stopAll();
      await placementTransport.close();
      await networkingTransport.close();
      await volumes.close();
    },
  };
}
