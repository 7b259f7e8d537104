// /resource_providers/{uuid}/inventories[/{resource_class}] (handlers/inventory.py). The
// inventory semantics live in inventory-rules.ts; this file maps their failures to the
// statuses and wording of each handler.
import { ApiError } from '../../http/api-error.js';
import { RaisedError } from '../raised-error.js';
import { ErrorCodes } from '../error-codes.js';
import { requireProvider } from '../provider-lookup.js';
import {
  addInventory, deleteInventory, InventoryError, setInventories, updateInventory, validateCapacity, withDefaults,
  type InventoryInput,
} from '../inventory-rules.js';
import { cacheHeaders, newestTimestamp } from '../views/cache-headers.js';
import { renderInventories, renderInventory } from '../views/inventory.js';
import {
  createInventoryBody, inventoriesResponse, inventoryResponse, setInventoriesBody, updateInventoryBody,
} from '../schemas/inventories.js';
import type { PlacementCall, RouteDeclaration } from './route-declaration.js';

type InventoryBody = { total: number; reserved?: number; min_unit?: number; max_unit?: number; step_size?: number; allocation_ratio?: number };

function inventoryUrl(call: PlacementCall, uuid: string, rc: string): string {
  return `${call.linkPrefix}/resource_providers/${uuid}/inventories/${rc}`;
}

/** Run a write in one transaction; turn InventoryError into the handler's HTTP error. */
function write<T>(call: PlacementCall, fn: () => T, map: (e: InventoryError) => ApiError): T {
  try {
    return call.service.runtime.db.transaction(fn)();
  } catch (e) {
    if (e instanceof InventoryError) throw map(e);
    throw e;
  }
}

function providerNotFoundDetail(base: string): string {
  return `${base.replace(/ found$/, '')} found : ${base}`;
}

