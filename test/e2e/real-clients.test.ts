// Real OpenStack clients against novamock over loopback: the openstack CLI (python3-openstackclient)
// and openstacksdk log in through the identity shim, find the endpoints in its catalog and drive
// a server through create, resize, confirm and delete. CI installs the Debian clients
// (.ci/run); on a machine without them these tests are skipped and say so.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloud, type Cloud } from '../helpers/app.js';

const run = promisify(execFile);
const OPENSTACK = '/usr/bin/openstack';
const PYTHON = '/usr/bin/python3';
const hasCli = existsSync(OPENSTACK);
const hasSdk = existsSync(PYTHON) && (await run(PYTHON, ['-c', 'import openstack']).then(() => true, () => false));
if (!hasCli || !hasSdk) console.warn('real-clients: python3-openstackclient / python3-openstacksdk not installed; skipping (CI installs them)');

let cloud: Cloud;
beforeAll(async () => { cloud = await startCloud(); });
afterAll(async () => { await cloud?.close(); });

function clientEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? '/tmp',
    OS_AUTH_URL: `${cloud.baseUrl}/identity/v3`,
    OS_USERNAME: 'admin', OS_PASSWORD: 'secret', OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default', OS_IDENTITY_API_VERSION: '3',
    OS_COMPUTE_API_VERSION: '2.90',
  };
}

async function openstack(...args: string[]): Promise<any> {
  const { stdout } = await run(OPENSTACK, [...args, '-f', 'json'], { env: clientEnv(), timeout: 60_000 });
  return stdout.trim() ? JSON.parse(stdout) : null;
}

/** The CLI's own --wait polls every 5 s; polling `server show` keeps the test short. */
async function waitForStatus(name: string, status: string): Promise<any> {
  for (let i = 0; i < 40; i++) {
    const shown = await openstack('server', 'show', name);
    if (shown.status === status) return shown;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} never reached ${status}`);
}

describe.skipIf(!hasCli)('openstack CLI', () => {
  it('lists the seeded flavors and hypervisors', async () => {
    const flavors = await openstack('flavor', 'list');
    expect(flavors.map((f: { Name: string }) => f.Name)).toEqual(['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge', 'm1.tiny.specs']);
    const hypervisors = await openstack('hypervisor', 'list');
    expect(hypervisors.map((h: { 'Hypervisor Hostname': string }) => h['Hypervisor Hostname']).sort()).toEqual(['host1', 'host2']);
  }, 60_000);

  it('creates, resizes, confirms and deletes a server; placement shows the allocation move', async () => {
    await openstack('server', 'create', '--flavor', 'm1.tiny', '--image', 'fakeimage7', '--nic', 'none', 'cli-vm');
    const created = await waitForStatus('cli-vm', 'ACTIVE');
    const source = created['OS-EXT-SRV-ATTR:host'];
    await run(OPENSTACK, ['server', 'resize', '--flavor', 'm1.small', 'cli-vm'], { env: clientEnv(), timeout: 60_000 });
    await waitForStatus('cli-vm', 'VERIFY_RESIZE');
    await run(OPENSTACK, ['server', 'resize', 'confirm', 'cli-vm'], { env: clientEnv(), timeout: 60_000 });
    const shown = await waitForStatus('cli-vm', 'ACTIVE');
    expect(shown['OS-EXT-SRV-ATTR:host']).not.toBe(source);
    const migrations = await openstack('server', 'migration', 'list');
    expect(migrations).toHaveLength(1);
    expect(migrations[0]).toMatchObject({ Status: 'confirmed', Type: 'resize', 'Source Compute': source });
    const providers = await openstack('--os-placement-api-version', '1.39', 'resource', 'provider', 'list');
    const dest = providers.find((p: { name: string }) => p.name === shown['OS-EXT-SRV-ATTR:host']);
    const usages = await openstack('--os-placement-api-version', '1.39', 'resource', 'provider', 'usage', 'show', dest.uuid);
    expect(Object.fromEntries(usages.map((u: { resource_class: string; usage: number }) => [u.resource_class, u.usage])))
      .toEqual({ VCPU: 1, MEMORY_MB: 2048, DISK_GB: 20 });
    await run(OPENSTACK, ['server', 'delete', 'cli-vm'], { env: clientEnv(), timeout: 60_000 });
    for (let i = 0; i < 40 && (await openstack('server', 'list')).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await openstack('server', 'list')).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasSdk)('openstacksdk', () => {
  it('boots a server and reads it back through the catalog', async () => {
    const script = `
import json, openstack
conn = openstack.connect(auth_url=${JSON.stringify(`${cloud.baseUrl}/identity/v3`)}, username='demo', password='secret',
    project_name='demo', user_domain_name='Default', project_domain_name='Default', compute_api_version='2.90')
flavor = conn.compute.find_flavor('m1.small')
server = conn.compute.create_server(name='sdk-vm', flavor_id=flavor.id, image_id='155d900f-4e14-4e4c-a73d-069cbf4541e6', networks='none')
server = conn.compute.wait_for_server(server, status='ACTIVE', interval=0.1, wait=30)
print(json.dumps({'status': server.status, 'project': server.project_id, 'flavor': server.flavor.name,
                  'names': [s.name for s in conn.compute.servers()]}))
`;
    const { stdout } = await run(PYTHON, ['-c', script], { env: clientEnv(), timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ status: 'ACTIVE', project: 'demo', flavor: 'm1.small', names: ['sdk-vm'] });
  }, 90_000);
});
