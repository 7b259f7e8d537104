// Faults as data: {operation, host?, server?, times?, error}. A matching fault makes
// the driver operation (or prep_resize's claim) raise the nova exception it names.
import { novaErrorFrom, type ErrorSpec, type NovaError } from '../nova-exceptions/nova-error.js';

/** Virt driver methods (nova/virt/driver.py names) plus prep_resize (the destination claim). */
export const FAULT_OPERATIONS = [
  'spawn', 'migrate_disk_and_power_off', 'finish_migration', 'confirm_migration', 'finish_revert_migration',
  'power_off', 'power_on', 'reboot', 'destroy', 'pause', 'unpause', 'suspend', 'resume', 'prep_resize',
  // createImage / createBackup
  'snapshot',
  // deferred delete (soft_delete / restore of a SOFT_DELETED server)
  'soft_delete', 'restore',
  // the guest queries and small actions (server extras)
  'get_console_output', 'get_vnc_console', 'get_spice_console', 'get_rdp_console', 'get_serial_console', 'get_mks_console',
  'get_diagnostics', 'get_instance_diagnostics', 'trigger_crash_dump', 'set_admin_password', 'inject_network_info',
  // networking: nova's network API calls and the driver's VIF plugging
  'allocate_for_instance', 'bind_port', 'deallocate_for_instance', 'plug_vifs',
  // volumes: the virt driver's attach/detach/swap, and the block-storage backend's own operations
  // (cinder volume-driver names; `server` then names the volume)
  'attach_volume', 'detach_volume', 'swap_volume', 'create_volume', 'create_snapshot', 'extend_volume', 'initialize_connection',
  'copy_volume_to_image',
] as const;
export type FaultOperation = (typeof FAULT_OPERATIONS)[number];

export interface FaultSpec {
  readonly id: string;
  readonly operation: FaultOperation;
  readonly host: string | null;
  readonly server: string | null;
  /** Remaining firings; null = until deleted. */
  times: number | null;
  readonly error: { readonly type: string; readonly message: string | null };
  fired: number;
}

export interface NewFault {
  operation: FaultOperation;
  host?: string | null;
  server?: string | null;
  times?: number | null;
  error: ErrorSpec;
}

/** Where a plan keeps its faults across restarts (driver/fault-plan-store.ts); none = memory only. */
export interface FaultPlanStore {
  load(): FaultSpec[];
  /** Stores a new fault and returns its id. */
  insert(f: Omit<FaultSpec, 'id'>): string;
  update(f: FaultSpec): void;
  remove(id: string): void;
  /** Every fault goes; ids keep counting. */
  clear(): void;
  /** Every fault goes and ids start at 1 again (a new cloud). */
  reset(): void;
}

export class FaultPlan {
  private items: FaultSpec[];
  private next = 1;

  constructor(private readonly store: FaultPlanStore | null = null) {
    this.items = store?.load() ?? [];
  }

  add(f: NewFault): FaultSpec {
    const fields = {
      operation: f.operation, host: f.host ?? null, server: f.server ?? null,
      times: f.times ?? null, error: { type: f.error.type, message: f.error.message ?? null }, fired: 0,
    };
    const spec: FaultSpec = { id: this.store ? this.store.insert(fields) : String(this.next++), ...fields };
    this.items.push(spec);
    return spec;
  }
  list(): readonly FaultSpec[] { return this.items; }
  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((f) => f.id !== id);
    if (this.items.length === before) return false;
    this.store?.remove(id);
    return true;
  }
  /** DELETE /_mock/faults: ids keep counting (a removed fault's id is never handed out again). */
  clear(): void { this.items = []; this.store?.clear(); }
  /** A new cloud (POST /_mock/reset) starts its fault ids at 1 again. */
  reset(): void { this.items = []; this.next = 1; this.store?.reset(); }

  /** The first live fault for (operation, host, server), consumed once; null when none applies. */
  fire(operation: FaultOperation, host: string, server: string | null): NovaError | null {
    for (const f of this.items) {
      if (f.operation !== operation || f.times === 0) continue;
      if ((f.host !== null && f.host !== host) || (f.server !== null && f.server !== server)) continue;
      if (f.times !== null) f.times -= 1;
      f.fired += 1;
      this.store?.update(f);
      return novaErrorFrom(f.error);
    }
    return null;
  }
}
