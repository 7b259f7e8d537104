// The resize flows with compute talking to the REAL openstack/placement 8.0.0 over HTTP
// (PLACEMENT_URL). Uses REAL_PLACEMENT_URL when given (scripts/e2e-real-placement.sh starts the
// oracle), otherwise starts the oracle itself on REAL_PLACEMENT_PORT (default: a free port). Skips only
// when the oracle's Debian packages (python3-placement, uwsgi) are not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ComputeClient, SMALL, TINY, ZERO } from '../helpers/compute.js';
import { startCloud, type Cloud } from '../helpers/app.js';
import { MockControl } from '../helpers/mock-control.js';
import { PlacementClient } from '../helpers/placement.js';
import { httpTransport } from '../helpers/api-transport.js';

const ORACLE = '/work/shared/conformance/placement';
const given = process.env.REAL_PLACEMENT_URL ?? null;
let oracleEnv: NodeJS.ProcessEnv = {};

/** A port nobody listens on right now (so parallel suites do not share an oracle). */
function freePort(): Promise<string> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(String(typeof a === 'object' && a ? a.port : 0)));
    });
  });
}
const installed = existsSync(`${ORACLE}/start-real-placement.sh`)
  && spawnSync('/usr/bin/python3', ['-c', 'import placement'], { stdio: 'ignore' }).status === 0
  && (existsSync('/usr/bin/uwsgi') || existsSync('/usr/bin/uwsgi-core'));
const runnable = given !== null || installed;
if (!runnable) {
  console.warn('real-placement e2e SKIPPED: python3-placement/uwsgi are not installed (apt-get install python3-placement uwsgi-core uwsgi-plugin-python3), and REAL_PLACEMENT_URL is not set');
}

describe.skipIf(!runnable)('resize flows against the real Placement 8.0.0', () => {
  let url: string;
  let cloud: Cloud;
  let api: ComputeClient;
  let control: MockControl;
  let placement: PlacementClient;
  beforeAll(async () => {
    if (given) url = given;
    else {
      const port = process.env.REAL_PLACEMENT_PORT ?? (await freePort());
      oracleEnv = { ...process.env, PLACEMENT_PORT: port, PLACEMENT_STATE_DIR: `/tmp/placement-oracle-e2e-${port}` };
      execFileSync(`${ORACLE}/start-real-placement.sh`, [], { env: oracleEnv, stdio: 'ignore', timeout: 60_000 });
      url = `http://127.0.0.1:${oracleEnv.PLACEMENT_PORT}`;
    }
    cloud = await startCloud({ placementUrl: url });
    api = new ComputeClient(cloud.transport, { version: '2.93' });
    control = new MockControl(cloud.transport);
    // allocations and usages read from the real Placement itself
    placement = new PlacementClient(httpTransport(url), '', { version: '1.28', providerOf: (h) => control.providerOf(h) });
  }, 90_000);
  afterAll(async () => {
    await cloud?.close();
    if (!given && oracleEnv.PLACEMENT_STATE_DIR) {
      execFileSync(`${ORACLE}/stop-real-placement.sh`, [], { env: oracleEnv, stdio: 'ignore' });
      rmSync(oracleEnv.PLACEMENT_STATE_DIR, { recursive: true, force: true });
    }
  });

  test('hosts are reported with nova\'s inventory and traits', async () => {
    const rp = await control.providerOf('host1');
    const inv = (await placement.call('GET', `/resource_providers/${rp}/inventories`)).body.inventories;
    expect(inv).toEqual({
      VCPU: { total: 10, reserved: 0, min_unit: 1, max_unit: 10, step_size: 1, allocation_ratio: 16 },
      MEMORY_MB: { total: 8192, reserved: 512, min_unit: 1, max_unit: 8192, step_size: 1, allocation_ratio: 1.5 },
      DISK_GB: { total: 1028, reserved: 0, min_unit: 1, max_unit: 1028, step_size: 1, allocation_ratio: 1 },
    });
    expect((await placement.call('GET', `/resource_providers/${rp}/traits`, { version: '1.6' })).body.traits).toContain('COMPUTE_NODE');
  });

  test('resize + confirm', async () => {
    const s = await api.createServer({ host: 'host1' });
    await placement.expectAllocationsMatchFlavor(s.id, 'host1', TINY.resources);
    await api.resizeServer(s.id, SMALL.id);
    const [m] = await api.migrations(s.id);
    await placement.expectAllocationsMatchFlavor(m.uuid, 'host1', TINY.resources);
    await placement.expectAllocationsMatchFlavor(s.id, 'host2', SMALL.resources);
    expect((await api.action(s.id, { confirmResize: null })).status).toBe(204);
    await api.waitForMigrationStatus(s.id, 'confirmed');
    await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(await placement.usages('host1')).toEqual(ZERO);
    await placement.expectAllocationsMatchFlavor(s.id, 'host2', SMALL.resources);
    expect(await control.audit()).toEqual([]);
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await api.waitForServerGone(s.id);
  });

  test('resize + revert', async () => {
    const s = await api.createServer({ host: 'host1' });
    await api.resizeServer(s.id, SMALL.id);
    expect((await api.action(s.id, { revertResize: null })).status).toBe(202);
    await api.waitForMigrationStatus(s.id, 'reverted');
    const after = await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host1');
    await placement.expectAllocationsMatchFlavor(s.id, 'host1', TINY.resources);
    expect(await placement.usages('host2')).toEqual(ZERO);
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await api.waitForServerGone(s.id);
  });

  test('bug 1825537: dest holds the new flavor, source empty, delete frees all', async () => {
    const s = await api.createServer({ host: 'host1' });
    const fault = await control.addFault({ operation: 'finish_migration', host: 'host2', error: { type: 'VirtualInterfaceCreateException' } });
    expect((await api.action(s.id, { resize: { flavorRef: SMALL.id } })).status).toBe(202);
    await api.waitForMigrationStatus(s.id, 'error');
    const after = await api.waitForServerStatus(s.id, 'ERROR');
    expect(after['OS-EXT-SRV-ATTR:host']).toBe('host2');
    expect(after.fault.message).toContain('Virtual Interface creation failed');
    await placement.expectAllocationsMatchFlavor(s.id, 'host2', SMALL.resources);
    expect(await placement.usages('host1')).toEqual(ZERO);
    expect(await control.audit()).toEqual([]);
    await control.call('DELETE', `/faults/${fault.id}`);
    expect((await api.call('DELETE', `/servers/${s.id}`)).status).toBe(204);
    await api.waitForServerGone(s.id);
    expect(await placement.usages('host2')).toEqual(ZERO);
  });

  test('cold migrate + confirm, and a reset clears the real Placement', async () => {
    const s = await api.createServer({ host: 'host1' });
    expect((await api.action(s.id, { migrate: null })).status).toBe(202);
    await api.waitForServerStatus(s.id, 'VERIFY_RESIZE');
    await placement.expectAllocationsMatchFlavor(s.id, 'host2', TINY.resources);
    expect((await api.action(s.id, { confirmResize: null })).status).toBe(204);
    await api.waitForServerStatus(s.id, 'ACTIVE');
    expect(await placement.usages('host1')).toEqual(ZERO);
    const reset = await control.call('POST', '/reset', {});
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    const rps = (await placement.call('GET', '/resource_providers')).body.resource_providers;
    expect(rps.map((r: any) => r.name).sort()).toEqual(['host1', 'host2']);
    for (const r of rps) expect((await placement.call('GET', `/resource_providers/${r.uuid}/usages`)).body.usages).toEqual(ZERO);
  });
});
