// /servers/{id}/os-volume_attachments (volumes.py VolumeAttachmentController): list, show,
// attach, detach, swap (PUT, admin) and the 2.85 update. The work is compute/api/volume-attachments.ts.
import { VolumeAttachmentList, VolumeAttachmentShow } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { requireAdmin } from './policy.js';
import { findServer } from './servers.js';
import { volumeAttachBody, volumeAttachmentsQuery, volumeUpdateBody } from '../schemas/server-extras.js';
import { requestContext } from './request-context.js';
import { strictBool } from '../schemas/parameter-types.js';
import type { ComputeRoute, RouteContext } from './route-types.js';
import type { BlockDeviceMappingRecord } from '../../compute-db/block-device-mappings-store.js';

const rule = (r: string) => `os_compute_api:os-volumes-attachments:${r}`;

/** _translate_attachment_detail_view: tag 2.70, delete_on_termination 2.79, attachment_id/bdm_uuid (no id) 2.89. */
function attachmentView(ctx: RouteContext, b: BlockDeviceMappingRecord): Record<string, unknown> {
  const v = ctx.version;
  const d: Record<string, unknown> = {};
  if (!v.atLeast('2.89')) d.id = b.volumeId;
  d.volumeId = b.volumeId;
  d.serverId = b.instanceUuid;
  if (b.deviceName) d.device = b.deviceName;
  if (v.atLeast('2.70')) d.tag = b.tag;
  if (v.atLeast('2.79')) d.delete_on_termination = b.deleteOnTermination;
  if (v.atLeast('2.89')) { d.attachment_id = b.attachmentId; d.bdm_uuid = b.uuid; }
  return d;
}

/** common.limited: offset then limit. */
function limited<T>(ctx: RouteContext, items: T[]): T[] {
  const q = ctx.query as Record<string, unknown>;
  const one = (x: unknown) => (Array.isArray(x) ? x[x.length - 1] : x);
  const offset = q.offset !== undefined ? Number(one(q.offset)) : 0;
  const limit = q.limit !== undefined ? Number(one(q.limit)) : 1000;
  return items.slice(offset, offset + Math.min(limit, 1000));
}

export const serverVolumeAttachmentRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/os-volume_attachments', responses: { 200: VolumeAttachmentList }, summary: 'List the server volume attachments', query: volumeAttachmentsQuery,
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('index'));
      const all = ctx.service.api.volumeAttachments.list(requestContext(ctx), ctx.params.server_id!);
      return { status: 200, body: { volumeAttachments: limited(ctx, all).map((b) => attachmentView(ctx, b)) } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-volume_attachments/:volume_id', responses: { 200: VolumeAttachmentShow }, summary: 'Show a volume attachment',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('show'));
      const b = ctx.service.api.volumeAttachments.show(requestContext(ctx), ctx.params.server_id!, ctx.params.volume_id!);
      return { status: 200, body: { volumeAttachment: attachmentView(ctx, b) } };
    },
  },
  {
    method: 'POST', url: '/servers/:server_id/os-volume_attachments', responses: { 200: VolumeAttachmentShow }, summary: 'Attach a volume', body: volumeAttachBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('create'));
      const att = ctx.body.volumeAttachment as Record<string, unknown>;
      const b = await ctx.service.api.volumeAttachments.attach(requestContext(ctx), ctx.params.server_id!, {
        volumeId: att.volumeId as string, device: (att.device as string | null | undefined) ?? null, tag: (att.tag as string | undefined) ?? null,
        deleteOnTermination: att.delete_on_termination === undefined ? false : strictBool(att.delete_on_termination),
        supportsMultiattach: ctx.version.atLeast('2.60'),
      });
      const body: Record<string, unknown> = { id: b.volumeId, serverId: b.instanceUuid, volumeId: b.volumeId, device: b.deviceName };
      if (ctx.version.atLeast('2.70')) body.tag = b.tag;
      if (ctx.version.atLeast('2.79')) body.delete_on_termination = b.deleteOnTermination;
      return { status: 200, body: { volumeAttachment: body } };
    },
  },
  {
    method: 'PUT', url: '/servers/:server_id/os-volume_attachments/:volume_id', responses: { 202: NoBody }, summary: 'Update or swap a volume attachment', body: volumeUpdateBody,
    handler: async (ctx) => {
      const server = ctx.params.server_id!;
      const id = ctx.params.volume_id!;
      findServer(ctx, server, rule('update'));
      const att = ctx.body.volumeAttachment as Record<string, unknown>;
      const newVolume = att.volumeId as string;
      const onlySwap = !ctx.version.atLeast('2.85');
      // before 2.85 a PUT is always a swap; from 2.85 a swap only when the volume id changes
      if (onlySwap || id !== newVolume) requireAdmin(ctx.auth, rule('swap'));
      const rctx = requestContext(ctx);
      if (!onlySwap) {
        ctx.service.api.volumeAttachments.update(rctx, server, id, {
          ...(att.id !== undefined ? { id: att.id as string } : {}),
          ...(att.serverId !== undefined ? { serverId: att.serverId as string } : {}),
          ...(att.device !== undefined ? { device: att.device as string | null } : {}),
          ...(att.tag !== undefined ? { tag: att.tag as string } : {}),
          ...(att.delete_on_termination !== undefined ? { deleteOnTermination: strictBool(att.delete_on_termination) } : {}),
        });
      }
      if (onlySwap || id !== newVolume) await ctx.service.api.volumeAttachments.swap(rctx, server, id, newVolume);
      return { status: 202 };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/os-volume_attachments/:volume_id', responses: { 202: NoBody }, summary: 'Detach a volume',
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('delete'));
      await ctx.service.api.volumeAttachments.detach(requestContext(ctx), ctx.params.server_id!, ctx.params.volume_id!);
      return { status: 202 };
    },
  },
];
