// OpenAPI from the route schemas themselves (@fastify/swagger collects every route registered
// after it), Swagger UI at /docs, and the split into one committed document per service
// (openapi/<service>.json, written by `npm run openapi`, drift-tested in test/contract).
import type { FastifyInstance } from 'fastify';

/** Register before any service plugin: swagger only sees routes added after it. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // loaded here, not at start-up: only the app that serves /docs (built at its first request) needs them
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'novamock',
        description: 'OpenStack Nova 26.x (Zed, compute 2.1-2.93) and Placement 8.0.0 (1.0-1.39) stand-in. '
          + 'Services are mounted under /compute, /placement and /_mock on the main port.',
        version: '1',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

/** The services whose documents are committed, by URL prefix on the main port. */
export const OPENAPI_SERVICES = [
  { file: 'placement.json', prefix: '/placement', title: 'Placement 8.0.0 (microversions 1.0-1.39)' },
  { file: 'compute.json', prefix: '/compute', title: 'Compute (Nova 26.x Zed, microversions 2.1-2.93)' },
  { file: 'identity.json', prefix: '/identity', title: 'Identity (a small Keystone v3 token shim)' },
  { file: 'image.json', prefix: '/image', title: 'Image (Glance v2, Zed: images, data, import, members, tags, schemas)' },
  { file: 'networking.json', prefix: '/networking', title: 'Networking (Neutron 21.0.0 Zed, API v2.0)' },
  { file: 'block-storage.json', prefix: '/volume', title: 'Block storage (Cinder v3, microversions 3.0-3.70)' },
  { file: 'mock-control.json', prefix: '/_mock', title: "novamock control plane (the double's own API)" },
] as const;

/** Paths of the combined document that no committed document covers (the UI's own excepted). */
export function undocumentedPaths(app: FastifyInstance): string[] {
  const paths = Object.keys((app.swagger() as unknown as OpenApiDocument).paths ?? {});
  return paths.filter((p) => !p.startsWith('/docs') && !OPENAPI_SERVICES.some((s) => p === s.prefix || p.startsWith(`${s.prefix}/`)));
}

interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths?: Record<string, unknown>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * One document per service: its paths with the prefix moved into `servers` (the standalone
 * listeners serve the same paths at /). Paths are sorted so the files diff cleanly.
 */
export function splitOpenApiByService(app: FastifyInstance): Record<string, OpenApiDocument> {
  const whole = app.swagger() as unknown as OpenApiDocument;
  const out: Record<string, OpenApiDocument> = {};
  for (const svc of OPENAPI_SERVICES) {
    const paths: Record<string, unknown> = {};
    for (const [path, item] of Object.entries(whole.paths ?? {})) {
      if (path === svc.prefix || path.startsWith(`${svc.prefix}/`)) paths[path.slice(svc.prefix.length) || '/'] = item;
    }
    out[svc.file] = {
      openapi: whole.openapi,
      info: { ...whole.info, title: `novamock: ${svc.title}` },
      servers: [{ url: svc.prefix, description: 'main port (devstack layout)' }],
      paths: sortPaths(paths),
      ...(whole.components && Object.keys(whole.components).length > 0 ? { components: whole.components } : {}),
    };
  }
  return out;
}

/** The exact text written to openapi/<file>: stable key order, 2-space indent, final newline. */
export function renderOpenApi(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Paths, and the methods in each, in sorted order (schemas keep their declared order). */
function sortPaths(paths: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(paths).sort().map((p) => {
    const item = paths[p] as Record<string, unknown>;
    return [p, Object.fromEntries(Object.keys(item).sort().map((m) => [m, item[m]]))];
  }));
}
