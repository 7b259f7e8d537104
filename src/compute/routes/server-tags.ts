// /servers/{id}/tags[/{tag}] from 2.26 (nova/api/openstack/compute/server_tags.py). Tags are
// plain instance data written without a compute RPC (api/tags.ts).
import { Tags } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requireOwnerOrAdmin } from './policy.js';
import * as p from '../schemas/parameter-types.js';
import type { InstanceRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';
import { MAX_TAG_COUNT } from '../api/tags.js';

const updateAllBody: VersionedSchema[] = [
  { min: '2.26', schema: Type.Object({ tags: Type.Array(p.tag, { maxItems: MAX_TAG_COUNT }) }, { additionalProperties: false }) },
];
/** PUT of one tag takes no body: nova's schema is {"type": "null"}. */
const updateOneBody: VersionedSchema[] = [{ min: '2.26', schema: Type.Null() }];
const rule = (r: string) => `os_compute_api:os-server-tags:${r}`;

/** The instance mapping lookup: unknown -> 404 (cell mapping wording); the policy is on its project. */
function findMapped(ctx: RouteContext, r: string): InstanceRecord {
  const uuid = ctx.params.server_id!;
  const i = ctx.service.store.instances.get(uuid);
  if (!i || i.deleted) throw new ApiError(404, null, `Instance ${uuid} has no mapping to a cell.`);
  requireOwnerOrAdmin(ctx.auth, i.projectId, rule(r));
  return i;
}


export const serverTagRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/tags', responses: { 200: Tags }, summary: 'List server tags', min: '2.26',
    handler: (ctx) => ({ status: 200, body: { tags: [...findMapped(ctx, 'index').tags] } }),
  },
  {
    method: 'PUT', url: '/servers/:server_id/tags', responses: { 200: Tags }, summary: 'Replace all server tags', min: '2.26', body: updateAllBody,
    handler: (ctx) => {
      return { status: 200, body: { tags: ctx.service.api.tags.replace(findMapped(ctx, 'update_all'), ctx.body.tags as string[]) } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/tags', responses: { 204: NoBody }, summary: 'Delete all server tags', min: '2.26',
    handler: (ctx) => {
      ctx.service.api.tags.clear(findMapped(ctx, 'delete_all'));
      return { status: 204 };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/tags/:tag', responses: { 204: NoBody }, summary: 'Check a server tag', min: '2.26',
    handler: (ctx) => {
      const i = findMapped(ctx, 'show');
      if (!i.tags.includes(ctx.params.tag!)) throw new ApiError(404, null, `Server ${i.uuid} has no tag '${ctx.params.tag}'`);
      return { status: 204 };
    },
  },
  {
    method: 'PUT', url: '/servers/:server_id/tags/:tag', responses: { 201: NoBody, 204: NoBody }, summary: 'Add a server tag', min: '2.26', body: updateOneBody,
    handler: (ctx) => {
      const i = findMapped(ctx, 'update');
      const tag = ctx.params.tag!;
      if (!ctx.service.api.tags.add(i, tag)) return { status: 204 };
      return { status: 201, headers: { Location: `${ctx.links.self('servers', i.uuid)}/tags/${encodeURIComponent(tag)}` } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/tags/:tag', responses: { 204: NoBody }, summary: 'Delete a server tag', min: '2.26',
    handler: (ctx) => {
      ctx.service.api.tags.remove(findMapped(ctx, 'delete'), ctx.params.tag!);
      return { status: 204 };
    },
  },
];
