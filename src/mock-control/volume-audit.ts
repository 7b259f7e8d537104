// GET /_mock/audit, the volume part: Cinder attachments and Nova's block device mappings must
// tell the same story. Findings: an attachment whose server is gone (deleted or unknown), a
// volume in use with no server mapping it, a mapped volume whose attachment Cinder does not have.
import type { Services } from '../services.js';
import type { AuditFinding } from './audit.js';

export function auditVolumes(services: Services): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const compute = services.compute.store;
  const cinder = services.blockStorage.store;
  const liveServer = (uuid: string | null) => {
    const i = uuid ? compute.instances.get(uuid) : null;
    return !!i && !i.deleted;
  };
  const mappedAttachments = new Set(compute.bdms.all().map((b) => b.attachmentId).filter((a): a is string => !!a));
  for (const a of cinder.attachments(null)) {
    if (!liveServer(a.instanceUuid)) {
      findings.push({ kind: 'orphaned_volume_attachment', consumer: a.volumeId, detail: `attachment ${a.id} (${a.attachStatus}) of volume ${a.volumeId} belongs to server ${a.instanceUuid ?? 'None'}, which is gone` });
    } else if (!mappedAttachments.has(a.id) && a.attachStatus === 'attached') {
      findings.push({ kind: 'volume_attached_to_no_server', consumer: a.volumeId, detail: `attachment ${a.id} of volume ${a.volumeId} is attached but server ${a.instanceUuid} maps no such attachment` });
    }
  }
  for (const v of cinder.volumes(null)) {
    if ((v.status === 'in-use' || v.attachStatus === 'attached') && cinder.attachmentsOfVolume(v.id).length === 0) {
      findings.push({ kind: 'volume_attached_to_no_server', consumer: v.id, detail: `volume ${v.id} is ${v.status} with no attachment` });
    }
  }
  for (const b of compute.bdms.all()) {
    if (!b.attachmentId || !liveServer(b.instanceUuid)) continue;
    if (!cinder.attachment(b.attachmentId)) {
      findings.push({ kind: 'volume_status_mismatch', consumer: b.instanceUuid, detail: `server ${b.instanceUuid} maps volume ${b.volumeId} through attachment ${b.attachmentId}, which Cinder does not have` });
    }
  }
  return findings;
}
