// /v3/auth/*: issue, validate, check and revoke tokens; what the caller's token may reach.
import { AuthCatalog, AuthSystem, DomainList, ProjectList, Token } from '../schemas/responses.js';
import type { RouteDeclaration, IdentityCall } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { renderToken } from '../views/token-body.js';
import { collection, renderDomain, renderProject } from '../views/entities.js';
import { IdentityError } from '../identity-errors.js';
import { queryTrue } from './lookups.js';
import { renderTokenCatalog } from '../catalog.js';

function subject(c: IdentityCall) {
  const raw = c.req.headers['x-subject-token'];
  const id = Array.isArray(raw) ? raw[0] : raw;
  if (id === undefined || id === '') throw new IdentityError(404, 'No token in the request');
  const token = c.tokens.validate(id);
  // a token of our shape that no longer validates (revoked, expired) vs one that never was
  if (!token) throw new IdentityError(404, /^gAAAAAB[A-Za-z0-9_-]{86}$/.test(id) ? 'Failed to validate token' : 'Could not recognize Fernet token');
  return token;
}

/** The projects (or domains) the caller's user holds a role on, enabled ones only. */
function reachable(c: IdentityCall, type: 'project' | 'domain'): string[] {
  const userId = c.caller.userId;
  const ids = new Set<string>();
  for (const a of c.core.effectiveAssignments()) {
    if (a.actorType === 'user' && a.actorId === userId && a.targetType === type) ids.add(a.targetId);
  }
  return [...ids];
}

export const authRoutes: RouteDeclaration[] = [
  {
    method: 'POST', path: '/v3/auth/tokens', auth: false,
    schema: { body: AnyObject, response: { 201: Token, ...ERRORS } },
    handler: (c) => {
      const token = c.tokens.authenticate(c.body);
      return { status: 201, headers: { 'x-subject-token': token.row.id }, body: renderToken(token, c.catalogBase, !queryTrue(c.query, 'nocatalog')) };
    },
  },
  {
    method: 'GET', path: '/v3/auth/tokens', schema: { response: { 200: Token, ...ERRORS } },
    handler: (c) => {
      const token = subject(c);
      c.can('identity:validate_token', { tokenUserId: token.user.id });
      return { status: 200, headers: { 'x-subject-token': token.row.id }, body: renderToken(token, c.catalogBase, !queryTrue(c.query, 'nocatalog')) };
    },
  },
  {
    method: 'HEAD', path: '/v3/auth/tokens', schema: {},
    handler: (c) => {
      const token = subject(c);
      c.can('identity:check_token', { tokenUserId: token.user.id });
      return { status: 200, headers: { 'x-subject-token': token.row.id } };
    },
  },
  {
    method: 'DELETE', path: '/v3/auth/tokens', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      const token = subject(c);
      c.can('identity:revoke_token', { tokenUserId: token.user.id });
      c.tokens.revoke(token);
      return { status: 204 };
    },
  },
  {
    method: 'GET', path: '/v3/auth/catalog', schema: { response: { 200: AuthCatalog, ...ERRORS } },
    handler: (c) => {
      if (c.caller.issued && c.caller.projectId === '' && c.caller.issued.domainId === null) {
        throw new IdentityError(403, 'A project-scoped token is required to produce a service catalog.');
      }
      return { status: 200, body: { catalog: renderTokenCatalog(c.catalogBase, c.caller.projectId || null), links: { self: c.selfUrl, previous: null, next: null } } };
    },
  },
  {
    method: 'GET', path: '/v3/auth/projects', schema: { response: { 200: ProjectList, ...ERRORS } },
    handler: (c) => {
      const projects = reachable(c, 'project').map((id) => c.core.stores.projects.get(id)).filter((p) => p !== null && p.enabled);
      return { status: 200, body: collection('projects', projects.map((p) => renderProject(p!, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'GET', path: '/v3/auth/domains', schema: { response: { 200: DomainList, ...ERRORS } },
    handler: (c) => {
      const domains = reachable(c, 'domain').map((id) => c.core.stores.domains.get(id)).filter((d) => d !== null && d.enabled);
      return { status: 200, body: collection('domains', domains.map((d) => renderDomain(d!, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'GET', path: '/v3/auth/system', schema: { response: { 200: AuthSystem, ...ERRORS } },
    handler: (c) => {
      const has = c.core.effectiveAssignments().some((a) => a.actorType === 'user' && a.actorId === c.caller.userId && a.targetType === 'system');
      return { status: 200, body: { system: has ? [{ all: true }] : [], links: { self: c.selfUrl, previous: null, next: null } } };
    },
  },
];
