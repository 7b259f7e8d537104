// The collection routes every neutron resource has (neutron/api/v2/base.py Controller):
// index, show, create, update, delete, and the tag sub-resource (standard-attr-tag).
import { NoBody } from '../../http/openapi.js';
import { Type } from 'typebox';
import { RESOURCES, str, type ResourceKind } from '../attributes.js';
import { NeutronError, badRequest } from '../errors.js';
import { prepareBulkBody, prepareRequestBody } from '../request-body.js';
import { AnyObject, Links, NeutronErrorBody, resourceInput, resourceView } from '../schemas/resources.js';
import type { NetworkingCall, RouteDeclaration } from './route-declaration.js';

const errors = { 400: NeutronErrorBody, 401: NeutronErrorBody, 403: NeutronErrorBody, 404: NeutronErrorBody, 409: NeutronErrorBody };

function fieldsOf(call: NetworkingCall): string[] {
  return call.queryPairs.filter(([k, v]) => k === 'fields' && v !== '').map(([, v]) => v);
}

function collectionRoutes(kind: ResourceKind): RouteDeclaration[] {
  const view = resourceView(kind);
  const one = Type.Object({ [kind.singular]: view }, { additionalProperties: false });
  const many = Type.Object({ [kind.collection]: Type.Array(view), [`${kind.collection}_links`]: Type.Optional(Links) }, { additionalProperties: false });
  // a bulk create answers the collection (no links)
  const bulk = Type.Object({ [kind.collection]: Type.Array(view) }, { additionalProperties: false });
  const base = `/v2.0/${kind.path}`;
  return [
    {
      path: base, method: 'GET', summary: `list ${kind.collection}`, schemas: { response: { 200: many, ...errors } },
      handler: (call) => {
        const page = call.service.list(kind.singular, call.auth, call.queryPairs, call.selfUrl);
        const fields = fieldsOf(call);
        const body: Record<string, unknown> = { [kind.collection]: page.items.map((d) => call.service.view(kind.singular, d, call.auth, fields)) };
        if (page.links !== null) body[`${kind.collection}_links`] = page.links;
        return { status: 200, body };
      },
    },
    {
      path: base, method: 'POST', summary: `create a ${kind.singular}`, schemas: { body: resourceInput(kind, 'post'), response: { 201: Type.Union([one, bulk]), ...errors } },
      handler: (call) => {
        const items = prepareBulkBody(kind, call.body, call.auth);
        if (items) {
          const docs = call.service.createBulk(kind.singular, items, call.auth);
          return { status: 201, body: { [kind.collection]: docs.map((d) => call.service.view(kind.singular, d, call.auth)) } };
        }
        const attrs = prepareRequestBody(kind, call.body, true, call.auth);
        const doc = call.service.create(kind.singular, attrs, call.auth);
        return { status: 201, body: { [kind.singular]: call.service.view(kind.singular, doc, call.auth) } };
      },
    },
    {
      path: `${base}/{id}`, method: 'GET', summary: `show a ${kind.singular}`, schemas: { response: { 200: one, ...errors } },
      handler: (call) => ({ status: 200, body: { [kind.singular]: call.service.view(kind.singular, call.service.show(kind.singular, call.params.id!, call.auth), call.auth, fieldsOf(call)) } }),
    },
    {
      path: `${base}/{id}`, method: 'PUT', summary: `update a ${kind.singular}`, schemas: { body: resourceInput(kind, 'put'), response: { 200: one, ...errors } },
      handler: (call) => {
        const attrs = prepareRequestBody(kind, call.body, false, call.auth);
        const doc = call.service.update(kind.singular, call.params.id!, attrs, call.auth);
        return { status: 200, body: { [kind.singular]: call.service.view(kind.singular, doc, call.auth) } };
      },
    },
    {
      path: `${base}/{id}`, method: 'DELETE', summary: `delete a ${kind.singular}`, schemas: { response: { 204: NoBody, ...errors } },
      handler: (call) => {
        if (call.body !== undefined && call.body !== null && call.body !== '') throw badRequest('Request body is not supported in DELETE.');
        call.service.remove(kind.singular, call.params.id!, call.auth);
        return { status: 204 };
      },
    },
    ...tagRoutes(kind, base),
  ];
}

const TAG_MAX = 255;
function checkTag(tag: unknown): string {
  const problem = str(TAG_MAX)(tag);
  if (problem || (tag as string).includes(',') || (tag as string).includes('/')) throw badRequest(`Invalid input for tags. Reason: '${String(tag)}' is not a valid tag.`);
  return tag as string;
}

function tagRoutes(kind: ResourceKind, base: string): RouteDeclaration[] {
  const tags = Type.Object({ tags: Type.Array(Type.String()) }, { additionalProperties: false });
  const path = `${base}/{id}/tags`;
  return [
    { path, method: 'GET', summary: `tags of a ${kind.singular}`, schemas: { response: { 200: tags, ...errors } },
      handler: (call) => ({ status: 200, body: { tags: call.service.tags(kind.singular, call.params.id!, call.auth) } }) },
    { path, method: 'PUT', summary: `replace the tags of a ${kind.singular}`, schemas: { body: tags, response: { 200: tags, ...errors } },
      handler: (call) => {
        const body = call.body as { tags?: unknown } | undefined;
        if (!body || typeof body !== 'object' || !Array.isArray(body.tags)) throw badRequest("Invalid input for tags. Reason: Validation of dictionary's keys failed. Expected keys: {'tags'} Provided keys: set().");
        const list = body.tags.map(checkTag);
        return { status: 200, body: { tags: call.service.setTags(kind.singular, call.params.id!, call.auth, list) } };
      } },
    { path, method: 'DELETE', summary: `remove every tag of a ${kind.singular}`, schemas: { response: { 204: NoBody, ...errors } },
      handler: (call) => { call.service.setTags(kind.singular, call.params.id!, call.auth, []); return { status: 204 }; } },
    { path: `${path}/{tag}`, method: 'GET', summary: 'is this tag set', schemas: { response: { 204: NoBody, ...errors } },
      handler: (call) => {
        if (!call.service.tags(kind.singular, call.params.id!, call.auth).includes(call.params.tag!)) {
          throw new NeutronError(404, 'TagNotFound', `Tag ${call.params.tag!} could not be found.`);
        }
        return { status: 204 };
      } },
    { path: `${path}/{tag}`, method: 'PUT', summary: 'add a tag', schemas: { response: { 201: NoBody, ...errors } },
      handler: (call) => { const t = checkTag(call.params.tag); call.service.setTags(kind.singular, call.params.id!, call.auth, (cur) => [...cur, t]); return { status: 201, body: null }; } },
    { path: `${path}/{tag}`, method: 'DELETE', summary: 'remove a tag', schemas: { response: { 204: NoBody, ...errors } },
      handler: (call) => {
        const current = call.service.tags(kind.singular, call.params.id!, call.auth);
        if (!current.includes(call.params.tag!)) {
          throw new NeutronError(404, 'TagNotFound', `Tag ${call.params.tag!} could not be found.`);
        }
        call.service.setTags(kind.singular, call.params.id!, call.auth, (cur) => cur.filter((x) => x !== call.params.tag));
        return { status: 204 };
      } },
  ];
}

// built at the first call (the table's typebox schemas are not needed before the first networking request)
let table: RouteDeclaration[] | undefined;
export const resourceRoutes = (): RouteDeclaration[] => table ??= RESOURCES.flatMap(collectionRoutes);
export { AnyObject };
