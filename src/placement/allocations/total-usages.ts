// GET /usages from 1.38: usages per consumer type with distinct consumer counts
// (objects/usage.py _get_by_consumer_type). "all" and "unknown" are not type names but
// groupings: everything under one "all" key, or only consumers without a type.
import type { TypedClassUsage, UsagesStore } from '../store/usages-store.js';

export function usagesByConsumerType(
  store: UsagesStore,
  projectId: string,
  userId: string | undefined,
  consumerType: string | undefined,
): (TypedClassUsage & { consumerCount: number })[] {
  if (consumerType === 'all' || consumerType === 'unknown') {
    const onlyUntyped = consumerType === 'unknown';
    const count = store.countConsumers(projectId, userId, onlyUntyped);
    return store.forProjectUser(projectId, userId, onlyUntyped)
      .map((u) => ({ ...u, consumerType, consumerCount: count }));
  }
  const counts = store.consumerCountsByType(projectId, userId, consumerType);
  return store.byConsumerType(projectId, userId, consumerType)
    .map((u) => ({ ...u, consumerCount: counts.get(u.consumerType) ?? 0 }));
}
