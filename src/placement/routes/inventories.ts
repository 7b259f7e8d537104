import type { RouteDeclaration } from './route-declaration.js';

export const inventoryRoutes: readonly RouteDeclaration[] = [];
