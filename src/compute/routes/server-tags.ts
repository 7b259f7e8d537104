// /servers/{id}/tags[/{tag}] from 2.26 (nova/api/openstack/compute/server_tags.py). Tags are
// plain instance data: nova's controller writes them itself (no compute RPC), so do we.
import { Tags } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requireOwnerOrAdmin } from './policy.js';
import { validationDetail } from '../schemas/nova-validator.js';
import * as p from '../schemas/parameter-types.js';
import type { InstanceRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

/** objects/instance.py MAX_TAG_COUNT */
const MAX_TAG_COUNT = 50;
const TAG_STATES = new Set(['active', 'paused', 'suspended', 'stopped']);
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

/** _check_instance_in_valid_state */
function requireTaggable(i: InstanceRecord, action: string): void {
  if (!TAG_STATES.has(i.vmState)) throw new ApiError(409, null, `Cannot '${action}' instance ${i.uuid} while it is in vm_state ${i.vmState}`);
}

function saveTags(ctx: RouteContext, i: InstanceRecord, tags: string[]): string[] {
  return [...ctx.service.store.instances.save(i.uuid, { tags }).tags];
}

export const serverTagRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/tags', responses: { 200: Tags }, summary: 'List server tags', min: '2.26',
    handler: (ctx) => ({ status: 200, body: { tags: [...findMapped(ctx, 'index').tags] } }),
  },
  {
    method: 'PUT', url: '/servers/:server_id/tags', responses: { 200: Tags }, summary: 'Replace all server tags', min: '2.26', body: updateAllBody,
    handler: (ctx) => {
      const i = findMapped(ctx, 'update_all');
      requireTaggable(i, 'update tags');
      return { status: 200, body: { tags: saveTags(ctx, i, [...new Set(ctx.body.tags as string[])]) } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/tags', responses: { 204: NoBody }, summary: 'Delete all server tags', min: '2.26',
    handler: (ctx) => {
      const i = findMapped(ctx, 'delete_all');
      requireTaggable(i, 'delete tags');
      saveTags(ctx, i, []);
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
      requireTaggable(i, 'update tag');
      const tag = ctx.params.tag!;
      const problem = validationDetail(p.tag, tag, 'body');
      if (problem !== null) {
        throw new ApiError(400, null, `Tag '${tag}' is invalid. It must be a non empty string without characters '/' and ','. Validation error message: ${problem}`);
      }
      if (i.tags.length >= MAX_TAG_COUNT) throw new ApiError(400, null, `The number of tags exceeded the per-server limit ${MAX_TAG_COUNT}`);
      if (i.tags.includes(tag)) return { status: 204 };
      saveTags(ctx, i, [...i.tags, tag]);
      return { status: 201, headers: { Location: `${ctx.links.self('servers', i.uuid)}/tags/${encodeURIComponent(tag)}` } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/tags/:tag', responses: { 204: NoBody }, summary: 'Delete a server tag', min: '2.26',
    handler: (ctx) => {
      const i = findMapped(ctx, 'delete');
      requireTaggable(i, 'delete tag');
      const tag = ctx.params.tag!;
      if (!i.tags.includes(tag)) throw new ApiError(404, null, `Instance ${i.uuid} has no tag '${tag}'`);
      saveTags(ctx, i, i.tags.filter((x) => x !== tag));
      return { status: 204 };
    },
  },
];
