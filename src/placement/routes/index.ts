// THE Placement route table (placement/handler.py ROUTE_DECLARATIONS): every URL and method,
// with its microversion window. Each resource file exports an array of RouteDeclarations;
// this file only concatenates them. register.ts turns the table into Fastify routes with
// placement's automatic 405 (+ Allow) for known URLs and 404 for unknown ones.
import type { RouteDeclaration } from './route-declaration.js';
import { rootRoutes } from './root.js';
import { resourceProviderRoutes } from './resource-providers.js';
import { inventoryRoutes } from './inventories.js';
import { resourceClassRoutes } from './resource-classes.js';
import { traitRoutes } from './traits.js';
import { aggregateRoutes } from './aggregates.js';
import { allocationRoutes } from './allocations.js';
import { usageRoutes } from './usages.js';
import { reshaperRoutes } from './reshaper.js';
import { allocationCandidateRoutes } from './allocation-candidates.js';

export const ROUTES: readonly RouteDeclaration[] = [
  ...rootRoutes,
  ...resourceClassRoutes,
  ...resourceProviderRoutes,
  ...inventoryRoutes,
  ...aggregateRoutes,
  ...traitRoutes,
  ...allocationRoutes,
  ...usageRoutes,
  ...reshaperRoutes,
  ...allocationCandidateRoutes,
];
