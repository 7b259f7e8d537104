// Server tags (nova/api/openstack/compute/server_tags.py over objects/tag.py): plain instance
// data nova's controller writes itself, no compute RPC. The caller found the instance (its
// mapping and the policy are the route's); the state rule and the per-server limit are here.
import { ApiError } from '../../http/api-error.js';
import type { InstanceRecord } from '../../compute-db/records.js';
import { validationDetail } from '../schemas/nova-validator.js';
import * as p from '../schemas/parameter-types.js';
import type { ApiContext } from './api-context.js';

/** objects/instance.py MAX_TAG_COUNT */
export const MAX_TAG_COUNT = 50;
const TAG_STATES = new Set(['active', 'paused', 'suspended', 'stopped']);

export interface TagsApi {
  /** PUT /servers/{id}/tags: the tags (deduplicated) as saved. */
  replace(inst: InstanceRecord, tags: readonly string[]): string[];
  /** DELETE /servers/{id}/tags */
  clear(inst: InstanceRecord): void;
  /** PUT /servers/{id}/tags/{tag} (the tag from the URL, validated here): true when added, false when the server had it. */
  add(inst: InstanceRecord, tag: string): boolean;
  /** DELETE /servers/{id}/tags/{tag}: 404 when the server has no such tag. */
  remove(inst: InstanceRecord, tag: string): void;
}

/** _check_instance_in_valid_state */
function requireTaggable(i: InstanceRecord, action: string): void {
  if (!TAG_STATES.has(i.vmState)) throw new ApiError(409, null, `Cannot '${action}' instance ${i.uuid} while it is in vm_state ${i.vmState}`);
}

export function createTagsApi(c: ApiContext): TagsApi {
  const save = (i: InstanceRecord, tags: string[]): string[] => [...c.store.instances.save(i.uuid, { tags }).tags];
  return {
    replace(i, tags) {
      requireTaggable(i, 'update tags');
      return save(i, [...new Set(tags)]);
    },
    clear(i) {
      requireTaggable(i, 'delete tags');
      save(i, []);
    },
    add(i, tag) {
      requireTaggable(i, 'update tag');
      const problem = validationDetail(p.tag, tag, 'body');
      if (problem !== null) {
        throw new ApiError(400, null, `Tag '${tag}' is invalid. It must be a non empty string without characters '/' and ','. Validation error message: ${problem}`);
      }
      if (i.tags.length >= MAX_TAG_COUNT) throw new ApiError(400, null, `The number of tags exceeded the per-server limit ${MAX_TAG_COUNT}`);
      if (i.tags.includes(tag)) return false;
      save(i, [...i.tags, tag]);
      return true;
    },
    remove(i, tag) {
      requireTaggable(i, 'delete tag');
      if (!i.tags.includes(tag)) throw new ApiError(404, null, `Instance ${i.uuid} has no tag '${tag}'`);
      save(i, i.tags.filter((x) => x !== tag));
    },
  };
}
