// Keystone's admin API as tempest and the openstack CLI drive it: projects, users, groups,
// roles, grants, role assignments, application credentials, the read-only catalog, and the
// default policy (admin administers; a user sees itself, its projects and its credentials).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { login } from '../../helpers/identity.js';
import { sendRequest } from '../../helpers/api-transport.js';

let t: TestApp;
let admin: string;
let demo: string;
beforeAll(async () => {
  t = await createTestApp({ seed: true, authMode: 'keystone' });
  admin = (await login(t.transport, 'admin', 'secret', { project: 'admin' })).token;
  demo = (await login(t.transport, 'demo', 'secret', { project: 'demo' })).token;
});
afterAll(async () => { await t.close(); });

const V3 = '/identity/v3';
const roleId = async (name: string) => (await sendRequest(t.transport, 'GET', `${V3}/roles?name=${name}`, { token: admin })).body.roles[0].id as string;

describe('projects', () => {
  it('lists the seeded projects for admin, 403 for a member', async () => {
    const res = await sendRequest(t.transport, 'GET', `${V3}/projects`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.projects.map((p: { name: string }) => p.name).sort()).toEqual(['admin', 'alt_demo', 'demo', 'service']);
    expect(res.body.projects[0]).toMatchObject({ domain_id: 'default', parent_id: 'default', is_domain: false, tags: [], options: {} });
    const denied = await sendRequest(t.transport, 'GET', `${V3}/projects`, { token: demo });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: { code: 403, title: 'Forbidden', message: 'You are not authorized to perform the requested action: identity:list_projects.' } });
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects/demo`, { token: demo })).status).toBe(200);
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects/alt_demo`, { token: demo })).status).toBe(403);
  });

  it('creates a child project with tags, filters, updates and deletes leaves first', async () => {
    const parent = await sendRequest(t.transport, 'POST', `${V3}/projects`, { token: admin, body: { project: { name: 'p-parent', description: 'd', tags: ['a', 'b'] } } });
    expect(parent.status).toBe(201);
    const pid = parent.body.project.id;
    expect(pid).toMatch(/^[0-9a-f]{32}$/);
    const child = await sendRequest(t.transport, 'POST', `${V3}/projects`, { token: admin, body: { project: { name: 'p-child', parent_id: pid, enabled: false } } });
    expect(child.body.project).toMatchObject({ parent_id: pid, enabled: false, domain_id: 'default' });
    expect((await sendRequest(t.transport, 'POST', `${V3}/projects`, { token: admin, body: { project: { name: 'p-parent' } } })).status).toBe(409);
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects?tags=a,b`, { token: admin })).body.projects.map((p: { name: string }) => p.name)).toEqual(['p-parent']);
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects?parent_id=${pid}`, { token: admin })).body.projects.map((p: { name: string }) => p.name)).toEqual(['p-child']);
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects?enabled=false`, { token: admin })).body.projects.map((p: { name: string }) => p.name)).toEqual(['p-child']);
    const bad = await sendRequest(t.transport, 'POST', `${V3}/projects`, { token: admin, body: { project: { name: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("Invalid input for field 'name': 1 is not of type 'string'");
    expect((await sendRequest(t.transport, 'PATCH', `${V3}/projects/${pid}`, { token: admin, body: { project: { description: 'new' } } })).body.project.description).toBe('new');
    expect((await sendRequest(t.transport, 'DELETE', `${V3}/projects/${pid}`, { token: admin })).status).toBe(403);
    expect((await sendRequest(t.transport, 'DELETE', `${V3}/projects/${child.body.project.id}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'DELETE', `${V3}/projects/${pid}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects/${pid}`, { token: admin })).body).toEqual({ error: { code: 404, title: 'Not Found', message: `Could not find project: ${pid}.` } });
  });
});

