// ResourceProvider.get_by_uuid for handlers: the provider row or placement's 404.
import { ApiError } from '../http/api-error.js';
import { RaisedError } from './raised-error.js';
import type { PlacementService } from './placement-service.js';
import type { ProviderRow } from './store/resource-providers-store.js';

/** The provider, or the NotFound placement's handler.py turns into a 404 ("No resource provider with uuid X found"). */
export function requireProvider(service: PlacementService, uuid: string, detail?: (base: string) => string): ProviderRow {
  const p = service.stores.providers.byUuid(uuid);
  if (!p) {
    const base = `No resource provider with uuid ${uuid} found`;
    // Without `detail` the handler lets ResourceProvider.get_by_uuid's NotFound escape.
    throw detail ? new ApiError(404, null, detail(base)) : new RaisedError(404, null, base);
  }
  return p;
}
