// A cloud started from SEED_FILE: its hosts, flavors, projects and users, and sign-in with its passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, login } from '../helpers/identity.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true, authMode: 'keystone', seedFile: fileURLToPath(new URL('../../examples/seed.yaml', import.meta.url)) }); });
afterAll(async () => { await t.close(); });

describe('SEED_FILE', () => {
  it('seeds hosts, flavors, projects and users from the file', async () => {
    const alice = await login(t.app, 'alice', 'wonderland', { project: 'team-a' });
    expect(alice.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    const flavors = await t.app.inject({ method: 'GET', url: '/compute/v2.1/flavors', headers: { 'x-auth-token': alice.token } });
    expect(flavors.json().flavors.map((f: { name: string }) => f.name)).toEqual(['small', 'large']);
    const admin = await login(t.app, 'admin', 'secret', { project: 'admin' });
    const hosts = await call(t.app, admin.token, 'GET', '/compute/v2.1/os-hypervisors');
    expect(hosts.json().hypervisors.map((h: { hypervisor_hostname: string }) => h.hypervisor_hostname).sort()).toEqual(['compute-a', 'compute-b']);
    const projects = (await call(t.app, admin.token, 'GET', '/identity/v3/projects')).json().projects;
    const teamA = projects.find((p: { name: string }) => p.name === 'team-a');
    expect(projects.find((p: { name: string }) => p.name === 'team-a-dev')).toMatchObject({ parent_id: teamA.id, tags: ['dev'] });
    // the default accounts are not there: the file replaced them
    expect(projects.map((p: { name: string }) => p.name)).not.toContain('demo');
  });

  it("seeds the images and the networks from the file, and a reset restores the file's cloud", async () => {
    const admin = (await login(t.app, 'admin', 'secret', { project: 'admin' })).token;
    const seeded = async (token: string) => ({
      images: ((await call(t.app, token, 'GET', '/image/v2/images')).json().images as { name: string }[]).map((i) => i.name).sort(),
      networks: ((await call(t.app, token, 'GET', '/networking/v2.0/networks')).json().networks as { name: string }[]).map((n) => n.name).sort(),
      routers: ((await call(t.app, token, 'GET', '/networking/v2.0/routers')).json().routers as { name: string }[]).map((r) => r.name),
    });
    const want = { images: ['cirros-0.6.2', 'ubuntu-22.04'], networks: ['lab', 'public'], routers: ['lab-router'] };
    expect(await seeded(admin)).toEqual(want);
    const cirros = (await call(t.app, admin, 'GET', '/image/v2/images/6a3f2c44-7ef1-4b3a-9a55-3d1c8f2f0a11')).json();
    expect(cirros).toMatchObject({ disk_format: 'qcow2', min_disk: 1, hw_rng_model: 'virtio', status: 'active' });
    // a server boots from a seeded image on the seeded shared network
    const lab = (await call(t.app, admin, 'GET', '/networking/v2.0/networks?name=lab')).json().networks[0];
    const boot = await call(t.app, admin, 'POST', '/compute/v2.1/servers', { server: { name: 'vm', imageRef: cirros.id, flavorRef: '1', networks: [{ uuid: lab.id }] } });
    expect(boot.statusCode, boot.body).toBe(202);
    await t.services.compute.workflows.idle();
    const server = (await call(t.app, admin, 'GET', `/compute/v2.1/servers/${boot.json().server.id}`)).json().server;
    expect(server.status).toBe('ACTIVE');
    expect(server.addresses.lab[0].addr).toMatch(/^10\.10\.0\./);
    await call(t.app, admin, 'POST', '/networking/v2.0/networks', { network: { name: 'extra' } });
    expect((await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': admin }, payload: {} })).statusCode).toBe(200);
    expect(await seeded((await login(t.app, 'admin', 'secret', { project: 'admin' })).token)).toEqual(want);
  });
});
