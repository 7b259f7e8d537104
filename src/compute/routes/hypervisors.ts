// os-hypervisors (admin): list, detail, show, 2.53 hostname pattern and with_servers, the
// legacy search/servers routes (2.1-2.52) and statistics (to 2.87).
import { HypervisorList, HypervisorShow, HypervisorStatistics } from '../schemas/responses/resources.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { lastParam, paginate } from './paging.js';
import { hypervisorView, statistics, type HypervisorInput } from '../views/hypervisors.js';
import { collectionLinks } from '../views/collection-links.js';
import { isUuidLike } from '../../http/python/json-value-checks.js';
import * as p from '../schemas/parameter-types.js';
import type { ComputeNodeRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

const withServers = p.singleParam(p.boolean);
const listQuery: VersionedSchema[] = [
  { min: '2.33', max: '2.52', schema: Type.Partial(Type.Object({ ...p.paginationParameters }), { additionalProperties: false }) },
  {
    min: '2.53',
    schema: Type.Partial(Type.Object({
      limit: p.singleParam(p.nonNegativeInteger), marker: p.singleParam(Type.String()),
      hypervisor_hostname_pattern: p.singleParam(Type.String()), with_servers: withServers,
    }), { additionalProperties: false }),
  },
];
const showQuery: VersionedSchema[] = [
  { min: '2.53', schema: Type.Partial(Type.Object({ with_servers: withServers }), { additionalProperties: false }) },
];

function input(ctx: RouteContext, node: ComputeNodeRecord, servers: boolean): HypervisorInput | null {
  const s = ctx.service.store.services;
  const service = s.getService(node.serviceId);
  if (!service) return null;
  return {
    node, service, usage: s.nodeUsage(node.hypervisorHostname),
    servers: servers ? ctx.service.store.instances.listOnNode(node.hypervisorHostname) : undefined,
    withServers: servers,
  };
}

/** nova's compute_node_search_by_hypervisor: a LIKE %pattern% match, 404 when nothing. */
function byPattern(ctx: RouteContext, pattern: string): ComputeNodeRecord[] {
  const found = ctx.service.store.services.listNodes().filter((n) => n.hypervisorHostname.includes(pattern));
  if (found.length === 0) throw new ApiError(404, null, `No hypervisor matching '${pattern}' could be found.`);
  return found;
}

/** with_servers: strutils.bool_from_string(strict=True); absent = no. */
const withServersParam = (raw: string | undefined): boolean => raw !== undefined && p.strictBool(raw);

function list(ctx: RouteContext, detail: boolean) {
  requireAdmin(ctx.auth, `os_compute_api:os-hypervisors:${detail ? 'list-detail' : 'list'}`);
  const v = ctx.version;
  const pattern = v.atLeast('2.53') ? lastParam(ctx.query, 'hypervisor_hostname_pattern') : undefined;
  const servers = v.atLeast('2.53') ? withServersParam(lastParam(ctx.query, 'with_servers')) : false;
  let nodes: ComputeNodeRecord[];
  let paged = v.atLeast('2.33');
  if (pattern !== undefined) {
    if (ctx.query.limit !== undefined || ctx.query.marker !== undefined) {
      // nova passes its text positionally (webob's detail), so the default explanation is shown
      throw new ApiError(400, null, 'The server could not comply with the request since it is either malformed or otherwise incorrect.');
    }
    nodes = byPattern(ctx, pattern);
    paged = false;
  } else {
    const all = ctx.service.store.services.listNodes();
    nodes = paged
      ? paginate(all, (n) => (v.atLeast('2.53') ? n.uuid : String(n.id)), ctx.query, (m) => new ApiError(400, null, `marker [${m}] not found`))
      : all;
  }
  const hypervisors = nodes.map((n) => input(ctx, n, servers)).filter((h) => h !== null).map((h) => hypervisorView(h, v, detail));
  const out: Record<string, unknown> = { hypervisors };
  if (paged) {
    const last = hypervisors.at(-1);
    const links = collectionLinks(ctx.links.versioned, detail ? 'os-hypervisors/detail' : 'os-hypervisors', ctx.query, hypervisors.length, last ? String(last.id) : null);
    if (links.length > 0) out.hypervisors_links = links;
  }
  return out;
}

export const hypervisorRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-hypervisors', responses: { 200: HypervisorList }, summary: 'List hypervisors (admin)', query: listQuery,
    handler: (ctx) => ({ status: 200, body: list(ctx, false) }),
  },
  {
    method: 'GET', url: '/os-hypervisors/detail', responses: { 200: HypervisorList }, summary: 'List hypervisors with details (admin)', query: listQuery,
    handler: (ctx) => ({ status: 200, body: list(ctx, true) }),
  },
  {
    method: 'GET', url: '/os-hypervisors/statistics', responses: { 200: HypervisorStatistics }, summary: 'Hypervisor statistics (admin)', max: '2.87',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-hypervisors:statistics');
      const all = ctx.service.store.services.listNodes().map((n) => input(ctx, n, false)).filter((h) => h !== null);
      return { status: 200, body: { hypervisor_statistics: { count: all.length, ...statistics(all) } } };
    },
  },
  {
    method: 'GET', url: '/os-hypervisors/:hypervisor_id', responses: { 200: HypervisorShow }, summary: 'Show a hypervisor (admin)', query: showQuery,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-hypervisors:show');
      const id = ctx.params.hypervisor_id!;
      const v = ctx.version;
      const notFound = () => new ApiError(404, null, `Hypervisor with ID '${id}' could not be found.`);
      const servers = v.atLeast('2.53') ? withServersParam(lastParam(ctx.query, 'with_servers')) : false;
      let node: ComputeNodeRecord | null;
      if (v.atLeast('2.53')) {
        if (!isUuidLike(id)) throw new ApiError(400, null, `Invalid uuid ${id}`);
        node = ctx.service.store.services.getNode(id);
      } else {
        if (!/^\s*-?\d+\s*$/.test(id)) throw notFound();
        node = ctx.service.store.services.getNodeById(Number(id));
      }
      const h = node ? input(ctx, node, servers) : null;
      if (!h) throw notFound();
      return { status: 200, body: { hypervisor: hypervisorView(h, v, true) } };
    },
  },
  {
    // hypervisors.py uptime (to 2.87; 2.88 moved uptime into the detail view): the fake driver
    // does not implement get_host_uptime, so a found, up host is nova's 501
    method: 'GET', url: '/os-hypervisors/:hypervisor_id/uptime', responses: { 200: HypervisorShow }, summary: 'Hypervisor uptime (admin; the fake driver has none)', max: '2.87',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-hypervisors:uptime');
      const id = ctx.params.hypervisor_id!;
      const v = ctx.version;
      if (v.atLeast('2.53') && !isUuidLike(id)) throw new ApiError(400, null, `Invalid uuid ${id}`);
      const notFound = () => new ApiError(404, null, `Hypervisor with ID '${id}' could not be found.`);
      if (!v.atLeast('2.53') && !/^\s*-?\d+\s*$/.test(id)) throw notFound();
      const services = ctx.service.store.services;
      const node = v.atLeast('2.53') ? services.getNode(id) : services.getNodeById(Number(id));
      const service = node ? services.getService(node.serviceId) : null;
      if (!node || !service) throw notFound();
      // host_api._assert_host_exists(must_be_up=True)
      if (service.forcedDown) throw new ApiError(400, null, `Compute service of ${service.host} is unavailable at this time.`);
      throw new ApiError(501, null, 'The requested functionality is not supported.');
    },
  },
  {
    method: 'GET', url: '/os-hypervisors/:pattern/search', responses: { 200: HypervisorList }, summary: 'Search hypervisors by hostname (admin)', max: '2.52',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-hypervisors:search');
      const hs = byPattern(ctx, ctx.params.pattern!).map((n) => input(ctx, n, false)).filter((h) => h !== null);
      return { status: 200, body: { hypervisors: hs.map((h) => hypervisorView(h, ctx.version, false)) } };
    },
  },
  {
    method: 'GET', url: '/os-hypervisors/:pattern/servers', responses: { 200: HypervisorList }, summary: 'Hypervisors and their servers (admin)', max: '2.52',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-hypervisors:servers');
      const hs = byPattern(ctx, ctx.params.pattern!).map((n) => input(ctx, n, true)).filter((h) => h !== null);
      return { status: 200, body: { hypervisors: hs.map((h) => hypervisorView(h, ctx.version, false)) } };
    },
  },
];
