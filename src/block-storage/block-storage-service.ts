// Cinder's volume API (cinder/volume/api.py) and the part of its volume manager a test double
// needs (create completes asynchronously, attachments get connection info): every write goes
// through here. Handlers call one method; the status machine is in volume-states.ts.
import type { Runtime } from '../runtime/runtime.js';
import { ApiError } from '../http/api-error.js';
import { createBlockStorageStore, type BlockStorageStore, type VolumeChanges } from './store/block-storage-store.js';
import type { AttachmentRecord, SnapshotRecord, VolumeRecord, VolumeTypeRecord } from './store/records.js';
import { CinderErrors as E } from './errors.js';
import { isMultiattachType, MULTIATTACH_RESERVABLE, buildOrStr, CLONABLE, DELETABLE, FORCE_DELETE_REFUSED, RESERVABLE, RETYPABLE, statusFromAttachments, VOLUME_STATUSES, ATTACH_STATUSES, SNAPSHOT_STATUSES } from './volume-states.js';
import { noImageSource, type NewVolumeImage, type VolumeImageSource } from './image-source.js';

import type { Caller } from './caller.js';
import { createLegacyAttachActions } from './legacy-attach.js';
import { createVolumeTransfers } from './volume-transfers.js';

export type { Caller } from './caller.js';

/** Volume-side failures as data (cinder volume-driver method names), fired by the control plane's fault plan. */
export type VolumeFaultOperation = 'create_volume' | 'create_snapshot' | 'extend_volume' | 'initialize_connection' | 'copy_volume_to_image';
export interface VolumeFaults {
  /** True when a fault for this operation (and volume, if it names one) fires now. */
  fire(operation: VolumeFaultOperation, volumeId: string): boolean;
}
const noFaults: VolumeFaults = { fire: () => false };

export interface BlockStorageOptions {
  images?: VolumeImageSource;
  faults?: VolumeFaults;
}

/** devstack's backend: one LVM pool on this host. */
export const BACKEND_HOST = 'novamock@lvmdriver-1#lvmdriver-1';
export const DEFAULT_TYPE_NAME = 'lvmdriver-1';
const GB = 1024 ** 3;

/** cinder.conf [DEFAULT] quota_* defaults. */
export const QUOTA_DEFAULTS: Readonly<Record<string, number>> = {
  volumes: 10, per_volume_gigabytes: -1, snapshots: 10, gigabytes: 1000, backups: 10, backup_gigabytes: 1000, groups: 10,
};
const PER_TYPE = ['volumes', 'gigabytes', 'snapshots'] as const;

export interface NewVolumeInput {
  size: number | null;
  name: string | null;
  description: string | null;
  volumeType: string | null;
  metadata: Record<string, string>;
  snapshotId: string | null;
  sourceVolid: string | null;
  imageRef: string | null;
  availabilityZone: string | null;
  multiattach: boolean;
}

export interface Connector { readonly [key: string]: unknown }

