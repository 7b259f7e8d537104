// nova/api/openstack/common.py _STATE_MAP and the per-action state guards of
// nova/compute/api.py (check_instance_state / check_instance_lock), as data.
import { ApiError } from '../http/api-error.js';
import type { InstanceRecord, VmState } from '../compute-db/records.js';
import type { TaskState } from '../compute-db/task-states.js';

/** vm_state -> task_state -> status; 'default' when the task state is not listed. */
const STATE_MAP: Record<string, Record<string, string>> = {
  active: {
    default: 'ACTIVE', rebooting: 'REBOOT', reboot_pending: 'REBOOT', reboot_started: 'REBOOT',
    rebooting_hard: 'HARD_REBOOT', reboot_pending_hard: 'HARD_REBOOT', reboot_started_hard: 'HARD_REBOOT',
    updating_password: 'PASSWORD', rebuilding: 'REBUILD', rebuild_block_device_mapping: 'REBUILD',
    rebuild_spawning: 'REBUILD', migrating: 'MIGRATING', resize_prep: 'RESIZE', resize_migrating: 'RESIZE',
    resize_migrated: 'RESIZE', resize_finish: 'RESIZE',
  },
  building: { default: 'BUILD' },
  stopped: {
    default: 'SHUTOFF', resize_prep: 'RESIZE', resize_migrating: 'RESIZE', resize_migrated: 'RESIZE',
    resize_finish: 'RESIZE', rebuilding: 'REBUILD', rebuild_block_device_mapping: 'REBUILD', rebuild_spawning: 'REBUILD',
  },
  resized: { default: 'VERIFY_RESIZE', resize_reverting: 'REVERT_RESIZE' },
  paused: { default: 'PAUSED', migrating: 'MIGRATING' },
  suspended: { default: 'SUSPENDED' },
  rescued: { default: 'RESCUE' },
  error: { default: 'ERROR', rebuilding: 'REBUILD', rebuild_block_device_mapping: 'REBUILD', rebuild_spawning: 'REBUILD' },
  deleted: { default: 'DELETED' },
  'soft-delete': { default: 'SOFT_DELETED' },
  shelved: { default: 'SHELVED' },
  shelved_offloaded: { default: 'SHELVED_OFFLOADED' },
};

/** common.status_from_state */
export function statusOf(vmState: string, taskState: TaskState | null): string {
  const m = STATE_MAP[vmState];
  if (!m) return 'UNKNOWN';
  return (taskState !== null && m[taskState]) || m.default!;
}

/** The vm_states a status filter (GET /servers?status=) selects (common.task_and_vm_state_from_status). */
export function vmStatesForStatus(status: string): { vmStates: VmState[]; taskStates: (string | null)[] | null } {
  const up = status.toUpperCase();
  const vmStates: VmState[] = [];
  const taskStates: (string | null)[] = [];
  for (const [vm, tasks] of Object.entries(STATE_MAP)) {
    for (const [task, st] of Object.entries(tasks)) {
      if (st !== up) continue;
      if (!vmStates.includes(vm as VmState)) vmStates.push(vm as VmState);
      if (task === 'default') continue;
      taskStates.push(task);
    }
  }
  // a 'default' match means any task state of that vm_state (nova returns task_states only when all matches were explicit)
  const anyDefault = Object.entries(STATE_MAP).some(([, t]) => t.default === up);
  return { vmStates, taskStates: anyDefault || taskStates.length === 0 ? null : taskStates };
}

interface StateGuard {
  /** null = any vm_state */
  vmStates: readonly VmState[] | null;
  /** null = any task_state; otherwise the allowed ones (null = idle) */
  taskStates: readonly (TaskState | null)[] | null;
  mustHaveLaunched: boolean;
  /** check_instance_lock applies (non-admins are refused on a locked server) */
  lockChecked: boolean;
}

const ALLOW_REBOOT: readonly (TaskState | null)[] = [null, 'rebooting', 'reboot_pending', 'reboot_started', 'resuming', 'rebooting_hard', 'unpausing', 'pausing', 'suspending'];
const IDLE: readonly (TaskState | null)[] = [null];

