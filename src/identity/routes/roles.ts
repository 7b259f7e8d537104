// /v3/roles (keystone/api/roles.py) and role inference rules (implied roles).
import { RoleImplies, RoleImply, RoleInferenceList, RoleList, RoleShow } from '../schemas/responses.js';
import type { RouteDeclaration } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { RoleCreate, RoleUpdate } from '../schemas/resources.js';
import { collection, renderRole } from '../views/entities.js';
import { IdentityError, conflict } from '../identity-errors.js';
import { matchesName, roleOr404 } from './lookups.js';
import type { RoleRow } from '../store/roles-store.js';

const duplicate = (name: string) => conflict('role', `Duplicate entry found with name ${name}`);
const roleRef = (r: RoleRow, base: string) => ({ id: r.id, links: { self: `${base}/roles/${r.id}` }, name: r.name });

export const roleRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/roles', schema: { response: { 200: RoleList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_roles');
      const rows = c.core.stores.roles.list().filter((r) => matchesName(c.query, r.name)
        && (c.query.domain_id === undefined ? r.domainId === null : r.domainId === c.query.domain_id));
      return { status: 200, body: collection('roles', rows.map((r) => renderRole(r, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'POST', path: '/v3/roles', schema: { body: RoleCreate, response: { 201: RoleShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:create_role');
      const b = c.body.role as Record<string, any>;
      if (c.core.stores.roles.getByName(b.name, b.domain_id ?? null)) throw duplicate(b.name);
      const row: RoleRow = { id: c.core.newId(), name: b.name, domainId: b.domain_id ?? null, description: b.description ?? null, options: b.options ?? {} };
      c.core.write(() => c.core.stores.roles.insert(row));
      return { status: 201, body: { role: renderRole(row, c.base) } };
    },
  },
  {
    method: 'GET', path: '/v3/roles/:role_id', schema: { response: { 200: RoleShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_role');
      return { status: 200, body: { role: renderRole(roleOr404(c.core, c.params.role_id!), c.base) } };
    },
  },
  {
    method: 'PATCH', path: '/v3/roles/:role_id', schema: { body: RoleUpdate, response: { 200: RoleShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_role');
      const r = roleOr404(c.core, c.params.role_id!);
      const b = c.body.role as Record<string, any>;
      if (r.options.immutable === true && !(b.options && b.options.immutable === false && Object.keys(b).length === 1)) {
        throw new IdentityError(403, `Unable to update immutable role resource: \`${r.id}. Set resource option "immutable" to false first.`);
      }
      if (b.name !== undefined && b.name !== r.name && c.core.stores.roles.getByName(b.name, r.domainId)) throw duplicate(b.name);
      const next: RoleRow = { ...r, name: b.name ?? r.name, description: b.description !== undefined ? b.description : r.description, options: { ...r.options, ...(b.options ?? {}) } };
      c.core.write(() => c.core.stores.roles.update(next));
      return { status: 200, body: { role: renderRole(next, c.base) } };
    },
  },
  {
    method: 'DELETE', path: '/v3/roles/:role_id', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:delete_role');
      const r = roleOr404(c.core, c.params.role_id!);
      if (r.options.immutable === true) {
        throw new IdentityError(403, `Unable to delete immutable role resource: \`${r.id}. Set resource option "immutable" to false first.`);
      }
      c.core.write(() => c.core.stores.roles.delete(r.id));
      return { status: 204 };
    },
  },
  {
    method: 'GET', path: '/v3/role_inferences', schema: { response: { 200: RoleInferenceList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_role_inference_rules');
      const byPrior = new Map<string, string[]>();
      for (const r of c.core.stores.roles.implications()) byPrior.set(r.priorRoleId, [...(byPrior.get(r.priorRoleId) ?? []), r.impliedRoleId]);
      const rules = [...byPrior].map(([prior, implied]) => ({
        prior_role: roleRef(c.core.stores.roles.get(prior)!, c.base),
        implies: implied.map((id) => roleRef(c.core.stores.roles.get(id)!, c.base)),
      }));
      return { status: 200, body: { role_inferences: rules } };
    },
  },
  {
    method: 'GET', path: '/v3/roles/:prior_role_id/implies', schema: { response: { 200: RoleImplies, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_implied_roles');
      const prior = roleOr404(c.core, c.params.prior_role_id!);
      const implied = c.core.stores.roles.implications().filter((r) => r.priorRoleId === prior.id).map((r) => roleRef(c.core.stores.roles.get(r.impliedRoleId)!, c.base));
      return { status: 200, body: { role_inference: { prior_role: roleRef(prior, c.base), implies: implied }, links: { self: c.selfUrl } } };
    },
  },
  ...(['PUT', 'GET', 'HEAD', 'DELETE'] as const).map((method): RouteDeclaration => ({
    method, path: '/v3/roles/:prior_role_id/implies/:implied_role_id', schema: { response: { 200: RoleImply, 201: RoleImply, 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can(method === 'PUT' ? 'identity:create_implied_role' : method === 'DELETE' ? 'identity:delete_implied_role' : 'identity:get_implied_role');
      const prior = roleOr404(c.core, c.params.prior_role_id!);
      const implied = roleOr404(c.core, c.params.implied_role_id!);
      const exists = c.core.stores.roles.implications().some((r) => r.priorRoleId === prior.id && r.impliedRoleId === implied.id);
      const body = { role_inference: { prior_role: roleRef(prior, c.base), implies: roleRef(implied, c.base) }, links: { self: `${c.base}/roles/${prior.id}/implies/${implied.id}` } };
      if (method === 'PUT') {
        // keystone: admin is never implied, nor is a domain-specific role by a global one
        if (implied.name === 'admin' || (prior.domainId === null && implied.domainId !== null)) throw new IdentityError(403, `${implied.id} cannot be an implied roles.`);
        c.core.write(() => c.core.stores.roles.addImplied(prior.id, implied.id));
        return { status: 201, body };
      }
      if (!exists) throw new IdentityError(404, `${prior.id} does not imply ${implied.id}.`);
      if (method === 'DELETE') { c.core.write(() => c.core.stores.roles.removeImplied(prior.id, implied.id)); return { status: 204 }; }
      return method === 'HEAD' ? { status: 204 } : { status: 200, body };
    },
  })),
];
