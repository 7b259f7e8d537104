// Restarts and crashes of the real server process on a database file (PROGRESSION=manual, so a
// kill lands after a chosen workflow step): a reopened file is the same cloud, and recovery ends
// every server where Nova would put it (src/workflows/recovery.ts), with the audit empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CloudProcess, freePort } from '../helpers/cloud-process.js';
import { ComputeClient } from '../helpers/compute.js';
import { MockControl } from '../helpers/mock-control.js';
import { PlacementClient } from '../helpers/placement.js';
import { httpTransport } from '../helpers/api-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'novamock-crash-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

// Each kill is a process start (about 1 s here): `npm test` kills after the steps where the outcome
// changes; CRASH_SWEEP=full kills after every step of every flow.
const FULL = process.env.CRASH_SWEEP === 'full';
const steps = (all: number, chosen: number[]) => (FULL ? [...Array(all + 1).keys()] : chosen);

// the control plane and Placement of the process the current describe started
let control: MockControl;
let placement: PlacementClient;

const TRANSIENT_MIGRATION = new Set(['pre-migrating', 'migrating', 'post-migrating', 'confirming', 'reverting']);

/** No server in a transient state, no move left half-done, and nothing for the audit. */
async function expectAtRest(api: ComputeClient): Promise<void> {
  const servers = (await api.call('GET', '/servers/detail?all_tenants=1')).body.servers as any[];
  for (const s of servers) {
    expect({ id: s.id, task: s['OS-EXT-STS:task_state'] }).toEqual({ id: s.id, task: null });
    expect(['ACTIVE', 'SHUTOFF', 'ERROR', 'VERIFY_RESIZE', 'PAUSED', 'SUSPENDED']).toContain(s.status);
  }
  const byId = new Map(servers.map((s) => [s.id, s]));
  for (const m of (await api.call('GET', '/os-migrations')).body.migrations as any[]) {
    expect(TRANSIENT_MIGRATION.has(m.status), `migration ${m.uuid} left ${m.status}`).toBe(false);
    if (m.status === 'finished') expect(byId.get(m.instance_uuid)?.status).toBe('VERIFY_RESIZE');
  }
  expect(await control.audit()).toEqual([]);
}

