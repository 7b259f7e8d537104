// Volume transfers (cinder/transfer/api.py, db transfer_create / transfer_destroy /
// transfer_accept): an available volume is offered (awaiting-transfer) with an auth key whose
// salted sha1 is kept; the key's holder in another project accepts it (the volume, and its
// snapshots unless left behind, change owner; quota moves with them); deleting the offer makes
// the volume available again.
import { createHash } from 'node:crypto';
import { ApiError } from '../http/api-error.js';
import { CinderErrors as E } from './errors.js';
import type { Caller } from './caller.js';
import type { Runtime } from '../runtime/runtime.js';
import type { BlockStorageStore } from './store/block-storage-store.js';
import type { TransferRecord, VolumeRecord, VolumeTypeRecord } from './store/records.js';

export interface VolumeTransferDeps {
  readonly runtime: Runtime;
  readonly store: BlockStorageStore;
  getVolume(c: Caller, id: string): VolumeRecord;
  /** QUOTAS.reserve for the project that takes the volume */
  checkQuota(projectId: string, type: VolumeTypeRecord | null, deltas: { volumes?: number; snapshots?: number; gigabytes: number }): void;
}

/** What create answers beyond the record: the auth key, shown only then. */
export interface CreatedTransfer { readonly transfer: TransferRecord; readonly authKey: string }

const notFound = (id: string) => new ApiError(404, null, `Transfer ${id} could not be found.`);
/** _get_crypt_hash */
const cryptHash = (salt: string, authKey: string) => createHash('sha1').update(`${salt}${authKey}`).digest('hex');

export function createVolumeTransfers(d: VolumeTransferDeps) {
  const { store, runtime } = d;
  const now = () => runtime.clock.now().toISOString();
  /** _get_random_string: hex from the injected id source (volume_transfer_salt_length 8, key_length 16) */
  const randomHex = (length: number) => runtime.ids.uuid().replace(/-/g, '').slice(0, length);

  /** transfer_get: a transfer of a volume of the caller's project (any for admins). */
  function getTransfer(c: Caller, id: string): TransferRecord {
    const t = store.transfer(id);
    const v = t ? store.volume(t.volumeId) : null;
    if (!t || !v || (!c.isAdmin && v.projectId !== c.projectId)) throw notFound(id);
    return t;
  }

  function createTransfer(c: Caller, volumeId: string, name: string | null, noSnapshots: boolean): CreatedTransfer {
    const v = d.getVolume(c, volumeId);
    if (v.status !== 'available') throw E.invalidVolume('status must be available');
    if (!noSnapshots) {
      const busy = store.snapshotsOfVolume(volumeId).find((s) => s.status !== 'available');
      if (busy) throw E.invalidSnapshot(`snapshot: ${busy.id} status must be available`);
    }
    const salt = randomHex(8);
    const authKey = randomHex(16);
    const id = runtime.ids.uuid();
    runtime.db.transaction(() => {
      store.insertTransfer({ id, volumeId, name, salt, cryptHash: cryptHash(salt, authKey), noSnapshots, sourceProjectId: v.projectId, createdAt: now() });
      store.updateVolume(volumeId, { status: 'awaiting-transfer' }, now());
    })();
    return { transfer: store.transfer(id)!, authKey };
  }

  function listTransfers(c: Caller, allTenants: boolean): TransferRecord[] {
    return store.transfers(c.isAdmin && allTenants ? null : c.projectId);
  }

  /** delete + transfer_destroy: the volume leaves awaiting-transfer. */
  function deleteTransfer(c: Caller, id: string): void {
    const t = getTransfer(c, id);
    runtime.db.transaction(() => {
      store.deleteTransfer(id);
      store.updateVolume(t.volumeId, { status: 'available' }, now(), ['awaiting-transfer']);
    })();
  }

  /** accept (the recipient sees the offer through an elevated context). */
  function acceptTransfer(c: Caller, id: string, authKey: string): TransferRecord {
    const t = store.transfer(id);
    if (!t) throw notFound(id);
    if (cryptHash(t.salt, authKey) !== t.cryptHash) throw E.badRequest(`Invalid auth key: Attempt to transfer ${id} with invalid auth key.`);
    const v = store.volume(t.volumeId);
    if (!v) throw notFound(id);
    if (v.status === 'maintenance') throw E.invalidVolume('Volume is in maintenance mode.');
    const type = store.volumeType(v.volumeTypeId);
    const snapshots = t.noSnapshots ? [] : store.snapshotsOfVolume(v.id);
    runtime.db.transaction(() => {
      d.checkQuota(c.projectId, type, { volumes: 1, gigabytes: v.size });
      if (snapshots.length) d.checkQuota(c.projectId, type, { snapshots: snapshots.length, gigabytes: snapshots.reduce((n, s) => n + s.size, 0) });
      store.moveVolume(v.id, c.projectId, c.userId, !t.noSnapshots, now());
      store.updateVolume(v.id, { status: 'available' }, now());
      store.acceptTransfer(id, c.projectId);
    })();
    return t;
  }

  return { getTransfer, createTransfer, listTransfers, deleteTransfer, acceptTransfer };
}
