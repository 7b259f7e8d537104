// THE service catalog: every service novamock serves, in one data table. A service that lands
// adds its row here; the token body (/v3/auth/tokens, /v3/auth/catalog) and the read-only
// /v3/services, /v3/endpoints and /v3/regions are all rendered from it.
// URLs are the main port's base (the Host the client used, or PUBLIC_URL) + `path`;
// keystone's `$(project_id)s` in a path is replaced by the token's project (cinder's
// /volume/v3/$(project_id)s).
import { createHash } from 'node:crypto';

export interface CatalogService {
  readonly type: string;
  readonly name: string;
  /** path under the main port, e.g. '/compute/v2.1' */
  readonly path: string;
  readonly description: string;
}

export const CATALOG_SERVICES: readonly CatalogService[] = [
  { type: 'identity', name: 'keystone', path: '/identity', description: 'Keystone Identity Service' },
  { type: 'compute', name: 'nova', path: '/compute/v2.1', description: 'Nova Compute Service' },
  { type: 'placement', name: 'placement', path: '/placement', description: 'Placement Service' },
  { type: 'image', name: 'glance', path: '/image', description: 'Glance Image Service' },
  // devstack registers Cinder under both types; since 3.67 the project id is optional in the URL
  { type: 'block-storage', name: 'cinder', path: '/volume/v3', description: 'Cinder Volume Service V3' },
  { type: 'volumev3', name: 'cinderv3', path: '/volume/v3', description: 'Cinder Volume Service V3' },
  // clients that still look Cinder up as volumev2 (Debian's gophercloud) get the v3 endpoint,
  // whose 3.0 behaviour is the v2 API's
  { type: 'volumev2', name: 'cinderv2', path: '/volume/v3', description: 'Cinder Volume Service V2' },
  { type: 'network', name: 'neutron', path: '/networking', description: 'Neutron Service' },
];

export const REGION = 'RegionOne';
export const INTERFACES = ['public', 'internal', 'admin'] as const;

/** Stable keystone-shaped ids (32 hex) derived from the row, computed once at load. */
const stableId = (what: string): string => createHash('sha1').update(`novamock:${what}`).digest('hex').slice(0, 32);

export interface CatalogRow extends CatalogService {
  readonly id: string;
  readonly endpoints: readonly { readonly id: string; readonly interface: (typeof INTERFACES)[number] }[];
}

export const CATALOG: readonly CatalogRow[] = CATALOG_SERVICES.map((s) => ({
  ...s,
  id: stableId(`service:${s.type}`),
  endpoints: INTERFACES.map((i) => ({ id: stableId(`endpoint:${s.type}:${i}`), interface: i })),
}));

export function endpointUrl(base: string, service: CatalogService, projectId: string | null): string {
  const path = service.path.includes('$(project_id)s') ? service.path.replace('$(project_id)s', projectId ?? '') : service.path;
  return `${base}${path}`;
}

/** The token body's "catalog" (keystone's v3 catalog format). */
export function renderTokenCatalog(base: string, projectId: string | null): unknown[] {
  return CATALOG
    // an endpoint that needs a project is left out of a token without one, as keystone does
    .filter((s) => projectId !== null || !s.path.includes('$(project_id)s'))
    .map((s) => ({
      endpoints: s.endpoints.map((e) => ({ id: e.id, interface: e.interface, region_id: REGION, url: endpointUrl(base, s, projectId), region: REGION })),
      id: s.id, type: s.type, name: s.name,
    }));
}
