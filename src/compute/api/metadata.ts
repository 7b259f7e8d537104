// nova/compute/api.py update_instance_metadata / delete_instance_metadata: the state guard and
// the metadata_items quota, written by the API (no compute RPC in this double).
import { ApiError } from '../../http/api-error.js';
import type { RequestContext } from '../../compute-db/records.js';
import { checkInstanceState } from '../server-states.js';
import type { ApiContext } from './api-context.js';

export interface MetadataApi {
  /** PUT (replace=true) / POST (merge) /servers/{id}/metadata; PUT of one key merges it. */
  update(ctx: RequestContext, uuid: string, metadata: Record<string, string>, replace: boolean): Promise<Record<string, string>>;
  deleteItem(ctx: RequestContext, uuid: string, key: string): Promise<void>;
}

export function createMetadataApi(c: ApiContext): MetadataApi {
  const store = c.store;
  return {
    async update(ctx, uuid, metadata, replace) {
      const inst = c.getInstance(ctx, uuid);
      checkInstanceState(inst, 'updateMetadata', ctx.isAdmin);
      const next = replace ? { ...metadata } : { ...inst.metadata, ...metadata };
      const limit = store.quotas.limits(inst.projectId).metadata_items!;
      if (limit >= 0 && Object.keys(next).length > limit) {
        throw new ApiError(403, null, `Quota exceeded for metadata_items: Requested ${Object.keys(next).length}, but already used 0 of ${limit} metadata_items`);
      }
      return store.instances.save(uuid, { metadata: next }).metadata as Record<string, string>;
    },
    async deleteItem(ctx, uuid, key) {
      const inst = c.getInstance(ctx, uuid);
      checkInstanceState(inst, 'updateMetadata', ctx.isAdmin);
      if (!(key in inst.metadata)) throw new ApiError(404, null, 'Metadata item was not found');
      const rest = { ...inst.metadata };
      delete rest[key];
      store.instances.save(uuid, { metadata: rest });
    },
  };
}
