import type { RouteDeclaration } from './route-declaration.js';

export const aggregateRoutes: readonly RouteDeclaration[] = [];
