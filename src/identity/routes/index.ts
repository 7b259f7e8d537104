// THE Identity route table: every URL and method keystone v3 serves here. Each resource file
// exports its declarations; register.ts turns them into Fastify routes.
import type { RouteDeclaration } from './route-declaration.js';
import { rootRoutes } from './root.js';
import { authRoutes } from './auth.js';
import { domainRoutes } from './domains.js';
import { projectRoutes } from './projects.js';
import { userRoutes } from './users.js';
import { groupRoutes } from './groups.js';
import { roleRoutes } from './roles.js';
import { grantRoutes } from './grants.js';
import { roleAssignmentRoutes } from './role-assignments.js';
import { appCredentialRoutes } from './app-credentials.js';
import { catalogRoutes } from './catalog.js';

export const ROUTES: readonly RouteDeclaration[] = [
  ...rootRoutes,
  ...authRoutes,
  ...domainRoutes,
  ...projectRoutes,
  ...userRoutes,
  ...groupRoutes,
  ...roleRoutes,
  ...grantRoutes,
  ...roleAssignmentRoutes,
  ...appCredentialRoutes,
  ...catalogRoutes,
];
