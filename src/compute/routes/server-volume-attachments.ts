// /servers/{id}/os-volume_attachments (volumes.py VolumeAttachmentController). novamock has no
// volume service and boots from images only: no server has a volume block device mapping, and
// any volume id is one Cinder does not know.
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { findServer } from './servers.js';
import { checkInstanceState } from '../server-states.js';
import { volumeAttachBody, volumeAttachmentsQuery, volumeUpdateBody } from '../schemas/server-extras.js';
import type { ComputeRoute } from './route-types.js';

const rule = (r: string) => `os_compute_api:os-volumes-attachments:${r}`;
const notAttached = (server: string, volume: string) => new ApiError(404, null, `Instance ${server} is not attached to volume ${volume}`);
const volumeNotFound = (volume: string) => new ApiError(404, null, `Volume ${volume} could not be found.`);

export const serverVolumeAttachmentRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/os-volume_attachments', summary: 'List the server volume attachments', query: volumeAttachmentsQuery,
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('index'));
      return { status: 200, body: { volumeAttachments: [] } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-volume_attachments/:volume_id', summary: 'Show a volume attachment',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('show'));
      throw notAttached(ctx.params.server_id!, ctx.params.volume_id!);
    },
  },
  {
    method: 'POST', url: '/servers/:server_id/os-volume_attachments', summary: 'Attach a volume', body: volumeAttachBody,
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, rule('create'));
      // API.attach_volume: lock and state first, then Cinder's volume lookup
      checkInstanceState(i, 'attach_volume', ctx.auth.isAdmin);
      throw volumeNotFound(ctx.body.volumeAttachment.volumeId);
    },
  },
  {
    method: 'PUT', url: '/servers/:server_id/os-volume_attachments/:volume_id', summary: 'Update or swap a volume attachment', body: volumeUpdateBody,
    handler: (ctx) => {
      const server = ctx.params.server_id!;
      const id = ctx.params.volume_id!;
      findServer(ctx, server, rule('update'));
      const newVolume = ctx.body.volumeAttachment.volumeId as string;
      // before 2.85 a PUT is always a swap; from 2.85 only when the volume id changes
      if (!ctx.version.atLeast('2.85') || id !== newVolume) {
        requireAdmin(ctx.auth, rule('swap'));
        if (ctx.version.atLeast('2.85')) throw new ApiError(404, null, `No volume Block Device Mapping with id ${id}.`);
        throw volumeNotFound(id);
      }
      throw new ApiError(404, null, `No volume Block Device Mapping with id ${id}.`);
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/os-volume_attachments/:volume_id', summary: 'Detach a volume',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('delete'));
      throw volumeNotFound(ctx.params.volume_id!);
    },
  },
];