export const inventoryRoutes: readonly RouteDeclaration[] = [
  {
    path: '/resource_providers/{uuid}/inventories',
    method: 'GET',
    checkAccept: true,
    summary: 'List the inventories of a provider',
    schemas: { response: inventoriesResponse },
    handler: (call) => {
      call.can('placement:resource_providers:inventories:list');
      const p = requireProvider(call.service, call.params.uuid!, providerNotFoundDetail);
      const invs = call.service.stores.inventories.ofProvider(p.id);
      const headers = cacheHeaders(call.version, newestTimestamp(invs.map((i) => i.updated_at ?? i.created_at), call.service.runtime.clock.now()));
      // _serialize_inventories has no fallback time: no inventory, no Last-Modified.
      if (!invs.length) delete headers['last-modified'];
      return { status: 200, headers, body: renderInventories(invs, p.generation) };
    },
  },
  {
    path: '/resource_providers/{uuid}/inventories',
    method: 'POST',
    requireContent: 'application/json',
    summary: 'Add one inventory to a provider',
    schemas: { body: createInventoryBody, response: inventoryResponse },
    handler: (call) => {
      call.can('placement:resource_providers:inventories:create');
      const p = requireProvider(call.service, call.params.uuid!);
      const data = call.json<InventoryBody & { resource_class: string }>(createInventoryBody);
      const inv = withDefaults(data.resource_class, data);
      const now = call.service.now();
      const generation = write(call, () => {
        validateCapacity(call.version, p, [inv]);
        return addInventory(call.service.stores, p, inv, now);
      }, (e) => e.kind === 'concurrent' || e.kind === 'duplicate'
        ? new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, `Update conflict: ${e.message}`)
        : new ApiError(400, null, `Unable to create inventory for resource provider ${p.uuid}: ${e.message}`));
      return {
        status: 201,
        headers: { location: inventoryUrl(call, p.uuid, inv.resource_class), ...cacheHeaders(call.version, new Date(now)) },
        body: renderInventory(inv, generation),
      };
    },
  },
  {
    path: '/resource_providers/{uuid}/inventories',
    method: 'PUT',
    requireContent: 'application/json',
    summary: 'Replace all inventories of a provider',
    schemas: { body: setInventoriesBody, response: inventoriesResponse },
    handler: (call) => {
      call.can('placement:resource_providers:inventories:update');
      const p = requireProvider(call.service, call.params.uuid!);
      const data = call.json<{ resource_provider_generation: number; inventories: Record<string, InventoryBody> }>(setInventoriesBody);
      if (data.resource_provider_generation !== p.generation) {
        throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, 'resource provider generation conflict');
      }
      const invs: InventoryInput[] = Object.entries(data.inventories).map(([rc, body]) => withDefaults(rc, body));
      const now = call.service.now();
      const generation = write(call, () => {
        validateCapacity(call.version, p, invs);
        return setInventories(call.service.stores, p, invs, now);
      }, (e) => {
        switch (e.kind) {
          case 'rc_not_found': return new ApiError(400, null, `Unknown resource class in inventory for resource provider ${p.uuid}: ${e.message}`);
          case 'in_use': return new ApiError(409, ErrorCodes.INVENTORY_INUSE, `update conflict: ${e.message}`);
          case 'capacity': return new ApiError(400, null, `Unable to update inventory for resource provider ${p.uuid}: ${e.message}`);
          default: return new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, `update conflict: ${e.message}`);
        }
      });
      const headers = cacheHeaders(call.version, new Date(now));
      // _send_inventories: the Last-Modified is the newest inventory's, none without inventories
      if (!invs.length) delete headers['last-modified'];
      return { status: 200, headers, body: renderInventories(invs, generation) };
    },
  },
  {
    path: '/resource_providers/{uuid}/inventories',
    method: 'DELETE',
    minVersion: '1.5',
    outsideWindow: 405,
    summary: 'Delete all inventories of a provider (1.5)',
    schemas: { response: null },
    handler: (call) => {
      call.can('placement:resource_providers:inventories:delete');
      const p = requireProvider(call.service, call.params.uuid!);
      write(call, () => setInventories(call.service.stores, p, [], call.service.now()), (e) => e.kind === 'in_use'
        ? new ApiError(409, ErrorCodes.INVENTORY_INUSE, e.message)
        : new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, `Unable to delete inventory for resource provider ${p.uuid} because the inventory was updated by another process. Please retry your request.`));
      return { status: 204 };
    },
  },
  {
    path: '/resource_providers/{uuid}/inventories/{resource_class}',
    method: 'GET',
    checkAccept: true,
    summary: 'Show one inventory of a provider',
    schemas: { response: inventoryResponse },
    handler: (call) => {
      call.can('placement:resource_providers:inventories:show');
      const rc = call.params.resource_class!;
      const p = requireProvider(call.service, call.params.uuid!, providerNotFoundDetail);
      const inv = call.service.stores.inventories.ofProvider(p.id).find((i) => i.resource_class === rc);
      if (!inv) throw new ApiError(404, null, `No inventory of class ${rc} for ${p.uuid}`);
      return {
        status: 200,
        headers: cacheHeaders(call.version, new Date(inv.updated_at ?? inv.created_at)),
        body: renderInventory(inv, p.generation),
      };
    },
  },
  {
    path: '/resource_providers/{uuid}/inventories/{resource_class}',
    method: 'PUT',
    requireContent: 'application/json',
    summary: 'Update one inventory of a provider',
    schemas: { body: updateInventoryBody, response: inventoryResponse },
    handler: (call) => {
      call.can('placement:resource_providers:inventories:update');
      const rc = call.params.resource_class!;
      const p = requireProvider(call.service, call.params.uuid!);
      const data = call.json<InventoryBody & { resource_provider_generation: number }>(updateInventoryBody);
      if (data.resource_provider_generation !== p.generation) {
        throw new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, 'resource provider generation conflict');
      }
      const inv = withDefaults(rc, data);
      const now = call.service.now();
      const generation = write(call, () => {
        validateCapacity(call.version, p, [inv]);
        return updateInventory(call.service.stores, p, inv, now);
      }, (e) => {
        switch (e.kind) {
          // ResourceClassNotFound is a NotFound the handler does not catch: handler.py makes it a 404.
          case 'rc_not_found': return new RaisedError(404, null, e.message);
          case 'not_found': return new ApiError(400, null, `No inventory record with resource class for resource provider ${p.uuid}: ${e.message}`);
          case 'capacity': return new ApiError(400, null, `Unable to update inventory for resource provider ${p.uuid}: ${e.message}`);
          default: return new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, `update conflict: ${e.message}`);
        }
      });
      return { status: 200, headers: cacheHeaders(call.version, new Date(now)), body: renderInventory(inv, generation) };
    },
  },
  {
    path: '/resource_providers/{uuid}/inventories/{resource_class}',
    method: 'DELETE',
    summary: 'Delete one inventory of a provider',
    schemas: { response: null },
    handler: (call) => {
      call.can('placement:resource_providers:inventories:delete');
      const rc = call.params.resource_class!;
      const p = requireProvider(call.service, call.params.uuid!);
      write(call, () => deleteInventory(call.service.stores, p, rc, call.service.now()), (e) => {
        switch (e.kind) {
          case 'in_use':
          case 'concurrent': return new ApiError(409, ErrorCodes.CONCURRENT_UPDATE, `Unable to delete inventory of class ${rc}: ${e.message}`);
          case 'rc_not_found': return new ApiError(404, null, `No inventory of class ${rc} found for delete: ${e.message}`);
          default: return new ApiError(404, null, `No inventory of class ${rc} found for delete: ${e.message}`);
        }
      });
      return { status: 204 };
    },
  },
];
