// /flavors, /flavors/detail, /flavors/{id} and flavor-manage (create, delete, 2.55 update).
import { FlavorDetailList, FlavorList, FlavorShow } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { lastParam, paginate } from './paging.js';
import { flavorBasic, flavorDetail } from '../views/flavors.js';
import { collectionLinks } from '../views/collection-links.js';
import { boolFromString, strictBoolOrNull } from '../schemas/parameter-types.js';
import { flavorCreateBody, flavorsIndexQuery, flavorUpdateBody } from '../schemas/flavors.js';
import type { FlavorRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext } from './route-types.js';
import { requestContext } from './request-context.js';

export function flavorNotFound(id: string): ApiError {
  return new ApiError(404, null, `Flavor ${id} could not be found.`);
}

/** Flavor.get_by_flavor_id with the caller's context: non-admins see public or shared flavors only. */
export function findFlavor(ctx: RouteContext, flavorid: string): FlavorRecord {
  const f = ctx.service.store.flavors.get(flavorid);
  if (!f) throw flavorNotFound(flavorid);
  if (!ctx.auth.isAdmin && !f.isPublic && !ctx.service.store.flavors.listAccess(f.id).includes(ctx.auth.projectId)) {
    throw flavorNotFound(flavorid);
  }
  return f;
}

/** flavors.py _parse_is_public: absent -> public only, 'none' -> all, else a strict boolean. */
function parseIsPublic(raw: string | undefined): boolean | null {
  if (raw === undefined) return true;
  if (raw.toLowerCase() === 'none') return null;
  const b = strictBoolOrNull(raw);
  if (b === null) throw new ApiError(400, null, `Invalid is_public filter [${raw}]`);
  return b;
}

function intFilter(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw new ApiError(400, null, `Invalid ${name} filter [${raw}]`);
  return Number.parseInt(raw, 10);
}

function listFlavors(ctx: RouteContext): FlavorRecord[] {
  const q = ctx.query;
  const all = ctx.service.store.flavors.list({
    // only admins may choose; everyone else sees public + flavors shared with their project
    isPublic: ctx.auth.isAdmin ? parseIsPublic(lastParam(q, 'is_public')) : true,
    projectId: ctx.auth.projectId,
    minRam: intFilter(lastParam(q, 'minRam'), 'minRam'),
    minDisk: intFilter(lastParam(q, 'minDisk'), 'minDisk'),
    sortKey: lastParam(q, 'sort_key') || 'flavorid',
    sortDir: (lastParam(q, 'sort_dir') || 'asc') as 'asc' | 'desc',
  });
  return paginate(all, (f) => f.flavorid, q, (m) => new ApiError(400, null, `marker [${m}] not found`));
}

function listBody(ctx: RouteContext, flavors: FlavorRecord[], detail: boolean) {
  const out: Record<string, unknown> = {
    flavors: flavors.map((f) => (detail ? flavorDetail(f, ctx.version, ctx.links) : flavorBasic(f, ctx.version, ctx.links))),
  };
  const links = collectionLinks(ctx.links.versioned, detail ? 'flavors/detail' : 'flavors', ctx.query, flavors.length, flavors.at(-1)?.flavorid ?? null);
  if (links.length > 0) out.flavors_links = links;
  return out;
}

export const flavorRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/flavors', responses: { 200: FlavorList }, summary: 'List flavors', query: flavorsIndexQuery,
    handler: (ctx) => ({ status: 200, body: listBody(ctx, listFlavors(ctx), false) }),
  },
  {
    method: 'GET', url: '/flavors/detail', responses: { 200: FlavorDetailList }, summary: 'List flavors with details', query: flavorsIndexQuery,
    handler: (ctx) => ({ status: 200, body: listBody(ctx, listFlavors(ctx), true) }),
  },
  {
    method: 'GET', url: '/flavors/:flavor_id', responses: { 200: FlavorShow }, summary: 'Show a flavor',
    handler: (ctx) => ({ status: 200, body: { flavor: flavorDetail(findFlavor(ctx, ctx.params.flavor_id!), ctx.version, ctx.links) } }),
  },
  {
    method: 'POST', url: '/flavors', responses: { 200: FlavorShow }, summary: 'Create a flavor (admin)', body: flavorCreateBody,
    handler: async (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-manage:create');
      const b = ctx.body.flavor as Record<string, unknown>;
      const created = await ctx.service.api.createFlavor(requestContext(ctx), {
        // flavors.create strips the name (only the legacy v2 API lets spaces through validation)
        name: String(b.name).trim(),
        id: b.id === undefined || b.id === null ? null : String(b.id),
        ram: Number(b.ram), vcpus: Number(b.vcpus), disk: Number(b.disk),
        ephemeral: Number(b['OS-FLV-EXT-DATA:ephemeral'] ?? 0), swap: Number(b.swap ?? 0),
        rxtxFactor: Number(b.rxtx_factor ?? 1.0),
        isPublic: b['os-flavor-access:is_public'] === undefined ? true : boolFromString(b['os-flavor-access:is_public']),
        description: (b.description as string | null | undefined) ?? null,
      });
      return { status: 200, body: { flavor: flavorDetail(created, ctx.version, ctx.links) } };
    },
  },
  {
    method: 'PUT', url: '/flavors/:flavor_id', responses: { 200: FlavorShow }, summary: 'Update a flavor description (admin)', min: '2.55', body: flavorUpdateBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-manage:update');
      const store = ctx.service.store.flavors;
      const f = store.get(ctx.params.flavor_id!);
      if (!f) throw flavorNotFound(ctx.params.flavor_id!);
      store.updateDescription(f.id, ctx.body.flavor.description ?? null);
      return { status: 200, body: { flavor: flavorDetail(store.getById(f.id)!, ctx.version, ctx.links) } };
    },
  },
  {
    method: 'DELETE', url: '/flavors/:flavor_id', responses: { 202: NoBody }, summary: 'Delete a flavor (admin)',
    handler: async (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-manage:delete');
      await ctx.service.api.deleteFlavor(requestContext(ctx), ctx.params.flavor_id!);
      return { status: 202 };
    },
  },
];
