// os-services (admin): list, 2.53 PUT /os-services/{uuid}, the legacy PUT /os-services/{action}
// (enable, disable, disable-log-reason, 2.11 force-down) and DELETE. Disabling goes through the
// engine, which also reports COMPUTE_STATUS_DISABLED to placement.
import { ServiceList, ServiceUpdated } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { lastParam } from './paging.js';
import { requestContext } from './request-context.js';
import { serviceView } from '../views/services.js';
import { serviceAvailabilityZone } from '../../compute-db/availability-zones.js';
import { isUuidLike } from '../../http/python/json-value-checks.js';
import * as p from '../schemas/parameter-types.js';
import type { ServiceUpdate } from '../api/api-types.js';
import type { ServiceRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

const reason = Type.String({ minLength: 1, maxLength: 255 });
const legacyFields = { host: p.fqdn, binary: Type.String({ minLength: 1, maxLength: 255 }), disabled_reason: Type.Optional(reason) };
const updateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.10', schema: Type.Object(legacyFields, { additionalProperties: false }) },
  { min: '2.11', max: '2.52', schema: Type.Object({ ...legacyFields, forced_down: Type.Optional(p.boolean) }, { additionalProperties: false }) },
  {
    min: '2.53',
    schema: Type.Object({
      status: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: ['enabled', 'disabled'] })),
      disabled_reason: Type.Optional(reason),
      forced_down: Type.Optional(p.boolean),
    }, { additionalProperties: false }),
  },
];
const listQueryProps = { host: p.multiParams(Type.String()), binary: p.multiParams(Type.String()) };
const listQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.74', schema: Type.Partial(Type.Object(listQueryProps), { additionalProperties: true }) },
  { min: '2.75', schema: Type.Partial(Type.Object(listQueryProps), { additionalProperties: false }) },
];

/** set_availability_zones: a compute's zone comes from its host aggregates. */
function zoneOf(ctx: RouteContext, s: ServiceRecord): string {
  return serviceAvailabilityZone(ctx.service.store, s);
}


function notComputeError(binary: string): ApiError {
  return new ApiError(400, null, `Updating a ${binary} service is not supported. Only nova-compute services can be updated.`);
}

/** PUT /os-services/{uuid} (2.53) */
async function updateV253(ctx: RouteContext) {
  const id = ctx.params.service_id!;
  if (!isUuidLike(id)) throw new ApiError(400, null, `Invalid uuid ${id}`);
  const svc = ctx.service.store.services.getServiceByUuid(id);
  if (!svc) throw new ApiError(404, null, `Service ${id} could not be found.`);
  if (svc.binary !== 'nova-compute') throw notComputeError(svc.binary);
  const b = ctx.body as Record<string, unknown>;
  const update: { -readonly [K in keyof ServiceUpdate]: ServiceUpdate[K] } = {};
  if (b.status === 'enabled') {
    if (b.disabled_reason) throw new ApiError(400, null, "Specifying 'disabled_reason' with status 'enabled' is invalid.");
    update.status = 'enabled';
    update.disabledReason = null;
  } else if (b.status === 'disabled') {
    update.status = 'disabled';
    update.disabledReason = (b.disabled_reason as string | undefined) ?? null;
  }
  if (b.forced_down !== undefined) update.forcedDown = p.strictBool(b.forced_down);
  if (update.status === undefined && update.forcedDown === undefined) {
    throw new ApiError(400, null, "No updates were requested. Fields 'status' or 'forced_down' should be specified.");
  }
  const saved = await ctx.service.api.updateService(requestContext(ctx), svc.uuid, update);
  return { service: serviceView(saved, ctx.version, zoneOf(ctx, saved), true) };
}

/** PUT /os-services/{enable|disable|disable-log-reason|force-down} (before 2.53) */
async function legacyAction(ctx: RouteContext) {
  const action = ctx.params.service_id!;
  const actions = ['enable', 'disable', 'disable-log-reason', ...(ctx.version.atLeast('2.11') ? ['force-down'] : [])];
  if (!actions.includes(action)) throw new ApiError(404, null, 'Unknown action');
  const b = ctx.body as { host: string; binary: string; disabled_reason?: string; forced_down?: unknown };
  let update: ServiceUpdate;
  let answer: Record<string, unknown>;
  if (action === 'force-down') {
    if (b.forced_down === undefined) throw new ApiError(400, null, 'Missing forced_down field');
    const forcedDown = p.boolFromString(b.forced_down);
    update = { forcedDown };
    answer = { host: b.host, binary: b.binary, forced_down: forcedDown };
  } else {
    let disabledReason: string | null = null;
    if (action === 'disable-log-reason') {
      if (b.disabled_reason === undefined) throw new ApiError(400, null, 'Missing disabled reason field');
      disabledReason = b.disabled_reason;
    }
    const status = action === 'enable' ? 'enabled' : 'disabled';
    update = { status, disabledReason };
    answer = { host: b.host, binary: b.binary, status, ...(disabledReason ? { disabled_reason: disabledReason } : {}) };
  }
  if (b.binary !== 'nova-compute') throw notComputeError(b.binary);
  const svc = ctx.service.store.services.findService(b.host, b.binary);
  // the host lookup goes through the cell mappings first (HostMappingNotFound)
  if (!svc) throw new ApiError(404, null, `Host '${b.host}' is not mapped to any cell`);
  await ctx.service.api.updateService(requestContext(ctx), svc.uuid, update);
  return { service: answer };
}

export const serviceRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-services', responses: { 200: ServiceList }, summary: 'List services (admin)', query: listQuery,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-services:list');
      const host = lastParam(ctx.query, 'host');
      const binary = lastParam(ctx.query, 'binary');
      const services = ctx.service.store.services.listServices()
        .filter((s) => (!host || s.host === host) && (!binary || s.binary === binary));
      const forced = ctx.version.atLeast('2.11');
      return { status: 200, body: { services: services.map((s) => serviceView(s, ctx.version, zoneOf(ctx, s), forced)) } };
    },
  },
  {
    method: 'PUT', url: '/os-services/:service_id', responses: { 200: ServiceUpdated }, summary: 'Update a service (2.53: by uuid; before: enable/disable/force-down actions) (admin)',
    body: updateBody,
    handler: async (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-services:update');
      return { status: 200, body: ctx.version.atLeast('2.53') ? await updateV253(ctx) : await legacyAction(ctx) };
    },
  },
  {
    method: 'DELETE', url: '/os-services/:service_id', responses: { 204: NoBody }, summary: 'Delete a service (admin)',
    handler: async (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-services:delete');
      const id = ctx.params.service_id!;
      let svc: ServiceRecord | null;
      if (ctx.version.atLeast('2.53')) {
        if (!isUuidLike(id)) throw new ApiError(400, null, `Invalid uuid ${id}`);
        svc = ctx.service.store.services.getServiceByUuid(id);
      } else {
        svc = /^\d+$/.test(id) ? ctx.service.store.services.getService(Number(id)) : null;
      }
      if (!svc) throw new ApiError(404, null, `Service ${id} not found.`);
      await ctx.service.api.deleteService(requestContext(ctx), svc.uuid);
      return { status: 204 };
    },
  },
];
