// Row shapes of the compute store (nova/objects/*, trimmed). camelCase here; the wire names
// (OS-EXT-STS:vm_state, flavorRef...) belong to schemas/ and views/ only. Timestamps are
// ISO-8601 strings with milliseconds from runtime.clock (views format them per field).
import type { TaskState } from './task-states.js';

/** A flavor; also the JSON snapshot stored on an instance (flavor / old_flavor / new_flavor). */
export interface FlavorRecord {
  /** Nova's internal instance_type_id (1..6 for the default flavors). */
  readonly id: number;
  /** The API id (string: "1", "2", or a uuid/custom string). */
  readonly flavorid: string;
  readonly name: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly rootGb: number;
  readonly ephemeralGb: number;
  /** MB; 0 = none. */
  readonly swap: number;
  readonly rxtxFactor: number;
  readonly vcpuWeight: number | null;
  readonly disabled: boolean;
  readonly isPublic: boolean;
  readonly description: string | null;
  readonly extraSpecs: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export type VmState =
  | 'active' | 'building' | 'paused' | 'suspended' | 'stopped' | 'rescued' | 'resized'
  | 'soft-delete' | 'deleted' | 'error' | 'shelved' | 'shelved_offloaded';

/** nova/compute/power_state.py */
export const POWER_STATE = { NOSTATE: 0, RUNNING: 1, PAUSED: 3, SHUTDOWN: 4, CRASHED: 6, SUSPENDED: 7 } as const;

export interface InstanceRecord {
  /** DB id: instance_name is `instance-%08x` of it. */
  readonly id: number;
  readonly uuid: string;
  readonly displayName: string;
  readonly displayDescription: string | null;
  readonly hostname: string | null;
  readonly projectId: string;
  readonly userId: string;
  /** '' for boot-from-volume (not supported), else the image uuid. */
  readonly imageRef: string | null;
  /** The current flavor (instance_extra.flavor "cur"). */
  readonly flavor: FlavorRecord;
  /** Stashed during a move (instance_extra.flavor "old"/"new"); null otherwise. */
  readonly oldFlavor: FlavorRecord | null;
  readonly newFlavor: FlavorRecord | null;
  readonly vmState: VmState;
  /** nova/compute/task_states.py, e.g. 'resize_prep'; null when idle. */
  readonly taskState: TaskState | null;
  readonly powerState: number;
  readonly host: string | null;
  readonly node: string | null;
  readonly launchedOn: string | null;
  readonly availabilityZone: string | null;
  /** The AZ the user asked for (RequestSpec.availability_zone), null if none. */
  readonly requestedAz: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  /** system_metadata: old_vm_state during moves, image_* ... */
  readonly systemMetadata: Readonly<Record<string, string>>;
  readonly keyName: string | null;
  readonly keyData: string | null;
  readonly locked: boolean;
  /** 'owner' | 'admin' | null */
  readonly lockedBy: string | null;
  readonly lockedReason: string | null;
  readonly accessIpV4: string | null;
  readonly accessIpV6: string | null;
  readonly configDrive: string;
  /** 'OS-DCF:diskConfig' AUTO (instances.auto_disk_config). */
  readonly autoDiskConfig: boolean;
  /** From the image at create/rebuild ('' = none): OS-EXT-SRV-ATTR:kernel_id / ramdisk_id. */
  readonly kernelId: string;
  readonly ramdiskId: string;
  readonly tags: readonly string[];
  readonly trustedCerts: readonly string[] | null;
  readonly userData: string | null;
  /** r-xxxxxxxx, shared by the instances of one multi-create. */
  readonly reservationId: string;
  readonly launchIndex: number;
  readonly rootDeviceName: string | null;
  readonly progress: number | null;
  readonly launchedAt: string | null;
  readonly terminatedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string | null;
  readonly deletedAt: string | null;
  readonly deleted: boolean;
  /** Where nova's instance mapping points (see InstanceCell). */
  readonly cell: InstanceCell;
  /** The id in its cell's database (own sequence per cell, given when the conductor creates it there); null for a build request. */
  readonly cellId: number | null;
}

/**
 * 'build_request': accepted by the API, not yet scheduled (nova keeps a BuildRequest, no instance
 * in any cell, no instance actions); 'cell1' once the conductor created it in the cell;
 * 'cell0' when scheduling failed and the conductor buried it there.
 */
export type InstanceCell = 'build_request' | 'cell0' | 'cell1';

/** Fields a save() may change (Instance.save with expected_task_state is `expectedTaskState`). */
export type InstanceChanges = Partial<Omit<InstanceRecord, 'id' | 'uuid' | 'createdAt' | 'cellId'>>;

export type MigrationStatus =
  | 'pre-migrating' | 'migrating' | 'post-migrating' | 'finished' | 'confirming' | 'confirmed'
  | 'reverting' | 'reverted' | 'error' | 'done' | 'accepted' | 'queued' | 'preparing' | 'running'
  | 'completed' | 'failed' | 'cancelled';
export type MigrationType = 'resize' | 'migration' | 'live-migration' | 'evacuation';

export interface MigrationRecord {
  readonly id: number;
  readonly uuid: string;
  readonly instanceUuid: string;
  readonly sourceCompute: string | null;
  readonly destCompute: string | null;
  readonly sourceNode: string | null;
  readonly destNode: string | null;
  /** The dest compute's my_ip (nova tests: 192.168.0.1). */
  readonly destHost: string | null;
  readonly oldInstanceTypeId: number | null;
  readonly newInstanceTypeId: number | null;
  readonly status: MigrationStatus;
  readonly migrationType: MigrationType;
  readonly hidden: boolean;
  readonly crossCellMove: boolean;
  readonly userId: string | null;
  readonly projectId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string | null;
  readonly deletedAt: string | null;
  readonly deleted: boolean;
}

export interface InstanceActionRecord {
  readonly id: number;
  readonly instanceUuid: string;
  readonly requestId: string;
  /** nova/compute/instance_actions.py: create, delete, resize, migrate, confirmResize, ... */
  readonly action: string;
  readonly userId: string | null;
  readonly projectId: string | null;
  readonly startTime: string;
  readonly finishTime: string | null;
  /** null, or 'Error' once an event failed. */
  readonly message: string | null;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface EventRecord {
  readonly id: number;
  readonly actionId: number;
  /** e.g. compute_prep_resize, conductor_migrate_server, cold_migrate */
  readonly event: string;
  readonly startTime: string;
  readonly finishTime: string | null;
  /** 'Success' | 'Error' | null while running */
  readonly result: string | null;
  readonly traceback: string | null;
  readonly host: string | null;
  /** 2.84 details: the fault message of a failed event. */
  readonly details: string | null;
}

export interface FaultRecord {
  readonly id: number;
  readonly instanceUuid: string;
  readonly code: number;
  readonly message: string;
  /** Traceback text when code == 500, else ''. */
  readonly details: string;
  readonly host: string | null;
  readonly createdAt: string;
}

/** nova-osapi_compute: the API's own row (WSGIService), never listed by the API (api_services). */
export type ServiceBinary = 'nova-compute' | 'nova-conductor' | 'nova-scheduler' | 'nova-osapi_compute';

export interface ServiceRecord {
  readonly id: number;
  readonly uuid: string;
  readonly host: string;
  readonly binary: ServiceBinary;
  readonly topic: string | null;
  readonly disabled: boolean;
  readonly disabledReason: string | null;
  readonly forcedDown: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface ComputeNodeRecord {
  readonly id: number;
  /** Also the resource provider uuid. */
  readonly uuid: string;
  readonly serviceId: number;
  readonly host: string;
  readonly hypervisorHostname: string;
  /** FakeDriver | SmallFakeDriver | MediumFakeDriver */
  readonly driver: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly localGb: number;
  /** Traits beyond the fake driver's own. */
  readonly traits: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

/** What the resource tracker would report for a node (sum of the flavors of its instances). */
export interface ComputeNodeUsage {
  readonly vcpusUsed: number;
  readonly memoryMbUsed: number;
  readonly localGbUsed: number;
  readonly runningVms: number;
}

export interface KeypairRecord {
  readonly id: number;
  readonly name: string;
  readonly userId: string;
  readonly fingerprint: string;
  readonly publicKey: string;
  /** 'ssh' | 'x509' */
  readonly type: string;
  readonly createdAt: string;
}

/** The caller of a compute API method. */
export interface RequestContext {
  readonly userId: string;
  readonly projectId: string;
  readonly isAdmin: boolean;
  readonly roles: readonly string[];
  /** req-<uuid>: the instance action's request_id. */
  readonly requestId: string;
}

/** One recorded change, as nova's functional traces record them (Instance.save, Migration.save...). */
export interface ChangeRecord {
  what: 'instance.create' | 'instance.save' | 'migration.create' | 'migration.save' | 'instance.fault';
  /** instance or migration uuid */
  obj: string;
  changes: Readonly<Record<string, unknown>>;
}
export type ChangeListener = (c: ChangeRecord) => void;
