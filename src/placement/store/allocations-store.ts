// Allocation rows (placement/objects/allocation.py) and the inventory-with-usage read of the
// capacity check. allocations.consumer_id holds the consumer UUID, as upstream. Providers and
// resource classes are looked up through placement-core's stores. SQL only; the caller owns
// the transaction.
import type { InventoryLimits } from '../inventory-limits.js';
import type { Db } from '../../db/open-database.js';

export interface ConsumerAllocationRow {
  readonly providerId: number;
  readonly providerUuid: string;
  readonly providerGeneration: number;
  readonly resourceClass: string;
  readonly used: number;
  readonly createdAt: string;
  readonly updatedAt: string | null;
  readonly consumerGeneration: number;
  readonly consumerTypeId: number | null;
  readonly projectExternalId: string;
  readonly userExternalId: string;
}

export interface ProviderAllocationRow {
  readonly consumerUuid: string;
  readonly consumerGeneration: number;
  readonly resourceClass: string;
  readonly used: number;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

/** One inventory of a provider with what is allocated against it right now. */
export interface InventoryUsage extends InventoryLimits {
  readonly resourceClassId: number;
  readonly used: number;
}

export interface AllocationsStore {
  /** Allocations of one consumer joined with provider, consumer, project, user (inner joins, as upstream). */
  forConsumer(consumerUuid: string): ConsumerAllocationRow[];
  forProvider(providerId: number): ProviderAllocationRow[];
  /** Ids of the providers this consumer currently holds allocations on. */
  providerIdsOfConsumer(consumerUuid: string): number[];
  deleteForConsumer(consumerUuid: string): void;
  insert(providerId: number, consumerUuid: string, resourceClassId: number, used: number, now: string): void;
  /** Every inventory of the provider with its current usage. */
  inventoryUsage(providerId: number): InventoryUsage[];
}

interface ConsumerAllocDbRow {
  provider_id: number; provider_uuid: string; provider_generation: number; resource_class: string; used: number;
  created_at: string; updated_at: string | null; consumer_generation: number; consumer_type_id: number | null;
  project_external_id: string; user_external_id: string;
}
interface ProviderAllocDbRow {
  consumer_uuid: string; consumer_generation: number; resource_class: string; used: number; created_at: string; updated_at: string | null;
}
interface InventoryDbRow {
  resource_class_id: number; total: number; reserved: number; min_unit: number; max_unit: number; step_size: number;
  allocation_ratio: number; used: number;
}

export function createAllocationsStore(db: Db): AllocationsStore {
  const byConsumer = db.prepare(`
    SELECT a.resource_provider_id AS provider_id, rp.uuid AS provider_uuid, rp.generation AS provider_generation,
           rc.name AS resource_class, a.used, a.created_at, a.updated_at, c.generation AS consumer_generation,
           c.consumer_type_id, p.external_id AS project_external_id, u.external_id AS user_external_id
    FROM allocations a
    JOIN resource_providers rp ON rp.id = a.resource_provider_id
    JOIN resource_classes rc ON rc.id = a.resource_class_id
    JOIN consumers c ON c.uuid = a.consumer_id
    JOIN projects p ON p.id = c.project_id
    JOIN users u ON u.id = c.user_id
    WHERE a.consumer_id = ?
    ORDER BY a.id`);
  // Upstream reads these through its (provider, class, used) index, so consumers come out in
  // that order; the JSON key order follows.
  const byProvider = db.prepare(`
    SELECT c.uuid AS consumer_uuid, c.generation AS consumer_generation, rc.name AS resource_class, a.used,
           a.created_at, a.updated_at
    FROM allocations a
    JOIN resource_classes rc ON rc.id = a.resource_class_id
    JOIN consumers c ON c.uuid = a.consumer_id
    JOIN projects p ON p.id = c.project_id
    JOIN users u ON u.id = c.user_id
    WHERE a.resource_provider_id = ?
    ORDER BY a.resource_class_id, a.used, a.id`);
  // no DISTINCT (deduplicated in JS): SQLite would use a temp b-tree, whose page cache it
  // allocates and touches on every query (page faults that cost more than the query itself)
  const providersOfConsumer = db.prepare('SELECT resource_provider_id FROM allocations WHERE consumer_id = ?').pluck();
  const deleteConsumerAllocs = db.prepare('DELETE FROM allocations WHERE consumer_id = ?');
  const insertAlloc = db.prepare(
    'INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES (?, ?, ?, ?, ?)');
  const inventoryUsage = db.prepare(`
    SELECT i.resource_class_id, i.total, i.reserved, i.min_unit, i.max_unit, i.step_size, i.allocation_ratio,
           COALESCE((SELECT pu.used FROM provider_usage pu
             WHERE pu.resource_provider_id = i.resource_provider_id AND pu.resource_class_id = i.resource_class_id), 0) AS used
    FROM inventories i WHERE i.resource_provider_id = ?`);

  return {
    forConsumer(consumerUuid) {
      return (byConsumer.all(consumerUuid) as ConsumerAllocDbRow[]).map((r) => ({
        providerId: r.provider_id, providerUuid: r.provider_uuid, providerGeneration: r.provider_generation,
        resourceClass: r.resource_class, used: r.used, createdAt: r.created_at, updatedAt: r.updated_at,
        consumerGeneration: r.consumer_generation, consumerTypeId: r.consumer_type_id,
        projectExternalId: r.project_external_id, userExternalId: r.user_external_id,
      }));
    },
    forProvider(providerId) {
      return (byProvider.all(providerId) as ProviderAllocDbRow[]).map((r) => ({
        consumerUuid: r.consumer_uuid, consumerGeneration: r.consumer_generation, resourceClass: r.resource_class,
        used: r.used, createdAt: r.created_at, updatedAt: r.updated_at,
      }));
    },
    providerIdsOfConsumer: (consumerUuid) => [...new Set(providersOfConsumer.all(consumerUuid) as number[])],
    deleteForConsumer(consumerUuid) { deleteConsumerAllocs.run(consumerUuid); },
    insert(providerId, consumerUuid, resourceClassId, used, now) {
      insertAlloc.run(providerId, consumerUuid, resourceClassId, used, now);
    },
    inventoryUsage(providerId) {
      return (inventoryUsage.all(providerId) as InventoryDbRow[]).map((r) => ({
        resourceClassId: r.resource_class_id, total: r.total, reserved: r.reserved, minUnit: r.min_unit,
        maxUnit: r.max_unit, stepSize: r.step_size, allocationRatio: r.allocation_ratio, used: r.used,
      }));
    },
  };
}
