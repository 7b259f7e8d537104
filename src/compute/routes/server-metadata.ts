// /servers/{id}/metadata[/{key}] (nova/api/openstack/compute/server_metadata.py).
import { Metadata, MetadataItem } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import * as p from '../schemas/parameter-types.js';
import type { ComputeRoute, VersionedSchema } from './route-types.js';

const METADATA_KEY = '^[a-zA-Z0-9-_:. ]{1,255}$';
const metadataUpdate = Type.Unsafe<Record<string, string>>({
  type: 'object', patternProperties: { [METADATA_KEY]: { type: 'string', maxLength: 255 } }, additionalProperties: false,
  minProperties: 1, maxProperties: 1,
});
const setBody: VersionedSchema[] = [{ min: '2.1', schema: Type.Object({ metadata: p.metadata }, { additionalProperties: false }) }];
const itemBody: VersionedSchema[] = [{ min: '2.1', schema: Type.Object({ meta: metadataUpdate }, { additionalProperties: false }) }];
const notFound = () => new ApiError(404, null, 'Metadata item was not found');
const rule = (r: string) => `os_compute_api:server-metadata:${r}`;

export const serverMetadataRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/metadata', responses: { 200: Metadata }, summary: 'List server metadata',
    handler: (ctx) => ({ status: 200, body: { metadata: { ...findServer(ctx, ctx.params.server_id!, rule('index')).metadata } } }),
  },
  {
    method: 'POST', url: '/servers/:server_id/metadata', responses: { 200: Metadata }, summary: 'Create or update server metadata items', body: setBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('create'));
      const metadata = await ctx.service.api.updateMetadata(requestContext(ctx), ctx.params.server_id!, ctx.body.metadata, false);
      return { status: 200, body: { metadata } };
    },
  },
  {
    method: 'PUT', url: '/servers/:server_id/metadata', responses: { 200: Metadata }, summary: 'Replace all server metadata', body: setBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('update_all'));
      const metadata = await ctx.service.api.updateMetadata(requestContext(ctx), ctx.params.server_id!, ctx.body.metadata, true);
      return { status: 200, body: { metadata } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/metadata/:key', responses: { 200: MetadataItem }, summary: 'Show one server metadata item',
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, rule('show'));
      const key = ctx.params.key!;
      if (!Object.hasOwn(i.metadata, key)) throw notFound();
      return { status: 200, body: { meta: { [key]: i.metadata[key] } } };
    },
  },
  {
    method: 'PUT', url: '/servers/:server_id/metadata/:key', responses: { 200: MetadataItem }, summary: 'Create or update one server metadata item', body: itemBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('update'));
      const meta = ctx.body.meta as Record<string, string>;
      if (!Object.hasOwn(meta, ctx.params.key!)) throw new ApiError(400, null, 'Request body and URI mismatch');
      await ctx.service.api.updateMetadata(requestContext(ctx), ctx.params.server_id!, meta, false);
      return { status: 200, body: { meta } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/metadata/:key', responses: { 204: NoBody }, summary: 'Delete one server metadata item',
    handler: async (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, rule('delete'));
      if (!Object.hasOwn(i.metadata, ctx.params.key!)) throw notFound();
      await ctx.service.api.deleteMetadataItem(requestContext(ctx), i.uuid, ctx.params.key!);
      return { status: 204 };
    },
  },
];
