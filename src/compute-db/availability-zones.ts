// nova/availability_zones.py: a compute host's availability zone is the 'availability_zone'
// metadata of a host aggregate it is in, else [DEFAULT] default_availability_zone ('nova');
// every other service is in [DEFAULT] internal_service_availability_zone ('internal').
// (Nova caches host zones; its API keeps the cache in step with every aggregate change, so
// reading the aggregates directly gives the same answers.)
import type { ComputeStore } from './compute-store.js';
import type { ServiceRecord } from './records.js';

export const DEFAULT_AZ = 'nova';
export const INTERNAL_AZ = 'internal';
const AZ_KEY = 'availability_zone';

/** get_host_availability_zone: the first aggregate of the host that names a zone. */
export function hostAvailabilityZone(store: ComputeStore, host: string): string {
  return hostAvailabilityZones(store, [host]).get(host)!;
}

/** hostAvailabilityZone of many hosts (a page of servers) in one query: host -> zone, every host given. */
export function hostAvailabilityZones(store: ComputeStore, hosts: readonly string[]): Map<string, string> {
  const zones = store.aggregates.firstValueOfHosts(hosts, AZ_KEY);
  return new Map(hosts.map((h) => [h, zones.get(h) ?? DEFAULT_AZ]));
}

/** set_availability_zones: one service's zone (a host in several zones shows them joined by ','). */
export function serviceAvailabilityZone(store: ComputeStore, s: ServiceRecord): string {
  if (s.topic !== 'compute') return INTERNAL_AZ;
  const zones = new Set(store.aggregates.listByHost(s.host, AZ_KEY).map((a) => a.metadata[AZ_KEY]!));
  return zones.size > 0 ? [...zones].join(',') : DEFAULT_AZ;
}

export interface ZoneListing {
  /** Zones with an enabled service, sorted, each with its hosts. */
  available: [string, Set<string>][];
  /** Zones whose services are all disabled, sorted. */
  notAvailable: [string, Set<string>][];
}

/** get_availability_zones(with_hosts=True) over every service (internal zone included). */
export function availabilityZones(store: ComputeStore, services: readonly ServiceRecord[]): ZoneListing {
  const available = new Map<string, Set<string>>();
  const disabled = new Map<string, Set<string>>();
  for (const s of services) {
    const zone = serviceAvailabilityZone(store, s);
    const into = s.disabled ? disabled : available;
    into.set(zone, (into.get(zone) ?? new Set()).add(s.host));
  }
  const sorted = (m: Map<string, Set<string>>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { available: sorted(available), notAvailable: sorted(disabled).filter(([z]) => !available.has(z)) };
}

/** The zones a server may ask for (get_only_available=True). */
export function availableZoneNames(store: ComputeStore): string[] {
  return availabilityZones(store, store.services.listServices()).available.map(([z]) => z);
}

/**
 * servers.py _validate_host_availability_zone: with a forced host, the zone kept on the
 * request is the one asked for only if the host is in it; else none (bug #1934770).
 */
export function zoneForForcedHost(store: ComputeStore, zone: string | null, host: string): string | null {
  const aggregates = store.aggregates.listByHost(host);
  if (aggregates.length === 0) return zone === DEFAULT_AZ ? zone : null;
  const hostZone = aggregates.map((a) => a.metadata[AZ_KEY]).find((z) => z) ?? null;
  if (zone === hostZone) return zone;
  if (zone === DEFAULT_AZ && hostZone === null) return zone;
  return null;
}
