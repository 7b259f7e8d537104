// GET/PUT/DELETE /allocations/{consumer_uuid}, POST /allocations,
// GET /resource_providers/{uuid}/allocations (placement/handlers/allocation.py).
import { ApiError } from '../../http/api-error.js';
import { isUuidLike } from '../../http/python/json-value-checks.js';
import { allocationStoresOf } from '../allocations/allocation-stores.js';
import { consumerAllocationsView, providerAllocationsView } from '../allocations/allocation-views.js';
import { cacheHeaders, newestTimestamp } from '../views/cache-headers.js';
import { writeAllocations, type ConsumerAllocationsRequest, type WriteContext, type WriteMode } from '../allocations/write-allocations.js';
import {
  CONSUMER_ALLOCATIONS_RESPONSE, POST_ALLOCATIONS_SCHEMAS, PROVIDER_ALLOCATIONS_RESPONSE, PUT_ALLOCATIONS_SCHEMAS,
  type DictAllocationsBody, type ListAllocationsBody, type PostAllocationsBody,
} from '../schemas/allocations.js';
import { always } from '../schemas/versioned.js';
import type { PlacementCall, PlacementResponse, RouteDeclaration } from './route-declaration.js';

/** Allocations are only ever inserted, so the newest created_at is the last change; none = now. */
function lastModified(rows: readonly { createdAt: string; updatedAt: string | null }[], call: PlacementCall): Date {
  return newestTimestamp(rows.map((r) => r.updatedAt ?? r.createdAt), call.service.runtime.clock.now());
}

function writeContext(call: PlacementCall, mode: WriteMode): WriteContext {
  const { allocations, consumers } = allocationStoresOf(call.service);
  return {
    allocations, consumers, mode,
    providers: call.service.stores.providers, resourceClasses: call.service.stores.resourceClasses,
    now: call.service.runtime.clock.now().toISOString(),
    requireGeneration: call.version.atLeast('1.28'),
    requireType: call.version.atLeast('1.38'),
    markUsagesDirty: (id) => call.service.index.markUsagesDirty(id),
  };
}

