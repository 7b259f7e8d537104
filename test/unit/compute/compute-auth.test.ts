import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT_ID, computeAuthFromHeaders } from '../../../src/compute/compute-auth.js';

describe('compute auth (nova functional-env noauth)', () => {
  it("puts a bare token in the fixtures' project, admin with reader,member,admin", () => {
    expect(computeAuthFromHeaders({ 'x-auth-token': 'admin' })).toMatchObject({ userId: 'admin', projectId: FIXTURE_PROJECT_ID, roles: ['reader', 'member', 'admin'], isAdmin: true });
  });
  it('uses the project of user:project; a non-admin is a member', () => {
    expect(computeAuthFromHeaders({ 'x-auth-token': 'fake:p1' })).toMatchObject({ userId: 'fake', projectId: 'p1', roles: ['reader', 'member'], isAdmin: false });
    expect(computeAuthFromHeaders({ 'x-auth-token': 'admin:p2' })).toMatchObject({ projectId: 'p2', isAdmin: true });
  });
  it('honours x-roles and x-auth-project-id', () => {
    expect(computeAuthFromHeaders({ 'x-auth-token': 'admin', 'x-roles': 'reader' })).toMatchObject({ roles: ['reader'], isAdmin: false });
    expect(computeAuthFromHeaders({ 'x-auth-token': 'bob', 'x-auth-project-id': 'p3' })).toMatchObject({ projectId: 'p3' });
  });
  it('needs a token', () => {
    expect(computeAuthFromHeaders({})).toBeNull();
  });
});