describe('a file database across restarts', () => {
  let proc: CloudProcess;
  let api: ComputeClient;
  beforeAll(async () => {
    proc = new CloudProcess(join(dir, 'cloud.db'), await freePort());
    await proc.start();
    const transport = httpTransport(proc.baseUrl);
    api = new ComputeClient(transport, { version: '2.93' });
    control = new MockControl(transport);
    placement = new PlacementClient(transport, '/placement', { version: '1.28', providerOf: (h) => control.providerOf(h) });
  }, 120_000);
  afterAll(async () => { await proc.stop('SIGKILL'); });

  /** Everything a user can see of the cloud, in a comparable form. */
  async function snapshot(): Promise<Record<string, unknown>> {
    const servers = (await api.call('GET', '/servers/detail?all_tenants=1')).body.servers as any[];
    const actions: Record<string, unknown> = {};
    for (const s of servers) actions[s.id] = (await api.call('GET', `/servers/${s.id}/os-instance-actions`)).body;
    const allocations: Record<string, unknown> = {};
    for (const s of servers) allocations[s.id] = await placement.allocations(s.id);
    return {
      hosts: (await control.call('GET', '/hosts')).body,
      faults: (await control.call('GET', '/faults')).body,
      flavors: (await api.call('GET', '/flavors/detail?is_public=None')).body,
      keypairs: (await api.call('GET', '/os-keypairs')).body,
      services: (await api.call('GET', '/os-services')).body,
      hypervisors: (await api.call('GET', '/os-hypervisors/detail')).body,
      servers, actions, allocations,
      migrations: (await api.call('GET', '/os-migrations')).body,
      providers: (await placement.call('GET', '/resource_providers')).body,
      progression: (await control.call('GET', '/progress')).body,
    };
  }

  test('SIGTERM and SIGKILL: the reopened file is the same cloud (no seed over it)', async () => {
    expect((await control.call('POST', '/hosts', { name: 'big1', driver: 'FakeDriver', traits: ['CUSTOM_GOLD'] })).status).toBe(201);
    await control.addFault({ operation: 'reboot', host: 'host2', times: 2, error: { type: 'TestingException', message: 'kept' } });
    expect((await api.call('POST', '/flavors', { body: { flavor: { name: 'custom', id: 'c1', ram: 256, vcpus: 1, disk: 1 } } })).status).toBe(200);
    expect((await api.call('POST', '/os-keypairs', { body: { keypair: { name: 'k1', public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBk6DcmRZnwQ4ZAjJ8G2P6GSYBgpTsH/g9ULr8/ZzTFm test@x' } } })).status).toBe(201);
    const a = await api.createServer({ name: 'a', waitFor: null });
    await control.runToRest();
    const b = await api.createServer({ name: 'b', flavorRef: 'c1', waitFor: null });
    await control.runToRest();
    expect((await api.action(b.id, { resize: { flavorRef: '1' } })).status).toBe(202);
    await control.runToRest();
    expect((await api.getServer(a.id)).status).toBe('ACTIVE');
    expect((await api.getServer(b.id)).status).toBe('VERIFY_RESIZE');
    const before = await snapshot();

    expect(await proc.stop('SIGTERM')).toBe(0);
    await proc.start();
    expect(await snapshot()).toEqual(before);

    await proc.stop('SIGKILL');
    await proc.start();
    expect(await snapshot()).toEqual(before);
    await expectAtRest(api);
    // the fault plan came back with what it has left to fire
    expect((await control.call('GET', '/faults')).body.faults).toMatchObject([{ id: '1', times: 2, fired: 0, error: { message: 'kept' } }]);
    // and the cloud works on: confirm the resize, delete both
    expect((await api.action(b.id, { confirmResize: null })).status).toBe(204);
    for (const s of [a, b]) expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await control.runToRest();
    await expectAtRest(api);
  }, 120_000);
});

describe('SIGKILL after a chosen step, then recovery on start', () => {
  let proc: CloudProcess;
  let api: ComputeClient;
  beforeAll(async () => {
    proc = new CloudProcess(join(dir, 'crash.db'), await freePort(), { PROGRESSION: 'manual' });
    await proc.start();
    const transport = httpTransport(proc.baseUrl);
    api = new ComputeClient(transport, { version: '2.93' });
    control = new MockControl(transport);
    placement = new PlacementClient(transport, '/placement', { version: '1.28', providerOf: (h) => control.providerOf(h) });
  }, 120_000);
  afterAll(async () => { await proc.stop('SIGKILL'); });

  async function crashAndRestart(): Promise<void> {
    await proc.stop('SIGKILL');
    await proc.start();
    await expectAtRest(api);
  }

  async function activeServer(): Promise<string> {
    const s = await api.createServer({ waitFor: null });
    await control.runToRest();
    expect((await api.getServer(s.id)).status).toBe('ACTIVE');
    return s.id;
  }

  async function resizedServer(): Promise<string> {
    const id = await activeServer();
    expect((await api.action(id, { resize: { flavorRef: '2' } })).status).toBe(202);
    await control.runToRest();
    expect((await api.getServer(id)).status).toBe('VERIFY_RESIZE');
    return id;
  }

  /** The server still takes requests after recovery; then it goes, so the hosts stay roomy. */
  async function expectUsableThenDelete(id: string): Promise<void> {
    const s = await api.getServer(id);
    if (s.status === 'ACTIVE') {
      expect((await api.action(id, { 'os-stop': null })).status).toBe(202);
      await control.runToRest();
      expect((await api.getServer(id)).status).toBe('SHUTOFF');
    } else if (s.status === 'VERIFY_RESIZE') {
      expect((await api.action(id, { confirmResize: null })).status).toBe(204);
      await control.runToRest();
      expect((await api.getServer(id)).status).toBe('ACTIVE');
    }
    expect((await api.call('DELETE', `/servers/${id}`)).status).toBe(204);
    await control.runToRest();
    expect((await api.call('GET', `/servers/${id}`)).status).toBe(404);
    await expectAtRest(api);
  }

  test.each(steps(8, [0, 1, 6, 8]))('build, killed after %i steps: ERROR (or ACTIVE when it had finished)', async (steps) => {
    const s = await api.createServer({ waitFor: null });
    await control.advance(steps);
    await crashAndRestart();
    const after = await api.getServer(s.id);
    expect(after.status).toBe(steps >= 8 ? 'ACTIVE' : 'ERROR');
    await expectUsableThenDelete(s.id);
  }, 60_000);

  // 0: resize_prep only; 1-3 conductor; 4-7 prep_resize (dest claim); 8-12 resize_instance
  // (resize_migrating at 9, the guest leaves at 12); 13-16 finish_resize
  test.each(steps(16, [0, 3, 7, 10, 12, 14, 16]))('resize, killed after %i steps: back at the source, ERROR at the dest, or VERIFY_RESIZE', async (steps) => {
    const id = await activeServer();
    const source = (await api.getServer(id))['OS-EXT-SRV-ATTR:host'];
    expect((await api.action(id, { resize: { flavorRef: '2' } })).status).toBe(202);
    await control.advance(steps);
    await crashAndRestart();
    const s = await api.getServer(id);
    const [m] = await api.migrations(id);
    if (s.status === 'ACTIVE') {
      // the guest never left the source: old flavor, allocations back on the source
      expect(s['OS-EXT-SRV-ATTR:host']).toBe(source);
      expect(s.flavor.original_name).toBe('m1.tiny');
      if (m) expect(m.status).toBe('error');
    } else if (s.status === 'ERROR') {
      // the guest had left the source: a failed finish_resize at the dest
      expect(s['OS-EXT-SRV-ATTR:host']).not.toBe(source);
      expect(m.status).toBe('error');
    } else {
      expect(s.status).toBe('VERIFY_RESIZE');
      expect(m.status).toBe('finished');
    }
    await expectUsableThenDelete(id);
  }, 60_000);

  test.each(steps(3, [0, 2]))('confirm, killed after %i steps: the acknowledged confirm is finished', async (steps) => {
    const id = await resizedServer();
    expect((await api.action(id, { confirmResize: null })).status).toBe(204);
    await control.advance(steps);
    await crashAndRestart();
    expect((await api.getServer(id)).status).toBe('ACTIVE');
    expect((await api.migrations(id))[0].status).toBe('confirmed');
    await expectUsableThenDelete(id);
  }, 60_000);

  test.each(steps(7, [0, 2, 5]))('revert, killed after %i steps: the acknowledged revert is finished', async (steps) => {
    const id = await resizedServer();
    const source = (await api.migrations(id))[0].source_compute;
    expect((await api.action(id, { revertResize: null })).status).toBe(202);
    await control.advance(steps);
    await crashAndRestart();
    const s = await api.getServer(id);
    expect(s.status).toBe('ACTIVE');
    expect(s['OS-EXT-SRV-ATTR:host']).toBe(source);
    expect(s.flavor.original_name).toBe('m1.tiny');
    expect((await api.migrations(id))[0].status).toBe('reverted');
    await expectUsableThenDelete(id);
  }, 60_000);

  test.each(steps(3, [0, 2]))('delete, killed after %i steps: an acknowledged DELETE is never lost', async (steps) => {
    const id = await activeServer();
    expect((await api.call('DELETE', `/servers/${id}`)).status).toBe(204);
    await control.advance(steps);
    await crashAndRestart();
    expect((await api.call('GET', `/servers/${id}`)).status).toBe(404);
  }, 60_000);

  test.each(FULL ? [[2, 0], [5, 0], [9, 1], [13, 0], [15, 2]] : [[5, 0], [13, 0]])('delete during a resize (resize %i steps, then %i), killed: the server is gone', async (resizeSteps, afterSteps) => {
    const id = await activeServer();
    expect((await api.action(id, { resize: { flavorRef: '2' } })).status).toBe(202);
    await control.advance(resizeSteps);
    expect((await api.call('DELETE', `/servers/${id}`)).status).toBe(204);
    await control.advance(afterSteps);
    await crashAndRestart();
    expect((await api.call('GET', `/servers/${id}`)).status).toBe(404);
    expect(await placement.allocations(id)).toEqual({});
  }, 60_000);

  test.each([
    ['os-stop', 0, 'SHUTOFF'], ['reboot', 0, 'ACTIVE'], ['reboot', 2, 'ACTIVE'],
    ['suspend', 0, 'SUSPENDED'], ['pause', 0, 'ACTIVE'],
  ] as const)('%s, killed after %i steps: %s', async (action, steps, status) => {
    const id = await activeServer();
    const body = action === 'reboot' ? { reboot: { type: 'SOFT' } } : { [action]: null };
    expect((await api.action(id, body)).status).toBe(202);
    await control.advance(steps);
    await crashAndRestart();
    expect((await api.getServer(id)).status).toBe(status);
    expect((await api.call('DELETE', `/servers/${id}`)).status).toBe(204);
    await control.runToRest();
    await expectAtRest(api);
  }, 60_000);

  test('os-start, killed before it ran: the server is started again', async () => {
    const id = await activeServer();
    expect((await api.action(id, { 'os-stop': null })).status).toBe(202);
    await control.runToRest();
    expect((await api.action(id, { 'os-start': null })).status).toBe(202);
    await crashAndRestart();
    expect((await api.getServer(id)).status).toBe('ACTIVE');
    await expectUsableThenDelete(id);
  }, 60_000);
});
