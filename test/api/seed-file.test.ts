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
});
