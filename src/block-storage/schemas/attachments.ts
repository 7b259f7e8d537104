// /attachments (cinder/api/schemas/attachments.py) and its views.
import { Type } from 'typebox';
import { Raw, uuidParam } from './parameter-types.js';
import { obj } from './parameter-types.js';

const createProps = {
  instance_uuid: uuidParam(), connector: Raw({ type: ['object', 'null'] }), volume_uuid: uuidParam(),
};
export const createAttachment = obj({
  attachment: obj(createProps, ['volume_uuid'], false),
}, ['attachment'], false);
export const createAttachmentV354 = obj({
  attachment: obj({ ...createProps, mode: Type.String({ enum: ['rw', 'ro'] }) }, ['volume_uuid'], false),
}, ['attachment'], false);
export const updateAttachment = obj({
  attachment: obj({ connector: Type.Object({}, { minProperties: 1, additionalProperties: true }) }, ['connector'], false),
}, ['attachment'], false);
export const attachmentActionBody = obj({ 'os-complete': Raw({ type: ['object', 'null'] }) }, [], true);

const AttachmentSummary = Type.Object({ id: Type.String(), status: Type.String(), instance: Raw({ type: ['string', 'null'] }), volume_id: Type.String() }, { additionalProperties: false });
const AttachmentDetail = Type.Object({
  id: Type.String(), status: Type.String(), instance: Raw({ type: ['string', 'null'] }), volume_id: Type.String(),
  attached_at: Type.String(), detached_at: Type.String(), attach_mode: Type.String(), connection_info: Type.Object({}, { additionalProperties: true }),
}, { additionalProperties: false });
export const attachmentResponse = Type.Object({ attachment: AttachmentDetail }, { additionalProperties: false });
export const attachmentListResponse = Type.Object({ attachments: Type.Array(AttachmentSummary) }, { additionalProperties: false });
export const attachmentDetailListResponse = Type.Object({ attachments: Type.Array(AttachmentDetail) }, { additionalProperties: false });
export const attachmentDeleteResponse = Type.Object({ attachments: Type.Array(AttachmentSummary) }, { additionalProperties: false });
