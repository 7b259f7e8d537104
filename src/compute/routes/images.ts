// The compute API's image proxy (images.py, image_metadata.py): served from the image service
// through the image client, as nova does through glance.py; gone from 2.36 (metadata from 2.39).
import { ImageDetailList, ImageList, ImageMetadata, ImageMetadataItem, ImageShow } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { NovaError, type NovaExceptionName } from '../../nova-exceptions/nova-error.js';
import type { ImageMeta } from '../../image-client/index.js';
import { imageContext } from '../../image-client/boot-image.js';
import { requestContext } from './request-context.js';
import { lastParam } from './paging.js';
import { collectionLinks, MAX_LIMIT } from '../views/collection-links.js';
import { imageBasicView, imageDetailView } from '../views/images.js';
import * as p from '../schemas/parameter-types.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

/** MAX_PROXY_API_SUPPORT_VERSION and MAX_IMAGE_META_PROXY_API_VERSION */
const PROXY_MAX = '2.35';
const META_MAX = '2.38';

/** images.py SUPPORTED_FILTERS, as glance.py hands them to glance v2. */
const FILTERS: Record<string, string> = { name: 'name', status: 'status', server: 'instance_uuid', type: 'image_type', minRam: 'min_ram', minDisk: 'min_disk' };

const is = (err: unknown, type: NovaExceptionName) => err instanceof NovaError && err.is(type);
const ictx = (ctx: RouteContext) => imageContext(requestContext(ctx));

async function getImage(ctx: RouteContext, id: string, forbidden: 'message' | 'pass'): Promise<ImageMeta> {
  try {
    return await ctx.service.images.show(ictx(ctx), id);
  } catch (err) {
    if (is(err, 'ImageNotFound')) throw new ApiError(404, null, 'Image not found.');
    if (forbidden === 'message' && is(err, 'ImageNotAuthorized')) throw new ApiError(403, null, (err as Error).message);
    throw err;
  }
}

/** ImagesController._get_filters + get_all: every page of the image service, up to `limit`. */
async function listImages(ctx: RouteContext): Promise<ImageMeta[]> {
  const filters: Record<string, string> = {};
  for (const [param, values] of Object.entries(ctx.query)) {
    const value = values[values.length - 1]!;
    if (param in FILTERS) filters[FILTERS[param]!] = value;
    else if (param.startsWith('property-')) filters[param.slice('property-'.length)] = value;
    else if (param === 'changes-since') filters.updated_at = `gte:${value}`;
  }
  if (filters.instance_uuid !== undefined) filters.instance_uuid = filters.instance_uuid.split('/').pop()!;
  if (filters.status !== undefined) filters.status = filters.status.toLowerCase();
  const limitText = lastParam(ctx.query, 'limit');
  let limit = MAX_LIMIT;
  if (limitText !== undefined) {
    if (!/^\s*-?\d+\s*$/.test(limitText)) throw new ApiError(400, null, 'limit param must be an integer');
    limit = Number(limitText);
    if (limit < 0) throw new ApiError(400, null, 'limit param must be positive');
    limit = Math.min(limit, MAX_LIMIT);
  }
  let marker = lastParam(ctx.query, 'marker');
  const out: ImageMeta[] = [];
  try {
    while (out.length < limit) {
      const page = await ctx.service.images.detail(ictx(ctx), { filters, limit: Math.min(limit - out.length, 1000), ...(marker ? { marker } : {}) });
      out.push(...page.images);
      if (!page.nextMarker) break;
      marker = page.nextMarker;
    }
  } catch (err) {
    if (is(err, 'MarkerNotFound')) throw new ApiError(400, null, (err as Error).message);
    if (is(err, 'Invalid')) throw new ApiError(400, null, (err as Error).message);
    throw err;
  }
  return out;
}

function listBody(ctx: RouteContext, images: ImageMeta[], detail: boolean) {
  const body: Record<string, unknown> = { images: images.map((i) => (detail ? imageDetailView(ctx.links, i) : imageBasicView(ctx.links, i))) };
  const next = collectionLinks(ctx.links.versioned, detail ? 'images/detail' : 'images', ctx.query, images.length, images.at(-1)?.id ?? null);
  if (next.length) body.images_links = next;
  return body;
}

/** common.check_img_metadata_properties_quota (metadata_items) */
function checkMetadataQuota(ctx: RouteContext, metadata: Record<string, unknown>): void {
  const limit = ctx.service.store.quotas.limits(ctx.auth.projectId, ctx.auth.userId).metadata_items ?? -1;
  if (limit >= 0 && Object.keys(metadata).length > limit) throw new ApiError(403, null, 'Image metadata limit exceeded');
}

/** image_api.update(..., purge_props=True): the properties become exactly `props`. */
async function saveProperties(ctx: RouteContext, image: ImageMeta, props: Record<string, string | null>): Promise<void> {
  const changes: Record<string, unknown> = {};
  for (const k of Object.keys(image.properties)) if (!(k in props)) changes[k] = undefined;
  for (const [k, v] of Object.entries(props)) if (image.properties[k] !== v) changes[k] = v;
  if (!Object.keys(changes).length) return;
  try {
    await ctx.service.images.update(ictx(ctx), image.id, changes, image);
  } catch (err) {
    if (is(err, 'ImageNotAuthorized')) throw new ApiError(403, null, (err as Error).message);
    throw err;
  }
}

