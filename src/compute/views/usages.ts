// os-simple-tenant-usage (simple_tenant_usage.py _tenant_usages_for_period): per-tenant sums of
// hours x flavor sizes over a period, with the per-server rows when detailed. Floats stay
// Python floats on the wire (pyFloat).
import type { InstanceRecord } from '../../compute-db/records.js';
import { pyFloat } from '../../http/python/json-dumps.js';
import { strTime } from './time-format.js';

/** The bounds as Dates for arithmetic, and as nova prints them (strtime keeps the request's microseconds, which a Date drops). */
export interface Period { start: Date; stop: Date; now: Date; startText: string; stopText: string }

/** _hours_for: the part of [launched_at, terminated_at] inside the period, in hours. */
function hoursFor(i: InstanceRecord, p: Period): number {
  if (!i.launchedAt) return 0;
  const launched = new Date(i.launchedAt).getTime();
  const terminated = i.terminatedAt ? new Date(i.terminatedAt).getTime() : null;
  if (terminated !== null && terminated < p.start.getTime()) return 0;
  if (launched > p.stop.getTime()) return 0;
  const start = Math.max(launched, p.start.getTime());
  const stop = terminated !== null ? Math.min(p.stop.getTime(), terminated) : p.stop.getTime();
  return (stop - start) / 3_600_000;
}

export function serverUsage(i: InstanceRecord, p: Period) {
  const ended = i.terminatedAt;
  const started = i.launchedAt ?? i.createdAt;
  const end = ended ? new Date(ended) : p.now;
  return {
    hours: pyFloat(hoursFor(i, p)),
    flavor: i.flavor.name,
    instance_id: i.uuid,
    name: i.displayName,
    tenant_id: i.projectId,
    memory_mb: i.flavor.memoryMb,
    local_gb: i.flavor.rootGb + i.flavor.ephemeralGb,
    vcpus: i.flavor.vcpus,
    started_at: i.launchedAt ? strTime(i.launchedAt) : null,
    ended_at: ended ? strTime(ended) : null,
    state: ended ? 'terminated' : i.vmState,
    uptime: Math.trunc((end.getTime() - new Date(started).getTime()) / 1000),
  };
}

/** One summary per tenant, in first-seen order; server_usages only when detailed. */
export function tenantUsages(instances: readonly InstanceRecord[], p: Period, detailed: boolean) {
  const byTenant = new Map<string, { sums: { gb: number; vcpus: number; mem: number; hours: number }; rows: ReturnType<typeof serverUsage>[] }>();
  for (const i of instances) {
    const row = serverUsage(i, p);
    const h = row.hours.value;
    const t = byTenant.get(i.projectId) ?? { sums: { gb: 0, vcpus: 0, mem: 0, hours: 0 }, rows: [] };
    t.sums.gb += row.local_gb * h;
    t.sums.vcpus += row.vcpus * h;
    t.sums.mem += row.memory_mb * h;
    t.sums.hours += h;
    t.rows.push(row);
    byTenant.set(i.projectId, t);
  }
  return [...byTenant.entries()].map(([tenant, t]) => ({
    tenant_id: tenant,
    ...(detailed ? { server_usages: t.rows } : {}),
    total_local_gb_usage: pyFloat(t.sums.gb),
    total_vcpus_usage: pyFloat(t.sums.vcpus),
    total_memory_mb_usage: pyFloat(t.sums.mem),
    total_hours: pyFloat(t.sums.hours),
    start: p.startText,
    stop: p.stopText,
  }));
}
