// GET /servers/{id}/os-instance-actions[/{request_id}] (nova instance_actions.py).
import { InstanceActionList, InstanceActionShow } from '../schemas/responses/resources.js';
import { isoTimeToUtcString } from '../../http/python/iso8601.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { lastParam, paginate } from './paging.js';
import { findServer } from './servers.js';
import { actionView, eventView } from '../views/instance-actions.js';
import { collectionLinks } from '../views/collection-links.js';
import * as p from '../schemas/parameter-types.js';
import type { InstanceRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

const dateTime = p.singleParam(Type.Unsafe<string>({ type: 'string', format: 'date-time' }));
const v258 = { limit: p.singleParam(p.nonNegativeInteger), marker: p.singleParam(Type.String()), 'changes-since': dateTime };
const listQuery: VersionedSchema[] = [
  { min: '2.58', max: '2.65', schema: Type.Partial(Type.Object(v258), { additionalProperties: false }) },
  { min: '2.66', schema: Type.Partial(Type.Object({ ...v258, 'changes-before': dateTime }), { additionalProperties: false }) },
];

/** From 2.21 the actions of deleted servers stay readable. */
function findInstance(ctx: RouteContext, rule: string): InstanceRecord {
  return findServer(ctx, ctx.params.server_id!, rule, { readDeleted: ctx.version.atLeast('2.21') });
}

// the query schema's date-time format let only iso8601 through
const time = (raw: string) => isoTimeToUtcString(raw)!;

export const instanceActionRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/os-instance-actions', responses: { 200: InstanceActionList }, summary: 'List the actions of a server', query: listQuery,
    handler: (ctx) => {
      const i = findInstance(ctx, 'os_compute_api:os-instance-actions:list');
      const q = ctx.query;
      if (ctx.version.lessThan('2.58')) {
        return { status: 200, body: { instanceActions: ctx.service.store.actions.list(i.uuid).map((a) => actionView(a, ctx.version)) } };
      }
      const since = lastParam(q, 'changes-since');
      const before = lastParam(q, 'changes-before');
      const filter = { ...(since ? { changesSince: time(since) } : {}), ...(before ? { changesBefore: time(before) } : {}) };
      if (filter.changesSince && filter.changesBefore && filter.changesBefore < filter.changesSince) {
        throw new ApiError(400, null, 'The value of changes-since must be less than or equal to changes-before.');
      }
      const all = ctx.service.store.actions.list(i.uuid, filter);
      // nova raises MarkerNotFound(marker=None) here: the message names None, not the marker
      const page = paginate(all, (a) => a.requestId, q, () => new ApiError(400, null, 'Marker None could not be found.'));
      const out: Record<string, unknown> = { instanceActions: page.map((a) => actionView(a, ctx.version)) };
      const links = collectionLinks(ctx.links.versioned, `servers/${ctx.params.server_id}/os-instance-actions`, q, page.length, page.at(-1)?.requestId ?? null);
      if (links.length > 0) out.links = links;
      return { status: 200, body: out };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-instance-actions/:request_id', responses: { 200: InstanceActionShow }, summary: 'Show a server action and its events',
    handler: (ctx) => {
      const i = findInstance(ctx, 'os_compute_api:os-instance-actions:show');
      const a = ctx.service.store.actions.getByRequestId(i.uuid, ctx.params.request_id!);
      if (!a) throw new ApiError(404, null, `Action ${ctx.params.request_id} not found`);
      const out = actionView(a, ctx.version);
      const v = ctx.version;
      // the 'events' policy is admin-only; from 2.51 everyone sees events, without traceback/host
      const privileged = ctx.auth.isAdmin;
      if (privileged || v.atLeast('2.51')) {
        const show = {
          traceback: privileged,
          host: privileged && v.atLeast('2.62'),
          hostId: v.atLeast('2.62'),
          details: privileged && v.atLeast('2.84'),
        };
        out.events = ctx.service.store.actions.events(a.id).map((e) => eventView(e, a.projectId ?? i.projectId, show));
      }
      return { status: 200, body: { instanceAction: out } };
    },
  },
];
