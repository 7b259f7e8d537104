// GET /allocation_candidates. OWNER: allocation-candidates
// Add RouteDeclarations here; routes/index.ts already concatenates this array into the table.
import type { RouteDeclaration } from './route-declaration.js';

export const allocationCandidateRoutes: readonly RouteDeclaration[] = [];
