import type { RouteDeclaration } from './route-declaration.js';

export const resourceProviderRoutes: readonly RouteDeclaration[] = [];
