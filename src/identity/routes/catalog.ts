// Read-only /v3/services, /v3/endpoints and /v3/regions, rendered from the one catalog table.
import { EndpointList, EndpointShow, RegionList, RegionShow, ServiceList, ServiceShow } from '../schemas/responses.js';
import type { RouteDeclaration, IdentityCall } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { collection } from '../views/entities.js';
import { notFound } from '../identity-errors.js';
import { CATALOG, REGION, endpointUrl, type CatalogRow } from '../catalog.js';

const renderService = (s: CatalogRow, base: string) => ({ name: s.name, id: s.id, type: s.type, enabled: true, description: s.description, links: { self: `${base}/services/${s.id}` } });

function endpoints(c: IdentityCall) {
  return CATALOG.flatMap((s) => s.endpoints.map((e) => ({
    id: e.id, interface: e.interface, region_id: REGION, service_id: s.id,
    url: endpointUrl(c.catalogBase, s, null).replace(/\/$/, ''), enabled: true, region: REGION,
    links: { self: `${c.base}/endpoints/${e.id}` },
  })));
}

const region = (base: string) => ({ id: REGION, description: '', parent_region_id: null, links: { self: `${base}/regions/${REGION}` } });

export const catalogRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/services', schema: { response: { 200: ServiceList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_services');
      const rows = CATALOG.filter((s) => c.query.type === undefined || s.type === c.query.type);
      return { status: 200, body: collection('services', rows.map((s) => renderService(s, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'GET', path: '/v3/services/:service_id', schema: { response: { 200: ServiceShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_service');
      const s = CATALOG.find((x) => x.id === c.params.service_id);
      if (!s) throw notFound('service', c.params.service_id!);
      return { status: 200, body: { service: renderService(s, c.base) } };
    },
  },
  {
    method: 'GET', path: '/v3/endpoints', schema: { response: { 200: EndpointList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_endpoints');
      const rows = endpoints(c).filter((e) => (c.query.interface === undefined || e.interface === c.query.interface)
        && (c.query.service_id === undefined || e.service_id === c.query.service_id)
        && (c.query.region_id === undefined || e.region_id === c.query.region_id));
      return { status: 200, body: collection('endpoints', rows, c.selfUrl) };
    },
  },
  {
    method: 'GET', path: '/v3/endpoints/:endpoint_id', schema: { response: { 200: EndpointShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_endpoint');
      const e = endpoints(c).find((x) => x.id === c.params.endpoint_id);
      if (!e) throw notFound('endpoint', c.params.endpoint_id!);
      return { status: 200, body: { endpoint: e } };
    },
  },
  {
    method: 'GET', path: '/v3/regions', schema: { response: { 200: RegionList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_regions');
      return { status: 200, body: collection('regions', [region(c.base)], c.selfUrl) };
    },
  },
  {
    method: 'GET', path: '/v3/regions/:region_id', schema: { response: { 200: RegionShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_region');
      if (c.params.region_id !== REGION) throw notFound('region', c.params.region_id!);
      return { status: 200, body: { region: region(c.base) } };
    },
  },
];
