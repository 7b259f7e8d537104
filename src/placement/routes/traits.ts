import type { RouteDeclaration } from './route-declaration.js';

export const traitRoutes: readonly RouteDeclaration[] = [];
