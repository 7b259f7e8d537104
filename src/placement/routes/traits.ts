// /traits[/{name}] and /resource_providers/{uuid}/traits (handlers/trait.py), from 1.6.
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import { validateJson } from '../../http/python/json-schema-check.js';
import { requireProvider } from '../provider-lookup.js';
import type { TraitFilters, TraitRow } from '../store/traits-store.js';
import { cacheHeaders, newestTimestamp } from '../views/cache-headers.js';
import { customTraitSchema, listTraitsQuery, providerTraitsResponse, setProviderTraitsBody, traitListResponse } from '../schemas/traits.js';
import type { PlacementCall, RouteDeclaration } from './route-declaration.js';

const CUSTOM_PREFIX = 'CUSTOM_';

function traitListHeaders(call: PlacementCall, traits: readonly TraitRow[]): Record<string, string> {
  return cacheHeaders(call.version, newestTimestamp(traits.map((t) => t.updated_at ?? t.created_at), call.service.runtime.clock.now()));
}

/** _normalize_traits_qs_param for ?name= */
function nameFilter(qs: string): TraitFilters {
  const i = qs.indexOf(':');
  if (i < 0) {
    throw new ApiError(400, null, 'Badly formatted name parameter. Expected name query string parameter in form: '
      + `?name=[in|startswith]:[name1,name2|prefix]. Got: "${qs}"`);
  }
  const op = qs.slice(0, i);
  const value = qs.slice(i + 1);
  if (op === 'in') return { nameIn: value.split(',') };
  if (op === 'startswith') return { prefix: value };
  return {};
}

