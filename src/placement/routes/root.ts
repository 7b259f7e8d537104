// GET / : the version document (handlers/root.py). No token needed. '' is the mount point
// without a trailing slash, which placement also serves (e.g. /placement on the main port).
import { Type } from 'typebox';
import { MAX_VERSION, MIN_VERSION } from '../versions.js';
import { cacheHeaders } from '../views/cache-headers.js';
import type { RouteDeclaration } from './route-declaration.js';

const VersionDocument = Type.Object({
  versions: Type.Array(Type.Object({
    id: Type.String(),
    max_version: Type.String(),
    min_version: Type.String(),
    status: Type.String(),
    links: Type.Array(Type.Object({ rel: Type.String(), href: Type.String() }, { additionalProperties: false })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const rootRoutes: readonly RouteDeclaration[] = [{
  path: '/',
  method: 'GET',
  summary: 'Version discovery',
  schemas: { response: [{ min: '1.0', schema: VersionDocument }] },
  handler: (call) => ({
    status: 200,
    headers: cacheHeaders(call.version, call.service.runtime.clock.now()),
    body: {
      versions: [{
        id: `v${MIN_VERSION}`, max_version: MAX_VERSION, min_version: MIN_VERSION, status: 'CURRENT',
        // Relative "this same URL", never the mount prefix (placement avoids tracking proxies).
        links: [{ rel: 'self', href: '' }],
      }],
    },
  }),
}];
