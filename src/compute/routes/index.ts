// THE compute route table: every /v2.1 route with its version window and schemas. The plugin
// registers exactly these (plus the version documents), each also under /v2.1//... .
import type { ComputeRoute } from './route-types.js';
import { flavorRoutes } from './flavors.js';
import { flavorExtraRoutes } from './flavor-extras.js';
import { serverRoutes } from './servers.js';
import { serverActionRoutes } from './server-actions.js';
import { serverMetadataRoutes } from './server-metadata.js';
import { serverPasswordRoutes } from './server-password.js';
import { serverTagRoutes } from './server-tags.js';
import { migrationRoutes } from './migrations.js';
import { instanceActionRoutes } from './instance-actions.js';
import { hypervisorRoutes } from './hypervisors.js';
import { serviceRoutes } from './services.js';
import { quotaRoutes } from './quotas.js';
import { quotaClassRoutes } from './quota-classes.js';
import { keypairRoutes } from './keypairs.js';
import { simpleTenantUsageRoutes } from './simple-tenant-usage.js';
import { serverGroupRoutes } from './server-groups.js';
import { serverConsoleRoutes } from './server-consoles.js';
import { serverNetworkingRoutes } from './server-networking.js';
import { serverVolumeAttachmentRoutes } from './server-volume-attachments.js';
import { extensionRoutes } from './extensions.js';
import { serverTopologyRoutes } from './server-topology.js';
import { aggregateRoutes } from './aggregates.js';
import { networkProxyRoutes } from './network-proxies.js';
import { securityGroupProxyRoutes } from './security-group-proxies.js';
import { floatingIpProxyRoutes } from './floating-ip-proxies.js';
import { imageRoutes } from './images.js';

export const COMPUTE_ROUTES: readonly ComputeRoute[] = [
  ...flavorRoutes,
  ...flavorExtraRoutes,
  ...imageRoutes,
  ...serverRoutes,
  ...serverActionRoutes,
  ...serverMetadataRoutes,
  ...serverPasswordRoutes,
  ...serverTagRoutes,
  ...migrationRoutes,
  ...instanceActionRoutes,
  ...hypervisorRoutes,
  ...serviceRoutes,
  ...quotaRoutes,
  ...quotaClassRoutes,
  ...keypairRoutes,
  ...simpleTenantUsageRoutes,
  ...serverGroupRoutes,
  ...serverConsoleRoutes,
  ...serverNetworkingRoutes,
  ...serverVolumeAttachmentRoutes,
  ...extensionRoutes,
  ...serverTopologyRoutes,
  ...aggregateRoutes,
  ...networkProxyRoutes,
  ...securityGroupProxyRoutes,
  ...floatingIpProxyRoutes,
];
