// nova/virt/fake.py as data: driver presets (sizes), the traits FakeDriver reports, the
// capabilities the compute manager consults, and operations that succeed unless the fault
// plan says otherwise.
import type { FaultOperation, FaultPlan } from './fault-plan.js';

export interface DriverPreset { vcpus: number; memoryMb: number; localGb: number }

/** virt/fake.py sizes (spec §2). */
export const DRIVER_PRESETS: Readonly<Record<string, DriverPreset>> = {
  FakeDriver: { vcpus: 1000, memoryMb: 800000, localGb: 600000 },
  SmallFakeDriver: { vcpus: 2, memoryMb: 8192, localGb: 1028 },
  MediumFakeDriver: { vcpus: 10, memoryMb: 8192, localGb: 1028 },
};
export const DEFAULT_DRIVER = 'MediumFakeDriver';

/** FakeDriver.capabilities -> compute capability traits (spec §2, [trace]). */
export const FAKE_DRIVER_TRAITS: readonly string[] = [
  'COMPUTE_ACCELERATORS', 'COMPUTE_DEVICE_TAGGING', 'COMPUTE_IMAGE_TYPE_RAW', 'COMPUTE_NET_ATTACH_INTERFACE',
  'COMPUTE_NET_ATTACH_INTERFACE_WITH_TAG', 'COMPUTE_NODE', 'COMPUTE_TRUSTED_CERTS', 'COMPUTE_VOLUME_ATTACH_WITH_TAG',
  'COMPUTE_VOLUME_EXTEND', 'COMPUTE_VOLUME_MULTI_ATTACH',
];

/** Zed allocation ratios and reservations (conf/compute.py initial_*; reserved_host_memory_mb 512). */
export const INVENTORY_POLICY = {
  cpuAllocationRatio: 16.0, ramAllocationRatio: 1.5, diskAllocationRatio: 1.0,
  reservedHostCpus: 0, reservedHostMemoryMb: 512, reservedHostDiskMb: 0,
} as const;

export interface HostSpec {
  name: string;
  driver: string;
  vcpus: number;
  memoryMb: number;
  localGb: number;
  /** Extra traits beyond the fake driver's (e.g. COMPUTE_SAME_HOST_COLD_MIGRATE, CUSTOM_*). */
  traits: readonly string[];
}

/** Operations after which virt/fake.py holds a guest for the instance on that host again. */
const CREATES_GUEST: ReadonlySet<FaultOperation> = new Set(['spawn', 'finish_migration', 'finish_revert_migration', 'reboot']);

/** The virt driver operations the workflows call; each may raise an injected NovaError. */
export class FakeDriver {
  /**
   * host/uuid of guests destroyed and not created again (virt/fake.py drops them from
   * FakeDriver.instances): get_info and power_off then raise InstanceNotFound, which a rebuild
   * after a failed rebuild runs into. Every other instance on a host has its guest.
   */
  private readonly destroyed = new Set<string>();

  constructor(private readonly faults: FaultPlan) {}

  /** FakeDriver.instances has the instance's guest on this host. */
  hasGuest(host: string, server: string): boolean {
    return !this.destroyed.has(`${host}/${server}`);
  }

  /** A new cloud (reset): no guest is missing. */
  clearGuests(): void {
    this.destroyed.clear();
  }

  /** SameHostColdMigrateDriver's capability, modelled as the trait it reports. */
  supportsMigrateToSameHost(host: HostSpec): boolean {
    return host.traits.includes('COMPUTE_SAME_HOST_COLD_MIGRATE');
  }

  /** Run `operation` on `host` for `server`: throws the injected error, else succeeds. */
  async call(operation: FaultOperation, host: string, server: string): Promise<void> {
    const err = this.faults.fire(operation, host, server);
    if (err) {
      err.where = operation;
      throw err;
    }
    if (operation === 'destroy') this.destroyed.add(`${host}/${server}`);
    else if (CREATES_GUEST.has(operation)) this.destroyed.delete(`${host}/${server}`);
  }
}
