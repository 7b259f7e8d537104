// The compute manager's volume work (nova/compute/manager.py _prep_block_device, attach_volume,
// detach_volume, swap_volume, _shutdown_instance / _cleanup_volumes; nova/virt/block_device.py
// DriverVolumeBlockDevice.attach): always through the block-storage client, with the attachment
// API (reserve -> update with the host connector -> complete; delete to detach).
import { NovaError, novaError } from '../nova-exceptions/nova-error.js';
import type { AttachmentInfo, VolumeCallContext } from '../block-storage-client/index.js';
import type { BlockDeviceMappingRecord } from '../compute-db/block-device-mappings-store.js';
import type { InstanceRecord } from '../compute-db/records.js';
import type { Engine } from './engine.js';
import { WorkflowAborted } from './progression.js';

/**
 * Who nova calls Cinder as. The API passes the request's context (its roles): the caller may
 * only use volumes it can see. Past the API, the compute acts for the instance's owner with the
 * rights the API already checked (nova's RPC carries the caller's context, init_host an admin
 * one): elevated, so that a volume the API accepted is never lost to a project mismatch.
 */
export function volumeContext(who: Pick<InstanceRecord, 'userId' | 'projectId'> & { roles?: readonly string[] }): VolumeCallContext {
  return { userId: who.userId, projectId: who.projectId, roles: who.roles ?? ['member', 'reader', 'admin'] };
}

/** compute_utils.is_volume_backed_instance: the root mapping (boot index 0) is a volume. */
export function isVolumeBacked(e: Engine, uuid: string): boolean {
  return e.store.bdms.ofInstance(uuid).some((b) => b.bootIndex === 0 && b.destinationType === 'volume');
}

/** os-brick's connector properties for the fake host (libvirt get_volume_connector). */
export function connectorFor(host: string): Record<string, unknown> {
  return { platform: 'x86_64', os_type: 'linux', ip: '192.168.1.10', host, multipath: false, initiator: `iqn.1993-08.org.debian:01:${host}`, do_local_attach: false };
}

/** compute_utils.get_next_device_name: the next free /dev/sdX (the fake driver's root is /dev/sda). */
export function nextDeviceName(used: readonly (string | null)[], prefix = '/dev/sd'): string {
  const taken = new Set(used.filter((d): d is string => !!d).map((d) => d.replace(/^\/dev\/[a-z]*d/, '')));
  for (let i = 0; i < 26 * 27; i++) {
    const letters = i < 26 ? String.fromCharCode(97 + i) : String.fromCharCode(96 + Math.floor(i / 26)) + String.fromCharCode(97 + (i % 26));
    if (!taken.has(letters)) return `${prefix}${letters}`;
  }
  throw novaError('TooManyDiskDevices', { maximum: 26 * 27 });
}

/** _await_block_device_map_created: poll until the new volume leaves 'creating'. */
async function awaitVolumeCreated(e: Engine, vctx: VolumeCallContext, volumeId: string): Promise<void> {
  const attempts = 60;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const v = await e.volumes.get(vctx, volumeId);
    if (v.status === 'available') return;
    if (v.status !== 'creating' && v.status !== 'downloading') {
      throw novaError('VolumeNotCreated', { volume_id: volumeId, seconds: attempt, attempts: attempt, volume_status: v.status });
    }
    await e.progression.pause('build:await_volume');
  }
  throw novaError('VolumeNotCreated', { volume_id: volumeId, seconds: attempts, attempts, volume_status: 'creating' });
}

/** update the attachment with this host's connector, then complete it (do_driver_attach=false at build). */
async function connectAttachment(e: Engine, inst: InstanceRecord, bdm: BlockDeviceMappingRecord, host: string, driverAttach: boolean, scope: string): Promise<void> {
  const vctx = volumeContext(inst);
  const a = await e.volumes.attachmentUpdate(vctx, bdm.attachmentId!, connectorFor(host), bdm.deviceName);
  e.store.bdms.save(bdm.uuid, { connectionInfo: a.connectionInfo as Record<string, unknown> }, e.now());
  if (driverAttach) await e.driver.call('attach_volume', host, inst.uuid);
  await e.progression.pause(`${scope}:attachment_complete`);
  await e.volumes.attachmentComplete(vctx, bdm.attachmentId!);
}

/**
 * _prep_block_device: create the volumes the mappings ask for (image, blank, snapshot sources),
 * wait for them, reserve and connect every volume. Any failure is InvalidBDM for the build,
 * which aborts it ("Failure prepping block device.").
 */
