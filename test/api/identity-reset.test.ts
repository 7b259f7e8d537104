// POST /_mock/reset restores identity to the seed as it restores every other service: what was
// created since (projects, users, groups, roles, grants, application credentials) is gone, the
// seeded accounts are as the seed says (a changed password back to the seed's), and every token
// issued before the reset is revoked (sign in again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, login } from '../helpers/identity.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true, authMode: 'keystone' }); });
afterAll(async () => { await t.close(); });

const names = async (token: string, url: string, key: string) => ((await call(t.app, token, 'GET', url)).json()[key] as { name: string }[]).map((x) => x.name).sort();

describe('POST /_mock/reset and identity', () => {
  it('drops what was created, restores the seeded accounts and revokes every issued token', async () => {
    const admin = (await login(t.app, 'admin', 'secret', { project: 'admin' })).token;
    const seededProjects = await names(admin, '/identity/v3/projects', 'projects');
    const seededUsers = await names(admin, '/identity/v3/users', 'users');
    const seededRoles = await names(admin, '/identity/v3/roles', 'roles');
    expect(seededProjects).toEqual(['admin', 'alt_demo', 'demo', 'service']);

    const project = (await call(t.app, admin, 'POST', '/identity/v3/projects', { project: { name: 'team-b' } })).json().project;
    const user = (await call(t.app, admin, 'POST', '/identity/v3/users', { user: { name: 'bob', password: 'pw', default_project_id: project.id } })).json().user;
    const role = (await call(t.app, admin, 'POST', '/identity/v3/roles', { role: { name: 'auditor' } })).json().role;
    expect((await call(t.app, admin, 'PUT', `/identity/v3/projects/${project.id}/users/${user.id}/roles/${role.id}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'POST', '/identity/v3/groups', { group: { name: 'ops' } })).statusCode).toBe(201);
    const bob = (await login(t.app, 'bob', 'pw', { project: 'team-b' })).token;
    const appCred = await call(t.app, bob, 'POST', `/identity/v3/users/${user.id}/application_credentials`, { application_credential: { name: 'ci' } });
    expect(appCred.statusCode).toBe(201);
    // demo changes its password: the reset gives the seed's back
    const demo = (await login(t.app, 'demo', 'secret', { project: 'demo' })).token;
    expect((await call(t.app, demo, 'POST', '/identity/v3/users/demo/password', { user: { original_password: 'secret', password: 'changed' } })).statusCode).toBe(204);

    const reset = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': admin }, payload: {} });
    expect(reset.statusCode, reset.body).toBe(200);

    // tokens of the old cloud are gone, the admin's included
    expect((await call(t.app, admin, 'GET', '/identity/v3/projects')).statusCode).toBe(401);
    expect((await call(t.app, bob, 'GET', '/compute/v2.1/servers')).statusCode).toBe(401);
    const fresh = (await login(t.app, 'admin', 'secret', { project: 'admin' })).token;
    expect(await names(fresh, '/identity/v3/projects', 'projects')).toEqual(seededProjects);
    expect(await names(fresh, '/identity/v3/users', 'users')).toEqual(seededUsers);
    expect(await names(fresh, '/identity/v3/roles', 'roles')).toEqual(seededRoles);
    expect(await names(fresh, '/identity/v3/groups', 'groups')).toEqual([]);
    expect((await call(t.app, fresh, 'GET', `/identity/v3/role_assignments?role.id=${role.id}`)).json().role_assignments).toEqual([]);
    await expect(login(t.app, 'bob', 'pw', { project: 'team-b' })).rejects.toThrow(/401/);
    await expect(login(t.app, 'demo', 'changed', { project: 'demo' })).rejects.toThrow(/401/);
    const demoAgain = await login(t.app, 'demo', 'secret', { project: 'demo' });
    expect(demoAgain.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    // the bootstrap roles still imply each other
    const adminAgain = await login(t.app, 'admin', 'secret', { project: 'admin' });
    expect(adminAgain.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
  });
});
