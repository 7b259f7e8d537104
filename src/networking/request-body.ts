// neutron/api/v2/base.py Controller.prepare_request_body + neutron_lib AttributeInfo: the
// body's envelope, the owner (project_id/tenant_id), unknown and read-only attributes,
// POST defaults, conversion and validation, with neutron's messages.
import type { AuthContext } from '../http/auth-context.js';
import type { ResourceKind } from './attributes.js';
import { badRequest, policyNotAuthorized } from './errors.js';

/** An attribute the request did not give and that has no default (ATTR_NOT_SPECIFIED). */
export type Attrs = Record<string, unknown>;

/** A create body holding `{<collection>: [...]}`: each item prepared as its own create (items
 *  may also be `{<singular>: {...}}`); null for a single-resource body. Zed's pecan app allows
 *  bulk on every create (body_validation: allow_bulk=is_create), emulated where no native one. */
export function prepareBulkBody(kind: ResourceKind, body: unknown, auth: AuthContext): Attrs[] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !(kind.collection in body)) return null;
  const items = (body as Record<string, unknown>)[kind.collection];
  if (!items || (Array.isArray(items) && items.length === 0)) throw badRequest('Resources required');
  if (!Array.isArray(items)) throw badRequest('Body contains invalid data');
  return items.map((item) => {
    const one = typeof item === 'object' && item !== null && kind.singular in item ? item : { [kind.singular]: item };
    return prepareRequestBody(kind, one, true, auth);
  });
}

export function prepareRequestBody(kind: ResourceKind, body: unknown, isCreate: boolean, auth: AuthContext): Attrs {
  if (body === undefined || body === null || body === '') {
    throw badRequest('Resource body required');
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Body contains invalid data');
  const envelope = body as Record<string, unknown>;
  if (kind.collection in envelope) throw badRequest('Bulk operation not supported');
  const res = envelope[kind.singular];
  if (res === undefined || res === null) throw badRequest(`Unable to find '${kind.singular}' in request body`);
  if (typeof res !== 'object' || Array.isArray(res)) throw badRequest(`Object '${kind.singular}' contains invalid data`);
  const attrs: Attrs = { ...(res as Attrs) };
  const map = kind.attributes;

  // populate_project_info + _validate_privileges
  if ('tenant_id' in attrs && 'project_id' in attrs && attrs.tenant_id !== attrs.project_id) {
    throw badRequest("'project_id' and 'tenant_id' do not match");
  }
  if ('tenant_id' in attrs) attrs.project_id = attrs.tenant_id;
  else if ('project_id' in attrs) attrs.tenant_id = attrs.project_id;
  if ('project_id' in attrs && !auth.isAdmin && attrs.project_id !== auth.projectId) {
    throw badRequest('Specifying \'project_id\' or \'tenant_id\' other than the authenticated project in request requires admin privileges');
  }
  if (isCreate && !('project_id' in attrs)) { attrs.project_id = auth.projectId; attrs.tenant_id = auth.projectId; }

  const extra = Object.keys(attrs).filter((k) => !(k in map));
  if (extra.length) throw badRequest(`Unrecognized attribute(s) '${extra.join(', ')}'`);

  if (isCreate) {
    for (const [name, a] of Object.entries(map)) {
      if (a.post) {
        if (!(name in attrs)) {
          if (!('default' in a)) throw badRequest(`Failed to parse request. Required attribute '${name}' not specified`);
          if (a.default !== undefined) attrs[name] = structuredClone(a.default);
        }
      } else if (name in attrs) {
        throw badRequest(`Attribute '${name}' not allowed in POST`);
      }
    }
  } else {
    for (const [name, a] of Object.entries(map)) {
      if (name in attrs && !a.put) throw badRequest(`Cannot update read-only attribute ${name}`);
    }
  }

  for (const [name, a] of Object.entries(map)) {
    if (!(name in attrs) || attrs[name] === undefined) continue;
    if (a.convert) attrs[name] = a.convert(attrs[name]);
    if (a.validate) {
      const problem = a.validate(attrs[name]);
      if (problem) throw badRequest(`Invalid input for ${name}. Reason: ${problem}.`);
    }
  }

  // policy: attributes only an admin may set (create_network:shared, ...:binding:host_id, ...)
  if (!auth.isAdmin) {
    for (const [name, a] of Object.entries(map)) {
      if (!a.adminToSet || !(name in attrs) || attrs[name] === undefined) continue;
      if (isCreate && a.networkOwnerToCreate) continue;
      if (isCreate && a.default !== undefined && JSON.stringify(attrs[name]) === JSON.stringify(a.default) && !(name in (res as Attrs))) continue;
      const action = `${isCreate ? 'create' : 'update'}_${kind.singular}`;
      throw policyNotAuthorized(`(rule:${action} and rule:${action}:${name}) is disallowed by policy`);
    }
  }
  return attrs;
}
