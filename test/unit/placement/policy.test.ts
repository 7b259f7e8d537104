// Placement policy profiles (oslo.policy semantics for placement's rule defaults).
import { describe, expect, it } from 'vitest';
import { authFromHeaders } from '../../../src/http/auth-context.js';
import { isAllowed } from '../../../src/placement/policy.js';

const auth = (h: Record<string, string>) => authFromHeaders({ 'x-auth-token': 'user', ...h })!;
const systemAdmin = auth({ 'x-roles': 'admin,member,reader', 'openstack-system-scope': 'all' });
const systemReader = auth({ 'x-roles': 'reader', 'openstack-system-scope': 'all' });
const projectAdmin = auth({ 'x-roles': 'admin,member,reader', 'x-project-id': 'p1' });
const projectReader = auth({ 'x-roles': 'reader', 'x-project-id': 'p1' });
const noRoles = authFromHeaders({ 'x-auth-token': 'user:p1' })!;
const admin = authFromHeaders({ 'x-auth-token': 'admin' })!;

describe('noauth2 credentials', () => {
  it('admin token is role admin; others have no role unless x-roles says so', () => {
    expect(admin.roles).toEqual(['admin']);
    expect(noRoles.roles).toEqual([]);
    expect(noRoles.projectId).toBe('p1');
    expect(projectReader.projectId).toBe('p1');
  });
});

describe('default / legacy-rbac: new rule OR role:admin, no scope check', () => {
  it('lets any admin and system readers read, only admins write', () => {
    expect(isAllowed('default', 'placement:resource_providers:list', admin)).toBe(true);
    expect(isAllowed('default', 'placement:resource_providers:list', projectAdmin)).toBe(true);
    expect(isAllowed('default', 'placement:resource_providers:list', systemReader)).toBe(true);
    expect(isAllowed('default', 'placement:resource_providers:create', systemReader)).toBe(false);
    expect(isAllowed('legacy-rbac', 'placement:resource_providers:list', projectReader)).toBe(false);
    expect(isAllowed('default', 'placement:resource_providers:list', noRoles)).toBe(false);
  });
});

describe('secure-rbac: new defaults and scope', () => {
  it('needs system scope for system rules', () => {
    expect(isAllowed('secure-rbac', 'placement:resource_providers:list', systemReader)).toBe(true);
    expect(isAllowed('secure-rbac', 'placement:resource_providers:create', systemAdmin)).toBe(true);
    expect(isAllowed('secure-rbac', 'placement:resource_providers:create', systemReader)).toBe(false);
    expect(isAllowed('secure-rbac', 'placement:resource_providers:list', projectAdmin)).toBe(false);
  });
  it('lets a project reader see usages of its own project only', () => {
    expect(isAllowed('secure-rbac', 'placement:usages', projectReader, { project_id: 'p1' })).toBe(true);
    expect(isAllowed('secure-rbac', 'placement:usages', projectReader, { project_id: 'p2' })).toBe(false);
    expect(isAllowed('secure-rbac', 'placement:usages', systemReader, { project_id: 'p2' })).toBe(true);
  });
});

describe('open-policy', () => {
  it('allows every placement rule to anyone', () => {
    expect(isAllowed('open-policy', 'placement:resource_providers:delete', noRoles)).toBe(true);
    expect(isAllowed('open-policy', 'placement:reshaper:reshape', noRoles)).toBe(true);
  });
});
