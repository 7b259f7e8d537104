// Attachment views (cinder/api/v3/views/attachments.py).
import type { AttachmentRecord } from '../store/records.js';
import { cinderTime } from './links.js';

export function attachmentSummary(a: AttachmentRecord): Record<string, unknown> {
  return { id: a.id, status: a.attachStatus, instance: a.instanceUuid, volume_id: a.volumeId };
}

export function attachmentDetail(a: AttachmentRecord): Record<string, unknown> {
  return {
    ...attachmentSummary(a),
    attached_at: cinderTime(a.attachTime) ?? '', detached_at: cinderTime(a.detachTime) ?? '',
    attach_mode: a.attachMode, connection_info: a.connectionInfo ? { ...a.connectionInfo } : {},
  };
}
