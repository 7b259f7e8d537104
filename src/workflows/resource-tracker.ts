// How a compute reports its node to Placement (resource_tracker._update_to_placement ->
// report client), with exactly nova's calls: providers in tree, create provider, inventory
// with Zed ratios and reserved memory, the driver's traits (+ COMPUTE_STATUS_DISABLED).
import { FAKE_DRIVER_TRAITS, INVENTORY_POLICY, type HostSpec } from '../driver/fake-driver.js';
import type { Inventory, PlacementClient } from '../placement-client/placement-client.js';

/** The order nova's _ensure_traits asks for them (trace). */
const TRAIT_QUERY_ORDER = [
  'COMPUTE_NODE', 'COMPUTE_ACCELERATORS', 'COMPUTE_NET_ATTACH_INTERFACE_WITH_TAG', 'COMPUTE_VOLUME_ATTACH_WITH_TAG',
  'COMPUTE_NET_ATTACH_INTERFACE', 'COMPUTE_TRUSTED_CERTS', 'COMPUTE_VOLUME_EXTEND', 'COMPUTE_VOLUME_MULTI_ATTACH',
  'COMPUTE_IMAGE_TYPE_RAW', 'COMPUTE_DEVICE_TAGGING',
];

export function inventoryOf(h: HostSpec): Record<string, Inventory> {
  const p = INVENTORY_POLICY;
  return {
    VCPU: { total: h.vcpus, min_unit: 1, max_unit: h.vcpus, step_size: 1, allocation_ratio: p.cpuAllocationRatio, reserved: p.reservedHostCpus },
    MEMORY_MB: { total: h.memoryMb, min_unit: 1, max_unit: h.memoryMb, step_size: 1, allocation_ratio: p.ramAllocationRatio, reserved: p.reservedHostMemoryMb },
    DISK_GB: { total: h.localGb, min_unit: 1, max_unit: h.localGb, step_size: 1, allocation_ratio: p.diskAllocationRatio, reserved: Math.ceil(p.reservedHostDiskMb / 1024) },
  };
}

export function traitsOf(h: HostSpec, disabled: boolean): string[] {
  const all = new Set([...FAKE_DRIVER_TRAITS, ...h.traits]);
  if (disabled) all.add('COMPUTE_STATUS_DISABLED');
  return [...all].sort();
}

/** First report of a new compute node (update_available_resource at service start). */
export async function reportNode(pc: PlacementClient, nodeUuid: string, h: HostSpec, disabled: boolean): Promise<void> {
  const existing = await pc.providersInTree(nodeUuid);
  let generation: number;
  if (existing.length === 0) generation = (await pc.createProvider(nodeUuid, h.name)).generation;
  else generation = existing[0]!.generation;
  await pc.providerAllocations(nodeUuid);
  generation = await pc.setInventories(nodeUuid, generation, inventoryOf(h));
  await setNodeTraits(pc, nodeUuid, h, disabled, generation);
}

/** set_traits_for_provider: ensure custom traits exist, then PUT the provider's traits. */
export async function setNodeTraits(pc: PlacementClient, nodeUuid: string, h: HostSpec, disabled: boolean, generation?: number): Promise<void> {
  const wanted = traitsOf(h, disabled);
  const query = [...TRAIT_QUERY_ORDER.filter((t) => wanted.includes(t)), ...wanted.filter((t) => !TRAIT_QUERY_ORDER.includes(t))];
  const known = new Set(await pc.traitsNamed(query));
  for (const t of query) if (!known.has(t) && t.startsWith('CUSTOM_')) await pc.createTrait(t);
  const gen = generation ?? (await pc.providerTraits(nodeUuid)).generation;
  await pc.setProviderTraits(nodeUuid, gen, wanted);
}
