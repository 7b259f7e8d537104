// A crash (SIGKILL of the real process on a database file, PROGRESSION=manual so the kill lands
// after a chosen step) between Cinder's attachment and the server's mapping update: on start,
// recovery's volume rule (workflows/volumes.ts reconcileVolumes) leaves volume status, Cinder's
// attachments and the server's mappings consistent, and the audit empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CloudProcess, freePort } from '../helpers/cloud-process.js';
import { ComputeClient, IMAGE } from '../helpers/compute.js';
import { MockControl } from '../helpers/mock-control.js';
import { BlockStorageClient } from '../helpers/block-storage.js';
import { httpTransport } from '../helpers/api-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'novamock-volume-crash-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('a crash in the middle of volume work', () => {
  let proc: CloudProcess;
  let api: ComputeClient;
  let control: MockControl;
  let volumes: BlockStorageClient;
  beforeAll(async () => {
    proc = new CloudProcess(join(dir, 'volumes.db'), await freePort(), { PROGRESSION: 'manual' });
    await proc.start();
    const transport = httpTransport(proc.baseUrl);
    api = new ComputeClient(transport, { version: '2.93' });
    control = new MockControl(transport);
    volumes = new BlockStorageClient(transport);
  }, 120_000);
  afterAll(async () => { await proc.stop('SIGKILL'); });

  async function newVolume(extra: Record<string, unknown> = {}): Promise<string> {
    return (await volumes.createVolume(extra)).id;
  }

  /** The server's mappings and Cinder agree: a volume is in-use exactly when the server maps it. */
  async function expectConsistent(serverId: string, volumeId: string): Promise<boolean> {
    const s = await api.getServer(serverId);
    expect(s['OS-EXT-STS:task_state']).toBeNull();
    const v = await volumes.getVolume(volumeId);
    const mapped = (s['os-extended-volumes:volumes_attached'] as { id: string }[]).some((a) => a.id === volumeId);
    const attachedTo = (v.attachments as { server_id: string }[]).map((a) => a.server_id);
    if (mapped && s.status !== 'ERROR') expect({ status: v.status, attachedTo }).toEqual({ status: 'in-use', attachedTo: [serverId] });
    else if (!mapped) expect({ status: v.status, attachedTo }).toEqual({ status: 'available', attachedTo: [] });
    expect(await control.audit()).toEqual([]);
    return mapped;
  }

  async function crashAndRestart(): Promise<void> {
    await proc.stop('SIGKILL');
    await proc.start();
    await control.runToRest();
  }

  test('attach: killed before the attachment was completed, the attach is rolled back; detach: killed before the mapping went, the detach is finished', async () => {
    const s = await api.createServer({ waitFor: null });
    await control.runToRest();
    const v = await newVolume();
    expect((await api.call('POST', `/servers/${s.id}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v } } })).status).toBe(200);
    await api.settle();
    // the compute connected the attachment and waits before completing it
    expect((await control.call('GET', '/progress')).body.waiting).toContain('attach_volume:attachment_complete');
    await crashAndRestart();
    expect(await expectConsistent(s.id, v)).toBe(false);

    // attach again, to the end, then detach and crash between Cinder's delete and the mapping
    expect((await api.call('POST', `/servers/${s.id}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v } } })).status).toBe(200);
    await control.runToRest();
    expect(await expectConsistent(s.id, v)).toBe(true);
    expect((await api.call('DELETE', `/servers/${s.id}/os-volume_attachments/${v}`)).status).toBe(202);
    await api.settle();
    expect((await control.call('GET', '/progress')).body.waiting).toContain('detach_volume:destroy_mapping');
    await crashAndRestart();
    expect(await expectConsistent(s.id, v)).toBe(false);
  }, 180_000);

  test('boot from volume: killed while the build connects the volume, the server errors out with its volume released', async () => {
    const v = await newVolume({ imageRef: IMAGE });
    const r = await api.call('POST', '/servers', { body: { server: { name: 'bfv', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] } } });
    expect(r.status).toBe(202);
    for (let i = 0; i < 40; i++) {
      await api.settle();
      const waiting = (await control.call('GET', '/progress')).body.waiting as string[];
      if (waiting.some((w) => w === 'build:attachment_complete')) break;
      await control.call('POST', '/progress', { steps: 1 });
    }
    expect((await volumes.getVolume(v)).status).toBe('attaching');
    await crashAndRestart();
    const s = await api.getServer(r.body.server.id);
    expect(s.status).toBe('ERROR');
    await expectConsistent(s.id, v);
    expect((await volumes.getVolume(v)).status).toBe('available');
    // deleting the server leaves the volume available and the cloud clean
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await control.runToRest();
    expect(await volumes.getVolume(v)).toMatchObject({ status: 'available', attachments: [] });
    expect(await control.audit()).toEqual([]);
  }, 180_000);
});
