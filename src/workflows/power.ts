// The simple compute RPCs: stop/start, reboot soft/hard, pause/unpause, suspend/resume.
// Each: wrap_instance_event + wrap_instance_fault + reverts_task_state around a driver call.
import { POWER_STATE, type VmState } from '../compute-db/records.js';
import type { TaskState } from '../compute-db/task-states.js';
import type { FaultOperation } from '../driver/fault-plan.js';
import { WorkflowAborted } from './progression.js';
import { asNovaError, recordWrappedFault, runSteps, saveInstance, withEvent, type Engine, type Step } from './engine.js';

export type PowerAction = 'stop' | 'start' | 'reboot_soft' | 'reboot_hard' | 'pause' | 'unpause' | 'suspend' | 'resume';

interface PowerFlow {
  event: string;
  operation: FaultOperation;
  /** task_state the API set (expected by the compute). */
  apiTask: TaskState;
  /** intermediate task states the compute writes before the driver call (reboot) */
  before: TaskState[];
  done: { vmState: VmState; powerState: number };
  /** a failure puts the server in ERROR (reboot does: _set_instance_obj_error_state) */
  errorOnFailure: boolean;
}

/**
 * task states the API writes, and what the compute does (nova/compute/manager.py). The power
 * state is what the fake driver reports afterwards: its pause/unpause/suspend/resume are no-ops
 * (virt/fake.py), so the guest stays RUNNING (checked against the real Nova).
 */
export const POWER_FLOWS: Readonly<Record<PowerAction, PowerFlow>> = {
  stop: { event: 'compute_stop_instance', operation: 'power_off', apiTask: 'powering-off', before: [], done: { vmState: 'stopped', powerState: POWER_STATE.SHUTDOWN }, errorOnFailure: false },
  start: { event: 'compute_start_instance', operation: 'power_on', apiTask: 'powering-on', before: [], done: { vmState: 'active', powerState: POWER_STATE.RUNNING }, errorOnFailure: false },
  reboot_soft: { event: 'compute_reboot_instance', operation: 'reboot', apiTask: 'rebooting', before: ['reboot_pending', 'reboot_started'], done: { vmState: 'active', powerState: POWER_STATE.RUNNING }, errorOnFailure: true },
  reboot_hard: { event: 'compute_reboot_instance', operation: 'reboot', apiTask: 'rebooting_hard', before: ['reboot_pending_hard', 'reboot_started_hard'], done: { vmState: 'active', powerState: POWER_STATE.RUNNING }, errorOnFailure: true },
  pause: { event: 'compute_pause_instance', operation: 'pause', apiTask: 'pausing', before: [], done: { vmState: 'paused', powerState: POWER_STATE.RUNNING }, errorOnFailure: false },
  unpause: { event: 'compute_unpause_instance', operation: 'unpause', apiTask: 'unpausing', before: [], done: { vmState: 'active', powerState: POWER_STATE.RUNNING }, errorOnFailure: false },
  suspend: { event: 'compute_suspend_instance', operation: 'suspend', apiTask: 'suspending', before: [], done: { vmState: 'suspended', powerState: POWER_STATE.RUNNING }, errorOnFailure: false },
  resume: { event: 'compute_resume_instance', operation: 'resume', apiTask: 'resuming', before: [], done: { vmState: 'active', powerState: POWER_STATE.RUNNING }, errorOnFailure: true },
};

export async function runPowerAction(e: Engine, action: PowerAction, instanceUuid: string, actionId: number | null): Promise<void> {
  const flow = POWER_FLOWS[action];
  const inst = e.store.instances.require(instanceUuid);
  const host = inst.host!;
  let expected: TaskState = flow.apiTask;
  const steps: Step[] = flow.before.map((t) => {
    const exp = expected;
    expected = t;
    return { name: t, run: () => { saveInstance(e, instanceUuid, { taskState: t }, [exp]); } };
  });
  const last = expected;
  steps.push({ name: flow.operation, run: () => e.driver.call(flow.operation, host, instanceUuid) });
  steps.push({
    name: 'done',
    run: () => {
      saveInstance(e, instanceUuid, { vmState: flow.done.vmState, powerState: flow.done.powerState, taskState: null }, [last]);
    },
  });
  try {
    await withEvent(e, actionId, flow.event, host, async () => {
      try {
        await runSteps(e, action, steps);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        const ne = asNovaError(err);
        // _reboot_instance: a reboot that failed while the guest still runs is only a fault
        // (ACTIVE, the event a Success); otherwise ERROR
        if (ne.where === 'reboot' && (e.driver.guestPowerState(host, instanceUuid) ?? inst.powerState) === POWER_STATE.RUNNING) {
          recordWrappedFault(e, instanceUuid, ne, host);
          saveInstance(e, instanceUuid, { vmState: 'active', taskState: null, powerState: POWER_STATE.RUNNING });
          return;
        }
        if (flow.errorOnFailure) saveInstance(e, instanceUuid, { vmState: 'error' });
        recordWrappedFault(e, instanceUuid, ne, host);
        saveInstance(e, instanceUuid, { taskState: null }); // reverts_task_state
        throw ne;
      }
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
  }
}