/** API action name (as in the 409 message) -> nova's decorator arguments. */
export const ACTION_GUARDS = {
  delete: { vmStates: null, taskStates: null, mustHaveLaunched: false, lockChecked: true },
  forceDelete: { vmStates: null, taskStates: IDLE, mustHaveLaunched: false, lockChecked: true },
  // API.soft_delete (the DELETE with reclaim_instance_interval set) and API.restore
  soft_delete: { vmStates: null, taskStates: null, mustHaveLaunched: true, lockChecked: true },
  restore: { vmStates: ['soft-delete'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  stop: { vmStates: ['active', 'error'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  start: { vmStates: ['stopped'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  rebootSoft: { vmStates: ['active'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  rebootHard: { vmStates: ['active', 'stopped', 'paused', 'suspended', 'error'], taskStates: ALLOW_REBOOT, mustHaveLaunched: true, lockChecked: true },
  resize: { vmStates: ['active', 'stopped'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  migrate: { vmStates: ['active', 'stopped'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  rebuild: { vmStates: ['active', 'stopped', 'error'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  confirmResize: { vmStates: ['resized'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  revertResize: { vmStates: ['resized'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  pause: { vmStates: ['active'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  unpause: { vmStates: ['paused'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  suspend: { vmStates: ['active'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  resume: { vmStates: ['suspended'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  updateMetadata: { vmStates: ['active', 'paused', 'suspended', 'stopped'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  // vm_states.ALLOW_TRIGGER_CRASH_DUMP; the host check comes between the lock and the state checks
  trigger_crash_dump: { vmStates: ['active', 'paused', 'rescued', 'resized', 'error'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  changePassword: { vmStates: ['active'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  attach_interface: { vmStates: ['active', 'paused', 'stopped'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  detach_interface: { vmStates: ['active', 'paused', 'stopped'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  attach_volume: {
    vmStates: ['active', 'paused', 'stopped', 'resized', 'soft-delete', 'shelved', 'shelved_offloaded'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true,
  },
  detach_volume: {
    vmStates: ['active', 'paused', 'stopped', 'resized', 'soft-delete', 'shelved', 'shelved_offloaded'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true,
  },
  swap_volume: { vmStates: ['active', 'paused', 'resized'], taskStates: IDLE, mustHaveLaunched: true, lockChecked: true },
  // API.snapshot / API.backup (check_instance_state: task_state None). Neither checks the lock:
  // nova's note says a lock guards against change or delete, and a snapshot is neither.
  createImage: { vmStates: ['active', 'stopped', 'paused', 'suspended'], taskStates: IDLE, mustHaveLaunched: false, lockChecked: false },
  createBackup: { vmStates: ['active', 'stopped', 'paused', 'suspended'], taskStates: IDLE, mustHaveLaunched: false, lockChecked: false },
  lock: { vmStates: null, taskStates: null, mustHaveLaunched: false, lockChecked: false },
  unlock: { vmStates: null, taskStates: null, mustHaveLaunched: false, lockChecked: false },
} as const satisfies Readonly<Record<string, StateGuard>>;

/** An API action with a declared state guard. */
export type GuardedAction = keyof typeof ACTION_GUARDS;

/** The name nova puts in the 409 for each guard (reboot shares one name for soft and hard). */
const MESSAGE_NAME: Partial<Record<GuardedAction, string>> = { rebootSoft: 'reboot', rebootHard: 'reboot', updateMetadata: 'update metadata' };

function pyRepr(v: string | null): string { return v === null ? 'None' : v; }

/**
 * check_instance_lock + check_instance_state, rendered the way the API does
 * (common.raise_http_conflict_for_instance_invalid_state): 409
 * "Cannot 'resize' instance <uuid> while it is in vm_state stopped".
 */
export function checkInstanceState(instance: InstanceRecord, action: GuardedAction, isAdmin: boolean): void {
  const guard: StateGuard = ACTION_GUARDS[action];
  const name = MESSAGE_NAME[action] ?? action;
  if (guard.lockChecked && instance.locked && !isAdmin) {
    throw new ApiError(409, null, `Instance ${instance.uuid} is locked`);
  }
  const conflict = (attr: string, state: string | null) => {
    // with state None nova gives up on the detailed message
    if (state === null) throw new ApiError(409, null, `Instance ${instance.uuid} is in an invalid state for '${name}'`);
    throw new ApiError(409, null, `Cannot '${name}' instance ${instance.uuid} while it is in ${attr} ${pyRepr(state)}`);
  };
  if (guard.vmStates && !guard.vmStates.includes(instance.vmState)) conflict('vm_state', instance.vmState);
  if (guard.taskStates && !guard.taskStates.includes(instance.taskState)) conflict('task_state', instance.taskState);
  if (guard.mustHaveLaunched && !instance.launchedAt) conflict('launched_at', null);
}
