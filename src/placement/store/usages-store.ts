// Usage sums (placement/objects/usage.py): per provider, and per project/user, optionally
// grouped by consumer type. SQL only.
import type { Db } from '../../db/open-database.js';

export interface ClassUsage {
  readonly resourceClass: string;
  readonly usage: number;
}

export interface TypedClassUsage extends ClassUsage {
  /** null when the consumer has no type (shown as "unknown") */
  readonly consumerType: string | null;
}

export interface UsagesStore {
  /** One row per inventory of the provider, 0 when nothing is allocated. */
  forProvider(providerId: number): ClassUsage[];
  /** Sums over every consumer of the project (and user when given). */
  forProjectUser(projectId: string, userId: string | undefined, onlyUntyped: boolean): ClassUsage[];
  /** Distinct consumers holding allocations in the project (and user). */
  countConsumers(projectId: string, userId: string | undefined, onlyUntyped: boolean): number;
  /** Sums grouped by resource class and consumer type; `consumerType` filters by type name. */
  byConsumerType(projectId: string, userId: string | undefined, consumerType: string | undefined): TypedClassUsage[];
  /** Distinct consumers per consumer type name (null = untyped). */
  consumerCountsByType(projectId: string, userId: string | undefined, consumerType: string | undefined): Map<string | null, number>;
}

export function createUsagesStore(db: Db): UsagesStore {
  const forProvider = db.prepare(`
    SELECT rc.name AS resourceClass,
           COALESCE((SELECT pu.used FROM provider_usage pu
             WHERE pu.resource_provider_id = i.resource_provider_id AND pu.resource_class_id = i.resource_class_id), 0) AS usage
    FROM inventories i JOIN resource_classes rc ON rc.id = i.resource_class_id
    WHERE i.resource_provider_id = ?
    ORDER BY i.resource_class_id`);

  // The project/user filters are bound as (project, user, user): a NULL user matches everyone.
  const scope = `
    FROM allocations a
    JOIN resource_classes rc ON rc.id = a.resource_class_id
    JOIN consumers c ON c.uuid = a.consumer_id
    JOIN projects p ON p.id = c.project_id
    JOIN users u ON u.id = c.user_id
    LEFT JOIN consumer_types ct ON ct.id = c.consumer_type_id
    WHERE p.external_id = ? AND (? IS NULL OR u.external_id = ?)`;
  const untyped = ' AND c.consumer_type_id IS NULL';
  const typed = ' AND (? IS NULL OR ct.name = ?)';
  const sums = (extra: string) => db.prepare(`
    SELECT rc.name AS resourceClass, SUM(a.used) AS usage ${scope}${extra}
    GROUP BY a.resource_class_id ORDER BY a.resource_class_id`);
  const allSums = sums('');
  const untypedSums = sums(untyped);
  const counts = (extra: string) => db.prepare(`SELECT COUNT(DISTINCT a.consumer_id) ${scope}${extra}`).pluck();
  const allCount = counts('');
  const untypedCount = counts(untyped);
  const typedSums = db.prepare(`
    SELECT rc.name AS resourceClass, SUM(a.used) AS usage, ct.name AS consumerType
    ${scope}${typed}
    GROUP BY a.resource_class_id, c.consumer_type_id ORDER BY a.resource_class_id, c.consumer_type_id`);
  const typedCounts = db.prepare(`
    SELECT ct.name AS consumerType, COUNT(DISTINCT a.consumer_id) AS n ${scope}${typed}
    GROUP BY ct.name`);

  return {
    forProvider: (providerId) => forProvider.all(providerId) as ClassUsage[],
    forProjectUser(projectId, userId, onlyUntyped) {
      const u = userId ?? null;
      return (onlyUntyped ? untypedSums : allSums).all(projectId, u, u) as ClassUsage[];
    },
    countConsumers(projectId, userId, onlyUntyped) {
      const u = userId ?? null;
      return (onlyUntyped ? untypedCount : allCount).get(projectId, u, u) as number;
    },
    byConsumerType(projectId, userId, consumerType) {
      const u = userId ?? null;
      const t = consumerType ?? null;
      return typedSums.all(projectId, u, u, t, t) as TypedClassUsage[];
    },
    consumerCountsByType(projectId, userId, consumerType) {
      const u = userId ?? null;
      const t = consumerType ?? null;
      const rows = typedCounts.all(projectId, u, u, t, t) as { consumerType: string | null; n: number }[];
      return new Map(rows.map((r) => [r.consumerType, r.n]));
    },
  };
}
