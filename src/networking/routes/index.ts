// THE Neutron route table: every URL and method this service answers. Each file exports
// an array of RouteDeclarations; this file only concatenates them. plugin.ts registers it;
// any other URL or method answers neutron's 404.
import type { RouteDeclaration } from './route-declaration.js';
import { rootRoutes, routerActionRoutes, quotaRoutes, autoAllocationRoutes, informationRoutes } from './extras.js';
import { resourceRoutes } from './resources.js';

// Built at the first call, not when the module loads: the in-process transport is loaded at
// start-up, its first request comes later.
let routes: readonly RouteDeclaration[] | undefined;
export const networkingRoutes = (): readonly RouteDeclaration[] => routes ??= [
  ...rootRoutes,
  ...resourceRoutes(),
  ...routerActionRoutes,
  ...quotaRoutes,
  ...autoAllocationRoutes,
  ...informationRoutes,
];
