// os-aggregates (nova/api/openstack/compute/aggregates.py): list, create, show, update, delete,
// the add_host / remove_host / set_metadata actions and the 2.81 image cache request. Every
// rule is admin-only (os_compute_api:os-aggregates:*, compute:aggregates:images).
import { AggregateList, AggregateShow } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { ApiError } from '../../http/api-error.js';
import { findBootImage } from '../../image-client/boot-image.js';
import { requestContext } from './request-context.js';
import { requireAdmin } from './policy.js';
import { actionDispatcher, type ActionDef } from './action-dispatch.js';
import { aggregateView } from '../views/aggregates.js';
import { checkId, type AggregateAnswer } from '../api/aggregates.js';
import {
  addHostBody, aggregateCreateBody, aggregateImagesBody, aggregateUpdateBody, removeHostBody, setMetadataBody,
} from '../schemas/aggregates.js';
import type { ComputeRoute, RouteContext, RouteResult } from './route-types.js';

const rule = (name: string) => `os_compute_api:os-aggregates:${name}`;

const aggregateApi = (ctx: RouteContext) => ctx.service.api.aggregates;

function answer(ctx: RouteContext, a: AggregateAnswer): RouteResult {
  return { status: 200, body: { aggregate: aggregateView(a.aggregate, ctx.version, { updatedAt: a.updatedAt }) } };
}

/** common.normalize_name */
const strip = (s: string) => s.trim();

const AGGREGATE_ACTIONS: ActionDef[] = [
  {
    name: 'add_host', body: addHostBody,
    handler: async (ctx) => {
      requireAdmin(ctx.auth, rule('add_host'));
      return answer(ctx, { aggregate: await aggregateApi(ctx).addHost(ctx.params.id!, ctx.body.add_host.host) });
    },
  },
  {
    name: 'remove_host', body: removeHostBody,
    handler: async (ctx) => {
      requireAdmin(ctx.auth, rule('remove_host'));
      return answer(ctx, { aggregate: await aggregateApi(ctx).removeHost(ctx.params.id!, ctx.body.remove_host.host) });
    },
  },
  {
    name: 'set_metadata', body: setMetadataBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, rule('set_metadata'));
      return answer(ctx, aggregateApi(ctx).setMetadata(ctx.params.id!, ctx.body.set_metadata.metadata));
    },
  },
];

export const aggregateRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-aggregates', responses: { 200: AggregateList }, summary: 'List host aggregates (admin)',
    handler: (ctx) => {
      requireAdmin(ctx.auth, rule('index'));
      return { status: 200, body: { aggregates: aggregateApi(ctx).list().map((a) => aggregateView(a, ctx.version)) } };
    },
  },
  {
    // 200, not 201, "for backwards compatibility"
    method: 'POST', url: '/os-aggregates', responses: { 200: AggregateShow }, summary: 'Create a host aggregate (admin)', body: aggregateCreateBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, rule('create'));
      const b = ctx.body.aggregate as { name: string; availability_zone?: string | null };
      const zone = b.availability_zone ? strip(b.availability_zone) : null;
      const created = aggregateApi(ctx).create(strip(b.name), zone);
      return { status: 200, body: { aggregate: aggregateView(created, ctx.version, { created: true }) } };
    },
  },
  {
    method: 'GET', url: '/os-aggregates/:id', responses: { 200: AggregateShow }, summary: 'Show a host aggregate (admin)',
    handler: (ctx) => {
      requireAdmin(ctx.auth, rule('show'));
      return answer(ctx, { aggregate: aggregateApi(ctx).get(ctx.params.id!) });
    },
  },
  {
    method: 'PUT', url: '/os-aggregates/:id', responses: { 200: AggregateShow }, summary: 'Update a host aggregate name / availability zone (admin)', body: aggregateUpdateBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, rule('update'));
      const b = { ...(ctx.body.aggregate as { name?: string; availability_zone?: string | null }) };
      if (b.name !== undefined) b.name = strip(b.name);
      return answer(ctx, aggregateApi(ctx).update(ctx.params.id!, b));
    },
  },
  {
    // 200 with no body
    method: 'DELETE', url: '/os-aggregates/:id', responses: { 200: NoBody }, summary: 'Delete an empty host aggregate (admin)',
    handler: (ctx) => {
      requireAdmin(ctx.auth, rule('delete'));
      aggregateApi(ctx).delete(ctx.params.id!);
      return { status: 200 };
    },
  },
  {
    method: 'POST', url: '/os-aggregates/:id/action', responses: { 200: AggregateShow },
    summary: `Host aggregate actions (admin): ${AGGREGATE_ACTIONS.map((a) => a.name).join(', ')}`,
    actions: AGGREGATE_ACTIONS,
    handler: actionDispatcher(AGGREGATE_ACTIONS),
  },
  {
    method: 'POST', url: '/os-aggregates/:id/images', responses: { 202: NoBody }, summary: 'Request image pre-caching on the hosts of an aggregate (admin)',
    min: '2.81', body: aggregateImagesBody,
    handler: async (ctx) => {
      requireAdmin(ctx.auth, 'compute:aggregates:images');
      const api = aggregateApi(ctx);
      checkId(ctx.params.id!);
      const ids = (ctx.body.cache as { id: string }[]).map((c) => c.id);
      if (new Set(ids).size !== ids.length) throw new ApiError(400, null, 'Duplicate images in request');
      api.get(ctx.params.id!);
      // conductor ComputeTaskAPI.cache_images checks each image before it casts to the hosts
      for (const id of ids) if (!await findBootImage(ctx.service.images, requestContext(ctx), id)) throw new ApiError(400, null, `Image ${id} could not be found.`);
      // the computes' cache_image is a fake-driver no-op: nothing else to do
      return { status: 202 };
    },
  },
];
