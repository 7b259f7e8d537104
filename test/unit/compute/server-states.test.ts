import { describe, expect, test } from 'vitest';
import { checkInstanceState, statusOf, vmStatesForStatus } from '../../../src/compute/server-states.js';
import { ApiError } from '../../../src/http/api-error.js';
import type { InstanceRecord } from '../../../src/compute-db/records.js';
import type { TaskState } from '../../../src/compute-db/task-states.js';

const inst = (o: Partial<InstanceRecord>): InstanceRecord => ({
  uuid: 'u-1', vmState: 'active', taskState: null, locked: false, launchedAt: '2026-01-01T00:00:00.000Z', ...o,
}) as InstanceRecord;

function conflict(fn: () => void): string {
  try { fn(); } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(409);
    return (e as ApiError).detail;
  }
  throw new Error('no conflict');
}

describe('_STATE_MAP', () => {
  test.each<[string, TaskState | null, string]>([
    ['active', null, 'ACTIVE'], ['active', 'resize_prep', 'RESIZE'], ['stopped', 'resize_finish', 'RESIZE'],
    ['active', 'rebooting_hard', 'HARD_REBOOT'], ['active', 'reboot_started', 'REBOOT'], ['building', 'spawning', 'BUILD'],
    ['resized', null, 'VERIFY_RESIZE'], ['resized', 'resize_confirming', 'VERIFY_RESIZE'], ['resized', 'resize_reverting', 'REVERT_RESIZE'],
    ['error', null, 'ERROR'], ['error', 'rebuilding', 'REBUILD'], ['stopped', 'powering-on', 'SHUTOFF'], ['paused', null, 'PAUSED'],
    ['suspended', null, 'SUSPENDED'], ['deleted', null, 'DELETED'], ['soft-delete', null, 'SOFT_DELETED'], ['nonsense', null, 'UNKNOWN'],
  ])('%s/%s -> %s', (vm, task, status) => { expect(statusOf(vm, task)).toBe(status); });

  test('status filters map back to vm states', () => {
    expect(vmStatesForStatus('ACTIVE')).toEqual({ vmStates: ['active'], taskStates: null });
    expect(vmStatesForStatus('resize').vmStates.sort()).toEqual(['active', 'stopped']);
    expect(vmStatesForStatus('resize').taskStates).toEqual(expect.arrayContaining(['resize_prep', 'resize_finish']));
  });
});

describe('check_instance_state', () => {
  test('vm_state violations name the API action', () => {
    expect(conflict(() => checkInstanceState(inst({ vmState: 'stopped' }), 'pause', false)))
      .toBe("Cannot 'pause' instance u-1 while it is in vm_state stopped");
    expect(conflict(() => checkInstanceState(inst({ vmState: 'error' }), 'confirmResize', true)))
      .toBe("Cannot 'confirmResize' instance u-1 while it is in vm_state error");
    expect(conflict(() => checkInstanceState(inst({ vmState: 'resized' }), 'rebootHard', true)))
      .toBe("Cannot 'reboot' instance u-1 while it is in vm_state resized");
  });
  test('task_state violations', () => {
    expect(conflict(() => checkInstanceState(inst({ taskState: 'resize_prep' }), 'resize', true)))
      .toBe("Cannot 'resize' instance u-1 while it is in task_state resize_prep");
    // hard reboot is allowed during a soft reboot, not during a resize
    expect(() => checkInstanceState(inst({ taskState: 'rebooting' }), 'rebootHard', true)).not.toThrow();
    expect(conflict(() => checkInstanceState(inst({ taskState: 'resize_migrating' }), 'rebootHard', true)))
      .toBe("Cannot 'reboot' instance u-1 while it is in task_state resize_migrating");
  });
  test('never launched: nova gives up on the detailed message', () => {
    expect(conflict(() => checkInstanceState(inst({ launchedAt: null, vmState: 'active' }), 'stop', true)))
      .toBe("Instance u-1 is in an invalid state for 'stop'");
    expect(() => checkInstanceState(inst({ launchedAt: null, vmState: 'error' }), 'delete', false)).not.toThrow();
  });
  test('locked servers refuse non-admins only', () => {
    expect(conflict(() => checkInstanceState(inst({ locked: true }), 'stop', false))).toBe('Instance u-1 is locked');
    expect(() => checkInstanceState(inst({ locked: true }), 'stop', true)).not.toThrow();
    expect(() => checkInstanceState(inst({ locked: true }), 'unlock', false)).not.toThrow();
  });
});