export async function prepBlockDevices(e: Engine, uuid: string, host: string): Promise<void> {
  const inst = e.store.instances.require(uuid);
  const vctx = volumeContext(inst);
  try {
    for (const b of e.store.bdms.ofInstance(uuid)) {
      if (b.destinationType !== 'volume') continue;
      let bdm = b;
      if (!bdm.volumeId) {
        const name = bdm.sourceType === 'blank' ? `${uuid}-blank-vol` : '';
        const v = await e.volumes.create(vctx, {
          size: bdm.volumeSize ?? 1, name, description: '', imageId: bdm.imageId, snapshotId: bdm.snapshotId, volumeType: bdm.volumeType,
        });
        e.store.bdms.save(bdm.uuid, { volumeId: v.id }, e.now());
        bdm = e.store.bdms.get(bdm.uuid)!;
        await awaitVolumeCreated(e, vctx, v.id);
      }
      if (!bdm.attachmentId) {
        const a = await e.volumes.attachmentCreate(vctx, bdm.volumeId!, uuid);
        e.store.bdms.save(bdm.uuid, { attachmentId: a.id }, e.now());
      }
      await e.progression.pause('build:connect_volume');
      const root = inst.rootDeviceName ?? '/dev/sda';
      if (!bdm.deviceName) {
        const used = e.store.bdms.ofInstance(uuid).map((x) => x.deviceName);
        e.store.bdms.save(bdm.uuid, { deviceName: bdm.bootIndex === 0 ? root : nextDeviceName([root, ...used]) }, e.now());
      }
      await connectAttachment(e, inst, e.store.bdms.get(bdm.uuid)!, host, false, 'build');
    }
  } catch (err) {
    if (err instanceof NovaError && err.is('InstanceNotFound')) throw err;
    if (!(err instanceof NovaError)) throw err;
    // _build_resources: any block-device failure aborts the build (no reschedule)
    e.log.warn({ err, instance: uuid }, 'Instance failed block device setup');
    throw novaError('BuildAbortException', { instance_uuid: uuid, reason: 'Failure prepping block device.' });
  }
}

/**
 * compute attach_volume for a mapping the API reserved: connect, driver attach, complete. A
 * failure rolls back: the attachment is deleted and the mapping goes (_attach_volume's cleanup).
 */
export async function attachVolume(e: Engine, uuid: string, bdmUuid: string, host: string): Promise<NovaError | null> {
  const inst = e.store.instances.require(uuid);
  const bdm = e.store.bdms.get(bdmUuid);
  if (!bdm) return null;
  try {
    await connectAttachment(e, inst, bdm, host, true, 'attach_volume');
    return null;
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    const ne = err instanceof NovaError ? err : new NovaError(err instanceof Error ? err.name : 'Exception', String(err), 500, false);
    if (bdm.attachmentId) await e.volumes.attachmentDelete(volumeContext(inst), bdm.attachmentId).catch(() => undefined);
    e.store.bdms.destroy(bdm.uuid);
    return ne;
  }
}

/** compute detach_volume: driver detach, attachment delete, mapping destroyed. */
export async function detachVolume(e: Engine, uuid: string, bdmUuid: string, host: string | null): Promise<void> {
  const inst = e.store.instances.require(uuid);
  const bdm = e.store.bdms.get(bdmUuid);
  if (!bdm) return;
  if (host) await e.driver.call('detach_volume', host, uuid);
  if (bdm.attachmentId) await e.volumes.attachmentDelete(volumeContext(inst), bdm.attachmentId);
  await e.progression.pause('detach_volume:destroy_mapping');
  e.store.bdms.destroy(bdm.uuid);
}

/**
 * compute swap_volume (new attachment flow): connect the new volume's attachment, the driver
 * swaps, complete it, delete the old attachment, the mapping points at the new volume.
 */
export async function swapVolume(e: Engine, uuid: string, bdmUuid: string, newVolumeId: string, newAttachmentId: string, host: string): Promise<NovaError | null> {
  const inst = e.store.instances.require(uuid);
  const vctx = volumeContext(inst);
  const bdm = e.store.bdms.get(bdmUuid);
  if (!bdm) return null;
  try {
    const a = await e.volumes.attachmentUpdate(vctx, newAttachmentId, connectorFor(host), bdm.deviceName);
    await e.driver.call('swap_volume', host, uuid);
    await e.volumes.attachmentComplete(vctx, newAttachmentId);
    await e.progression.pause('swap_volume:update_mapping');
    const size = (await e.volumes.get(vctx, newVolumeId)).size;
    e.store.bdms.save(bdm.uuid, { volumeId: newVolumeId, attachmentId: newAttachmentId, volumeSize: size, connectionInfo: a.connectionInfo as Record<string, unknown> }, e.now());
    if (bdm.attachmentId) await e.volumes.attachmentDelete(vctx, bdm.attachmentId);
    return null;
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
    // _swap_volume failure: the new attachment goes, the old one stays
    await e.volumes.attachmentDelete(vctx, newAttachmentId).catch(() => undefined);
    return err instanceof NovaError ? err : new NovaError('Exception', String(err), 500, false);
  }
}

