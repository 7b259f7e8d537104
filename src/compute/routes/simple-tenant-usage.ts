// os-simple-tenant-usage: list (admin) and show (own project), 2.40 paging over servers.
import { TenantUsageList, TenantUsageShow } from '../schemas/responses/resources.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin, requireOwnerOrAdmin } from './policy.js';
import { lastParam, paginate } from './paging.js';
import { tenantUsages, type Period } from '../views/usages.js';
import { strTime } from '../views/time-format.js';
import { collectionLinks } from '../views/collection-links.js';
import * as p from '../schemas/parameter-types.js';
import type { InstanceRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

const s = () => p.multiParams(Type.String());
const queries = (props: Record<string, ReturnType<typeof s>>): VersionedSchema[] => [
  { min: '2.1', max: '2.39', schema: Type.Partial(Type.Object(props), { additionalProperties: true }) },
  { min: '2.40', max: '2.74', schema: Type.Partial(Type.Object({ ...props, ...p.paginationParameters }), { additionalProperties: true }) },
  { min: '2.75', schema: Type.Partial(Type.Object({ ...props, ...p.paginationParameters }), { additionalProperties: false }) },
];
const indexQuery = queries({ start: s(), end: s(), detailed: s() });
const showQuery = queries({ start: s(), end: s() });

interface Bound { at: Date; text: string }

/** _parse_datetime: three strptime formats, naive = UTC; empty = now. `text` is the datetime's strtime. */
function parseTime(raw: string | undefined, now: Date): Bound {
  if (!raw) return { at: now, text: strTime(now.toISOString()) };
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(raw);
  const spaced = raw.includes(' ');
  if (!m || (spaced && m[7] === undefined)) throw new ApiError(400, null, 'Invalid datetime string: Datetime is in invalid format');
  const micros = (m[7] ?? '').padEnd(6, '0');
  const ms = Number(micros.slice(0, 3));
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms));
  if (Number.isNaN(d.getTime()) || d.getUTCDate() !== +m[3]!) throw new ApiError(400, null, 'Invalid datetime string: Datetime is in invalid format');
  return { at: d, text: `${d.toISOString().slice(0, 19)}.${micros}` };
}

function period(ctx: RouteContext): Period {
  const now = ctx.service.runtime.clock.now();
  // parse_qs: the first value, blank values dropped
  const first = (k: string) => ctx.query[k]?.find((v) => v !== '');
  const start = parseTime(first('start'), now);
  // nova reads utcnow() once per bound, so a missing end is a moment after a missing start
  let stop = parseTime(first('end'), new Date(now.getTime() + 1));
  if (!(start.at < stop.at || (start.at.getTime() === stop.at.getTime() && start.text < stop.text))) {
    throw new ApiError(400, null, 'Invalid start time. The start time cannot occur after the end time.');
  }
  if (stop.at > now) stop = { at: now, text: strTime(now.toISOString()) };
  return { start: start.at, stop: stop.at, now, startText: start.text, stopText: stop.text };
}

/** InstanceList.get_active_by_window_joined: deleted included, paginate_query's order (project_id, uuid). */
function activeInWindow(ctx: RouteContext, w: Period, projectId?: string): InstanceRecord[] {
  return ctx.service.store.instances
    .list({ ...(projectId !== undefined ? { projectId } : {}), deleted: 'include', sortKeys: [{ key: 'project_id', dir: 'asc' }, { key: 'uuid', dir: 'asc' }] })
    .filter((i) => (!i.terminatedAt || new Date(i.terminatedAt) > w.start) && (!i.launchedAt || new Date(i.launchedAt) < w.stop));
}

function page(ctx: RouteContext, all: InstanceRecord[]): InstanceRecord[] {
  return ctx.version.atLeast('2.40') ? paginate(all, (i) => i.uuid, ctx.query, (m) => new ApiError(400, null, `Marker ${m} could not be found.`)) : all;
}

export const simpleTenantUsageRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-simple-tenant-usage', responses: { 200: TenantUsageList }, summary: 'Usage of every tenant over a period (admin)', query: indexQuery,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-simple-tenant-usage:list');
      const w = period(ctx);
      const detailed = (ctx.query.detailed?.[0] ?? '0') === '1';
      const instances = page(ctx, activeInWindow(ctx, w));
      const out: Record<string, unknown> = { tenant_usages: tenantUsages(instances, w, detailed) };
      if (ctx.version.atLeast('2.40')) {
        const links = collectionLinks(ctx.links.versioned, 'os-simple-tenant-usage', ctx.query, instances.length, instances.at(-1)?.uuid ?? null);
        if (links.length > 0) out.tenant_usages_links = links;
      }
      return { status: 200, body: out };
    },
  },
  {
    method: 'GET', url: '/os-simple-tenant-usage/:tenant_id', responses: { 200: TenantUsageShow }, summary: 'Usage of one tenant over a period', query: showQuery,
    handler: (ctx) => {
      const tenant = ctx.params.tenant_id!;
      requireOwnerOrAdmin(ctx.auth, tenant, 'os_compute_api:os-simple-tenant-usage:show');
      const w = period(ctx);
      const instances = page(ctx, activeInWindow(ctx, w, tenant));
      const usage = tenantUsages(instances, w, true)[0] ?? {};
      const out: Record<string, unknown> = { tenant_usage: usage };
      if (ctx.version.atLeast('2.40')) {
        const links = collectionLinks(ctx.links.versioned, `os-simple-tenant-usage/${tenant}`, ctx.query, instances.length, instances.at(-1)?.uuid ?? null);
        if (links.length > 0) out.tenant_usage_links = links;
      }
      return { status: 200, body: out };
    },
  },
];
