// A cloud started from SEED_FILE: its hosts, flavors, projects and users, and sign-in with its passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { login } from '../../helpers/identity.js';
import { sendRequest } from '../../helpers/api-transport.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true, authMode: 'keystone', seedFile: fileURLToPath(new URL('../../../examples/seed.yaml', import.meta.url)) }); });
afterAll(async () => { await t.close(); });

describe('SEED_FILE', () => {
  it('seeds hosts, flavors, projects and users from the file', async () => {
    const alice = await login(t.transport, 'alice', 'wonderland', { project: 'team-a' });
    expect(alice.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    const flavors = await t.app.inject({ method: 'GET', url: '/compute/v2.1/flavors', headers: { 'x-auth-token': alice.token } });
    expect(flavors.json().flavors.map((f: { name: string }) => f.name)).toEqual(['small', 'large']);
    const admin = await login(t.transport, 'admin', 'secret', { project: 'admin' });
    const hosts = await sendRequest(t.transport, 'GET', '/compute/v2.1/os-hypervisors', { token: admin.token });
    expect(hosts.body.hypervisors.map((h: { hypervisor_hostname: string }) => h.hypervisor_hostname).sort()).toEqual(['compute-a', 'compute-b']);
    const projects = (await sendRequest(t.transport, 'GET', '/identity/v3/projects', { token: admin.token })).body.projects;
    const teamA = projects.find((p: { name: string }) => p.name === 'team-a');
    expect(projects.find((p: { name: string }) => p.name === 'team-a-dev')).toMatchObject({ parent_id: teamA.id, tags: ['dev'] });
    // the default accounts are not there: the file replaced them
    expect(projects.map((p: { name: string }) => p.name)).not.toContain('demo');
  });

  it("seeds the images and the networks from the file, and a reset restores the file's cloud", async () => {
    const admin = (await login(t.transport, 'admin', 'secret', { project: 'admin' })).token;
    const seeded = async (token: string) => ({
      images: ((await sendRequest(t.transport, 'GET', '/image/v2/images', { token })).body.images as { name: string }[]).map((i) => i.name).sort(),
      networks: ((await sendRequest(t.transport, 'GET', '/networking/v2.0/networks', { token })).body.networks as { name: string }[]).map((n) => n.name).sort(),
      routers: ((await sendRequest(t.transport, 'GET', '/networking/v2.0/routers', { token })).body.routers as { name: string }[]).map((r) => r.name),
    });
    const want = { images: ['cirros-0.6.2', 'ubuntu-22.04'], networks: ['lab', 'public'], routers: ['lab-router'] };
    expect(await seeded(admin)).toEqual(want);
    const cirros = (await sendRequest(t.transport, 'GET', '/image/v2/images/6a3f2c44-7ef1-4b3a-9a55-3d1c8f2f0a11', { token: admin })).body;
    expect(cirros).toMatchObject({ disk_format: 'qcow2', min_disk: 1, hw_rng_model: 'virtio', status: 'active' });
    // a server boots from a seeded image on the seeded shared network
    const lab = (await sendRequest(t.transport, 'GET', '/networking/v2.0/networks?name=lab', { token: admin })).body.networks[0];
    const boot = await sendRequest(t.transport, 'POST', '/compute/v2.1/servers', { token: admin, body: { server: { name: 'vm', imageRef: cirros.id, flavorRef: '1', networks: [{ uuid: lab.id }] } } });
    expect(boot.status, boot.text).toBe(202);
    await t.services.compute.workflows.idle();
    const server = (await sendRequest(t.transport, 'GET', `/compute/v2.1/servers/${boot.body.server.id}`, { token: admin })).body.server;
    expect(server.status).toBe('ACTIVE');
    expect(server.addresses.lab[0].addr).toMatch(/^10\.10\.0\./);
    await sendRequest(t.transport, 'POST', '/networking/v2.0/networks', { token: admin, body: { network: { name: 'extra' } } });
    expect((await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': admin }, payload: {} })).statusCode).toBe(200);
    expect(await seeded((await login(t.transport, 'admin', 'secret', { project: 'admin' })).token)).toEqual(want);
  });
});
