// The fixture world of nova's functional tests (spec §1): default flavors (internal ids 1..6 in
// order), the compute hosts host1 + host2 (MediumFakeDriver), the conductor and scheduler
// services. Their service records are on hosts 'conductor' and 'scheduler' (nova's
// ServiceFixture: host defaults to the service name, as the real Nova's os-services shows),
// while their instance-action events carry CONF.host, 'fake-mini' (workflows/engine.ts).
import type { NewFlavor } from '../compute-db/flavors-store.js';
import { DEFAULT_DRIVER, DRIVER_PRESETS, type HostSpec } from '../driver/fake-driver.js';

/** nova/tests/fixtures/nova.py DefaultFlavorsFixture. */
export const DEFAULT_FLAVORS: readonly NewFlavor[] = [
  { id: 1, flavorid: '1', name: 'm1.tiny', vcpus: 1, memoryMb: 512, rootGb: 1 },
  { id: 2, flavorid: '2', name: 'm1.small', vcpus: 1, memoryMb: 2048, rootGb: 20 },
  { id: 3, flavorid: '3', name: 'm1.medium', vcpus: 2, memoryMb: 4096, rootGb: 40 },
  { id: 4, flavorid: '4', name: 'm1.large', vcpus: 4, memoryMb: 8192, rootGb: 80 },
  { id: 5, flavorid: '5', name: 'm1.xlarge', vcpus: 8, memoryMb: 16384, rootGb: 160 },
  { id: 6, flavorid: '6', name: 'm1.tiny.specs', vcpus: 1, memoryMb: 512, rootGb: 1, extraSpecs: { 'hw:numa_nodes': '1' } },
];

export const CONDUCTOR_SERVICE_HOST = 'conductor';
export const SCHEDULER_SERVICE_HOST = 'scheduler';

/** The control plane's host shape (POST /_mock/hosts, /_mock/reset hosts[]). */
export interface HostInput {
  name: string;
  vcpus?: number;
  memory_mb?: number;
  local_gb?: number;
  traits?: string[];
  driver?: string;
}

export function hostSpecFrom(h: HostInput): HostSpec {
  const driver = h.driver ?? DEFAULT_DRIVER;
  const preset = DRIVER_PRESETS[driver] ?? DRIVER_PRESETS[DEFAULT_DRIVER]!;
  return {
    name: h.name, driver,
    vcpus: h.vcpus ?? preset.vcpus, memoryMb: h.memory_mb ?? preset.memoryMb, localGb: h.local_gb ?? preset.localGb,
    traits: [...(h.traits ?? [])],
  };
}

export const DEFAULT_HOSTS: readonly HostInput[] = [{ name: 'host1' }, { name: 'host2' }];
