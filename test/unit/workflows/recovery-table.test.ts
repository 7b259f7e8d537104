// The recovery table (workflows/recovery.ts): which outcome a server left by a crash gets.
import { describe, expect, test } from 'vitest';
import { RECOVERY_BY_TASK_STATE, recoveryOutcome } from '../../../src/workflows/recovery.js';
import type { InstanceRecord, MigrationRecord } from '../../../src/compute-db/records.js';

const inst = (o: Partial<InstanceRecord>): InstanceRecord => ({ deleted: false, cell: 'cell1', vmState: 'active', taskState: null, ...o }) as InstanceRecord;
const mig = (status: MigrationRecord['status']): MigrationRecord => ({ status }) as MigrationRecord;

describe('recovery outcome', () => {
  test("nova's _init_instance rules", () => {
    expect(recoveryOutcome(inst({ taskState: 'deleting' }), false, null)).toBe('complete_delete');
    expect(recoveryOutcome(inst({ vmState: 'building', taskState: 'spawning' }), false, null)).toBe('error_out');
    expect(recoveryOutcome(inst({ vmState: 'building' }), false, null)).toBe('error_out');
    expect(recoveryOutcome(inst({ taskState: 'rebuild_spawning' }), false, null)).toBe('error_out');
    expect(recoveryOutcome(inst({ taskState: 'resize_prep' }), false, null)).toBe('abort_move');
    expect(recoveryOutcome(inst({ taskState: 'resize_migrating' }), false, null)).toBe('revert_crashed_migration');
    expect(recoveryOutcome(inst({ taskState: 'powering-off' }), false, null)).toBe('retry_stop');
    expect(recoveryOutcome(inst({ taskState: 'reboot_pending' }), false, null)).toBe('retry_reboot');
    expect(recoveryOutcome(inst({ taskState: 'pausing' }), false, null)).toBe('settle_running');
  });

  test('ERROR servers: only RESIZE_MIGRATING and DELETING are recovered, a left task is cleared', () => {
    expect(recoveryOutcome(inst({ vmState: 'error', taskState: 'resize_migrating' }), false, null)).toBe('revert_crashed_migration');
    expect(recoveryOutcome(inst({ vmState: 'error', taskState: 'deleting' }), false, null)).toBe('complete_delete');
    expect(recoveryOutcome(inst({ vmState: 'error', taskState: 'powering-off' }), false, null)).toBe('clear_task');
    expect(recoveryOutcome(inst({ vmState: 'error' }), false, null)).toBeNull();
  });

  test('an acknowledged DELETE in the journal wins over any state; build requests are buried', () => {
    expect(recoveryOutcome(inst({ vmState: 'error' }), true, null)).toBe('complete_delete');
    expect(recoveryOutcome(inst({ taskState: 'resize_finish' }), true, null)).toBe('complete_delete');
    expect(recoveryOutcome(inst({ cell: 'build_request', vmState: 'building', taskState: 'scheduling' }), false, null)).toBe('bury_build_request');
    expect(recoveryOutcome(inst({ deleted: true, taskState: 'deleting' }), true, null)).toBeNull();
  });

  test('moves: the guest gone from the source fails like finish_resize; acknowledged confirm and revert finish', () => {
    expect(recoveryOutcome(inst({ taskState: 'resize_migrated' }), false, null)).toBe('fail_finish_resize');
    expect(recoveryOutcome(inst({ taskState: 'resize_finish' }), false, null)).toBe('fail_finish_resize');
    expect(recoveryOutcome(inst({ taskState: 'resize_reverting' }), false, mig('reverted'))).toBe('finish_revert');
    expect(recoveryOutcome(inst({ vmState: 'resized' }), false, mig('confirming'))).toBe('finish_confirm');
    expect(recoveryOutcome(inst({ vmState: 'resized' }), false, mig('finished'))).toBeNull();
  });

  test('every task state the workflows write has a declared outcome', () => {
    const written = ['scheduling', 'networking', 'block_device_mapping', 'spawning', 'rebuilding', 'rebuild_block_device_mapping',
      'rebuild_spawning', 'resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish', 'resize_reverting', 'deleting',
      'powering-off', 'powering-on', 'rebooting', 'rebooting_hard', 'reboot_pending', 'reboot_pending_hard', 'reboot_started',
      'reboot_started_hard', 'pausing', 'unpausing', 'suspending', 'resuming', 'updating_password', 'soft-deleting', 'restoring'];
    expect(written.filter((t) => !(t in RECOVERY_BY_TASK_STATE))).toEqual([]);
  });
});
