// The compute wing as nova-api (the compute plugin and its routes) sees it: the stores to read,
// the API every write goes through, the clients of the services compute reaches, and the state
// of each compute host. Built by services.ts.
import type { Runtime } from '../runtime/runtime.js';
import type { ComputeStore } from '../compute-db/compute-store.js';
import type { ImageClient } from '../image-client/index.js';
import type { NetworkApi } from '../networking-client/network-api.js';
import type { HostStatus } from '../workflows/compute-hosts.js';
import type { ComputeApi } from './api/api-types.js';

export interface Compute {
  readonly runtime: Runtime;
  /** Read by the routes; written only through `api`. */
  readonly store: ComputeStore;
  readonly api: ComputeApi;
  /** nova's image API: what the image proxy and the boot checks ask. */
  readonly images: ImageClient;
  /** nova's network API (neutron.py) over the networking client. */
  readonly network: NetworkApi;
  /** 2.16 host_status of a server's host. */
  hostStatus(host: string | null): HostStatus;
}