/**
 * _shutdown_instance's volume part and _cleanup_volumes: every attachment deleted, the
 * delete_on_termination volumes deleted. Best effort, as nova logs and goes on.
 */
export async function cleanupVolumes(e: Engine, inst: Pick<InstanceRecord, 'uuid' | 'userId' | 'projectId'>, opts: { deleteVolumes: boolean } = { deleteVolumes: true }): Promise<void> {
  const vctx = volumeContext(inst);
  for (const b of e.store.bdms.ofInstance(inst.uuid)) {
    if (b.destinationType !== 'volume' || !b.volumeId) continue;
    if (b.attachmentId) {
      const ok = await e.volumes.attachmentDelete(vctx, b.attachmentId).then(() => true, (err: unknown) => { e.log.warn({ err, volume: b.volumeId }, 'attachment delete failed'); return false; });
      if (ok) e.store.bdms.save(b.uuid, { attachmentId: null, connectionInfo: null }, e.now());
    }
    if (opts.deleteVolumes && b.deleteOnTermination) {
      await e.volumes.delete(vctx, b.volumeId).catch((err: unknown) => e.log.warn({ err, volume: b.volumeId }, 'volume delete failed'));
    }
  }
}

/** init_host's admin context towards Cinder: nova's service user, every project in view. */
const RECOVERY_CONTEXT = volumeContext({ userId: 'nova', projectId: 'service' });

/**
 * Recovery after a restart (workflows/recovery.ts), the volume rule: Cinder's attachments and
 * the servers' mappings are made to tell one story again, finishing or rolling back what a
 * crash interrupted, as the failing step's own cleanup would have:
 *  - a mapping whose attachment Cinder no longer has: a detach that deleted it (the API had
 *    acknowledged it): the mapping goes (a root mapping only forgets the attachment);
 *  - a volume the API began to detach ('detaching'): the detach is finished;
 *  - an attachment never completed (reserved/attaching): the attach is rolled back (attachment
 *    deleted; the mapping goes, or for a server that failed its build only forgets it);
 *  - an attachment of the server that no mapping names (a reserve or swap the crash cut short):
 *    deleted.
 * Only a server Cinder has an attachment for, or whose mappings name one, can need any of this:
 * one list of every attachment (grouped by server) and one query of the mappings find them, so
 * the work follows the volumes, not the number of servers (one Cinder call per server made a
 * restart on 100,000 servers take ~45 s). Servers are taken in the servers list's order.
 * Returns the uuids of the servers whose volumes changed.
 */
export async function reconcileVolumes(e: Engine): Promise<string[]> {
  const touched = new Set<string>();
  let all: AttachmentInfo[];
  try { all = await e.volumes.allAttachments(RECOVERY_CONTEXT); } catch (err) {
    e.log.warn({ err }, 'volume recovery: attachments not readable');
    return [];
  }
  const byInstance = new Map<string, AttachmentInfo[]>();
  for (const a of all) {
    if (a.instance === null) continue;
    const list = byInstance.get(a.instance);
    if (list) list.push(a); else byInstance.set(a.instance, [a]);
  }
  const servers: InstanceRecord[] = [];
  for (const uuid of new Set([...byInstance.keys(), ...e.store.bdms.instancesWithAttachments()])) {
    const inst = e.store.instances.get(uuid);
    if (inst && !inst.deleted) servers.push(inst);
  }
  // instances.list()'s order: created_at, then id, newest first
  servers.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  for (const inst of servers) {
    const vctx = volumeContext(inst);
    const attachments = byInstance.get(inst.uuid) ?? [];
    const byId = new Map(attachments.map((a) => [a.id, a]));
    const mapped = new Set<string>();
    for (const b of e.store.bdms.ofInstance(inst.uuid)) {
      if (b.destinationType !== 'volume' || !b.attachmentId) continue;
      const a = byId.get(b.attachmentId);
      const drop = () => {
        if (b.bootIndex === 0 || inst.vmState === 'error') e.store.bdms.save(b.uuid, { attachmentId: null, connectionInfo: null }, e.now());
        else e.store.bdms.destroy(b.uuid);
        touched.add(inst.uuid);
      };
      if (!a) { drop(); continue; }
      const volume = await e.volumes.get(vctx, a.volumeId).catch(() => null);
      if (a.status === 'attached' && volume?.status === 'detaching' && b.bootIndex !== 0) {
        await e.volumes.attachmentDelete(vctx, a.id);
        drop();
        continue;
      }
      if (a.status !== 'attached') {
        await e.volumes.attachmentDelete(vctx, a.id);
        drop();
        continue;
      }
      mapped.add(a.id);
    }
    for (const a of attachments) {
      if (mapped.has(a.id)) continue;
      await e.volumes.attachmentDelete(vctx, a.id);
      touched.add(inst.uuid);
    }
  }
  return [...touched];
}
