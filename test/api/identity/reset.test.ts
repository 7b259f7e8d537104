// POST /_mock/reset restores identity to the seed as it restores every other service: what was
// created since (projects, users, groups, roles, grants, application credentials) is gone, the
// seeded accounts are as the seed says (a changed password back to the seed's), and every token
// issued before the reset is revoked (sign in again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { login } from '../../helpers/identity.js';
import { sendRequest } from '../../helpers/api-transport.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true, authMode: 'keystone' }); });
afterAll(async () => { await t.close(); });

const names = async (token: string, url: string, key: string) => ((await sendRequest(t.transport, 'GET', url, { token })).body[key] as { name: string }[]).map((x) => x.name).sort();

describe('POST /_mock/reset and identity', () => {
  it('drops what was created, restores the seeded accounts and revokes every issued token', async () => {
    const admin = (await login(t.transport, 'admin', 'secret', { project: 'admin' })).token;
    const seededProjects = await names(admin, '/identity/v3/projects', 'projects');
    const seededUsers = await names(admin, '/identity/v3/users', 'users');
    const seededRoles = await names(admin, '/identity/v3/roles', 'roles');
    expect(seededProjects).toEqual(['admin', 'alt_demo', 'demo', 'service']);

    const project = (await sendRequest(t.transport, 'POST', '/identity/v3/projects', { token: admin, body: { project: { name: 'team-b' } } })).body.project;
    const user = (await sendRequest(t.transport, 'POST', '/identity/v3/users', { token: admin, body: { user: { name: 'bob', password: 'pw', default_project_id: project.id } } })).body.user;
    const role = (await sendRequest(t.transport, 'POST', '/identity/v3/roles', { token: admin, body: { role: { name: 'auditor' } } })).body.role;
    expect((await sendRequest(t.transport, 'PUT', `/identity/v3/projects/${project.id}/users/${user.id}/roles/${role.id}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'POST', '/identity/v3/groups', { token: admin, body: { group: { name: 'ops' } } })).status).toBe(201);
    const bob = (await login(t.transport, 'bob', 'pw', { project: 'team-b' })).token;
    const appCred = await sendRequest(t.transport, 'POST', `/identity/v3/users/${user.id}/application_credentials`, { token: bob, body: { application_credential: { name: 'ci' } } });
    expect(appCred.status).toBe(201);
    // demo changes its password: the reset gives the seed's back
    const demo = (await login(t.transport, 'demo', 'secret', { project: 'demo' })).token;
    expect((await sendRequest(t.transport, 'POST', '/identity/v3/users/demo/password', { token: demo, body: { user: { original_password: 'secret', password: 'changed' } } })).status).toBe(204);

    const reset = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': admin }, payload: {} });
    expect(reset.statusCode, reset.body).toBe(200);

    // tokens of the old cloud are gone, the admin's included
    expect((await sendRequest(t.transport, 'GET', '/identity/v3/projects', { token: admin })).status).toBe(401);
    expect((await sendRequest(t.transport, 'GET', '/compute/v2.1/servers', { token: bob })).status).toBe(401);
    const fresh = (await login(t.transport, 'admin', 'secret', { project: 'admin' })).token;
    expect(await names(fresh, '/identity/v3/projects', 'projects')).toEqual(seededProjects);
    expect(await names(fresh, '/identity/v3/users', 'users')).toEqual(seededUsers);
    expect(await names(fresh, '/identity/v3/roles', 'roles')).toEqual(seededRoles);
    expect(await names(fresh, '/identity/v3/groups', 'groups')).toEqual([]);
    expect((await sendRequest(t.transport, 'GET', `/identity/v3/role_assignments?role.id=${role.id}`, { token: fresh })).body.role_assignments).toEqual([]);
    await expect(login(t.transport, 'bob', 'pw', { project: 'team-b' })).rejects.toThrow(/401/);
    await expect(login(t.transport, 'demo', 'changed', { project: 'demo' })).rejects.toThrow(/401/);
    const demoAgain = await login(t.transport, 'demo', 'secret', { project: 'demo' });
    expect(demoAgain.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    // the bootstrap roles still imply each other
    const adminAgain = await login(t.transport, 'admin', 'secret', { project: 'admin' });
    expect(adminAgain.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
  });
});
