// /resource_providers and /resource_providers/{uuid} (handlers/resource_provider.py).
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import { cacheHeaders } from '../views/cache-headers.js';
import { renderProviderList } from '../views/provider-list.js';
import { providerUrl, renderProvider } from '../views/resource-provider.js';
import { requireProvider } from '../provider-lookup.js';
import { searchResourceProviders, type ResourceProviderFilters } from '../allocation-candidates/resource-provider-search.js';
import { normalizeInTree, normalizeMemberOfParams, normalizeResources, normalizeTraitParams } from '../allocation-candidates/query-normalize.js';
import {
  createProviderBody, createProviderResponse, listProvidersQuery, providerListResponse, providerResponse, updateProviderBody,
} from '../schemas/resource-providers.js';
import type { PlacementCall, RouteDeclaration } from './route-declaration.js';

/** str(uuid.UUID(text)): lower-case, dashed. */
function canonicalUuid(text: string): string {
  const hex = text.toLowerCase().replace(/urn:/g, '').replace(/uuid:/g, '').replace(/^\{+|\}+$/g, '').replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function objectActionError(action: string, reason: string): string {
  return `Object action ${action} failed because: ${reason}`;
}

function listFilters(call: PlacementCall): ResourceProviderFilters {
  const { version, query, queryPairs } = call;
  const all = (key: string) => queryPairs.filter(([k]) => k === key).map(([, v]) => v);
  const filters: ResourceProviderFilters = {};
  if ('member_of' in query) {
    const e = normalizeMemberOfParams(all('member_of'), '', version.atLeast('1.24'), version.atLeast('1.32'));
    filters.memberOf = { anyOf: e.memberOf.map((s) => [...s]), forbidden: [...e.forbidden] };
  }
  if ('required' in query) {
    const e = normalizeTraitParams(all('required'), version.atLeast('1.22'), version.atLeast('1.39'));
    filters.required = {
      allOf: e.required.filter((s) => s.size === 1).map((s) => [...s][0]!),
      anyOf: e.required.filter((s) => s.size > 1).map((s) => [...s]),
      forbidden: [...e.forbidden],
    };
  }
  if ('uuid' in query) filters.uuid = query.uuid;
  if ('name' in query) filters.name = query.name;
  if ('in_tree' in query) filters.inTree = normalizeInTree(query.in_tree!);
  if ('resources' in query) filters.resources = Object.fromEntries(normalizeResources(query.resources!));
  return filters;
}

export const resourceProviderRoutes: readonly RouteDeclaration[] = [
  {
    path: '/resource_providers',
    method: 'GET',
    checkAccept: true,
    summary: 'List resource providers (name, uuid, member_of 1.3, resources 1.4, in_tree 1.14, required 1.18)',
    schemas: { query: listProvidersQuery, response: providerListResponse },
    handler: (call) => {
      call.can('placement:resource_providers:list');
      call.validateQuery(listProvidersQuery);
      const { index, stores } = call.service;
      const ids = searchResourceProviders(index, listFilters(call));
      const list = renderProviderList(ids, index.providers(), stores.providers, call.linkPrefix, call.version);
      const rawJson = list.json;
      return {
        status: 200,
        headers: cacheHeaders(call.version, list.lastModified ?? call.service.runtime.clock.now()),
        rawJson,
        // For in-process callers that read the object; send() uses rawJson and never parses it.
        get body() { return JSON.parse(rawJson.toString('latin1')) as unknown; },
      };
    },
  },
  {
    path: '/resource_providers',
    method: 'POST',
    requireContent: 'application/json',
    summary: 'Create a resource provider (201 empty before 1.20, 200 with the provider from 1.20)',
    schemas: { body: createProviderBody, response: createProviderResponse },
    handler: (call) => {
      call.can('placement:resource_providers:create');
      const data = call.json<{ name: string; uuid?: string; parent_provider_uuid?: string | null }>(createProviderBody);
      const { stores } = call.service;
      const uuid = data.uuid ? canonicalUuid(data.uuid) : call.service.runtime.ids.uuid();
      const created = call.service.runtime.db.transaction(() => {
        let parentId: number | null = null;
        let rootId: number | null = null;
        const parentUuid = data.parent_provider_uuid ?? null;
        if (parentUuid !== null) {
          if (parentUuid === uuid) {
            throw new ApiError(400, null, `Unable to create resource provider "${data.name}", ${uuid}: ${objectActionError('create',
              'parent provider UUID cannot be same as UUID. Please set parent provider UUID to None if there is no parent.')}`);
          }
          const parent = stores.providers.byUuid(parentUuid);
          if (!parent) {
            throw new ApiError(400, null, `Unable to create resource provider "${data.name}", ${uuid}: ${objectActionError('create', 'parent provider UUID does not exist.')}`);
          }
          parentId = parent.id;
          rootId = parent.root_provider_id;
        }
        if (!data.name) {
          throw new ApiError(400, null, `Unable to create resource provider "${data.name}", ${uuid}: ${objectActionError('create', 'name is required')}`);
        }
        if (stores.providers.byUuid(uuid)) {
          throw new ApiError(409, ErrorCodes.DUPLICATE_NAME, `Conflicting resource provider uuid: ${uuid} already exists.`);
        }
        if (stores.providers.byName(data.name)) {
          throw new ApiError(409, ErrorCodes.DUPLICATE_NAME, `Conflicting resource provider name: ${data.name} already exists.`);
        }
        return stores.providers.create({ uuid, name: data.name, parentId, rootId }, call.service.now());
      })();
      const location = providerUrl(call.linkPrefix, created.uuid);
      if (call.version.atLeast('1.20')) {
        return {
          status: 200,
          headers: { location, ...cacheHeaders(call.version, new Date(created.created_at)) },
          body: renderProvider(created, call.linkPrefix, call.version),
        };
      }
      return { status: 201, headers: { location } };
    },
  },
  {
    path: '/resource_providers/{uuid}',
    method: 'GET',
    checkAccept: true,
    summary: 'Show a resource provider',
    schemas: { response: providerResponse },
    handler: (call) => {
      call.can('placement:resource_providers:show');
      const p = requireProvider(call.service, call.params.uuid!);
      return {
        status: 200,
        headers: cacheHeaders(call.version, new Date(p.updated_at ?? p.created_at)),
        body: renderProvider(p, call.linkPrefix, call.version),
      };
    },
  },
  {
    path: '/resource_providers/{uuid}',
    method: 'DELETE',
    summary: 'Delete a resource provider (409 with children or allocations)',
    schemas: { response: null },
    handler: (call) => {
      const uuid = call.params.uuid!;
      call.can('placement:resource_providers:delete');
      const { stores } = call.service;
      call.service.runtime.db.transaction(() => {
        const p = stores.providers.byUuid(uuid);
        if (!p) throw new ApiError(404, null, `No resource provider with uuid ${uuid} found for delete`);
        if (stores.providers.hasChildren(p.id)) {
          throw new ApiError(409, ErrorCodes.PROVIDER_CANNOT_DELETE_PARENT, `Unable to delete parent resource provider ${uuid}: It has child resource providers.`);
        }
        if (stores.providers.allocationCount(p.id) > 0) {
          throw new ApiError(409, ErrorCodes.PROVIDER_IN_USE, `Unable to delete resource provider ${uuid}: Resource provider has allocations.`);
        }
        stores.providers.delete(p.id);
      })();
      return { status: 204 };
    },
  },
  {
    path: '/resource_providers/{uuid}',
    method: 'PUT',
    requireContent: 'application/json',
    summary: 'Update a resource provider (name; parent 1.14; re-/un-parenting 1.37)',
    schemas: { body: updateProviderBody, response: providerResponse },
    handler: (call) => {
      const uuid = call.params.uuid!;
      call.can('placement:resource_providers:update');
      const { stores } = call.service;
      const current = requireProvider(call.service, uuid);
      const data = call.json<{ name: string; parent_provider_uuid?: string | null }>(updateProviderBody);
      const allowReparenting = call.version.atLeast('1.37');
      const now = call.service.now();
      const updated = call.service.runtime.db.transaction(() => {
        if ('parent_provider_uuid' in data) {
          const parentUuid = data.parent_provider_uuid ?? null;
          const fail = (action: string, reason: string) => new ApiError(400, null, `Unable to save resource provider ${uuid}: ${objectActionError(action, reason)}`);
          if (parentUuid !== null) {
            const parent = stores.providers.byUuid(parentUuid);
            if (!parent) throw fail('create', 'parent provider UUID does not exist.');
            if (current.parent_provider_id !== null && current.parent_provider_id !== parent.id && !allowReparenting) {
              throw fail('update', 're-parenting a provider is not currently allowed.');
            }
            const subtree = stores.providers.subtreeIds(current.id);
            if (subtree.includes(parent.id)) throw fail('update', 'creating loop in the provider tree is not allowed.');
            if (current.parent_provider_id !== parent.id) stores.providers.reparent(current.id, parent.id, parent.root_provider_id, subtree, now);
          } else if (current.parent_provider_id !== null) {
            if (!allowReparenting) throw fail('update', 'un-parenting a provider is not currently allowed.');
            stores.providers.reparent(current.id, null, current.id, stores.providers.subtreeIds(current.id), now);
          }
        }
        if (data.name !== current.name) {
          const clash = stores.providers.byName(data.name);
          if (clash && clash.id !== current.id) {
            throw new ApiError(409, ErrorCodes.DUPLICATE_NAME, `Conflicting resource provider ${data.name} already exists.`);
          }
        }
        stores.providers.rename(current.id, data.name, now);
        return stores.providers.byUuid(uuid)!;
      })();
      // Placement sends the updated_at it loaded before saving: none for a never-updated provider.
      const headers = cacheHeaders(call.version, new Date(current.updated_at ?? 0));
      if (current.updated_at === null) delete headers['last-modified'];
      return { status: 200, headers, body: renderProvider(updated, call.linkPrefix, call.version) };
    },
  },
];