const METADATA_KEY = '^[a-zA-Z0-9-_:. ]{1,255}$';
const oneItem = Type.Unsafe<Record<string, string>>({
  type: 'object', patternProperties: { [METADATA_KEY]: { type: 'string', maxLength: 255 } }, additionalProperties: false, minProperties: 1, maxProperties: 1,
});
const metadataBody: VersionedSchema[] = [{ min: '2.1', max: META_MAX, schema: Type.Object({ metadata: p.metadata }, { additionalProperties: false }) }];
const metaBody: VersionedSchema[] = [{ min: '2.1', max: META_MAX, schema: Type.Object({ meta: oneItem }, { additionalProperties: false }) }];

export const imageRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/images', responses: { 200: ImageList }, summary: 'List images (image proxy; removed in 2.36)', max: PROXY_MAX,
    handler: async (ctx) => ({ status: 200, body: listBody(ctx, await listImages(ctx), false) }),
  },
  {
    method: 'GET', url: '/images/detail', responses: { 200: ImageDetailList }, summary: 'List images with details (image proxy; removed in 2.36)', max: PROXY_MAX,
    handler: async (ctx) => ({ status: 200, body: listBody(ctx, await listImages(ctx), true) }),
  },
  {
    method: 'GET', url: '/images/:image_id', responses: { 200: ImageShow }, summary: 'Show an image (image proxy; removed in 2.36)', max: PROXY_MAX,
    handler: async (ctx) => ({ status: 200, body: { image: imageDetailView(ctx.links, await getImage(ctx, ctx.params.image_id!, 'pass').catch((err) => { if (is(err, 'ImageNotAuthorized')) throw new ApiError(404, null, 'Image not found.'); throw err; })) } }),
  },
  {
    method: 'DELETE', url: '/images/:image_id', responses: { 204: NoBody }, summary: 'Delete an image (image proxy; removed in 2.36)', max: PROXY_MAX,
    handler: async (ctx) => {
      try {
        await ctx.service.images.delete(ictx(ctx), ctx.params.image_id!);
      } catch (err) {
        if (is(err, 'ImageNotFound')) throw new ApiError(404, null, 'Image not found.');
        if (is(err, 'ImageNotAuthorized')) throw new ApiError(403, null, 'You are not allowed to delete the image.');
        throw err;
      }
      return { status: 204 };
    },
  },
  {
    method: 'GET', url: '/images/:image_id/metadata', responses: { 200: ImageMetadata }, summary: 'List image metadata (removed in 2.39)', max: META_MAX,
    handler: async (ctx) => ({ status: 200, body: { metadata: (await getImage(ctx, ctx.params.image_id!, 'message')).properties } }),
  },
  {
    method: 'POST', url: '/images/:image_id/metadata', responses: { 200: ImageMetadata }, summary: 'Create or update image metadata items (removed in 2.39)', max: META_MAX, body: metadataBody,
    handler: async (ctx) => {
      const image = await getImage(ctx, ctx.params.image_id!, 'message');
      const props = { ...image.properties, ...(ctx.body.metadata as Record<string, string>) };
      checkMetadataQuota(ctx, props);
      await saveProperties(ctx, image, props);
      return { status: 200, body: { metadata: props } };
    },
  },
  {
    method: 'PUT', url: '/images/:image_id/metadata', responses: { 200: ImageMetadata }, summary: 'Replace all image metadata (removed in 2.39)', max: META_MAX, body: metadataBody,
    handler: async (ctx) => {
      const image = await getImage(ctx, ctx.params.image_id!, 'message');
      const metadata = ctx.body.metadata as Record<string, string>;
      checkMetadataQuota(ctx, metadata);
      await saveProperties(ctx, image, metadata);
      return { status: 200, body: { metadata } };
    },
  },
  {
    method: 'GET', url: '/images/:image_id/metadata/:key', responses: { 200: ImageMetadataItem }, summary: 'Show an image metadata item (removed in 2.39)', max: META_MAX,
    handler: async (ctx) => {
      const props = (await getImage(ctx, ctx.params.image_id!, 'message')).properties;
      const key = ctx.params.key!;
      if (!(key in props)) throw new ApiError(404, null, 'The resource could not be found.');
      return { status: 200, body: { meta: { [key]: props[key] } } };
    },
  },
  {
    method: 'PUT', url: '/images/:image_id/metadata/:key', responses: { 200: ImageMetadataItem }, summary: 'Set an image metadata item (removed in 2.39)', max: META_MAX, body: metaBody,
    handler: async (ctx) => {
      const key = ctx.params.key!;
      const meta = ctx.body.meta as Record<string, string>;
      if (!(key in meta)) throw new ApiError(400, null, 'Request body and URI mismatch');
      const image = await getImage(ctx, ctx.params.image_id!, 'message');
      const props = { ...image.properties, [key]: meta[key]! };
      checkMetadataQuota(ctx, props);
      await saveProperties(ctx, image, props);
      return { status: 200, body: { meta } };
    },
  },
  {
    method: 'DELETE', url: '/images/:image_id/metadata/:key', responses: { 204: NoBody }, summary: 'Delete an image metadata item (removed in 2.39)', max: META_MAX,
    handler: async (ctx) => {
      const image = await getImage(ctx, ctx.params.image_id!, 'message');
      const key = ctx.params.key!;
      if (!(key in image.properties)) throw new ApiError(404, null, 'Invalid metadata key');
      const props = { ...image.properties };
      delete props[key];
      await saveProperties(ctx, image, props);
      return { status: 204 };
    },
  },
];
