// /resource_classes[/{name}] (handlers/resource_class.py), from 1.2. PUT is a rename up to 1.6
// and a bodiless create-or-verify from 1.7.
import { ApiError } from '../../http/api-error.js';
import { RaisedError } from '../raised-error.js';
import { MIN_CUSTOM_RESOURCE_CLASS_ID, type ResourceClassRow } from '../store/resource-classes-store.js';
import { cacheHeaders, newestTimestamp } from '../views/cache-headers.js';
import { extractJson } from '../request-body.js';
import { schemaFor } from '../schemas/versioned.js';
import { resourceClassBody, resourceClassListResponse, resourceClassResponse } from '../schemas/resource-classes.js';
import type { PlacementCall, RouteDeclaration } from './route-declaration.js';

function classUrl(call: PlacementCall, name: string): string {
  return `${call.linkPrefix}/resource_classes/${name}`;
}

function render(call: PlacementCall, rc: ResourceClassRow): Record<string, unknown> {
  return { name: rc.name, links: [{ rel: 'self', href: classUrl(call, rc.name) }] };
}

/** ResourceClass.get_by_name; the uncaught NotFound becomes handler.py's 404. */
function requireClass(call: PlacementCall, name: string): ResourceClassRow {
  const rc = call.service.stores.resourceClasses.byName(name);
  if (!rc) throw new RaisedError(404, null, `No such resource class ${name}.`);
  return rc;
}

export const resourceClassRoutes: readonly RouteDeclaration[] = [
  {
    path: '/resource_classes',
    method: 'GET',
    minVersion: '1.2',
    checkAccept: true,
    summary: 'List resource classes',
    schemas: { response: resourceClassListResponse },
    handler: (call) => {
      call.can('placement:resource_classes:list');
      const all = call.service.stores.resourceClasses.all();
      return {
        status: 200,
        headers: cacheHeaders(call.version, newestTimestamp(all.map((r) => r.updated_at ?? r.created_at), call.service.runtime.clock.now())),
        body: { resource_classes: all.map((rc) => render(call, rc)) },
      };
    },
  },
  {
    path: '/resource_classes',
    method: 'POST',
    minVersion: '1.2',
    requireContent: 'application/json',
    summary: 'Create a custom resource class',
    schemas: { body: resourceClassBody, response: null },
    handler: (call) => {
      call.can('placement:resource_classes:create');
      const { name } = call.json<{ name: string }>(resourceClassBody);
      const store = call.service.stores.resourceClasses;
      call.service.runtime.db.transaction(() => {
        if (store.byName(name)) throw new ApiError(409, null, `Conflicting resource class already exists: ${name}`);
        store.createCustom(name, call.service.now());
      })();
      return { status: 201, headers: { location: classUrl(call, name) } };
    },
  },
  {
    path: '/resource_classes/{name}',
    method: 'GET',
    minVersion: '1.2',
    checkAccept: true,
    summary: 'Show a resource class',
    schemas: { response: resourceClassResponse },
    handler: (call) => {
      call.can('placement:resource_classes:show');
      const rc = requireClass(call, call.params.name!);
      return {
        status: 200,
        headers: cacheHeaders(call.version, new Date(rc.updated_at ?? rc.created_at)),
        body: render(call, rc),
      };
    },
  },
  {
    path: '/resource_classes/{name}',
    method: 'PUT',
    minVersion: '1.2',
    maxVersion: '1.6',
    requireContent: 'application/json',
    summary: 'Rename a custom resource class (1.2-1.6)',
    schemas: { body: resourceClassBody, response: resourceClassResponse },
    handler: (call) => {
      const name = call.params.name!;
      call.can('placement:resource_classes:update');
      const data = call.json<{ name: string }>(resourceClassBody);
      const store = call.service.stores.resourceClasses;
      const rc = requireClass(call, name);
      call.service.runtime.db.transaction(() => {
        if (rc.id < MIN_CUSTOM_RESOURCE_CLASS_ID) throw new ApiError(400, null, `Cannot update standard resource class ${name}`);
        const clash = store.byName(data.name);
        if (clash && clash.id !== rc.id) throw new ApiError(409, null, `Resource class already exists: ${data.name}`);
        store.rename(rc.id, data.name, call.service.now());
        // Inventories refer to the class by id: every indexed name may have changed.
        call.service.index.markAllDirty();
      })();
      return { status: 200, body: render(call, { ...rc, name: data.name }) };
    },
  },
  {
    path: '/resource_classes/{name}',
    method: 'PUT',
    minVersion: '1.7',
    summary: 'Create a custom resource class if missing (1.7): 201 created, 204 existed',
    schemas: { response: null },
    handler: (call) => {
      const name = call.params.name!;
      call.can('placement:resource_classes:update');
      // Placement validates the name by building '{"name": "<name>"}' and checking it with the
      // POST schema, so a name that breaks that JSON is a "Malformed JSON" 400.
      extractJson(`{"name": "${name}"}`, schemaFor(resourceClassBody, call.version)!);
      const store = call.service.stores.resourceClasses;
      const created = call.service.runtime.db.transaction(() => {
        if (store.byName(name)) return false;
        store.createCustom(name, call.service.now());
        return true;
      })();
      return { status: created ? 201 : 204, headers: { location: classUrl(call, name) } };
    },
  },
  {
    path: '/resource_classes/{name}',
    method: 'DELETE',
    minVersion: '1.2',
    summary: 'Delete a custom resource class',
    schemas: { response: null },
    handler: (call) => {
      const name = call.params.name!;
      call.can('placement:resource_classes:delete');
      const store = call.service.stores.resourceClasses;
      const rc = requireClass(call, name);
      call.service.runtime.db.transaction(() => {
        if (rc.id < MIN_CUSTOM_RESOURCE_CLASS_ID) {
          throw new ApiError(400, null, `Error in delete resource class: Cannot delete standard resource class ${name}.`);
        }
        if (store.inventoryCount(rc.id) > 0) {
          throw new ApiError(409, null, `Error in delete resource class: Cannot delete resource class ${name}. Class is in use in inventory.`);
        }
        store.delete(rc.id);
      })();
      return { status: 204 };
    },
  },
];