/** str(uuid.UUID(text)): the canonical lower-case dashed form of any uuid-like text. */
function canonicalUuid(text: string): string {
  let s = text.toLowerCase();
  if (s.startsWith('urn:')) s = s.slice(4);
  if (s.startsWith('uuid:')) s = s.slice(5);
  const hex = s.replace(/[{}-]/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Before 1.12 the body is a list; later entries for the same provider replace earlier ones. */
function fromListBody(body: ListAllocationsBody): ConsumerAllocationsRequest['allocations'] {
  const byProvider = new Map<string, Record<string, number>>();
  for (const a of body.allocations) byProvider.set(a.resource_provider.uuid, a.resources);
  return [...byProvider].map(([providerUuid, resources]) => ({ providerUuid, resources }));
}

function fromDictBody(consumerUuid: string, body: DictAllocationsBody): ConsumerAllocationsRequest {
  return {
    consumerUuid,
    projectId: body.project_id,
    userId: body.user_id,
    consumerGeneration: body.consumer_generation,
    consumerType: body.consumer_type,
    allocations: Object.entries(body.allocations).map(([providerUuid, a]) => ({ providerUuid, resources: a.resources })),
  };
}

function listForConsumer(call: PlacementCall): PlacementResponse {
  call.can('placement:allocations:list');
  const { allocations, consumers } = allocationStoresOf(call.service);
  // No 404 here: an unknown consumer simply has no allocations.
  const rows = allocations.forConsumer(call.params.consumer_uuid);
  return {
    status: 200,
    body: consumerAllocationsView(rows, call.version, (id) => consumers.consumerTypeName(id)),
    headers: cacheHeaders(call.version, lastModified(rows, call)),
  };
}

function setForConsumer(call: PlacementCall): PlacementResponse {
  call.can('placement:allocations:update');
  const raw = call.params.consumer_uuid;
  if (!isUuidLike(raw)) throw new ApiError(400, null, `Malformed consumer_uuid: ${raw}`);
  const consumerUuid = canonicalUuid(raw);
  let request: ConsumerAllocationsRequest;
  if (call.version.atLeast('1.12')) {
    request = fromDictBody(consumerUuid, call.json<DictAllocationsBody>(PUT_ALLOCATIONS_SCHEMAS));
  } else {
    const body = call.json<ListAllocationsBody>(PUT_ALLOCATIONS_SCHEMAS);
    request = {
      consumerUuid, projectId: body.project_id, userId: body.user_id, consumerGeneration: undefined,
      consumerType: undefined, allocations: fromListBody(body),
    };
  }
  const ctx = writeContext(call, 'put');
  call.service.runtime.db.transaction(() => writeAllocations(ctx, [request]))();
  return { status: 204 };
}

function setAllocations(call: PlacementCall): PlacementResponse {
  call.can('placement:allocations:manage');
  const body = call.json<PostAllocationsBody>(POST_ALLOCATIONS_SCHEMAS);
  const requests = Object.entries(body).map(([consumerUuid, b]) => fromDictBody(consumerUuid, b));
  const ctx = writeContext(call, 'post');
  call.service.runtime.db.transaction(() => writeAllocations(ctx, requests))();
  return { status: 204 };
}

function deleteAllocations(call: PlacementCall): PlacementResponse {
  call.can('placement:allocations:delete');
  const consumerUuid = call.params.consumer_uuid;
  const { allocations, consumers } = allocationStoresOf(call.service);
  call.service.runtime.db.transaction(() => {
    const rows = allocations.forConsumer(consumerUuid);
    if (rows.length === 0) throw new ApiError(404, null, `No allocations for consumer '${consumerUuid}'`);
    // Upstream deletes the rows and the consumer but bumps no generation.
    allocations.deleteForConsumer(consumerUuid);
    consumers.deleteIfNoAllocations([consumerUuid]);
    for (const id of new Set(rows.map((r) => r.providerId))) call.service.index.markUsagesDirty(id);
  })();
  return { status: 204 };
}

function listForResourceProvider(call: PlacementCall): PlacementResponse {
  call.can('placement:resource_providers:allocations:list');
  const uuid = call.params.uuid;
  const { allocations } = allocationStoresOf(call.service);
  const provider = call.service.stores.providers.byUuid(uuid);
  if (!provider) throw new ApiError(404, null, `Resource provider '${uuid}' not found: No resource provider with uuid ${uuid} found`);
  const rows = allocations.forProvider(provider.id);
  return {
    status: 200,
    body: providerAllocationsView(rows, provider.generation, call.version),
    headers: cacheHeaders(call.version, lastModified(rows, call)),
  };
}

export const allocationRoutes: readonly RouteDeclaration[] = [
  {
    path: '/allocations', method: 'POST', minVersion: '1.13', outsideWindow: 404, requireContent: 'application/json',
    schemas: { body: POST_ALLOCATIONS_SCHEMAS, response: null },
    summary: 'Replace the allocations of several consumers at once, atomically', handler: setAllocations,
  },
  {
    path: '/allocations/{consumer_uuid}', method: 'GET', checkAccept: true,
    schemas: { response: always(CONSUMER_ALLOCATIONS_RESPONSE) },
    summary: 'List the allocations of a consumer', handler: listForConsumer,
  },
  {
    path: '/allocations/{consumer_uuid}', method: 'PUT', requireContent: 'application/json',
    schemas: { body: PUT_ALLOCATIONS_SCHEMAS, response: null },
    summary: 'Replace the allocations of a consumer', handler: setForConsumer,
  },
  {
    path: '/allocations/{consumer_uuid}', method: 'DELETE',
    schemas: { response: null },
    summary: 'Delete all allocations of a consumer', handler: deleteAllocations,
  },
  {
    path: '/resource_providers/{uuid}/allocations', method: 'GET', checkAccept: true,
    schemas: { response: always(PROVIDER_ALLOCATIONS_RESPONSE) },
    summary: 'List the allocations against a resource provider', handler: listForResourceProvider,
  },
];
