// How Zed's scheduler keeps a request in its availability zone: the request filter
// map_az_to_placement_aggregate (nova/scheduler/request_filter.py; [scheduler]
// query_placement_for_availability_zone defaults to True) asks Placement only for providers in
// the aggregates whose availability_zone metadata is the requested zone. The legacy
// AvailabilityZoneFilter is no longer among the default enabled_filters. A zone no aggregate
// names (the default 'nova') adds nothing: every host is a candidate.
import type { AggregatesStore } from '../compute-db/aggregates-store.js';

/** The member_of aggregate list for the request's zone, or null when nothing is required. */
export function availabilityZoneAggregates(aggregates: AggregatesStore | undefined, zone: string | null | undefined): string[] | null {
  if (!zone || !aggregates) return null;
  const uuids = aggregates.listByMetadata('availability_zone', zone).map((a) => a.uuid);
  return uuids.length > 0 ? uuids : null;
}
