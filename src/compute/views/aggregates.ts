// os-aggregates views (aggregates.py _marshall_aggregate): the Aggregate object's fields in
// their declared order, uuid from 2.41, the soft-delete fields always false/null, and the
// availability_zone extra field. Timestamps are naive strtime values.
import type { Microversion } from '../../http/microversion.js';
import { aggregateZone, type AggregateRecord } from '../../compute-db/aggregates-store.js';
import { strTimeOrNull } from './time-format.js';

export function aggregateView(a: AggregateRecord, v: Microversion, opts: { updatedAt?: string; created?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { id: a.id };
  if (v.atLeast('2.41')) out.uuid = a.uuid;
  out.name = a.name;
  // create() drops hosts and metadata "to maintain the same API result as before"
  if (!opts.created) {
    out.hosts = [...a.hosts];
    out.metadata = { ...a.metadata };
  }
  out.created_at = strTimeOrNull(a.createdAt);
  out.updated_at = strTimeOrNull(opts.updatedAt ?? a.updatedAt);
  out.deleted_at = null;
  out.deleted = false;
  out.availability_zone = aggregateZone(a);
  return out;
}
