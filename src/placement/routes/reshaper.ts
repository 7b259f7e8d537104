// POST /reshaper. OWNER: placement-allocations
// Add RouteDeclarations here; routes/index.ts already concatenates this array into the table.
import type { RouteDeclaration } from './route-declaration.js';

export const reshaperRoutes: readonly RouteDeclaration[] = [];