export const traitRoutes: readonly RouteDeclaration[] = [
  {
    path: '/traits',
    method: 'GET',
    minVersion: '1.6',
    checkAccept: true,
    summary: 'List traits (?name=in:A,B | startswith:P, ?associated=true|false)',
    schemas: { query: listTraitsQuery, response: traitListResponse },
    handler: (call) => {
      call.can('placement:traits:list');
      call.validateQuery(listTraitsQuery);
      let filters: TraitFilters = {};
      if ('name' in call.query) filters = nameFilter(call.query.name!);
      if ('associated' in call.query) {
        const v = call.query.associated!.toLowerCase();
        if (v !== 'true' && v !== 'false') throw new ApiError(400, null, 'The query parameter "associated" only accepts "true" or "false"');
        filters = { ...filters, associated: v === 'true' };
      }
      const traits = call.service.stores.traits.list(filters);
      return { status: 200, headers: traitListHeaders(call, traits), body: { traits: traits.map((t) => t.name) } };
    },
  },
  {
    path: '/traits/{name}',
    method: 'GET',
    minVersion: '1.6',
    summary: 'Check a trait exists (204)',
    schemas: { response: null },
    handler: (call) => {
      call.can('placement:traits:show');
      const name = call.params.name!;
      const t = call.service.stores.traits.byName(name);
      if (!t) throw new ApiError(404, null, `No such trait(s): ${name}.`);
      return { status: 204, headers: cacheHeaders(call.version, new Date(t.created_at)) };
    },
  },
  {
    path: '/traits/{name}',
    method: 'PUT',
    minVersion: '1.6',
    summary: 'Create a custom trait (201) or confirm it exists (204)',
    schemas: { response: null },
    handler: (call) => {
      call.can('placement:traits:update');
      const name = call.params.name!;
      if (validateJson(customTraitSchema, name) !== null) {
        throw new ApiError(400, null, 'The trait is invalid. A valid trait must be no longer than 255 characters, start with the '
          + 'prefix "CUSTOM_" and use following characters: "A"-"Z", "0"-"9" and "_"');
      }
      const store = call.service.stores.traits;
      const { trait, created } = call.service.runtime.db.transaction(() => {
        const existing = store.byName(name);
        return existing ? { trait: existing, created: false } : { trait: store.create(name, call.service.now()), created: true };
      })();
      return {
        status: created ? 201 : 204,
        headers: { location: `${call.linkPrefix}/traits/${name}`, ...cacheHeaders(call.version, new Date(trait.created_at)) },
      };
    },
  },
  {
    path: '/traits/{name}',
    method: 'DELETE',
    minVersion: '1.6',
    summary: 'Delete a custom trait',
    schemas: { response: null },
    handler: (call) => {
      call.can('placement:traits:delete');
      const name = call.params.name!;
      const store = call.service.stores.traits;
      call.service.runtime.db.transaction(() => {
        const t = store.byName(name);
        if (!t) throw new ApiError(404, null, `No such trait(s): ${name}.`);
        if (!name.startsWith(CUSTOM_PREFIX)) throw new ApiError(400, null, `Cannot delete standard trait ${name}.`);
        if (store.providerCount(t.id) > 0) throw new ApiError(409, null, `The trait ${name} is in use by a resource provider.`);
        store.delete(t.id);
      })();
      return { status: 204 };
    },
  },
  {
    path: '/resource_providers/{uuid}/traits',
    method: 'GET',
    minVersion: '1.6',
    checkAccept: true,
    summary: 'List the traits of a provider',
    schemas: { response: providerTraitsResponse },
    handler: (call) => {
      call.can('placement:resource_providers:traits:list');
      const uuid = call.params.uuid!;
      const p = requireProvider(call.service, uuid, (base) => `No resource provider with uuid ${uuid} found: ${base}`);
      const traits = call.service.stores.traits.ofProvider(p.id);
      return {
        status: 200,
        headers: traitListHeaders(call, traits),
        body: { traits: traits.map((t) => t.name), resource_provider_generation: p.generation },
      };
    },
  },
  {
    path: '/resource_providers/{uuid}/traits',
    method: 'PUT',
    minVersion: '1.6',
    requireContent: 'application/json',
    summary: 'Replace the traits of a provider',
    schemas: { body: setProviderTraitsBody, response: providerTraitsResponse },
    handler: (call) => {
      call.can('placement:resource_providers:traits:update');
      const data = call.json<{ traits: string[]; resource_provider_generation: number }>(setProviderTraitsBody);
      const p = requireProvider(call.service, call.params.uuid!);
      if (p.generation !== data.resource_provider_generation) {
        throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, "Resource provider's generation already changed. Please update the generation and try again.");
      }
      const { stores } = call.service;
      const traits = stores.traits.list({ nameIn: data.traits });
      const known = new Set(traits.map((t) => t.name));
      const missing = [...new Set(data.traits)].filter((t) => !known.has(t));
      if (missing.length) throw new ApiError(400, null, `No such trait ${missing.join(', ')}`);
      const now = call.service.now();
      const generation = call.service.runtime.db.transaction(() => {
        if (!stores.traits.setForProvider(p.id, traits.map((t) => t.id))) return p.generation;
        if (!stores.providers.incrementGeneration(p.id, p.generation, now)) {
          throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, 'Another thread concurrently updated the resource provider data. Please retry your update');
        }
        return p.generation + 1;
      })();
      return {
        status: 200,
        headers: traitListHeaders(call, traits),
        body: { traits: traits.map((t) => t.name), resource_provider_generation: generation },
      };
    },
  },
  {
    path: '/resource_providers/{uuid}/traits',
    method: 'DELETE',
    minVersion: '1.6',
    summary: 'Remove every trait from a provider',
    schemas: { response: null },
    handler: (call) => {
      call.can('placement:resource_providers:traits:delete');
      const p = requireProvider(call.service, call.params.uuid!);
      const { stores } = call.service;
      call.service.runtime.db.transaction(() => {
        if (!stores.traits.setForProvider(p.id, [])) return;
        if (!stores.providers.incrementGeneration(p.id, p.generation, call.service.now())) {
          throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, 'Another thread concurrently updated the resource provider data. Please retry your update');
        }
      })();
      return { status: 204 };
    },
  },
];
