// The volume actions before the attachments API (cinder/api/contrib/volume_actions.py over
// volume/api.py reserve_volume, unreserve_volume, attach, detach, initialize_connection,
// terminate_connection and the volume manager's attach_volume / detach_volume):
//
//   available (| in-use, multiattach) -> attaching                (os-reserve)
//   attaching -> in-use if attached elsewhere, else available     (os-unreserve, os-terminate_connection)
//   any but maintenance -> in-use, an 'attached' attachment       (os-attach)
//   in-use/detaching -> what the remaining attachments say        (os-detach)
//
// os-initialize_connection answers the backend's connection info and changes no status.
import { ApiError } from '../http/api-error.js';
import { CinderErrors as E } from './errors.js';
import type { Caller } from './caller.js';
import type { Runtime } from '../runtime/runtime.js';
import type { BlockStorageStore } from './store/block-storage-store.js';
import type { VolumeRecord } from './store/records.js';
import { buildOrStr, statusFromAttachments } from './volume-states.js';

export interface LegacyAttachDeps {
  readonly runtime: Runtime;
  readonly store: BlockStorageStore;
  getVolume(c: Caller, id: string): VolumeRecord;
  /** the backend's connection info for a volume (attachment id, mode) */
  connectionInfo(attachmentId: string, v: VolumeRecord, mode: string): Record<string, unknown>;
  /** the fault plan: true when a backend fault for this operation and volume fires */
  fire(operation: 'initialize_connection', volumeId: string): boolean;
}

export interface AttachRequest {
  instanceUuid: string | null;
  hostName: string | null;
  mountpoint: string;
  mode: string;
}

export function createLegacyAttachActions(d: LegacyAttachDeps) {
  const { store, runtime } = d;
  const now = () => runtime.clock.now().toISOString();

  function notInMaintenance(v: VolumeRecord, what: string): void {
    if (v.status === 'maintenance') throw E.invalidVolume(`The volume ${what} in maintenance mode.`);
  }

  /** reserve_volume */
  function reserveVolume(c: Caller, id: string): void {
    const v = d.getVolume(c, id);
    const expected = v.multiattach ? ['available', 'in-use'] : ['available'];
    if (!store.updateVolume(id, { status: 'attaching' }, now(), expected)) {
      throw E.invalidVolume(`Volume status must be ${buildOrStr(expected)} to reserve, but the status is ${v.status}.`);
    }
  }

  /** unreserve_volume: only from attaching (else nothing to do); in-use while attachments remain. */
  function unreserveVolume(c: Caller, id: string): void {
    d.getVolume(c, id);
    const attached = store.attachmentsOfVolume(id).some((a) => a.attachStatus !== 'detached');
    store.updateVolume(id, { status: attached ? 'in-use' : 'available' }, now(), ['attaching']);
  }

  /** update_readonly_flag: only on an available volume; kept as admin metadata. */
  function updateReadonlyFlag(c: Caller, id: string, readonly: boolean): void {
    const v = d.getVolume(c, id);
    if (v.status !== 'available') {
      throw E.invalidVolume(`Volume ${id} status must be available to update readonly flag, but current status is: ${v.status}.`);
    }
    store.updateVolume(id, { adminMetadata: { ...v.adminMetadata, readonly: readonly ? 'True' : 'False' } }, now());
  }

  /** attach + the manager's attach_volume (begin_attach, finish_attach). */
  function attachVolume(c: Caller, id: string, r: AttachRequest): void {
    const v = d.getVolume(c, id);
    notInMaintenance(v, 'cannot be attached');
    // the readonly flag is added if missing; a readonly volume attaches only 'ro'
    const readonly = v.adminMetadata.readonly ?? 'False';
    if (readonly === 'True' && r.mode !== 'ro') throw E.badRequest(`Invalid attaching mode '${r.mode}' for volume ${id}.`);
    runtime.db.transaction(() => {
      const cur = store.volume(id)!;
      store.updateVolume(id, { adminMetadata: { ...cur.adminMetadata, readonly, attached_mode: r.mode } }, now());
      const existing = store.attachmentsOfVolume(id)
        .find((a) => (r.instanceUuid ? a.instanceUuid === r.instanceUuid : a.attachedHost === r.hostName));
      // the volume<->instance mapping is already tracked: in use, nothing new
      if (existing) { store.updateVolume(id, { status: 'in-use' }, now()); return; }
      if (cur.status === 'in-use' && !cur.multiattach && !cur.migrationStatus) {
        throw E.invalidVolume('volume is already attached and multiple attachments are not enabled');
      }
      const attachmentId = runtime.ids.uuid();
      store.insertAttachment(attachmentId, id, r.instanceUuid, 'attaching', r.mode, now());
      // db.volume_attached
      store.updateAttachment(attachmentId, {
        attachStatus: 'attached', mountpoint: r.mountpoint, attachedHost: r.hostName, attachMode: r.mode, attachTime: now(),
      }, now());
      store.updateVolume(id, { status: 'in-use', attachStatus: 'attached' }, now());
    })();
  }

  /** detach + the manager's detach_volume (finish_detach: the remaining attachments decide). */
  function detachVolume(c: Caller, id: string, attachmentId: string | null): void {
    const v = d.getVolume(c, id);
    notInMaintenance(v, 'cannot be detached');
    runtime.db.transaction(() => {
      const attachments = store.attachmentsOfVolume(id);
      let target = attachmentId ? attachments.find((a) => a.id === attachmentId) ?? null : null;
      if (!attachmentId) {
        if (attachments.length > 1) throw E.invalidVolume('Detach volume failed: More than one attachment, but no attachment_id provided.');
        if (!attachments.length) { store.updateVolume(id, { status: 'available', attachStatus: 'detached' }, now()); return; }
        target = attachments[0]!;
      }
      if (target) store.deleteAttachment(target.id);
      const next = statusFromAttachments(store.attachmentsOfVolume(id));
      // db.volume_detached: the last detach drops attached_mode
      const { attached_mode: _mode, ...admin } = store.volume(id)!.adminMetadata;
      store.updateVolume(id, { ...next, ...(next.status === 'available' ? { adminMetadata: admin } : {}) }, now());
    })();
  }

  /** initialize_connection: the connector must name its initiator (LVM/iSCSI validate_connector). */
  function initializeConnection(c: Caller, id: string, connector: unknown): Record<string, unknown> {
    const v = d.getVolume(c, id);
    notInMaintenance(v, 'connection cannot be initialized');
    const hasInitiator = typeof connector === 'string' ? connector.includes('initiator') : !!connector && typeof connector === 'object' && 'initiator' in connector;
    if (!hasInitiator) throw E.badRequest("Invalid input received: Connector doesn't have required information: initiator");
    if (d.fire('initialize_connection', id)) throw new ApiError(500, null, 'Unable to fetch connection information from backend.');
    const { driver_volume_type: type, attachment_id: _none, ...data } = d.connectionInfo('', v, 'rw');
    return { driver_volume_type: type, data };
  }

  /** terminate_connection: the backend lets go, then unreserve_volume. */
  function terminateConnection(c: Caller, id: string): void {
    d.getVolume(c, id);
    unreserveVolume(c, id);
  }

  return { updateReadonlyFlag, reserveVolume, unreserveVolume, attachVolume, detachVolume, initializeConnection, terminateConnection };
}
