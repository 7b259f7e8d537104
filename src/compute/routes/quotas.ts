// /limits, os-quota-sets (show, defaults, detail, update, delete) and os-availability-zone.
import { AvailabilityZoneList, Limits, QuotaSet } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { Type, type TSchema } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin, requireOwnerOrAdmin } from './policy.js';
import { lastParam } from './paging.js';
import { limitsView, quotaResources, quotaSetView, type FullUsage } from '../views/quotas.js';
import { availabilityZones, INTERNAL_AZ, serviceAvailabilityZone } from '../../compute-db/availability-zones.js';
import { strTimeOrNull } from '../views/time-format.js';
import * as p from '../schemas/parameter-types.js';
import { MIN_VERSION } from '../versions.js';
import { Microversion } from '../../http/microversion.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

const quotaValue = Type.Unsafe<number | string>({ type: ['integer', 'string'], pattern: '^-?[0-9]+$', minimum: -1, maximum: 0x7fffffff });
function updateSchema(resources: string[]): TSchema {
  const props: Record<string, TSchema> = { force: Type.Optional(p.boolean) };
  for (const r of resources) props[r] = Type.Optional(quotaValue);
  return Type.Object({ quota_set: Type.Object(props, { additionalProperties: false }) }, { additionalProperties: false });
}
const ALL = quotaResources(MIN_VERSION);
const updateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.35', schema: updateSchema([...ALL, 'networks']) },
  { min: '2.36', max: '2.56', schema: updateSchema(quotaResources(Microversion.of('2.36'))) },
  { min: '2.57', schema: updateSchema(quotaResources(Microversion.of('2.57'))) },
];

function usageOf(ctx: RouteContext, projectId: string, userId?: string): FullUsage {
  const u = ctx.service.store.quotas.usage(projectId, userId);
  // key pairs are per user (the caller's own when no user is named)
  return { ...u, keyPairs: ctx.service.store.keypairs.count(userId ?? ctx.auth.userId) };
}

export const quotaRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/limits', responses: { 200: Limits }, summary: 'Show rate and absolute limits',
    handler: (ctx) => {
      // ?tenant_id= (even one's own) needs limits:other_project, admin-only
      const asked = lastParam(ctx.query, 'tenant_id');
      if (asked !== undefined) requireAdmin(ctx.auth, 'os_compute_api:limits:other_project');
      const project = asked ?? ctx.auth.projectId;
      const store = ctx.service.store.quotas;
      return { status: 200, body: limitsView(store.limits(project), store.usage(project), ctx.version) };
    },
  },
  {
    method: 'GET', url: '/os-quota-sets/:project_id', responses: { 200: QuotaSet }, summary: 'Show the quotas of a project',
    handler: (ctx) => {
      const project = ctx.params.project_id!;
      requireOwnerOrAdmin(ctx.auth, project, 'os_compute_api:os-quota-sets:show');
      const user = lastParam(ctx.query, 'user_id');
      return { status: 200, body: quotaSetView(project, ctx.service.store.quotas.limits(project, user), ctx.version) };
    },
  },
  {
    method: 'GET', url: '/os-quota-sets/:project_id/defaults', responses: { 200: QuotaSet }, summary: 'Show the default quotas',
    handler: (ctx) => ({ status: 200, body: quotaSetView(ctx.params.project_id!, ctx.service.store.quotas.classLimits(), ctx.version) }),
  },
  {
    method: 'GET', url: '/os-quota-sets/:project_id/detail', responses: { 200: QuotaSet }, summary: 'Show the quotas of a project with usage',
    handler: (ctx) => {
      const project = ctx.params.project_id!;
      requireOwnerOrAdmin(ctx.auth, project, 'os_compute_api:os-quota-sets:detail');
      const user = lastParam(ctx.query, 'user_id');
      return { status: 200, body: quotaSetView(project, ctx.service.store.quotas.limits(project, user), ctx.version, usageOf(ctx, project, user)) };
    },
  },
  {
    method: 'PUT', url: '/os-quota-sets/:project_id', responses: { 200: QuotaSet }, summary: 'Update the quotas of a project (admin)', body: updateBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-quota-sets:update');
      const project = ctx.params.project_id!;
      const user = lastParam(ctx.query, 'user_id');
      const body = ctx.body.quota_set as Record<string, unknown>;
      const force = body.force !== undefined && p.boolFromString(body.force);
      const usage = usageOf(ctx, project, user);
      const values: Record<string, number> = {};
      for (const [k, raw] of Object.entries(body)) {
        if (k === 'force' || k === 'networks') continue;
        const n = Number(raw);
        const used = { instances: usage.instances, cores: usage.cores, ram: usage.ram, key_pairs: usage.keyPairs, server_groups: usage.serverGroups }[k] ?? 0;
        if (!force && n !== -1 && n < used) {
          throw new ApiError(400, null, `Quota limit ${n} for ${k} must be greater than or equal to already used and reserved ${used}.`);
        }
        values[k] = n;
      }
      ctx.service.store.quotas.setLimits(project, user ?? null, values);
      return { status: 200, body: quotaSetView(null, ctx.service.store.quotas.limits(project, user), ctx.version) };
    },
  },
  {
    method: 'DELETE', url: '/os-quota-sets/:project_id', responses: { 202: NoBody }, summary: 'Revert the quotas of a project to the defaults (admin)',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-quota-sets:delete');
      ctx.service.store.quotas.deleteLimits(ctx.params.project_id!, lastParam(ctx.query, 'user_id'));
      return { status: 202 };
    },
  },
  {
    method: 'GET', url: '/os-availability-zone', responses: { 200: AvailabilityZoneList }, summary: 'List availability zones',
    handler: (ctx) => {
      // the internal zone (conductor, scheduler) is hidden; zones with only disabled services are not available
      const store = ctx.service.store;
      const zones = availabilityZones(store, store.services.listServices());
      const info = [...zones.available.map(([z]) => [z, true] as const), ...zones.notAvailable.map(([z]) => [z, false] as const)]
        .filter(([z]) => z !== INTERNAL_AZ)
        .map(([z, available]) => ({ zoneName: z, zoneState: { available }, hosts: null }));
      return { status: 200, body: { availabilityZoneInfo: info } };
    },
  },
  {
    method: 'GET', url: '/os-availability-zone/detail', responses: { 200: AvailabilityZoneList }, summary: 'List availability zones with their hosts (admin)',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-availability-zone:detail');
      const store = ctx.service.store;
      const services = store.services.listServices();
      const zones = availabilityZones(store, services);
      // the enabled services of each available zone, per host; unavailable zones list no hosts
      const byZone = new Map<string, Record<string, Record<string, unknown>>>();
      for (const s of services) {
        if (s.disabled) continue;
        const zone = serviceAvailabilityZone(store, s);
        const hosts = byZone.get(zone) ?? {};
        hosts[s.host] = { ...(hosts[s.host] ?? {}), [s.binary]: { available: !s.forcedDown, active: true, updated_at: strTimeOrNull(s.updatedAt ?? s.createdAt) } };
        byZone.set(zone, hosts);
      }
      const info = [
        ...zones.available.map(([z]) => ({ zoneName: z, zoneState: { available: true }, hosts: byZone.get(z) ?? {} })),
        ...zones.notAvailable.map(([z]) => ({ zoneName: z, zoneState: { available: false }, hosts: null })),
      ];
      return { status: 200, body: { availabilityZoneInfo: info } };
    },
  },
];
