// Keystone's admin API as tempest and the openstack CLI drive it: projects, users, groups,
// roles, grants, role assignments, application credentials, the read-only catalog, and the
// default policy (admin administers; a user sees itself, its projects and its credentials).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, login } from '../helpers/identity.js';

let t: TestApp;
let admin: string;
let demo: string;
beforeAll(async () => {
  t = await createTestApp({ seed: true, authMode: 'keystone' });
  admin = (await login(t.app, 'admin', 'secret', { project: 'admin' })).token;
  demo = (await login(t.app, 'demo', 'secret', { project: 'demo' })).token;
});
afterAll(async () => { await t.close(); });

const V3 = '/identity/v3';
const roleId = async (name: string) => (await call(t.app, admin, 'GET', `${V3}/roles?name=${name}`)).json().roles[0].id as string;

describe('projects', () => {
  it('lists the seeded projects for admin, 403 for a member', async () => {
    const res = await call(t.app, admin, 'GET', `${V3}/projects`);
    expect(res.statusCode).toBe(200);
    expect(res.json().projects.map((p: { name: string }) => p.name).sort()).toEqual(['admin', 'alt_demo', 'demo', 'service']);
    expect(res.json().projects[0]).toMatchObject({ domain_id: 'default', parent_id: 'default', is_domain: false, tags: [], options: {} });
    const denied = await call(t.app, demo, 'GET', `${V3}/projects`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ error: { code: 403, title: 'Forbidden', message: 'You are not authorized to perform the requested action: identity:list_projects.' } });
    expect((await call(t.app, demo, 'GET', `${V3}/projects/demo`)).statusCode).toBe(200);
    expect((await call(t.app, demo, 'GET', `${V3}/projects/alt_demo`)).statusCode).toBe(403);
  });

  it('creates a child project with tags, filters, updates and deletes leaves first', async () => {
    const parent = await call(t.app, admin, 'POST', `${V3}/projects`, { project: { name: 'p-parent', description: 'd', tags: ['a', 'b'] } });
    expect(parent.statusCode).toBe(201);
    const pid = parent.json().project.id;
    expect(pid).toMatch(/^[0-9a-f]{32}$/);
    const child = await call(t.app, admin, 'POST', `${V3}/projects`, { project: { name: 'p-child', parent_id: pid, enabled: false } });
    expect(child.json().project).toMatchObject({ parent_id: pid, enabled: false, domain_id: 'default' });
    expect((await call(t.app, admin, 'POST', `${V3}/projects`, { project: { name: 'p-parent' } })).statusCode).toBe(409);
    expect((await call(t.app, admin, 'GET', `${V3}/projects?tags=a,b`)).json().projects.map((p: { name: string }) => p.name)).toEqual(['p-parent']);
    expect((await call(t.app, admin, 'GET', `${V3}/projects?parent_id=${pid}`)).json().projects.map((p: { name: string }) => p.name)).toEqual(['p-child']);
    expect((await call(t.app, admin, 'GET', `${V3}/projects?enabled=false`)).json().projects.map((p: { name: string }) => p.name)).toEqual(['p-child']);
    const bad = await call(t.app, admin, 'POST', `${V3}/projects`, { project: { name: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe("Invalid input for field 'name': 1 is not of type 'string'");
    expect((await call(t.app, admin, 'PATCH', `${V3}/projects/${pid}`, { project: { description: 'new' } })).json().project.description).toBe('new');
    expect((await call(t.app, admin, 'DELETE', `${V3}/projects/${pid}`)).statusCode).toBe(403);
    expect((await call(t.app, admin, 'DELETE', `${V3}/projects/${child.json().project.id}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'DELETE', `${V3}/projects/${pid}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'GET', `${V3}/projects/${pid}`)).json()).toEqual({ error: { code: 404, title: 'Not Found', message: `Could not find project: ${pid}.` } });
  });
});

describe('users, groups and grants', () => {
  it('creates a user, grants a role, and the user signs in with it', async () => {
    const project = (await call(t.app, admin, 'POST', `${V3}/projects`, { project: { name: 'grant-p' } })).json().project;
    const created = await call(t.app, admin, 'POST', `${V3}/users`, { user: { name: 'u1', password: 'pw1', default_project_id: project.id, email: 'u1@example.com' } });
    expect(created.statusCode).toBe(201);
    const user = created.json().user;
    expect(user).toMatchObject({ name: 'u1', domain_id: 'default', enabled: true, default_project_id: project.id, email: 'u1@example.com', password_expires_at: null });
    expect(user.password).toBeUndefined();
    expect((await call(t.app, admin, 'POST', `${V3}/users`, { user: { name: 'u1' } })).json().error.message).toBe('Conflict occurred attempting to store user - Duplicate entry found with name u1 at domain ID default.');
    const member = await roleId('member');
    expect((await call(t.app, admin, 'PUT', `${V3}/projects/${project.id}/users/${user.id}/roles/${member}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'HEAD', `${V3}/projects/${project.id}/users/${user.id}/roles/${member}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'GET', `${V3}/projects/${project.id}/users/${user.id}/roles`)).json().roles.map((r: { name: string }) => r.name)).toEqual(['member']);
    const u1 = await login(t.app, 'u1', 'pw1', { project: 'grant-p' });
    expect(u1.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    // the user sees itself and its projects, not others
    expect((await call(t.app, u1.token, 'GET', `${V3}/users/${user.id}`)).statusCode).toBe(200);
    expect((await call(t.app, u1.token, 'GET', `${V3}/users/demo`)).statusCode).toBe(403);
    expect((await call(t.app, u1.token, 'GET', `${V3}/users/${user.id}/projects`)).json().projects.map((p: { name: string }) => p.name)).toEqual(['grant-p']);
    expect((await call(t.app, u1.token, 'GET', `${V3}/auth/projects`)).json().projects.map((p: { name: string }) => p.name)).toEqual(['grant-p']);
    // changing one's own password ends one's tokens
    const pw = await t.app.inject({ method: 'POST', url: `${V3}/users/${user.id}/password`, headers: { 'x-auth-token': u1.token }, payload: { user: { original_password: 'pw1', password: 'pw2' } } });
    expect(pw.statusCode).toBe(204);
    expect((await call(t.app, u1.token, 'GET', `${V3}/users/${user.id}`)).statusCode).toBe(401);
    await login(t.app, 'u1', 'pw2', { project: 'grant-p' });
  });

  it('group grants reach members; role_assignments lists direct, effective and named', async () => {
    const project = (await call(t.app, admin, 'POST', `${V3}/projects`, { project: { name: 'group-p' } })).json().project;
    const user = (await call(t.app, admin, 'POST', `${V3}/users`, { user: { name: 'g-user', password: 'pw' } })).json().user;
    const group = (await call(t.app, admin, 'POST', `${V3}/groups`, { group: { name: 'g1' } })).json().group;
    expect((await call(t.app, admin, 'PUT', `${V3}/groups/${group.id}/users/${user.id}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'HEAD', `${V3}/groups/${group.id}/users/${user.id}`)).statusCode).toBe(204);
    const adminRole = await roleId('admin');
    expect((await call(t.app, admin, 'PUT', `${V3}/projects/${project.id}/groups/${group.id}/roles/${adminRole}`)).statusCode).toBe(204);
    const direct = (await call(t.app, admin, 'GET', `${V3}/role_assignments?scope.project.id=${project.id}`)).json().role_assignments;
    expect(direct).toEqual([{ scope: { project: { id: project.id } }, group: { id: group.id }, role: { id: adminRole }, links: { assignment: `http://localhost:80/identity/v3/projects/${project.id}/groups/${group.id}/roles/${adminRole}` } }]);
    const effective = (await call(t.app, admin, 'GET', `${V3}/role_assignments?scope.project.id=${project.id}&effective&include_names`)).json().role_assignments;
    expect(effective.map((a: any) => `${a.user.name}:${a.role.name}`)).toEqual(['g-user:admin', 'g-user:member', 'g-user:reader']);
    expect(effective[0].links.membership).toBe(`http://localhost:80/identity/v3/groups/${group.id}/users/${user.id}`);
    expect(effective[1].links.prior_role).toMatch(/\/prior_role\//);
    const token = await login(t.app, 'g-user', 'pw', { project: 'group-p' });
    expect(token.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
    expect((await call(t.app, admin, 'GET', `${V3}/role_assignments?group.id=${group.id}&effective`)).statusCode).toBe(400);
    expect((await call(t.app, demo, 'GET', `${V3}/role_assignments`)).statusCode).toBe(403);
    expect((await call(t.app, admin, 'DELETE', `${V3}/groups/${group.id}/users/${user.id}`)).statusCode).toBe(204);
    expect((await call(t.app, token.token, 'GET', `${V3}/auth/projects`)).statusCode).toBe(401);
  });

  it('roles: created roles, implied roles, immutable bootstrap roles', async () => {
    const created = await call(t.app, admin, 'POST', `${V3}/roles`, { role: { name: 'creator' } });
    expect(created.json().role).toMatchObject({ name: 'creator', domain_id: null, options: {} });
    expect((await call(t.app, admin, 'POST', `${V3}/roles`, { role: { name: 'creator' } })).statusCode).toBe(409);
    const inferences = (await call(t.app, admin, 'GET', `${V3}/role_inferences`)).json().role_inferences;
    expect(inferences.map((r: any) => `${r.prior_role.name}>${r.implies.map((i: any) => i.name).join(',')}`).sort()).toEqual(['admin>member', 'member>reader']);
    const del = await call(t.app, admin, 'DELETE', `${V3}/roles/${await roleId('admin')}`);
    expect(del.statusCode).toBe(403);
    expect((await call(t.app, admin, 'DELETE', `${V3}/roles/${created.json().role.id}`)).statusCode).toBe(204);
    expect((await call(t.app, demo, 'GET', `${V3}/roles`)).statusCode).toBe(403);
  });
});

describe('application credentials', () => {
  it('create, authenticate with, list, delete; roles are a subset; another user cannot see them', async () => {
    const reader = await roleId('reader');
    const res = await call(t.app, demo, 'POST', `${V3}/users/demo/application_credentials`, { application_credential: { name: 'ci', roles: [{ id: reader }], expires_at: '2999-01-01T00:00:00' } });
    expect(res.statusCode).toBe(201);
    const cred = res.json().application_credential;
    expect(cred).toMatchObject({ name: 'ci', project_id: 'demo', unrestricted: null, system: null, roles: [{ id: reader, name: 'reader' }] });
    expect(cred.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const auth = await t.app.inject({ method: 'POST', url: `${V3}/auth/tokens`, payload: { auth: { identity: { methods: ['application_credential'], application_credential: { id: cred.id, secret: cred.secret } } } } });
    expect(auth.statusCode).toBe(201);
    expect(auth.json().token.roles.map((r: { name: string }) => r.name)).toEqual(['reader']);
    expect(auth.json().token.application_credential).toEqual({ id: cred.id, name: 'ci', restricted: true });
    const byName = await t.app.inject({ method: 'POST', url: `${V3}/auth/tokens`, payload: { auth: { identity: { methods: ['application_credential'], application_credential: { name: 'ci', user: { name: 'demo', domain: { id: 'default' } }, secret: cred.secret } } } } });
    expect(byName.statusCode).toBe(201);
    const wrong = await t.app.inject({ method: 'POST', url: `${V3}/auth/tokens`, payload: { auth: { identity: { methods: ['application_credential'], application_credential: { id: cred.id, secret: 'nope' } } } } });
    expect(wrong.statusCode).toBe(401);
    expect((await call(t.app, demo, 'GET', `${V3}/users/demo/application_credentials`)).json().application_credentials.map((c: { name: string }) => c.name)).toEqual(['ci']);
    const alt = await login(t.app, 'alt_demo', 'secret', { project: 'alt_demo' });
    expect((await call(t.app, alt.token, 'GET', `${V3}/users/demo/application_credentials`)).statusCode).toBe(403);
    const tooMuch = await call(t.app, demo, 'POST', `${V3}/users/demo/application_credentials`, { application_credential: { name: 'x', roles: [{ name: 'admin' }] } });
    expect(tooMuch.statusCode).toBe(404);
    expect((await call(t.app, demo, 'DELETE', `${V3}/users/demo/application_credentials/${cred.id}`)).statusCode).toBe(204);
    const gone = auth.headers['x-subject-token'] as string;
    expect((await call(t.app, gone, 'GET', '/compute/v2.1/servers')).statusCode).toBe(401);
  });
});

describe('catalog', () => {
  it('services, endpoints and regions match the token catalog', async () => {
    const token = (await login(t.app, 'admin', 'secret', { project: 'admin' })).body.token;
    const services = (await call(t.app, admin, 'GET', `${V3}/services`)).json().services;
    expect(services.map((s: { type: string }) => s.type).sort()).toEqual(token.catalog.map((c: { type: string }) => c.type).sort());
    const endpoints = (await call(t.app, admin, 'GET', `${V3}/endpoints?interface=public`)).json().endpoints;
    for (const entry of token.catalog) {
      const pub = entry.endpoints.find((e: { interface: string }) => e.interface === 'public');
      expect(endpoints.find((e: { id: string }) => e.id === pub.id)).toMatchObject({ url: pub.url, service_id: entry.id, region_id: 'RegionOne' });
    }
    expect((await call(t.app, demo, 'GET', `${V3}/regions`)).json().regions).toEqual([expect.objectContaining({ id: 'RegionOne', parent_region_id: null })]);
    expect((await call(t.app, demo, 'GET', `${V3}/services`)).statusCode).toBe(403);
    const cat = await call(t.app, demo, 'GET', `${V3}/auth/catalog`);
    expect(cat.json().catalog.length).toBe(token.catalog.length);
  });
});

describe('bodies', () => {
  it('a grant PUT with Content-Type and no body is accepted, as keystone does', async () => {
    const member = await roleId('member');
    const res = await t.app.inject({ method: 'PUT', url: `${V3}/projects/alt_demo/users/demo/roles/${member}`, headers: { 'x-auth-token': admin, 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(204);
    const bad = await t.app.inject({ method: 'POST', url: `${V3}/projects`, headers: { 'x-auth-token': admin, 'content-type': 'application/json' }, payload: '{"project": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^Expecting to find valid JSON in request body\./);
  });
});

describe('filters and extras (gophercloud acceptance)', () => {
  it('name__contains and friends filter lists; groups keep extra attributes; domain names compare without case', async () => {
    expect((await call(t.app, admin, 'GET', `${V3}/projects?name__contains=dmi`)).json().projects.map((p: { name: string }) => p.name)).toEqual(['admin']);
    expect((await call(t.app, admin, 'GET', `${V3}/users?name__startswith=alt`)).json().users.map((u: { name: string }) => u.name)).toEqual(['alt_demo']);
    expect((await call(t.app, admin, 'GET', `${V3}/roles?name__icontains=READ`)).json().roles.map((r: { name: string }) => r.name)).toEqual(['reader']);
    const g = await call(t.app, admin, 'POST', `${V3}/groups`, { group: { name: 'extra-g', email: 'g@example.com' } });
    expect(g.json().group.email).toBe('g@example.com');
    expect((await call(t.app, admin, 'GET', `${V3}/groups/${g.json().group.id}`)).json().group.email).toBe('g@example.com');
    const res = await t.app.inject({ method: 'POST', url: `${V3}/auth/tokens`, payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'default' }, password: 'secret' } } } } } });
    expect(res.statusCode).toBe(201);
  });
});
