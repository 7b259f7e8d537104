// /resource_providers/{uuid}/aggregates (handlers/aggregate.py), from 1.1. From 1.19 the
// body carries the provider generation, which is checked and bumped.
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import { requireProvider } from '../provider-lookup.js';
import type { ProviderRow } from '../store/resource-providers-store.js';
import { cacheHeaders } from '../views/cache-headers.js';
import { aggregatesResponse, setAggregatesBody } from '../schemas/aggregates.js';
import type { PlacementCall, PlacementResponse, RouteDeclaration } from './route-declaration.js';

function send(call: PlacementCall, aggregates: readonly string[], generation: number): PlacementResponse {
  const body: Record<string, unknown> = { aggregates };
  if (call.version.atLeast('1.19')) body.resource_provider_generation = generation;
  // Associations carry no timestamp; placement uses "now".
  return { status: 200, headers: cacheHeaders(call.version, call.service.runtime.clock.now()), body };
}

export const aggregateRoutes: readonly RouteDeclaration[] = [
  {
    path: '/resource_providers/{uuid}/aggregates',
    method: 'GET',
    minVersion: '1.1',
    checkAccept: true,
    headerChecksFirst: true,
    summary: 'List the aggregates of a provider',
    schemas: { response: aggregatesResponse },
    handler: (call) => {
      call.can('placement:resource_providers:aggregates:list');
      const p = requireProvider(call.service, call.params.uuid!);
      return send(call, call.service.stores.aggregates.ofProvider(p.id), p.generation);
    },
  },
  {
    path: '/resource_providers/{uuid}/aggregates',
    method: 'PUT',
    minVersion: '1.1',
    requireContent: 'application/json',
    headerChecksFirst: true,
    summary: 'Replace the aggregates of a provider',
    schemas: { body: setAggregatesBody, response: aggregatesResponse },
    handler: (call) => {
      call.can('placement:resource_providers:aggregates:update');
      const p: ProviderRow = requireProvider(call.service, call.params.uuid!);
      const withGeneration = call.version.atLeast('1.19');
      const data = call.json<string[] | { aggregates: string[]; resource_provider_generation: number }>(setAggregatesBody);
      let aggregates: string[];
      if (withGeneration) {
        const d = data as { aggregates: string[]; resource_provider_generation: number };
        if (d.resource_provider_generation !== p.generation) {
          throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, "Resource provider's generation already changed. Please update the generation and try again.");
        }
        aggregates = d.aggregates;
      } else {
        aggregates = data as string[];
      }
      const { stores } = call.service;
      const generation = call.service.runtime.db.transaction(() => {
        stores.aggregates.setForProvider(p.id, aggregates);
        if (!withGeneration) return p.generation;
        if (!stores.providers.incrementGeneration(p.id, p.generation, call.service.now())) {
          throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, 'Update conflict: Another thread concurrently updated the resource provider data. Please retry your update');
        }
        return p.generation + 1;
      })();
      return send(call, aggregates, generation);
    },
  },
];
