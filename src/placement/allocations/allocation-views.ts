// Response bodies of the allocation and usage reads, by microversion
// (handlers/allocation.py _serialize_*, handlers/usage.py). Pure: rows + version -> JSON.
import type { Microversion } from '../../http/microversion.js';
import type { ConsumerAllocationRow, ProviderAllocationRow } from '../store/allocations-store.js';
import type { ClassUsage, TypedClassUsage } from '../store/usages-store.js';

/** consumer_type shown for consumers written before 1.38 (objects/consumer_type.py). */
export const NULL_CONSUMER_TYPE_ALIAS = 'unknown';

interface ProviderResources { generation: number; resources: Record<string, number> }

export function consumerAllocationsView(
  rows: readonly ConsumerAllocationRow[],
  version: Microversion,
  consumerTypeName: (id: number) => string | undefined,
): Record<string, unknown> {
  const allocations: Record<string, ProviderResources> = {};
  for (const r of rows) {
    const entry = allocations[r.providerUuid] ?? (allocations[r.providerUuid] = { resources: {}, generation: r.providerGeneration });
    entry.resources[r.resourceClass] = r.used;
  }
  const out: Record<string, unknown> = { allocations };
  if (rows.length > 0 && version.atLeast('1.12')) {
    const first = rows[0];
    out.project_id = first.projectExternalId;
    out.user_id = first.userExternalId;
    if (version.atLeast('1.28')) out.consumer_generation = first.consumerGeneration;
    if (version.atLeast('1.38')) {
      out.consumer_type = first.consumerTypeId === null ? NULL_CONSUMER_TYPE_ALIAS : consumerTypeName(first.consumerTypeId) ?? NULL_CONSUMER_TYPE_ALIAS;
    }
  }
  return out;
}

export function providerAllocationsView(
  rows: readonly ProviderAllocationRow[],
  providerGeneration: number,
  version: Microversion,
): Record<string, unknown> {
  const showGeneration = version.atLeast('1.28');
  const allocations: Record<string, { resources: Record<string, number>; consumer_generation?: number }> = {};
  for (const r of rows) {
    const entry = allocations[r.consumerUuid] ?? (allocations[r.consumerUuid] = { resources: {} });
    entry.resources[r.resourceClass] = r.used;
    if (showGeneration) entry.consumer_generation = r.consumerGeneration;
  }
  return { allocations, resource_provider_generation: providerGeneration };
}

export function providerUsagesView(usages: readonly ClassUsage[], providerGeneration: number): Record<string, unknown> {
  return { resource_provider_generation: providerGeneration, usages: Object.fromEntries(usages.map((u) => [u.resourceClass, u.usage])) };
}

export function totalUsagesView(usages: readonly ClassUsage[]): Record<string, unknown> {
  return { usages: Object.fromEntries(usages.map((u) => [u.resourceClass, u.usage])) };
}

/** 1.38: usages grouped by consumer type, each with its distinct consumer count. */
export function typedUsagesView(usages: readonly (TypedClassUsage & { consumerCount: number })[]): Record<string, unknown> {
  const out: Record<string, Record<string, number>> = {};
  for (const u of usages) {
    const type = u.consumerType ?? NULL_CONSUMER_TYPE_ALIAS;
    const group = out[type] ?? (out[type] = {});
    group[u.resourceClass] = u.usage;
    group.consumer_count = u.consumerCount;
  }
  return { usages: out };
}
