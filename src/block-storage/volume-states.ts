// Cinder's declared status machine (cinder/volume/api.py conditional updates, db volume_attached /
// volume_detached): which statuses each request accepts and where it leaves the volume.
//
//   creating -> available | error                       (volume manager create_volume)
//   available -> reserved                                (attachment create, _attachment_reserve)
//   reserved -> attaching                                (attachment update with a connector)
//   attaching | reserved -> in-use                       (attachment complete, 3.44)
//   in-use -> detaching -> available                     (attachment delete; other attachments keep it in-use)
//   available | error | ... -> deleting -> (gone)        (delete)
//   available -> extending -> available, available|in-use -> retyping -> same status
//   any -> any                                           (os-reset_status, admin)
export const VOLUME_STATUSES = [
  'creating', 'available', 'deleting', 'error', 'error_deleting', 'error_managing', 'managing', 'attaching', 'in-use',
  'detaching', 'maintenance', 'restoring-backup', 'error_restoring', 'reserved', 'awaiting-transfer', 'backing-up',
  'error_backing-up', 'error_extending', 'downloading', 'uploading', 'retyping', 'extending',
] as const;

export const ATTACH_STATUSES = ['attached', 'attaching', 'detached', 'reserved', 'detaching', 'error_attaching', 'error_detaching', 'deleted'] as const;

export const SNAPSHOT_STATUSES = ['creating', 'available', 'deleting', 'error', 'error_deleting', 'backing-up', 'restoring', 'unmanaging'] as const;

/** delete (not forced): these statuses, not attached, no snapshots. */
export const DELETABLE = ['available', 'error', 'error_restoring', 'error_extending', 'error_managing'] as const;
/** force delete (admin, os-force_delete or cascade+force from 3.23): anything but these. */
export const FORCE_DELETE_REFUSED = ['attaching', 'in-use', 'reserved', 'detaching'] as const;
/** _attachment_reserve on a volume that is not multiattach. */
export const RESERVABLE = ['available', 'downloading'] as const;
/** _attachment_reserve on a multiattach volume. */
export const MULTIATTACH_RESERVABLE = ['available', 'in-use', 'downloading'] as const;
/** retype */
export const RETYPABLE = ['available', 'in-use'] as const;
/** snapshot create without force (and in-use from 3.66) */
export const SNAPSHOTTABLE = ['available'] as const;
/** a source volume for a clone */
export const CLONABLE = ['available', 'in-use'] as const;

/** cinder.utils.build_or_str */
export function buildOrStr(items: readonly string[], format?: string): string {
  const text = items.join(' or ');
  return format ? format.replace('%s', text) : text;
}

/**
 * db.volume_detached / _get_statuses_from_attachments: the volume's (status, attach_status)
 * from the attachments that remain.
 */
export function statusFromAttachments(remaining: readonly { attachStatus: string }[]): { status: string; attachStatus: string } {
  const has = (s: string) => remaining.some((a) => a.attachStatus === s);
  if (has('attached')) return { status: 'in-use', attachStatus: 'attached' };
  if (has('attaching')) return { status: 'attaching', attachStatus: 'attaching' };
  if (has('detaching')) return { status: 'detaching', attachStatus: 'detaching' };
  if (has('reserved')) return { status: 'reserved', attachStatus: 'reserved' };
  return { status: 'available', attachStatus: 'detached' };
}

/** An extra spec's boolean "true" (cinder's `<is> True` capability syntax). */
export const IS_TRUE = '<is> True';

/** volume/api.py _is_multiattach: the type's multiattach spec makes its volumes multiattach. */
export function isMultiattachType(t: { readonly extraSpecs: Readonly<Record<string, string>> } | null): boolean {
  return t?.extraSpecs.multiattach === IS_TRUE;
}