export function createBlockStorageService(runtime: Runtime, opts: BlockStorageOptions = {}) {
  const store: BlockStorageStore = createBlockStorageStore(runtime.db);
  const images = { current: opts.images ?? noImageSource };
  const faults = { current: opts.faults ?? noFaults };
  const now = () => runtime.clock.now().toISOString();
  const uuid = () => runtime.ids.uuid();
  const serviceUuid = uuid();

  // Work the volume manager does after the API answered (create -> available). Tracked so tests
  // and the compute side can wait for it; a reset starts a new epoch and stale work is dropped.
  let epoch = 0;
  const pending = new Set<Promise<void>>();
  const defer = (work: () => void | Promise<void>): void => {
    const mine = epoch;
    const delay = runtime.config.progression === 'timed'
      ? runtime.clock.sleep(40 * runtime.config.timedScale)
      : new Promise<void>((r) => setImmediate(r));
    const p = delay.then(async () => { if (mine === epoch) await work(); })
      .catch((err: unknown) => runtime.logger.error({ err }, 'block-storage: deferred work failed'))
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  function seedTypes(): void {
    if (store.volumeTypes().length) return;
    runtime.db.transaction(() => {
      store.insertVolumeType({ id: uuid(), name: '__DEFAULT__', description: 'Default Volume Type', isPublic: true, extraSpecs: {}, createdAt: now() });
      store.insertVolumeType({ id: uuid(), name: DEFAULT_TYPE_NAME, description: null, isPublic: true, extraSpecs: { volume_backend_name: 'lvmdriver-1' }, createdAt: now() });
    })();
  }
  seedTypes();

  /**
   * The volume manager's init_host after a restart: work it had accepted but not finished ends
   * where cinder ends it (a create or snapshot that was running is an error, a delete completes,
   * an extend is error_extending).
   */
  function recoverBackend(): void {
    const ts = now();
    runtime.db.transaction(() => {
      for (const v of store.volumes(null)) {
        if (v.status === 'creating' || v.status === 'downloading') store.updateVolume(v.id, { status: 'error' }, ts);
        else if (v.status === 'extending') store.updateVolume(v.id, { status: 'error_extending' }, ts);
        else if (v.status === 'deleting') {
          for (const s of store.snapshotsOfVolume(v.id)) store.deleteSnapshot(s.id);
          store.deleteVolume(v.id);
        }
      }
      for (const s of store.snapshots(null)) {
        if (s.status === 'creating') store.updateSnapshot(s.id, { status: 'error' }, ts);
        else if (s.status === 'deleting') store.deleteSnapshot(s.id);
      }
    })();
  }
  recoverBackend();

  // ---- visibility and lookups ---------------------------------------------------------------
  const visible = (c: Caller, projectId: string) => c.isAdmin || c.projectId === projectId;

  function getVolume(c: Caller, id: string): VolumeRecord {
    const v = store.volume(id);
    if (!v || !visible(c, v.projectId)) throw E.volumeNotFound(id);
    return v;
  }

  /** volume_types.get_by_name_or_id */
  function typeByNameOrId(nameOrId: string): VolumeTypeRecord | null {
    return store.volumeType(nameOrId) ?? store.volumeTypeByName(nameOrId);
  }

  function defaultType(): VolumeTypeRecord {
    const t = store.volumeTypeByName(DEFAULT_TYPE_NAME) ?? store.volumeTypeByName('__DEFAULT__');
    if (!t) throw new ApiError(500, null, 'no default volume type');
    return t;
  }

  // ---- quotas -------------------------------------------------------------------------------
  function quotaLimits(projectId: string): Map<string, number> {
    const overrides = store.quotaOverrides(projectId);
    const out = new Map<string, number>();
    const put = (k: string, dflt: number) => out.set(k, overrides.get(k) ?? dflt);
    for (const k of ['volumes', 'per_volume_gigabytes', 'snapshots', 'gigabytes', 'backups', 'backup_gigabytes']) put(k, QUOTA_DEFAULTS[k]!);
    for (const t of store.volumeTypes()) for (const r of PER_TYPE) put(`${r}_${t.name}`, -1);
    put('groups', QUOTA_DEFAULTS.groups!);
    return out;
  }

  function quotaUsage(projectId: string): Map<string, number> {
    const used = new Map<string, number>();
    const add = (k: string, n: number) => used.set(k, (used.get(k) ?? 0) + n);
    const typeName = (id: string | null) => (id ? store.volumeType(id)?.name ?? null : null);
    for (const u of store.volumeUsage(projectId)) {
      add('volumes', u.volumes); add('gigabytes', u.gigabytes);
      const t = typeName(u.type);
      if (t) { add(`volumes_${t}`, u.volumes); add(`gigabytes_${t}`, u.gigabytes); }
    }
    for (const u of store.snapshotUsage(projectId)) {
      add('snapshots', u.snapshots); add('gigabytes', u.gigabytes);
      const t = typeName(u.type);
      if (t) { add(`snapshots_${t}`, u.snapshots); add(`gigabytes_${t}`, u.gigabytes); }
    }
    return used;
  }

  /** QUOTAS.reserve for a new volume or snapshot (or growth by `gigabytes`). */
  function checkQuota(projectId: string, type: VolumeTypeRecord | null, deltas: { volumes?: number; snapshots?: number; gigabytes: number }): void {
    const limits = quotaLimits(projectId);
    const used = quotaUsage(projectId);
    const perVolume = limits.get('per_volume_gigabytes')!;
    if (deltas.volumes && perVolume >= 0 && deltas.gigabytes > perVolume) throw E.sizeExceedsLimit(deltas.gigabytes, perVolume);
    const over = (k: string, d: number) => { const l = limits.get(k) ?? -1; return l >= 0 && (used.get(k) ?? 0) + d > l; };
    if (deltas.volumes) {
      if (over('volumes', deltas.volumes)) throw E.volumeLimitExceeded(limits.get('volumes')!);
      if (type && over(`volumes_${type.name}`, deltas.volumes)) throw E.volumeLimitExceeded(limits.get(`volumes_${type.name}`)!, `volumes_${type.name}`);
    }
    if (deltas.snapshots) {
      if (over('snapshots', deltas.snapshots)) throw E.snapshotLimitExceeded(limits.get('snapshots')!);
      if (type && over(`snapshots_${type.name}`, deltas.snapshots)) throw E.snapshotLimitExceeded(limits.get(`snapshots_${type.name}`)!);
    }
    if (over('gigabytes', deltas.gigabytes)) throw E.sizeExceedsQuota(deltas.gigabytes, limits.get('gigabytes')!, used.get('gigabytes') ?? 0);
    if (type && over(`gigabytes_${type.name}`, deltas.gigabytes)) {
      throw E.sizeExceedsQuota(deltas.gigabytes, limits.get(`gigabytes_${type.name}`)!, used.get(`gigabytes_${type.name}`) ?? 0, `gigabytes_${type.name}`);
    }
  }

  // ---- volumes ------------------------------------------------------------------------------
  async function createVolume(c: Caller, input: NewVolumeInput): Promise<VolumeRecord> {
    if (input.multiattach) throw E.badRequest('multiattach parameter has been removed. The default behavior is to use multiattach enabled volume types. Contact your administrator to create a multiattach enabled volume type and use it to create multiattach volumes.');
    let type: VolumeTypeRecord | null = null;
    if (input.volumeType) {
      type = typeByNameOrId(input.volumeType);
      if (!type) throw E.volumeTypeNotFoundByName(input.volumeType);
    }
    let snapshot: SnapshotRecord | null = null;
    if (input.snapshotId) {
      snapshot = store.snapshot(input.snapshotId);
      if (!snapshot || !visible(c, snapshot.projectId)) throw E.snapshotNotFound(input.snapshotId);
      if (snapshot.status !== 'available') throw E.invalidSnapshot("Originating snapshot status must be one of 'available' values");
    }
    let source: VolumeRecord | null = null;
    if (input.sourceVolid) {
      source = store.volume(input.sourceVolid);
      if (!source || !visible(c, source.projectId)) throw E.volumeNotFound(input.sourceVolid);
      if (!(CLONABLE as readonly string[]).includes(source.status)) throw E.invalidVolume(`Originating source volume status must be one of '${CLONABLE.join(', ')}' values`);
    }
    const image = input.imageRef ? await images.current.getImage(input.imageRef, c) : null;
    if (input.imageRef && !image) throw E.badRequest('Invalid image identifier or unable to access requested image.');

    // the type follows the source when none is asked for (create_volume flow _extract_volume_type)
    if (!type && source) type = store.volumeType(source.volumeTypeId);
    if (!type && snapshot?.volumeTypeId) type = store.volumeType(snapshot.volumeTypeId);
    type ??= defaultType();

    const size = input.size ?? snapshot?.size ?? source?.size ?? null;
    if (size === null || !Number.isInteger(size) || size <= 0) throw E.invalidInput(`Volume size '${size === null ? 'None' : size}' must be an integer and greater than 0`);
    if (source && size < source.size) throw E.invalidInput(`Volume size '${size}'GB cannot be smaller than original volume size  ${source.size}GB. They must be >= original volume size.`);
    if (snapshot && size < snapshot.size) throw E.invalidInput(`Volume size '${size}'GB cannot be smaller than the snapshot size ${snapshot.size}GB. They must be >= original snapshot size.`);
    if (image) {
      if (image.status !== 'active') throw E.invalidInput(`Image ${image.id} is not active.`);
      const imageGb = Math.ceil(image.size / GB);
      if (imageGb > size) throw E.invalidInput(`Size of specified image ${imageGb}GB is larger than volume size ${size}GB.`);
      if (size < image.minDisk) throw E.invalidInput(`Volume size ${size}GB cannot be smaller than the image minDisk size ${image.minDisk}GB.`);
    }
    if (input.availabilityZone && input.availabilityZone !== 'nova') throw E.badRequest(`Availability zone '${input.availabilityZone}' is invalid.`);

    const id = uuid();
    const bootable = Boolean(image) || Boolean(source?.bootable);
    const imageMetadata = image
      ? { image_id: image.id, image_name: image.name, container_format: image.containerFormat, disk_format: image.diskFormat,
        min_disk: String(image.minDisk), min_ram: String(image.minRam), size: String(image.size), ...(image.checksum ? { checksum: image.checksum } : {}) }
      : source?.imageMetadata ? { ...source.imageMetadata } : null;
    runtime.db.transaction(() => {
      checkQuota(c.projectId, type, { volumes: 1, gigabytes: size });
      store.insertVolume({
        id, projectId: c.projectId, userId: c.userId, name: input.name, description: input.description, size, status: 'creating',
        bootable, volumeTypeId: type!.id, availabilityZone: input.availabilityZone ?? 'nova', snapshotId: snapshot?.id ?? null,
        sourceVolid: source?.id ?? null, imageId: image?.id ?? null, metadata: input.metadata, imageMetadata,
        // the type decides (the request's own multiattach flag is refused above)
        multiattach: isMultiattachType(type), createdAt: now(),
      });
    })();
    defer(() => {
      // the volume manager's create_volume: the driver builds it, or the volume goes to error
      const failed = faults.current.fire('create_volume', id);
      store.updateVolume(id, failed ? { status: 'error' } : { status: 'available', host: BACKEND_HOST, serviceUuid }, now(), ['creating']);
    });
    return store.volume(id)!;
  }

  function updateVolume(c: Caller, id: string, changes: { name?: string | null; description?: string | null; metadata?: Record<string, string> }): VolumeRecord {
    getVolume(c, id);
    store.updateVolume(id, changes, now());
    return store.volume(id)!;
  }

  function deleteVolume(c: Caller, id: string, o: { cascade: boolean; force: boolean }): void {
    const v = getVolume(c, id);
    if (o.force && !c.isAdmin) throw E.policy('volume:force_delete');
    const snaps = store.snapshotsOfVolume(id);
    runtime.db.transaction(() => {
      const cur = store.volume(id)!;
      const statusOk = o.force ? !(FORCE_DELETE_REFUSED as readonly string[]).includes(cur.status) : (DELETABLE as readonly string[]).includes(cur.status);
      const ok = statusOk && cur.attachStatus !== 'attached' && !cur.migrationStatus
        && (o.cascade ? snaps.every((s) => ['available', 'error', 'deleting'].includes(s.status)) : snaps.length === 0);
      if (!ok) {
        const status = o.force ? '' : buildOrStr(DELETABLE, 'status must be %s and');
        throw E.invalidVolume(`Volume ${status}${status ? ' ' : ''}must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.`);
      }
      store.updateVolume(id, { status: 'deleting' }, now());
      for (const s of snaps) store.updateSnapshot(s.id, { status: 'deleting' }, now());
    })();
    void v;
    defer(() => {
      runtime.db.transaction(() => {
        for (const s of store.snapshotsOfVolume(id)) store.deleteSnapshot(s.id);
        store.deleteVolume(id);
      })();
    });
  }

  function extendVolume(c: Caller, id: string, newSize: number, allowInUse: boolean): void {
    const v = getVolume(c, id);
    if (newSize - v.size <= 0) throw E.invalidInput(`New size for extend must be greater than current size. (current: ${v.size}, extended: ${newSize}).`);
    const expected = allowInUse && v.status === 'in-use' ? 'in-use' : 'available';
    runtime.db.transaction(() => {
      if (v.status !== expected) throw E.invalidVolume(`Volume ${id} status must be '{'status': '${expected}'}' to extend, currently ${v.status}.`);
      checkQuota(v.projectId, store.volumeType(v.volumeTypeId), { gigabytes: newSize - v.size });
      store.updateVolume(id, { status: 'extending' }, now(), [expected]);
    })();
    defer(() => {
      const failed = faults.current.fire('extend_volume', id);
      store.updateVolume(id, failed ? { status: 'error_extending' } : { status: expected, size: newSize }, now(), ['extending']);
    });
  }

  function retypeVolume(c: Caller, id: string, newType: string): void {
    const v = getVolume(c, id);
    const t = typeByNameOrId(newType);
    if (!t) throw E.volumeTypeNotFoundByName(newType);
    runtime.db.transaction(() => {
      const cur = store.volume(id)!;
      if (!(RETYPABLE as readonly string[]).includes(cur.status) || cur.migrationStatus || t.id === cur.volumeTypeId) {
        throw E.invalidVolume('Retype needs volume to be in available or in-use state, not be part of an active migration or a consistency group, requested type has to be different that the one from the volume, and for in-use volumes front-end qos specs cannot change.');
      }
      checkQuota(v.projectId, t, { volumes: 0, gigabytes: 0 });
      store.updateVolume(id, { volumeTypeId: t.id }, now());
    })();
  }

  function setBootable(c: Caller, id: string, bootable: boolean): void {
    getVolume(c, id);
    store.updateVolume(id, { bootable }, now());
  }

  function resetStatus(c: Caller, id: string, body: { status?: string; attach_status?: string; migration_status?: string }): void {
    if (!c.isAdmin) throw E.policy('volume_extension:volume_admin_actions:reset_status');
    getVolume(c, id);
    const changes: VolumeChanges = {};
    if (body.status !== undefined) {
      if (!(VOLUME_STATUSES as readonly string[]).includes(body.status.toLowerCase())) {
        throw E.badRequest(`Volume status: ${body.status} is invalid, valid statuses are: (${VOLUME_STATUSES.map((x) => `'${x}'`).join(', ')}).`);
      }
      changes.status = body.status.toLowerCase();
    }
    if (body.attach_status !== undefined) {
      if (!(ATTACH_STATUSES as readonly string[]).includes(body.attach_status.toLowerCase())) throw E.invalidInput('Must specify a valid attach status');
      changes.attachStatus = body.attach_status.toLowerCase();
    }
    if (body.migration_status !== undefined) changes.migrationStatus = body.migration_status.toLowerCase() === 'none' ? null : body.migration_status.toLowerCase();
    if (!Object.keys(changes).length) throw E.invalidInput('Must specify \'status\', \'attach_status\' or \'migration_status\' for update.');
    store.updateVolume(id, changes, now());
  }

  /** begin_detaching: in-use and attached -> detaching (nova before it detaches). */
  function beginDetaching(c: Caller, id: string): void {
    const v = getVolume(c, id);
    const ok = v.attachStatus === 'attached' && !v.migrationStatus && store.updateVolume(id, { status: 'detaching' }, now(), ['in-use']);
    if (!ok) throw E.invalidVolume("Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.");
  }

  /** roll_detaching: a detach that failed puts the volume back in use. */
  function rollDetaching(c: Caller, id: string): void {
    getVolume(c, id);
    store.updateVolume(id, { status: 'in-use' }, now(), ['detaching']);
  }

  // ---- os-volume_upload_image ---------------------------------------------------------------
  /**
   * copy_volume_to_image: available -> uploading (force is ignored: enable_force_upload is off),
   * the image record made through the image client (a refusal puts the status back), then the
   * volume manager copies the bytes (the `copy_volume_to_image` fault fails it: the unfinished
   * image goes) and the volume's status follows its attachments again.
   */
  async function uploadToImage(c: Caller, id: string, meta: NewVolumeImage): Promise<Record<string, unknown>> {
    const v = getVolume(c, id);
    if (!store.updateVolume(id, { status: 'uploading' }, now(), ['available'])) throw E.invalidVolume(`Volume ${id} status must be available`);
    let image;
    try {
      image = await images.current.createImage(meta, c);
    } catch (err) {
      store.updateVolume(id, { status: v.status }, now(), ['uploading']);
      throw E.badRequest(err instanceof Error ? err.message : String(err));
    }
    defer(async () => {
      try {
        if (faults.current.fire('copy_volume_to_image', id)) throw new Error('copy_volume_to_image fault');
        await images.current.uploadImage(image.id, Buffer.from(`novamock volume ${id}\n`), c);
      } catch {
        await images.current.deleteImageIfUnfinished(image.id, c).catch(() => undefined);
      } finally {
        // volume_update_status_based_on_attachment
        const attached = store.attachmentsOfVolume(id).some((a) => a.attachStatus !== 'detached');
        store.updateVolume(id, { status: attached ? 'in-use' : 'available' }, now(), ['uploading']);
      }
    });
    const type = store.volumeType(v.volumeTypeId);
    const out: Record<string, unknown> = {
      id: v.id, updated_at: v.updatedAt, status: 'uploading', display_description: v.description, size: v.size,
      volume_type: type ? { id: type.id, name: type.name, description: type.description, is_public: type.isPublic, extra_specs: { ...type.extraSpecs } } : null,
      image_id: image.id, container_format: image.containerFormat, disk_format: image.diskFormat, image_name: image.name,
      protected: image.protected, visibility: image.visibility,
    };
    return out;
  }

  // ---- attachments (the 3.27 API nova uses) -------------------------------------------------
  function getAttachment(c: Caller, id: string): AttachmentRecord {
    const a = store.attachment(id);
    const v = a ? store.volume(a.volumeId) : null;
    if (!a || !v || !visible(c, v.projectId)) throw E.attachmentNotFound(`attachment_id = ${id}`);
    return a;
  }

  function connectionInfo(attachmentId: string, volume: VolumeRecord, mode: string): Record<string, unknown> {
    // cinder's LVM/iSCSI target through the fake executor, as cinder-live answers
    return {
      target_discovered: false, target_portal: '127.0.0.1:3260', target_iqn: `iqn.2010-10.org.openstack:volume-${volume.id}`,
      target_lun: 0, volume_id: volume.id, access_mode: mode === 'ro' ? 'ro' : 'rw', qos_specs: null, encrypted: false,
      cacheable: false, driver_volume_type: 'iscsi', attachment_id: attachmentId,
    };
  }

  function createAttachment(c: Caller, volumeId: string, instanceUuid: string | null, connector: Connector | null, mode: string): AttachmentRecord {
    const v = getVolume(c, volumeId);
    const id = uuid();
    runtime.db.transaction(() => {
      const cur = store.volume(volumeId)!;
      if (cur.status.includes('error')) {
        throw E.invalidVolume(`Volume attachments can not be created if the volume is in an error state. The Volume ${cur.id} currently has a status of: ${cur.status} `);
      }
      // _attachment_reserve: a multiattach volume may be reserved while in use
      const reservable = cur.multiattach ? MULTIATTACH_RESERVABLE : RESERVABLE;
      if (!store.updateVolume(volumeId, { status: 'reserved' }, now(), reservable)) {
        // the same instance may reserve again (a move to another host)
        const same = instanceUuid !== null && ['in-use', 'reserved'].includes(cur.status)
          && store.attachmentsOfVolume(volumeId).some((a) => a.instanceUuid === instanceUuid);
        if (!same) throw E.invalidVolume(`Volume ${cur.id} status must be ${buildOrStr(reservable)} to reserve, but the current status is ${cur.status}.`);
      }
      store.insertAttachment(id, volumeId, instanceUuid, 'reserved', 'null', now());
      if (connector) connect(id, v, connector, mode);
      else store.updateAttachment(id, { attachMode: mode }, now());
    })();
    return store.attachment(id)!;
  }

  /** The volume manager's attachment_update: export the target, record the connector, volume attaching. */
  function connect(id: string, v: VolumeRecord, connector: Connector, mode: string): void {
    if (faults.current.fire('initialize_connection', v.id)) {
      store.updateAttachment(id, { attachStatus: 'error_attaching' }, now());
      throw new ApiError(500, null, `Bad or unexpected response from the storage volume backend API: Unable to fetch connection information from backend.`);
    }
    store.updateAttachment(id, {
      connector: { ...connector }, connectionInfo: connectionInfo(id, v, mode), attachStatus: 'attaching',
      attachedHost: typeof connector.host === 'string' ? connector.host : '',
      mountpoint: typeof connector.mountpoint === 'string' ? connector.mountpoint : 'na',
      attachMode: mode, attachTime: now(),
    }, now());
    const cur = store.volume(v.id)!;
    if (cur.status !== 'in-use') store.updateVolume(v.id, { status: 'attaching', attachStatus: 'attaching' }, now());
  }

  function updateAttachment(c: Caller, id: string, connector: Connector): AttachmentRecord {
    const a = getAttachment(c, id);
    const before = a;
    runtime.db.transaction(() => {
      const v = store.volume(a.volumeId)!;
      if (v.status.includes('error')) {
        throw E.invalidVolume(`Volume attachments can not be updated if the volume is in an error state. The Volume ${v.id} currently has a status of: ${v.status} `);
      }
      const others = store.attachmentsOfVolume(v.id).filter((x) => x.id !== id && x.connectionInfo);
      if (others.length && !v.multiattach) {
        const hosts = new Set(others.map((x) => x.connector?.host));
        if (hosts.size > 0 && hosts.has(connector.host)) throw E.invalidVolume(`duplicate connectors detected on volume ${v.id}`);
      }
      const mode = typeof connector.mode === 'string' ? connector.mode : a.attachMode === 'null' ? 'rw' : a.attachMode;
      connect(id, v, connector, mode);
    })();
    // cinder answers with the attachment object the API loaded, plus the connection info: the
    // volume manager's own changes (attaching, attach time, mode) are not in that object
    return { ...before, connectionInfo: store.attachment(id)!.connectionInfo };
  }

  function completeAttachment(c: Caller, id: string): void {
    const a = getAttachment(c, id);
    runtime.db.transaction(() => {
      store.updateAttachment(id, { attachStatus: 'attached' }, now());
      store.updateVolume(a.volumeId, { status: 'in-use', attachStatus: 'attached' }, now());
    })();
  }

  /** attachment_delete (+ attachment_deletion_allowed): the volume's status follows what remains. */
  function deleteAttachment(c: Caller, id: string, isNovaUsing: (instance: string, volume: string, attachment: string) => boolean = () => false): AttachmentRecord[] {
    const a = getAttachment(c, id);
    if (!c.service && a.instanceUuid && a.connectionInfo && isNovaUsing(a.instanceUuid, a.volumeId, a.id)) {
      throw E.conflictNovaUsingAttachment(a.instanceUuid);
    }
    return runtime.db.transaction(() => {
      store.deleteAttachment(id);
      const remaining = store.attachmentsOfVolume(a.volumeId);
      const next = statusFromAttachments(remaining);
      const v = store.volume(a.volumeId)!;
      store.updateVolume(a.volumeId, v.status === 'deleting' ? { attachStatus: next.attachStatus } : next, now());
      return remaining;
    })();
  }

  // ---- snapshots ----------------------------------------------------------------------------
  function getSnapshot(c: Caller, id: string): SnapshotRecord {
    const s = store.snapshot(id);
    if (!s || !visible(c, s.projectId)) throw E.snapshotNotFound(id);
    return s;
  }

  function createSnapshot(c: Caller, input: { volumeId: string; name: string | null; description: string | null; force: boolean; metadata: Record<string, string> }, allowInUse: boolean): SnapshotRecord {
    const v = getVolume(c, input.volumeId);
    const valid = input.force || allowInUse ? ['available', 'in-use'] : ['available'];
    if (v.migrationStatus) throw E.invalidVolume('Snapshot cannot be created while volume is migrating.');
    if (!valid.includes(v.status)) throw E.invalidVolume(`Volume ${v.id} status must be ${valid.join(', ')}, but current status is: ${v.status}.`);
    const id = uuid();
    const type = store.volumeType(v.volumeTypeId);
    runtime.db.transaction(() => {
      checkQuota(c.projectId, type, { snapshots: 1, gigabytes: v.size });
      store.insertSnapshot({ id, projectId: c.projectId, userId: c.userId, volumeId: v.id, name: input.name, description: input.description,
        size: v.size, status: 'creating', volumeTypeId: v.volumeTypeId, metadata: input.metadata, createdAt: now() });
    })();
    defer(() => {
      const failed = faults.current.fire('create_snapshot', v.id);
      store.updateSnapshot(id, failed ? { status: 'error' } : { status: 'available', progress: '100%' }, now());
    });
    return store.snapshot(id)!;
  }

  function deleteSnapshot(c: Caller, id: string): void {
    const s = getSnapshot(c, id);
    if (!['available', 'error', 'error_deleting'].includes(s.status)) throw E.invalidSnapshot('Volume Snapshot status must be available or error or error_deleting');
    store.updateSnapshot(id, { status: 'deleting' }, now());
    defer(() => { store.deleteSnapshot(id); });
  }

  function resetSnapshotStatus(c: Caller, id: string, status: string): void {
    if (!c.isAdmin) throw E.policy('volume_extension:snapshot_admin_actions:reset_status');
    getSnapshot(c, id);
    if (!(SNAPSHOT_STATUSES as readonly string[]).includes(status.toLowerCase())) throw E.invalidInput('Must specify a valid status');
    store.updateSnapshot(id, { status: status.toLowerCase() }, now());
  }

  // ---- volume types -------------------------------------------------------------------------
  function getVolumeType(id: string): VolumeTypeRecord {
    if (id === 'default') return defaultType();
    const t = store.volumeType(id);
    if (!t) throw E.volumeTypeNotFound(id);
    return t;
  }

  function createVolumeType(c: Caller, input: { name: string; description: string | null; isPublic: boolean; extraSpecs: Record<string, string> }): VolumeTypeRecord {
    if (!c.isAdmin) throw E.policy('volume_extension:types_manage');
    if (store.volumeTypeByName(input.name)) throw new ApiError(409, null, `Volume Type ${input.name} already exists.`);
    const t: VolumeTypeRecord = { id: uuid(), name: input.name, description: input.description, isPublic: input.isPublic, extraSpecs: input.extraSpecs, createdAt: now() };
    store.insertVolumeType(t);
    return t;
  }

  /** volume_types.update: name, description, is_public (the default type keeps its name). */
  function updateVolumeType(c: Caller, id: string, changes: { name?: string; description?: string | null; isPublic?: boolean }): VolumeTypeRecord {
    if (!c.isAdmin) throw E.policy('volume_extension:types_manage');
    const t = getVolumeType(id);
    if (changes.name !== undefined && changes.name !== t.name) {
      if (t.name === '__DEFAULT__') throw E.badRequest('The system-defined default volume type __DEFAULT__ cannot be renamed.');
      if (store.volumeTypeByName(changes.name)) throw new ApiError(409, null, `Volume Type ${changes.name} already exists.`);
    }
    if (changes.name === undefined && changes.description === undefined && changes.isPublic === undefined) {
      throw E.badRequest('Specify volume type name, description, is_public or a combination thereof.');
    }
    store.updateVolumeType(t.id, changes);
    return store.volumeType(t.id)!;
  }

  function deleteVolumeType(c: Caller, id: string): void {
    if (!c.isAdmin) throw E.policy('volume_extension:types_manage');
    const t = getVolumeType(id);
    if (t.name === '__DEFAULT__') throw E.badRequest('Default volume type can not be deleted.');
    if (store.volumeTypeInUse(t.id)) throw E.badRequest(`Target volume type is still in use.`);
    store.deleteVolumeType(t.id);
  }

  // ---- quotas and limits --------------------------------------------------------------------
  function quotaSet(projectId: string): { limits: Map<string, number>; used: Map<string, number> } {
    return { limits: quotaLimits(projectId), used: quotaUsage(projectId) };
  }

  function updateQuotas(c: Caller, projectId: string, values: Record<string, number>): void {
    if (!c.isAdmin) throw E.policy('volume_extension:quotas:update');
    const known = quotaLimits(projectId);
    const used = quotaUsage(projectId);
    for (const [k, v] of Object.entries(values)) {
      if (!known.has(k)) throw E.invalidInput(`Bad key(s) in quota set: ${k}`);
      if (v < -1) throw E.invalidInput(`Quota limit ${v} for ${k} must be more than -1.`);
      if (v >= 0 && (used.get(k) ?? 0) > v) throw E.invalidInput(`Quota limit must be greater than or equal to ${used.get(k)} for ${k}.`);
    }
    runtime.db.transaction(() => { for (const [k, v] of Object.entries(values)) store.setQuota(projectId, k, v); })();
  }

  const transfers = createVolumeTransfers({ runtime, store, getVolume, checkQuota });
  const legacy = createLegacyAttachActions({ runtime, store, getVolume, connectionInfo, fire: (op, id) => faults.current.fire(op, id) });

  return {
    runtime, store, serviceUuid, ...legacy, ...transfers,
    /** Swap the image lookup (the image service's client once wired). */
    setImageSource(source: VolumeImageSource): void { images.current = source; },
    setFaults(f: VolumeFaults): void { faults.current = f; },
    /** Resolve when every deferred volume-manager step has run. */
    async settle(): Promise<void> { while (pending.size) await Promise.all([...pending]); },
    reset(): void { epoch++; store.clear(); seedTypes(); },
    getVolume, createVolume, updateVolume, uploadToImage, deleteVolume, beginDetaching, rollDetaching, extendVolume, retypeVolume, setBootable, resetStatus,
    listVolumes: (c: Caller, allTenants: boolean) => store.volumes(c.isAdmin && allTenants ? null : c.projectId),
    volumeMetadataInCreationOrder: (c: Caller, allTenants: boolean) => store.volumeMetadataInCreationOrder(c.isAdmin && allTenants ? null : c.projectId),
    getAttachment, createAttachment, updateAttachment, completeAttachment, deleteAttachment,
    listAttachments: (c: Caller, allTenants: boolean) => store.attachments(c.isAdmin && allTenants ? null : c.projectId),
    attachmentsOfVolume: (id: string) => store.attachmentsOfVolume(id),
    getSnapshot, createSnapshot, deleteSnapshot, resetSnapshotStatus,
    updateSnapshot: (c: Caller, id: string, changes: { name?: string | null; description?: string | null }) => { getSnapshot(c, id); store.updateSnapshot(id, changes, now()); return store.snapshot(id)!; },
    listSnapshots: (c: Caller, allTenants: boolean) => store.snapshots(c.isAdmin && allTenants ? null : c.projectId),
    listVolumeTypes: () => store.volumeTypes(), getVolumeType, createVolumeType, updateVolumeType, deleteVolumeType,
    volumeTypeOf: (v: VolumeRecord) => store.volumeType(v.volumeTypeId),
    quotaSet, updateQuotas,
  };
}

export type BlockStorageService = ReturnType<typeof createBlockStorageService>;
