// OpenAPI from the route schemas themselves (@fastify/swagger collects every route registered
// after it), Swagger UI at /docs, and the split into one committed document per service
// (openapi/<service>.json, written by `npm run openapi`, drift-tested in test/contract).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

/** The response schema of an answer without a body (204, most 202s): documented as such. */
export const NoBody = Type.Null({ description: 'No body' });

/** Register before any service plugin: swagger only sees routes added after it. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // loaded here, not at start-up: only the app that serves /docs (built at its first request) needs them
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'novamock',
        description: 'OpenStack Nova 26.x (Zed, compute 2.1-2.93) and Placement 8.0.0 (1.0-1.39) stand-in, with Keystone, '
          + 'Glance, Neutron and Cinder. Services are mounted under /compute, /placement, /identity, /image, /networking, '
          + '/volume and /_mock on the main port. Operations are tagged "<service>: <resource>".',
        version: '1',
      },
    },
  });
  // tags sorted, so each service's resources sit together ("compute: flavors", "compute: servers", ...)
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { tagsSorter: 'alpha', docExpansion: 'none' } });
}

/** The service name of each document, as its operations' tags and operationIds begin. */
export type OpenApiService = 'compute' | 'placement' | 'identity' | 'image' | 'networking' | 'block-storage' | 'mock-control';

/** Version segments that name no resource ('/v2.1/servers' is about servers). */
const VERSION_SEGMENT = /^v\d+(\.\d+)?$/;

/**
 * The tag and operationId of an operation, derived from its method and path so that every route
 * of every service has them without a hand-kept list. The tag is "<service>: <resource>" where
 * the resource is the path's first word, and for nested paths the word after the first
 * parameter ('/servers/{server_id}/metadata/{key}' -> "compute: servers/metadata"): /docs
 * groups the operations by those tags. The operationId is "<service>.<method><Words>": every
 * word of the path, singular where an id follows it ('GET /servers/{id}/os-instance-actions'
 * -> "compute.getServerInstanceActions"; the root, a version list, is "getRoot"); the contract
 * test proves they are unique.
 */
export function operationNames(service: OpenApiService, method: string, path: string): { tags: string[]; operationId: string } {
  const segments = path.replace(/:(\w+)/g, '{$1}').split('/').filter((s) => s !== '');
  const isParam = (s: string) => s.startsWith('{');
  const words = segments.filter((s, i) => !isParam(s) && !(i === 0 && VERSION_SEGMENT.test(s)));
  const firstParam = segments.findIndex(isParam);
  const nested = firstParam >= 0 ? segments.slice(firstParam + 1).find((s) => !isParam(s)) : undefined;
  const resource = words.length === 0 ? 'versions' : nested ? `${words[0]}/${nested}` : words[0]!;
  const named = segments.flatMap((s, i) => {
    if (isParam(s) || (i === 0 && VERSION_SEGMENT.test(s))) return [];
    if (!isParam(segments[i + 1] ?? '')) return [s];
    // 'metadata/{key}' is one item of the metadata, not the metadata
    return [singular(s) === s ? `${s}-item` : singular(s)];
  });
  const versionOnly = words.length === 0 && segments.length > 0;
  const tail = named.length ? named.map(pascal).join('') : versionOnly ? `Version${pascal(segments[0]!.replace('.', ''))}` : 'Root';
  const slash = path.length > 1 && path.endsWith('/') ? 'Slash' : '';
  return { tags: [`${service}: ${resource}`], operationId: `${service}.${method.toLowerCase()}${tail}${slash}` };
}

/** 'os-instance-actions' -> 'InstanceActions', 'resource_classes' -> 'ResourceClasses'. */
function pascal(word: string): string {
  return word.replace(/^os-/, '').split(/[-_.]/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|ch|sh|x)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
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
