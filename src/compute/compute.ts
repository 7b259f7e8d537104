// The compute wing as nova-api (the compute plugin and its routes) sees it: the stores to read,
// the API every write goes through, the clients of the services compute reaches, and the state
// of each compute host. Built by services.ts.
import type { Runtime } from '../runtime/runtime.js';
import type { ComputeStore } from '../compute-db/compute-store.js';
import type { ImageClient } from '../image-client/index.js';
import type { NetworkApi } from '../networking-client/network-api.js';
import type { ComputeHosts } from '../workflows/compute-hosts.js';
import type { AggregateApi } from './api/aggregates.js';
import type { ServersApi } from './api/servers.js';
import type { MovesApi } from './api/moves.js';
import type { PowerApi } from './api/power.js';
import type { LocksApi } from './api/locks.js';
import type { MetadataApi } from './api/metadata.js';
import type { TagsApi } from './api/tags.js';
import type { PasswordApi } from './api/password.js';
import type { KeypairsApi } from './api/keypairs.js';
import type { QuotasApi } from './api/quotas.js';
import type { ServerGroupsApi } from './api/server-groups.js';
import type { FlavorsApi } from './api/flavors.js';
import type { ServicesApi } from './api/services.js';
import type { GuestApi } from './api/guest.js';
import type { VolumeAttachmentApi } from './api/volume-attachments.js';
import type { MultinicApi } from './api/multinic.js';
import type { SecurityGroupProxyApi } from './api/security-groups.js';
import type { FloatingIpProxyApi } from './api/floating-ips.js';

export interface Compute {
  readonly runtime: Runtime;
  /** Read by the routes; written only through `api`. */
  readonly store: ComputeStore;
  readonly api: ComputeApi;
  /** nova's image API: what the image proxy and the boot checks ask. */
  readonly images: ImageClient;
  /** nova's network API (neutron.py) over the networking client. */
  readonly network: NetworkApi;
  /** status(host): the 2.16 host_status of a server's host; statuses(hosts): of a page's. */
  readonly hosts: Pick<ComputeHosts, 'status' | 'statuses'>;
}

/** nova's compute/api.py, one module per concern; every write of the compute routes goes through one. */
export interface ComputeApi {
  /** create, delete, force delete, restore, update, rebuild, snapshot and backup of a server */
  readonly servers: ServersApi;
  /** resize, cold migrate, confirm, revert */
  readonly moves: MovesApi;
  readonly power: PowerApi;
  readonly locks: LocksApi;
  readonly metadata: MetadataApi;
  readonly tags: TagsApi;
  readonly password: PasswordApi;
  /** The small server extras: reset state, consoles, diagnostics, crash dump, password, interfaces. */
  readonly guest: GuestApi;
  /** os-volume_attachments */
  readonly volumeAttachments: VolumeAttachmentApi;
  /** addFixedIp / removeFixedIp (multinic.ts) */
  readonly multinic: MultinicApi;
  /** os-security-groups and os-security-group-rules, proxied to Neutron (security-groups.ts) */
  readonly securityGroups: SecurityGroupProxyApi;
  /** os-floating-ips and addFloatingIp/removeFloatingIp (floating-ips.ts) */
  readonly floatingIps: FloatingIpProxyApi;
  readonly keypairs: KeypairsApi;
  readonly quotas: QuotasApi;
  readonly serverGroups: ServerGroupsApi;
  readonly flavors: FlavorsApi;
  /** os-services; also the control plane's host removal */
  readonly services: ServicesApi;
  /** os-aggregates */
  readonly aggregates: AggregateApi;
}
