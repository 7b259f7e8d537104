// Transfer views (cinder/api/views/transfers.py): links under os-volume-transfer whichever URL
// was used; no_snapshots from 3.55, the history (projects, accepted) from 3.57.
import type { Microversion } from '../../http/microversion.js';
import type { TransferRecord } from '../store/records.js';
import { MV } from '../versions.js';
import { cinderTime, resourceLinks, type LinkBase } from './links.js';

const COLLECTION = 'os-volume-transfer';

export function transferSummary(links: LinkBase, t: TransferRecord): Record<string, unknown> {
  return { id: t.id, volume_id: t.volumeId, name: t.name, links: resourceLinks(links, COLLECTION, t.id) };
}

/** detail, and create's answer with the auth key */
export function transferDetail(version: Microversion, links: LinkBase, t: TransferRecord, authKey?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: t.id, created_at: cinderTime(t.createdAt), name: t.name, volume_id: t.volumeId };
  if (authKey !== undefined) out.auth_key = authKey;
  out.links = resourceLinks(links, COLLECTION, t.id);
  if (version.atLeast(MV.TRANSFER_WITH_SNAPSHOTS)) out.no_snapshots = t.noSnapshots;
  if (version.atLeast(MV.TRANSFER_WITH_HISTORY)) {
    out.destination_project_id = t.destinationProjectId;
    out.source_project_id = t.sourceProjectId;
    out.accepted = t.accepted;
  }
  return out;
}
