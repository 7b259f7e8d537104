// Flavor extra specs (os-extra_specs) and flavor access (os-flavor-access and the
// addTenantAccess/removeTenantAccess actions on /flavors/{id}/action).
import { ExtraSpec, ExtraSpecs, ExtraSpecsSet, FlavorAccess } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { findFlavor } from './flavors.js';
import { actionDispatcher, type ActionDef } from './action-dispatch.js';
import { flavorAccessList } from '../views/flavors.js';
import { validateExtraSpec } from '../schemas/extra-spec-validation.js';
import { addTenantAccessBody, extraSpecsCreateBody, extraSpecUpdateBody, removeTenantAccessBody } from '../schemas/flavors.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

const noSuchSpec = (flavorid: string, key: string) =>
  new ApiError(404, null, `Flavor ${flavorid} has no extra specs with key ${key}.`);

/** Numbers are stored as their str() (flavors_extraspecs._check_extra_specs_value). */
function specValues(body: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
}

/** _check_extra_specs_value: from 2.86 each spec is validated against nova's registry. */
function checkSpecs(ctx: RouteContext, specs: Record<string, string | number>): void {
  if (!ctx.version.atLeast('2.86')) return;
  for (const [name, value] of Object.entries(specs)) validateExtraSpec(name, String(value));
}

function accessBody(ctx: RouteContext, flavorid: string) {
  const f = findFlavor(ctx, flavorid);
  return flavorAccessList(f, ctx.service.store.flavors.listAccess(f.id));
}

/** addTenantAccess / removeTenantAccess on POST /flavors/{id}/action. */
export const FLAVOR_ACTIONS: readonly ActionDef[] = [
  {
    name: 'addTenantAccess', body: [{ min: '2.1', schema: addTenantAccessBody }],
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-access:add_tenant_access');
      const tenant = ctx.body.addTenantAccess.tenant as string;
      const f = findFlavor(ctx, ctx.params.flavor_id!);
      if (ctx.version.atLeast('2.7') && f.isPublic) throw new ApiError(409, null, 'Can not add access to a public flavor.');
      if (!ctx.service.store.flavors.addAccess(f.id, tenant)) {
        // Flavor.add_access raises with the flavor's internal id, not its API id
        throw new ApiError(409, null, `Flavor access already exists for flavor ${f.id} and project ${tenant} combination.`);
      }
      return { status: 200, body: accessBody(ctx, f.flavorid) };
    },
  },
  {
    name: 'removeTenantAccess', body: [{ min: '2.1', schema: removeTenantAccessBody }],
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-access:remove_tenant_access');
      const tenant = ctx.body.removeTenantAccess.tenant as string;
      const f = findFlavor(ctx, ctx.params.flavor_id!);
      if (!ctx.service.store.flavors.removeAccess(f.id, tenant)) {
        throw new ApiError(404, null, `Flavor access not found for ${f.id} / ${tenant} combination.`);
      }
      return { status: 200, body: accessBody(ctx, f.flavorid) };
    },
  },
];

export const flavorExtraRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/flavors/:flavor_id/os-extra_specs', responses: { 200: ExtraSpecs }, summary: 'List flavor extra specs',
    handler: (ctx) => ({ status: 200, body: { extra_specs: { ...findFlavor(ctx, ctx.params.flavor_id!).extraSpecs } } }),
  },
  {
    method: 'POST', url: '/flavors/:flavor_id/os-extra_specs', responses: { 200: ExtraSpecsSet }, summary: 'Create or update flavor extra specs (admin)', body: extraSpecsCreateBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-extra-specs:create');
      checkSpecs(ctx, ctx.body.extra_specs);
      const f = findFlavor(ctx, ctx.params.flavor_id!);
      ctx.service.store.flavors.setExtraSpecs(f.id, specValues(ctx.body.extra_specs));
      return { status: 200, body: ctx.body };
    },
  },
  {
    method: 'GET', url: '/flavors/:flavor_id/os-extra_specs/:key', responses: { 200: ExtraSpec }, summary: 'Show one flavor extra spec',
    handler: (ctx) => {
      const f = findFlavor(ctx, ctx.params.flavor_id!);
      const key = ctx.params.key!;
      if (!Object.hasOwn(f.extraSpecs, key)) throw noSuchSpec(ctx.params.flavor_id!, key);
      return { status: 200, body: { [key]: f.extraSpecs[key] } };
    },
  },
  {
    method: 'PUT', url: '/flavors/:flavor_id/os-extra_specs/:key', responses: { 200: ExtraSpec }, summary: 'Update one flavor extra spec (admin)', body: extraSpecUpdateBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-extra-specs:update');
      checkSpecs(ctx, ctx.body);
      if (!Object.hasOwn(ctx.body, ctx.params.key!)) throw new ApiError(400, null, 'Request body and URI mismatch');
      const f = findFlavor(ctx, ctx.params.flavor_id!);
      ctx.service.store.flavors.setExtraSpecs(f.id, specValues(ctx.body));
      return { status: 200, body: ctx.body };
    },
  },
  {
    method: 'DELETE', url: '/flavors/:flavor_id/os-extra_specs/:key', responses: { 200: NoBody }, summary: 'Delete one flavor extra spec (admin)',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-flavor-extra-specs:delete');
      const f = findFlavor(ctx, ctx.params.flavor_id!);
      if (!ctx.service.store.flavors.deleteExtraSpec(f.id, ctx.params.key!)) throw noSuchSpec(ctx.params.flavor_id!, ctx.params.key!);
      // flavors_extraspecs.py delete has no @wsgi.response: wsgi's default 200, empty body
      return { status: 200 };
    },
  },
  {
    method: 'GET', url: '/flavors/:flavor_id/os-flavor-access', responses: { 200: FlavorAccess }, summary: 'List the projects a private flavor is shared with',
    handler: (ctx) => {
      // the rule is ADMIN, but Zed still ORs its deprecated admin_or_owner (enforce_new_defaults=False)
      // and the check has no target, so every caller passes it
      const f = findFlavor(ctx, ctx.params.flavor_id!);
      if (f.isPublic) throw new ApiError(404, null, 'Access list not available for public flavors.');
      return { status: 200, body: accessBody(ctx, ctx.params.flavor_id!) };
    },
  },
  {
    method: 'POST', url: '/flavors/:flavor_id/action', responses: { 200: FlavorAccess }, summary: 'Flavor actions: addTenantAccess, removeTenantAccess (admin)',
    actions: FLAVOR_ACTIONS,
    handler: actionDispatcher(FLAVOR_ACTIONS),
  },
];
