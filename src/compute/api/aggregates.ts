// nova/compute/api.py AggregateAPI with the errors aggregates.py turns its exceptions into:
// create / update / delete, set_metadata, add_host / remove_host (mirrored into Placement as
// provider aggregates of the host's compute node), and is_safe_to_update_az, the availability
// zone rules (no empty zone name, a host in one zone only, no zone change under instances).
import { ApiError } from '../../http/api-error.js';
import { pyRepr } from '../../http/python/repr.js';
import type { ComputeStore } from '../../compute-db/compute-store.js';
import { aggregateZone, type AggregateRecord } from '../../compute-db/aggregates-store.js';
import type { PlacementClient } from '../../placement-client/placement-client.js';
import { AggregateMirrorError, aggregateAddHost, aggregateRemoveHost } from '../../placement-client/aggregate-mirroring.js';
import { unexpectedNovaError } from '../unexpected-error.js';

export interface AggregateApiDeps {
  store: ComputeStore;
  placement: PlacementClient;
  newUuid(): string;
  now(): string;
  log: { warn(obj: object, msg: string): void };
}

/** What the API answers: the aggregate, and an updated_at only the answer carries. */
export interface AggregateAnswer {
  aggregate: AggregateRecord;
  /** update_metadata sets updated_at on the object it returns, not in the database. */
  updatedAt?: string;
}

type AzAction = 'add' | 'update' | 'update_meta';
const AZ_ACTION_MESSAGE: Record<AzAction, (id: number) => string> = {
  add: (id) => `Cannot add host to aggregate ${id}.`, // InvalidAggregateActionAdd
  update: (id) => `Cannot update aggregate ${id}.`, // InvalidAggregateActionUpdate
  update_meta: (id) => `Cannot update metadata of aggregate ${id}.`, // InvalidAggregateActionUpdateMeta
};

/** utils.validate_integer(id, 'id'): int(str(value)) as Python reads it. */
export function checkId(id: string): number {
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(id)) throw new ApiError(400, null, 'Invalid input received: id must be an integer');
  return Number(id.trim().replace(/_/g, ''));
}

