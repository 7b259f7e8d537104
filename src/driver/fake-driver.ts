// nova/virt/fake.py as data: driver presets (sizes), the traits FakeDriver reports, the
// capabilities the compute manager consults, and operations that succeed unless the fault
// plan says otherwise.
import type { FaultOperation, FaultPlan } from './fault-plan.js';
import {
  FAKE_CONSOLE_OUTPUT, FAKE_CONSOLES, FAKE_DIAGNOSTICS, FAKE_INSTANCE_DIAGNOSTICS,
  type ConsoleEndpoint, type ConsoleProtocol, type InstanceDiagnostics,
} from './fake-guest-data.js';

export interface DriverPreset { vcpus: number; memoryMb: number; localGb: number }

/** virt/fake.py sizes. */
export const DRIVER_PRESETS: Readonly<Record<string, DriverPreset>> = {
  FakeDriver: { vcpus: 1000, memoryMb: 800000, localGb: 600000 },
  SmallFakeDriver: { vcpus: 2, memoryMb: 8192, localGb: 1028 },
  MediumFakeDriver: { vcpus: 10, memoryMb: 8192, localGb: 1028 },
};
export const DEFAULT_DRIVER = 'MediumFakeDriver';

/** FakeDriver.capabilities -> compute capability traits (as nova's functional traces show them). */
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

/**
 * The guest's power state (get_info) after a successful operation of virt/fake.py: spawn and
 * the other guest-creating ones leave it RUNNING, power_off SHUTDOWN, destroy drops the guest
 * (NOSTATE); pause/suspend... are no-ops there.
 */
const POWER_AFTER: Partial<Record<FaultOperation, number>> = {
  spawn: 1, power_on: 1, reboot: 1, finish_migration: 1, finish_revert_migration: 1, power_off: 4, destroy: 0,
};

/** Where the hypervisor's guests are kept across restarts (fake_guests); none = memory only. */
export interface GuestStore {
  load(): { host: string; server: string; powerState: number }[];
  set(host: string, server: string, powerState: number): void;
  clear(): void;
}

/** The virt driver operations the workflows call; each may raise an injected NovaError. */
export class FakeDriver {
  /** host/uuid -> the guest's power state, for guests an operation has touched since the reset. */
  private readonly guests = new Map<string, number>();

  constructor(private readonly faults: FaultPlan, private readonly guestStore: GuestStore | null = null) {
    for (const g of guestStore?.load() ?? []) this.guests.set(`${g.host}/${g.server}`, g.powerState);
  }

  /**
   * What get_info reports for the instance's guest on this host: 0 (NOSTATE) once destroyed
   * (FakeDriver.instances no longer has it: power_off then raises InstanceNotFound), null when
   * no operation touched it (the recorded power state holds).
   */
  guestPowerState(host: string, server: string): number | null {
    return this.guests.get(`${host}/${server}`) ?? null;
  }

  /** FakeDriver.instances has the instance's guest on this host. */
  hasGuest(host: string, server: string): boolean {
    return this.guestPowerState(host, server) !== 0;
  }

  /** A new cloud (reset): no guest state is known. */
  clearGuests(): void {
    this.guests.clear();
    this.guestStore?.clear();
  }

  /** SameHostColdMigrateDriver's capability, modelled as the trait it reports. */
  supportsMigrateToSameHost(host: HostSpec): boolean {
    return host.traits.includes('COMPUTE_SAME_HOST_COLD_MIGRATE');
  }

  /** FakeDriver.get_console_output (or the injected error). */
  async getConsoleOutput(host: string, server: string): Promise<string> {
    await this.call('get_console_output', host, server);
    return FAKE_CONSOLE_OUTPUT;
  }

  /** FakeDriver.get_<protocol>_console: the guest's console endpoint (or the injected error). */
  async getConsole(protocol: ConsoleProtocol, host: string, server: string): Promise<ConsoleEndpoint> {
    await this.call(`get_${protocol}_console`, host, server);
    return FAKE_CONSOLES[protocol];
  }

  /** FakeDriver.get_diagnostics (pre-2.48 format) or get_instance_diagnostics (2.48). */
  async getDiagnostics(host: string, server: string): Promise<Readonly<Record<string, number>>> {
    await this.call('get_diagnostics', host, server);
    return FAKE_DIAGNOSTICS;
  }
  async getInstanceDiagnostics(host: string, server: string): Promise<InstanceDiagnostics> {
    await this.call('get_instance_diagnostics', host, server);
    return FAKE_INSTANCE_DIAGNOSTICS;
  }

  /** Run `operation` on `host` for `server`: throws the injected error, else succeeds. */
  async call(operation: FaultOperation, host: string, server: string): Promise<void> {
    const err = this.faults.fire(operation, host, server);
    if (err) {
      err.where = operation;
      throw err;
    }
    const power = POWER_AFTER[operation];
    if (power !== undefined) {
      this.guests.set(`${host}/${server}`, power);
      this.guestStore?.set(host, server, power);
    }
  }
}
