import type { RouteDeclaration } from './route-declaration.js';

export const resourceClassRoutes: readonly RouteDeclaration[] = [];
