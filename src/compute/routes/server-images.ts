// createImage (servers.py _action_create_image) and createBackup (create_backup.py): 202 with
// the image's URL in Location, or from 2.45 a body {"image_id": ...} and no Location.
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import * as p from '../schemas/parameter-types.js';
import { glanceImageUrl } from '../views/images.js';
import type { ActionDef } from './action-dispatch.js';
import type { RouteContext, RouteResult, VersionedSchema } from './route-types.js';

const createImageBody: VersionedSchema[] = [{
  min: '2.1',
  schema: Type.Object({
    createImage: Type.Object({ name: p.name, metadata: Type.Optional(p.metadata) }, { additionalProperties: false }),
  }, { additionalProperties: false }),
}];
const createBackupBody: VersionedSchema[] = [{
  min: '2.1',
  schema: Type.Object({
    createBackup: Type.Object({
      name: p.name, backup_type: Type.String(), rotation: p.nonNegativeInteger, metadata: Type.Optional(p.metadata),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
}];

/** common.check_img_metadata_properties_quota, up to 2.38 (MAX_IMAGE_META_PROXY_API_VERSION). */
function checkMetadataQuota(ctx: RouteContext, metadata: Record<string, string>): void {
  if (ctx.version.atLeast('2.39')) return;
  const limit = ctx.service.store.quotas.limits(ctx.auth.projectId, ctx.auth.userId).metadata_items ?? -1;
  if (limit >= 0 && Object.keys(metadata).length > limit) throw new ApiError(403, null, 'Image metadata limit exceeded');
}

/** From 2.45 a body with the image id; below it a Location when one is given. */
function answer(ctx: RouteContext, imageId: string, location: string | null): RouteResult {
  if (ctx.version.atLeast('2.45')) return { status: 202, body: { image_id: imageId } };
  return location !== null ? { status: 202, headers: { location } } : { status: 202 };
}

export const SERVER_IMAGE_ACTIONS: readonly ActionDef[] = [
  {
    name: 'createImage', body: createImageBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:create_image');
      const { name, metadata = {} } = ctx.body.createImage as { name: string; metadata?: Record<string, string> };
      checkMetadataQuota(ctx, metadata);
      const id = await ctx.service.api.servers.snapshot(requestContext(ctx), ctx.params.server_id!, name.trim(), metadata);
      return answer(ctx, id, glanceImageUrl(ctx.links, id));
    },
  },
  {
    name: 'createBackup', body: createBackupBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-create-backup');
      const b = ctx.body.createBackup as { name: string; backup_type: string; rotation: number | string; metadata?: Record<string, string> };
      const metadata = b.metadata ?? {};
      checkMetadataQuota(ctx, metadata);
      const rotation = Number(b.rotation);
      const id = await ctx.service.api.servers.backup(requestContext(ctx), ctx.params.server_id!, b.name.trim(), b.backup_type, rotation, metadata);
      // a rotation of 0 deletes the backup at once: no Location to give. Unlike createImage's
      // glance URL, create_backup.py joins req.application_url (the compute API root) and images/<id>.
      return answer(ctx, id, rotation > 0 ? ctx.links.self('images', id) : null);
    },
  },
];