export function createAggregateApi(d: AggregateApiDeps) {
  const aggs = d.store.aggregates;

  /** Aggregate.get_by_id; `notFound` words the 404 as the calling API does. */
  function get(id: string, notFound?: () => ApiError): AggregateRecord {
    const a = aggs.get(checkId(id));
    if (!a) throw notFound ? notFound() : new ApiError(404, null, `Aggregate ${id} could not be found.`);
    return a;
  }

  function isSafeToUpdateAz(metadata: Readonly<Record<string, string | null>>, a: AggregateRecord, action: AzAction,
    opts: { hosts?: readonly string[]; checkNoInstances?: boolean; status: number }): void {
    if (!('availability_zone' in metadata)) return;
    const fail = (reason: string) => new ApiError(opts.status, null, `${AZ_ACTION_MESSAGE[action](a.id)} Reason: ${reason}.`);
    const zone = metadata.availability_zone;
    if (!zone) throw fail(`Aggregate ${a.name} does not support empty named availability zone`);
    const hosts = opts.hosts && opts.hosts.length > 0 ? opts.hosts : a.hosts;
    const conflicting = aggs.listByMetadata('availability_zone')
      .filter((other) => other.hosts.some((h) => hosts.includes(h)))
      .filter((other) => aggregateZone(other) !== zone && other.id !== a.id)
      .map((other) => aggregateZone(other));
    if (conflicting.length > 0) throw fail(`One or more hosts already in availability zone(s) ${pyRepr(conflicting)}`);
    if (opts.checkNoInstances && aggregateZone(a) !== zone && aggs.instanceCountOnHosts(hosts) > 0) {
      throw fail('One or more hosts contain instances in this zone');
    }
  }

  /** The host's nova-compute service (_get_service_in_cell_by_host) and its first node's name. */
  function computeNode(host: string): string | null {
    const svc = d.store.services.findService(host, 'nova-compute');
    if (!svc) return null;
    return d.store.services.nodesOfService(svc.id)[0]?.hypervisorHostname ?? host;
  }

  return {
    list: (): AggregateRecord[] => aggs.list(),
    get: (id: string): AggregateRecord => get(id),

    create(name: string, zone: string | null): AggregateRecord {
      const created = aggs.create({ uuid: d.newUuid(), name, metadata: zone ? { availability_zone: zone } : {} });
      if (!created) throw new ApiError(409, null, `Aggregate ${name} already exists.`);
      return created;
    },

    /** PUT: the new name is saved first (as nova does), then the zone is checked and set. */
    update(id: string, values: { name?: string; availability_zone?: string | null }): AggregateAnswer {
      const a = get(id);
      const rest: Record<string, string | null> = {};
      if ('availability_zone' in values) rest.availability_zone = values.availability_zone ?? null;
      if (values.name !== undefined && !aggs.rename(a.id, values.name)) throw new ApiError(409, null, `Aggregate ${values.name} already exists.`);
      const renamed = aggs.get(a.id)!;
      isSafeToUpdateAz(rest, renamed, 'update', { checkNoInstances: true, status: 400 });
      if (Object.keys(rest).length === 0) return { aggregate: renamed };
      aggs.updateMetadata(a.id, rest);
      return { aggregate: aggs.get(a.id)!, updatedAt: d.now() };
    },

    setMetadata(id: string, metadata: Readonly<Record<string, string | null>>): AggregateAnswer {
      const a = get(id);
      isSafeToUpdateAz(metadata, a, 'update_meta', { checkNoInstances: true, status: 400 });
      aggs.updateMetadata(a.id, metadata);
      return { aggregate: aggs.get(a.id)!, updatedAt: d.now() };
    },

    delete(id: string): void {
      const a = get(id);
      if (a.hosts.length > 0) throw new ApiError(400, null, `Cannot remove host from aggregate ${id}. Reason: Host aggregate is not empty.`);
      aggs.delete(a.id);
    },

    async addHost(id: string, host: string): Promise<AggregateRecord> {
      checkId(id);
      const node = computeNode(host);
      if (node === null) throw new ApiError(404, null, `Compute host ${host} could not be found.`);
      const a = get(id);
      isSafeToUpdateAz(a.metadata, a, 'add', { hosts: [host], status: 409 });
      if (!aggs.addHost(a.id, host)) throw new ApiError(409, null, `Aggregate ${a.id} already has host ${host}.`);
      try {
        await aggregateAddHost(d.placement, a.uuid, node);
      } catch (err) {
        // a failed mirroring is not the user's business: nova logs it for sync_aggregates
        d.log.warn({ err }, `Failed to associate ${node} with a placement aggregate. This may be corrected after running nova-manage placement sync_aggregates.`);
      }
      return aggs.get(a.id)!;
    },

    /** Placement first: were nova's side changed first, a failed Placement update could not be redone from the API. */
    async removeHost(id: string, host: string): Promise<AggregateRecord> {
      checkId(id);
      const cannot = (status: number) => new ApiError(status, null, `Cannot remove host ${host} in aggregate ${id}`);
      const node = computeNode(host);
      if (node === null) throw cannot(404);
      const a = get(id, () => cannot(404));
      try {
        await aggregateRemoveHost(d.placement, a.uuid, node);
      } catch (err) {
        if (err instanceof AggregateMirrorError && err.kind === 'ResourceProviderNotFound') {
          d.log.warn({ err }, `Failed to remove association of ${node} with a placement aggregate.`);
        } else if (err instanceof AggregateMirrorError) {
          throw cannot(409);
        } else {
          throw unexpectedNovaError('ResourceProviderUpdateFailed');
        }
      }
      if (!aggs.removeHost(a.id, host)) throw cannot(404);
      return aggs.get(a.id)!;
    },
  };
}

export type AggregateApi = ReturnType<typeof createAggregateApi>;