describe('users, groups and grants', () => {
  it('creates a user, grants a role, and the user signs in with it', async () => {
    const project = (await sendRequest(t.transport, 'POST', `${V3}/projects`, { token: admin, body: { project: { name: 'grant-p' } } })).body.project;
    const created = await sendRequest(t.transport, 'POST', `${V3}/users`, { token: admin, body: { user: { name: 'u1', password: 'pw1', default_project_id: project.id, email: 'u1@example.com' } } });
    expect(created.status).toBe(201);
    const user = created.body.user;
    expect(user).toMatchObject({ name: 'u1', domain_id: 'default', enabled: true, default_project_id: project.id, email: 'u1@example.com', password_expires_at: null });
    expect(user.password).toBeUndefined();
    expect((await sendRequest(t.transport, 'POST', `${V3}/users`, { token: admin, body: { user: { name: 'u1' } } })).body.error.message).toBe('Conflict occurred attempting to store user - Duplicate entry found with name u1 at domain ID default.');
    const member = await roleId('member');
    expect((await sendRequest(t.transport, 'PUT', `${V3}/projects/${project.id}/users/${user.id}/roles/${member}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'HEAD', `${V3}/projects/${project.id}/users/${user.id}/roles/${member}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects/${project.id}/users/${user.id}/roles`, { token: admin })).body.roles.map((r: { name: string }) => r.name)).toEqual(['member']);
    const u1 = await login(t.transport, 'u1', 'pw1', { project: 'grant-p' });
    expect(u1.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    // the user sees itself and its projects, not others
    expect((await sendRequest(t.transport, 'GET', `${V3}/users/${user.id}`, { token: u1.token })).status).toBe(200);
    expect((await sendRequest(t.transport, 'GET', `${V3}/users/demo`, { token: u1.token })).status).toBe(403);
    expect((await sendRequest(t.transport, 'GET', `${V3}/users/${user.id}/projects`, { token: u1.token })).body.projects.map((p: { name: string }) => p.name)).toEqual(['grant-p']);
    expect((await sendRequest(t.transport, 'GET', `${V3}/auth/projects`, { token: u1.token })).body.projects.map((p: { name: string }) => p.name)).toEqual(['grant-p']);
    // changing one's own password ends one's tokens
    const pw = await t.app.inject({ method: 'POST', url: `${V3}/users/${user.id}/password`, headers: { 'x-auth-token': u1.token }, payload: { user: { original_password: 'pw1', password: 'pw2' } } });
    expect(pw.statusCode).toBe(204);
    expect((await sendRequest(t.transport, 'GET', `${V3}/users/${user.id}`, { token: u1.token })).status).toBe(401);
    await login(t.transport, 'u1', 'pw2', { project: 'grant-p' });
  });

  it('group grants reach members; role_assignments lists direct, effective and named', async () => {
    const project = (await sendRequest(t.transport, 'POST', `${V3}/projects`, { token: admin, body: { project: { name: 'group-p' } } })).body.project;
    const user = (await sendRequest(t.transport, 'POST', `${V3}/users`, { token: admin, body: { user: { name: 'g-user', password: 'pw' } } })).body.user;
    const group = (await sendRequest(t.transport, 'POST', `${V3}/groups`, { token: admin, body: { group: { name: 'g1' } } })).body.group;
    expect((await sendRequest(t.transport, 'PUT', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'HEAD', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status).toBe(204);
    const adminRole = await roleId('admin');
    expect((await sendRequest(t.transport, 'PUT', `${V3}/projects/${project.id}/groups/${group.id}/roles/${adminRole}`, { token: admin })).status).toBe(204);
    const direct = (await sendRequest(t.transport, 'GET', `${V3}/role_assignments?scope.project.id=${project.id}`, { token: admin })).body.role_assignments;
    expect(direct).toEqual([{ scope: { project: { id: project.id } }, group: { id: group.id }, role: { id: adminRole }, links: { assignment: `http://localhost:80/identity/v3/projects/${project.id}/groups/${group.id}/roles/${adminRole}` } }]);
    const effective = (await sendRequest(t.transport, 'GET', `${V3}/role_assignments?scope.project.id=${project.id}&effective&include_names`, { token: admin })).body.role_assignments;
    expect(effective.map((a: any) => `${a.user.name}:${a.role.name}`)).toEqual(['g-user:admin', 'g-user:member', 'g-user:reader']);
    expect(effective[0].links.membership).toBe(`http://localhost:80/identity/v3/groups/${group.id}/users/${user.id}`);
    expect(effective[1].links.prior_role).toMatch(/\/prior_role\//);
    const token = await login(t.transport, 'g-user', 'pw', { project: 'group-p' });
    expect(token.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
    expect((await sendRequest(t.transport, 'GET', `${V3}/role_assignments?group.id=${group.id}&effective`, { token: admin })).status).toBe(400);
    expect((await sendRequest(t.transport, 'GET', `${V3}/role_assignments`, { token: demo })).status).toBe(403);
    expect((await sendRequest(t.transport, 'DELETE', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'GET', `${V3}/auth/projects`, { token: token.token })).status).toBe(401);
  });

  it('roles: created roles, implied roles, immutable bootstrap roles', async () => {
    const created = await sendRequest(t.transport, 'POST', `${V3}/roles`, { token: admin, body: { role: { name: 'creator' } } });
    expect(created.body.role).toMatchObject({ name: 'creator', domain_id: null, options: {} });
    expect((await sendRequest(t.transport, 'POST', `${V3}/roles`, { token: admin, body: { role: { name: 'creator' } } })).status).toBe(409);
    const inferences = (await sendRequest(t.transport, 'GET', `${V3}/role_inferences`, { token: admin })).body.role_inferences;
    expect(inferences.map((r: any) => `${r.prior_role.name}>${r.implies.map((i: any) => i.name).join(',')}`).sort()).toEqual(['admin>member', 'member>reader']);
    const del = await sendRequest(t.transport, 'DELETE', `${V3}/roles/${await roleId('admin')}`, { token: admin });
    expect(del.status).toBe(403);
    expect((await sendRequest(t.transport, 'DELETE', `${V3}/roles/${created.body.role.id}`, { token: admin })).status).toBe(204);
    expect((await sendRequest(t.transport, 'GET', `${V3}/roles`, { token: demo })).status).toBe(403);
  });
});

describe('application credentials', () => {
  it('create, authenticate with, list, delete; roles are a subset; another user cannot see them', async () => {
    const reader = await roleId('reader');
    const res = await sendRequest(t.transport, 'POST', `${V3}/users/demo/application_credentials`, { token: demo, body: { application_credential: { name: 'ci', roles: [{ id: reader }], expires_at: '2999-01-01T00:00:00' } } });
    expect(res.status).toBe(201);
    const cred = res.body.application_credential;
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
    expect((await sendRequest(t.transport, 'GET', `${V3}/users/demo/application_credentials`, { token: demo })).body.application_credentials.map((c: { name: string }) => c.name)).toEqual(['ci']);
    const alt = await login(t.transport, 'alt_demo', 'secret', { project: 'alt_demo' });
    expect((await sendRequest(t.transport, 'GET', `${V3}/users/demo/application_credentials`, { token: alt.token })).status).toBe(403);
    const tooMuch = await sendRequest(t.transport, 'POST', `${V3}/users/demo/application_credentials`, { token: demo, body: { application_credential: { name: 'x', roles: [{ name: 'admin' }] } } });
    expect(tooMuch.status).toBe(404);
    expect((await sendRequest(t.transport, 'DELETE', `${V3}/users/demo/application_credentials/${cred.id}`, { token: demo })).status).toBe(204);
    const gone = auth.headers['x-subject-token'] as string;
    expect((await sendRequest(t.transport, 'GET', '/compute/v2.1/servers', { token: gone })).status).toBe(401);
  });
});

describe('catalog', () => {
  it('services, endpoints and regions match the token catalog', async () => {
    const token = (await login(t.transport, 'admin', 'secret', { project: 'admin' })).body.token;
    const services = (await sendRequest(t.transport, 'GET', `${V3}/services`, { token: admin })).body.services;
    expect(services.map((s: { type: string }) => s.type).sort()).toEqual(token.catalog.map((c: { type: string }) => c.type).sort());
    const endpoints = (await sendRequest(t.transport, 'GET', `${V3}/endpoints?interface=public`, { token: admin })).body.endpoints;
    for (const entry of token.catalog) {
      const pub = entry.endpoints.find((e: { interface: string }) => e.interface === 'public');
      expect(endpoints.find((e: { id: string }) => e.id === pub.id)).toMatchObject({ url: pub.url, service_id: entry.id, region_id: 'RegionOne' });
    }
    expect((await sendRequest(t.transport, 'GET', `${V3}/regions`, { token: demo })).body.regions).toEqual([expect.objectContaining({ id: 'RegionOne', parent_region_id: null })]);
    expect((await sendRequest(t.transport, 'GET', `${V3}/services`, { token: demo })).status).toBe(403);
    const cat = await sendRequest(t.transport, 'GET', `${V3}/auth/catalog`, { token: demo });
    expect(cat.body.catalog.length).toBe(token.catalog.length);
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
    expect((await sendRequest(t.transport, 'GET', `${V3}/projects?name__contains=dmi`, { token: admin })).body.projects.map((p: { name: string }) => p.name)).toEqual(['admin']);
    expect((await sendRequest(t.transport, 'GET', `${V3}/users?name__startswith=alt`, { token: admin })).body.users.map((u: { name: string }) => u.name)).toEqual(['alt_demo']);
    expect((await sendRequest(t.transport, 'GET', `${V3}/roles?name__icontains=READ`, { token: admin })).body.roles.map((r: { name: string }) => r.name)).toEqual(['reader']);
    const g = await sendRequest(t.transport, 'POST', `${V3}/groups`, { token: admin, body: { group: { name: 'extra-g', email: 'g@example.com' } } });
    expect(g.body.group.email).toBe('g@example.com');
    expect((await sendRequest(t.transport, 'GET', `${V3}/groups/${g.body.group.id}`, { token: admin })).body.group.email).toBe('g@example.com');
    const res = await t.app.inject({ method: 'POST', url: `${V3}/auth/tokens`, payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'default' }, password: 'secret' } } } } } });
    expect(res.statusCode).toBe(201);
  });
});
