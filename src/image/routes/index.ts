// THE image route table: every URL and method glance v2 serves here. plugin.ts registers it
// with 404 for unknown URLs and 405 (+ Allow) for a known URL with another method.
import type { ImageRoute } from './route-declaration.js';
import { rootRoutes } from './root.js';
import { imageRoutes } from './images.js';
import { imageDataRoutes } from './image-data.js';
import { memberRoutes } from './members.js';
import { schemaRoutes } from './schemas.js';
import { taskRoutes } from './tasks.js';

export const ROUTES: readonly ImageRoute[] = [
  ...rootRoutes,
  ...imageRoutes,
  ...imageDataRoutes,
  ...memberRoutes,
  ...schemaRoutes,
  ...taskRoutes,
];
