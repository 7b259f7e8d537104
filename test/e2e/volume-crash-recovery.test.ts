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

const dir = mkdtempSync(join(tmpdir(), 'novamock-volume-crash-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function runToRest(api: ComputeClient): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await api.settle();
    const waiting = (await api.control('GET', '/progress')).body.waiting as string[];
    if (waiting.length === 0) return;
    await api.control('POST', '/progress', {});
  }
  throw new Error('workflows never came to rest');
}

describe('a crash in the middle of volume work', () => {
  let proc: CloudProcess;
  let api: ComputeClient;
  const cinder = (method: string, path: string, body?: unknown) => api.http(method, `/volume/v3/admin${path}`, body, { 'openstack-api-version': 'volume 3.70' });
  beforeAll(async () => {
    proc = new CloudProcess(join(dir, 'volumes.db'), await freePort(), { PROGRESSION: 'manual' });
    await proc.start();
    api = new ComputeClient(proc.baseUrl);
  }, 120_000);
  afterAll(async () => { await proc.stop('SIGKILL'); });

  async function newVolume(extra: Record<string, unknown> = {}): Promise<string> {
    const r = await cinder('POST', '/volumes', { volume: { size: 1, ...extra } });
    expect(r.status).toBe(202);
    for (let i = 0; i < 50 && (await cinder('GET', `/volumes/${r.body.volume.id}`)).body.volume.status === 'creating'; i++) await new Promise((res) => setTimeout(res, 20));
    return r.body.volume.id;
  }

  /** The server's mappings and Cinder agree: a volume is in-use exactly when the server maps it. */
  async function expectConsistent(serverId: string, volumeId: string): Promise<boolean> {
    const s = await api.getServer(serverId);
    expect(s['OS-EXT-STS:task_state']).toBeNull();
    const v = (await cinder('GET', `/volumes/${volumeId}`)).body.volume;
    const mapped = (s['os-extended-volumes:volumes_attached'] as { id: string }[]).some((a) => a.id === volumeId);
    const attachedTo = (v.attachments as { server_id: string }[]).map((a) => a.server_id);
    if (mapped && s.status !== 'ERROR') expect({ status: v.status, attachedTo }).toEqual({ status: 'in-use', attachedTo: [serverId] });
    else if (!mapped) expect({ status: v.status, attachedTo }).toEqual({ status: 'available', attachedTo: [] });
    expect(await api.audit()).toEqual([]);
    return mapped;
  }

  async function crashAndRestart(): Promise<void> {
    await proc.stop('SIGKILL');
    await proc.start();
    await runToRest(api);
  }

  test('attach: killed before the attachment was completed, the attach is rolled back; detach: killed before the mapping went, the detach is finished', async () => {
    const s = await api.createServer({ waitFor: null });
    await runToRest(api);
    const v = await newVolume();
    expect((await api.compute('POST', `/servers/${s.id}/os-volume_attachments`, { volumeAttachment: { volumeId: v } })).status).toBe(200);
    await api.settle();
    // the compute connected the attachment and waits before completing it
    expect((await api.control('GET', '/progress')).body.waiting).toContain('attach_volume:attachment_complete');
    await crashAndRestart();
    expect(await expectConsistent(s.id, v)).toBe(false);

    // attach again, to the end, then detach and crash between Cinder's delete and the mapping
    expect((await api.compute('POST', `/servers/${s.id}/os-volume_attachments`, { volumeAttachment: { volumeId: v } })).status).toBe(200);
    await runToRest(api);
    expect(await expectConsistent(s.id, v)).toBe(true);
    expect((await api.compute('DELETE', `/servers/${s.id}/os-volume_attachments/${v}`)).status).toBe(202);
    await api.settle();
    expect((await api.control('GET', '/progress')).body.waiting).toContain('detach_volume:destroy_mapping');
    await crashAndRestart();
    expect(await expectConsistent(s.id, v)).toBe(false);
  }, 180_000);

  test('boot from volume: killed while the build connects the volume, the server errors out with its volume released', async () => {
    const v = await newVolume({ imageRef: IMAGE });
    const r = await api.compute('POST', '/servers', { server: { name: 'bfv', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{ boot_index: 0, uuid: v, source_type: 'volume', destination_type: 'volume' }] } });
    expect(r.status).toBe(202);
    for (let i = 0; i < 40; i++) {
      await api.settle();
      const waiting = (await api.control('GET', '/progress')).body.waiting as string[];
      if (waiting.some((w) => w === 'build:attachment_complete')) break;
      await api.control('POST', '/progress', { steps: 1 });
    }
    expect((await cinder('GET', `/volumes/${v}`)).body.volume.status).toBe('attaching');
    await crashAndRestart();
    const s = await api.getServer(r.body.server.id);
    expect(s.status).toBe('ERROR');
    await expectConsistent(s.id, v);
    expect((await cinder('GET', `/volumes/${v}`)).body.volume.status).toBe('available');
    // deleting the server leaves the volume available and the cloud clean
    expect((await api.compute('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await runToRest(api);
    expect((await cinder('GET', `/volumes/${v}`)).body.volume).toMatchObject({ status: 'available', attachments: [] });
    expect(await api.audit()).toEqual([]);
  }, 180_000);
});
