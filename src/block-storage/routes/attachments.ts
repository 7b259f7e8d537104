// /attachments (cinder/api/v3/attachments.py, 3.27+; complete from 3.44; mode from 3.54).
import { MV } from '../versions.js';
import * as S from '../schemas/attachments.js';
import { attachmentDetail, attachmentSummary } from '../views/attachments.js';
import { toBool } from '../schemas/parameter-types.js';
import { CinderErrors as E } from '../errors.js';
import type { BlockStorageCall, RouteDeclaration } from './route-declaration.js';
import type { AttachmentRecord } from '../store/records.js';
import { paged, sortedBy } from './paging.js';
import { recordSortValue } from './sort-keys.js';

const NEW = MV.NEW_ATTACH;
/** The VolumeAttachment model's columns, for sort keys when the list is empty. */
const ATTACHMENT_MODEL: AttachmentRecord = {
  id: '', volumeId: '', instanceUuid: null, attachStatus: '', attachedHost: null, mountpoint: null, attachMode: '',
  connector: null, connectionInfo: null, attachTime: null, detachTime: null, createdAt: '', updatedAt: null,
};
// attachments.py _items: the filters, then cinder's sort (created_at desc by default) and paging
// (marker, offset, limit capped at osapi_max_limit); its list view carries no links
const listed = (call: BlockStorageCall): AttachmentRecord[] => {
  let all = call.service.listAttachments(call.caller, toBool(call.query.all_tenants ?? 'false'));
  if (call.query.volume_id !== undefined) all = all.filter((a) => a.volumeId === call.query.volume_id);
  if (call.query.instance_id !== undefined) all = all.filter((a) => a.instanceUuid === call.query.instance_id);
  if (call.query.status !== undefined) all = all.filter((a) => a.attachStatus === call.query.status);
  return paged(call, sortedBy(call, all, recordSortValue, ATTACHMENT_MODEL), (marker) => E.attachmentNotFound(`attachment_id = ${marker}`));
};

export const attachmentRoutes: RouteDeclaration[] = [
  {
    path: '/attachments', method: 'GET', minVersion: NEW, summary: 'List attachments', response: S.attachmentListResponse,
    handler: (call) => ({ status: 200, body: { attachments: listed(call).map(attachmentSummary) } }),
  },
  {
    path: '/attachments/detail', method: 'GET', minVersion: NEW, summary: 'List attachments with details', response: S.attachmentDetailListResponse,
    handler: (call) => ({ status: 200, body: { attachments: listed(call).map(attachmentDetail) } }),
  },
  {
    path: '/attachments/{attachment_id}', method: 'GET', minVersion: NEW, summary: 'Show an attachment', response: S.attachmentResponse,
    handler: (call) => ({ status: 200, body: { attachment: attachmentDetail(call.service.getAttachment(call.caller, call.params.attachment_id!)) } }),
  },
  {
    path: '/attachments', method: 'POST', minVersion: NEW, summary: 'Create an attachment (reserve the volume)',
    body: [{ min: NEW, max: '3.53', schema: S.createAttachment }, { min: MV.ATTACHMENT_CREATE_MODE_ARG, schema: S.createAttachmentV354 }],
    response: S.attachmentResponse,
    handler: (call) => {
      const schema = call.version.atLeast(MV.ATTACHMENT_CREATE_MODE_ARG) ? S.createAttachmentV354 : S.createAttachment;
      const b = call.body<{ attachment: { volume_uuid: string; instance_uuid?: string; connector?: Record<string, unknown> | null; mode?: string } }>(schema).attachment;
      const volume = (() => { try { return call.service.getVolume(call.caller, b.volume_uuid); } catch { return null; } })();
      // attachments.py create: a volume that is not found is a 404 VolumeNotFound
      if (!volume) throw E.volumeNotFound(b.volume_uuid);
      const a = call.service.createAttachment(call.caller, b.volume_uuid, b.instance_uuid ?? null, b.connector ?? null, b.mode ?? 'null');
      return { status: 200, body: { attachment: attachmentDetail(a) } };
    },
  },
  {
    path: '/attachments/{attachment_id}', method: 'PUT', minVersion: NEW, summary: 'Update an attachment with a connector',
    body: [{ min: NEW, schema: S.updateAttachment }], response: S.attachmentResponse,
    handler: (call) => {
      const b = call.body<{ attachment: { connector: Record<string, unknown> } }>(S.updateAttachment).attachment;
      return { status: 200, body: { attachment: attachmentDetail(call.service.updateAttachment(call.caller, call.params.attachment_id!, b.connector)) } };
    },
  },
  {
    path: '/attachments/{attachment_id}', method: 'DELETE', minVersion: NEW, summary: 'Delete an attachment', response: S.attachmentDeleteResponse,
    handler: (call) => {
      const remaining = call.service.deleteAttachment(call.caller, call.params.attachment_id!);
      return { status: 200, body: { attachments: remaining.map(attachmentSummary) } };
    },
  },
  {
    path: '/attachments/{attachment_id}/action', method: 'POST', minVersion: MV.NEW_ATTACH_COMPLETION, summary: 'Attachment actions: os-complete',
    body: [{ min: MV.NEW_ATTACH_COMPLETION, schema: S.attachmentActionBody }], response: null,
    handler: (call) => {
      const b = call.body<Record<string, unknown>>(S.attachmentActionBody);
      if (!('os-complete' in b)) throw E.badRequest(`There is no such action: ${Object.keys(b)[0] ?? "None"}. Verify the request body and Content-Type header and try again.`);
      call.service.completeAttachment(call.caller, call.params.attachment_id!);
      return { status: 204 };
    },
  },
];
