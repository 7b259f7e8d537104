// THE block-storage route table: every URL under /v3/{project_id} with its method and
// microversion window. Each resource file exports its declarations; this file only concatenates.
import type { RouteDeclaration } from './route-declaration.js';
import { volumeRoutes } from './volumes.js';
import { volumeActionRoutes } from './volume-actions.js';
import { attachmentRoutes } from './attachments.js';
import { snapshotRoutes } from './snapshots.js';
import { volumeTypeRoutes } from './volume-types.js';
import { quotaRoutes } from './quotas.js';
import { availabilityZoneRoutes } from './availability-zones.js';
import { transferRoutes } from './transfers.js';

export const ROUTES: readonly RouteDeclaration[] = [
  ...volumeRoutes,
  ...volumeActionRoutes,
  ...attachmentRoutes,
  ...snapshotRoutes,
  ...volumeTypeRoutes,
  ...quotaRoutes,
  ...availabilityZoneRoutes,
  ...transferRoutes,
];
