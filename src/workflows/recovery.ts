// Recovery on start: what nova-compute's init_host / _init_instance, the resource tracker's first
// update_available_resource and the conductor do when their services come back after a crash or
// a stop. A workflow's progress lives in the database (task_state, migration status, the workflow
// journal); recovery reads it and ends every server where Nova would put it, as a declared table
// (task state -> outcome) rather than ifs spread over the workflows.
//
// Where Nova's _init_instance has a rule, the outcome is Nova's. Where it has none (Nova would
// leave the server stuck until an operator resets it: resize_reverting, resize_migrated,
// suspending, a build request whose conductor died, ...), the acknowledged request is finished,
// or rolled back as the failing step would have been. Every outcome is idempotent: it can be
// applied to a workflow stopped at any point, and applied again.
import { POWER_STATE, type InstanceRecord, type MigrationRecord, type MigrationStatus } from '../compute-db/records.js';
import { novaError } from '../nova-exceptions/nova-error.js';
import type { Progression } from './progression.js';
import { CONDUCTOR_HOST, ownerOf, recordFault, saveInstance, saveMigration, type Engine } from './engine.js';
import { completeDeletion, deleteAllocations, terminateInstance } from './delete.js';
import { runPowerAction, type PowerAction } from './power.js';
import { confirmResize, revertResize } from './confirm-revert.js';
import { restoreInstance, softDeleteInstance } from './soft-delete.js';
import { reconcileVolumes } from './volumes.js';

export type RecoveryOutcome =
  /** _init_instance DELETING: _delete_instance again (a local delete when there is no host). */
  | 'complete_delete'
  /** A BuildRequest the conductor never scheduled: buried in cell0 (ERROR, NoValidHost), claim dropped. */
  | 'bury_build_request'
  /** _set_instance_obj_error_state(clean_task_state=True): ERROR, task cleared. */
  | 'error_out'
  /** task_state = None (the work never reached the compute, or nothing is left to do). */
  | 'clear_task'
  /** RESIZE_PREP: task cleared; the migration is errored and the instance gets its allocation back. */
  | 'abort_move'
  /** RESIZE_MIGRATING: finish_revert_migration at the source (powered on unless it was stopped), task cleared. */
  | 'revert_crashed_migration'
  /** The guest already left the source: as a failed finish_resize (ERROR, old flavor, source allocation dropped). */
  | 'fail_finish_resize'
  /** RESIZE_REVERTING: the acknowledged revert is finished (dest, then source). */
  | 'finish_revert'
  /** A confirm the API acknowledged (migration confirming/confirmed): finished. */
  | 'finish_confirm'
  /** POWERING_OFF / POWERING_ON, the suspend family, soft delete and restore: the request is run again. */
  | 'retry_stop' | 'retry_start' | 'retry_suspend' | 'retry_resume' | 'retry_soft_delete' | 'retry_restore'
  /** _retry_reboot: a pending reboot (or a started one whose guest is not running) is run again. */
  | 'retry_reboot'
  /** A started reboot or a (un)pause whose guest runs: ACTIVE, task cleared. */
  | 'settle_running';

/** By task_state; the README's recovery table is this one. */
export const RECOVERY_BY_TASK_STATE: Readonly<Record<string, RecoveryOutcome>> = {
  deleting: 'complete_delete',
  scheduling: 'error_out', networking: 'error_out', block_device_mapping: 'error_out', spawning: 'error_out',
  rebuilding: 'error_out', rebuild_block_device_mapping: 'error_out', rebuild_spawning: 'error_out',
  resize_prep: 'abort_move',
  resize_migrating: 'revert_crashed_migration',
  resize_migrated: 'fail_finish_resize', resize_finish: 'fail_finish_resize',
  resize_reverting: 'finish_revert',
  'powering-off': 'retry_stop', 'powering-on': 'retry_start',
  suspending: 'retry_suspend', resuming: 'retry_resume',
  'soft-deleting': 'retry_soft_delete', restoring: 'retry_restore',
  rebooting: 'retry_reboot', rebooting_hard: 'retry_reboot', reboot_pending: 'retry_reboot', reboot_pending_hard: 'retry_reboot',
  reboot_started: 'settle_running', reboot_started_hard: 'settle_running', pausing: 'settle_running', unpausing: 'settle_running',
  updating_password: 'clear_task',
};

/** Statuses of a move that is not over (the audit's in-progress set). */
const MOVE_IN_PROGRESS: readonly MigrationStatus[] = ['pre-migrating', 'migrating', 'post-migrating', 'finished', 'confirming', 'reverting', 'reverted'];
/** Journal workflows that are a DELETE the API acknowledged. */
const DELETE_WORKFLOWS = new Set(['delete', 'local delete']);
const SOFT_REBOOT_STATES = new Set(['rebooting', 'reboot_pending', 'reboot_started']);

/** Steps run straight through: recovery runs before the API listens, as init_host does. */
const straightThrough: Progression = {
  mode: 'immediate', pause: async () => {}, advance: () => 0, waiting: () => [], abortAll: () => {},
};

export interface RecoveryReport {
  /** uuid -> the outcome applied. */
  outcomes: Record<string, RecoveryOutcome>;
  /** Migrations ended in 'error' by the settle pass. */
  migrationsErrored: string[];
  /** Consumers whose left-over allocations were removed. */
  allocationsRemoved: string[];
  /** Servers whose volume attachments or mappings were finished or rolled back. */
  volumesReconciled: string[];
}

/** The outcome for one server, or null when it is at rest. */
export function recoveryOutcome(inst: InstanceRecord, pendingDelete: boolean, migration: MigrationRecord | null): RecoveryOutcome | null {
  if (inst.deleted) return null;
  if (pendingDelete || inst.taskState === 'deleting') return 'complete_delete';
  if (inst.cell === 'build_request') return 'bury_build_request';
  // _init_instance leaves ERROR servers alone (but for RESIZE_MIGRATING and DELETING); a task a
  // failure path had not yet cleared is cleared, and the settle pass ends their migration
  if (inst.vmState === 'error') return inst.taskState === 'resize_migrating' ? 'revert_crashed_migration' : inst.taskState ? 'clear_task' : null;
  if (inst.taskState) return RECOVERY_BY_TASK_STATE[inst.taskState] ?? 'clear_task';
  // building with no task yet (vm BUILDING), or an instance claimed on a node whose compute died
  // before instance_claim: _error_out_instances_whose_build_was_interrupted
  if (inst.vmState === 'building') return 'error_out';
  if (inst.vmState === 'resized' && migration && (migration.status === 'confirming' || migration.status === 'confirmed')) return 'finish_confirm';
  return null;
}

export async function recoverAfterRestart(engine: Engine): Promise<RecoveryReport> {
  const e: Engine = { ...engine, progression: straightThrough };
  const { store } = e;
  const report: RecoveryReport = { outcomes: {}, migrationsErrored: [], allocationsRemoved: [], volumesReconciled: [] };
  const journal = store.journal.list();
  const pendingDeletes = new Set(journal.filter((j) => DELETE_WORKFLOWS.has(j.workflow)).map((j) => j.instanceUuid));
  // a build whose BuildRequest the API deleted (the row is purged) while the scheduler claimed
  const buildsOfPurged = new Set(journal.filter((j) => j.workflow === 'build' && !store.instances.get(j.instanceUuid)).map((j) => j.instanceUuid));
  const candidates = new Map(store.instances.listUnsettled().map((i) => [i.uuid, i]));
  for (const uuid of pendingDeletes) {
    const i = store.instances.get(uuid);
    if (i && !i.deleted) candidates.set(uuid, i);
  }
  for (const inst of candidates.values()) {
    const outcome = recoveryOutcome(inst, pendingDeletes.has(inst.uuid), latestMigration(e, inst.uuid));
    if (!outcome) continue;
    report.outcomes[inst.uuid] = outcome;
    try {
      await OUTCOMES[outcome](e, inst);
    } catch (err) {
      // one server's failure must not keep the others stuck (init_host logs and goes on)
      e.log.error({ err, instance: inst.uuid, outcome }, 'recovery of a server failed');
    }
  }
  await settleMigrations(e, report);
  // the volume rule: attachments and mappings agree again (workflows/volumes.ts reconcileVolumes)
  report.volumesReconciled = await reconcileVolumes(e);
  await removeLeftOverAllocations(e, report, buildsOfPurged);
  store.journal.clear();
  if (Object.keys(report.outcomes).length || report.migrationsErrored.length || report.allocationsRemoved.length || report.volumesReconciled.length) {
    e.log.info({ recovery: report }, 'recovered unfinished work after a restart');
  }
  return report;
}

function latestMigration(e: Engine, uuid: string): MigrationRecord | null {
  return e.store.migrations.list({ instanceUuid: uuid })[0] ?? null;
}

/** The instance's move that is not over, newest first. */
function openMigration(e: Engine, uuid: string): MigrationRecord | null {
  return e.store.migrations.list({ instanceUuid: uuid, statuses: MOVE_IN_PROGRESS })[0] ?? null;
}

/** A move that ended without the instance: 'error', and its allocation back to the instance (source) or dropped (dest). */
async function endMigration(e: Engine, inst: InstanceRecord, m: MigrationRecord): Promise<void> {
  const cur = e.store.instances.get(inst.uuid) ?? inst;
  if (cur.host === m.sourceCompute) await e.report.moveAllocations(m.uuid, inst.uuid, ownerOf(cur)); // _revert_allocation
  else await e.report.deleteAllocationForConsumer(m.uuid, false, ownerOf(cur)); // _delete_allocation_after_move
  saveMigration(e, m.uuid, { status: 'error' });
}

async function retryPower(e: Engine, inst: InstanceRecord, action: PowerAction): Promise<void> {
  await runPowerAction(e, action, inst.uuid, null);
}

function guestPower(e: Engine, inst: InstanceRecord): number {
  return inst.host ? e.driver.guestPowerState(inst.host, inst.uuid) ?? inst.powerState : inst.powerState;
}

const OUTCOMES: Readonly<Record<RecoveryOutcome, (e: Engine, inst: InstanceRecord) => Promise<void>>> = {
  async complete_delete(e, inst) {
    // the journal may hold a DELETE whose 'deleting' mark a failing workflow cleared meanwhile
    if (inst.taskState !== 'deleting') saveInstance(e, inst.uuid, { taskState: 'deleting' });
    if (inst.host && e.hostSpec(inst.host)) {
      await terminateInstance(e, inst.uuid, null);
    } else {
      await deleteAllocations(e, inst.uuid);
      completeDeletion(e, inst.uuid);
    }
  },

  async bury_build_request(e, inst) {
    // conductor _bury_in_cell0: the instance in cell0, its create action with the failed event
    const err = novaError('NoValidHost', { reason: 'The server was not scheduled before the conductor restarted.' });
    e.store.db.transaction(() => {
      saveInstance(e, inst.uuid, { cell: 'cell0', vmState: 'error', taskState: null });
      const action = e.store.actions.start({ instanceUuid: inst.uuid, action: 'create', requestId: e.runtime.ids.requestId(), userId: inst.userId, projectId: inst.projectId });
      e.store.actions.startEvent(action.id, 'conductor_schedule_and_build_instances', CONDUCTOR_HOST);
      e.store.actions.finishEvent(action.id, 'conductor_schedule_and_build_instances', { ok: false, traceback: err.traceback('conductor/manager.py'), details: err.faultMessage });
      recordFault(e, inst.uuid, err, null);
    })();
    await e.report.deleteAllocationForConsumer(inst.uuid, true, ownerOf(inst));
  },

  async error_out(e, inst) {
    saveInstance(e, inst.uuid, { vmState: 'error', taskState: null });
  },

  async clear_task(e, inst) {
    saveInstance(e, inst.uuid, { taskState: null });
  },

  async abort_move(e, inst) {
    const m = openMigration(e, inst.uuid);
    if (m) await endMigration(e, inst, m);
    saveInstance(e, inst.uuid, { taskState: null });
  },

  async revert_crashed_migration(e, inst) {
    // the guest is still at the source (instance.host): start it again there
    const powerOn = inst.systemMetadata.old_vm_state !== 'stopped';
    if (inst.host) {
      try {
        await e.driver.call('finish_revert_migration', inst.host, inst.uuid);
      } catch (err) {
        e.log.warn({ err, instance: inst.uuid }, 'Failed to revert crashed migration');
      }
    }
    const m = openMigration(e, inst.uuid);
    if (m) await endMigration(e, inst, m);
    saveInstance(e, inst.uuid, { taskState: null, ...(inst.vmState === 'error' ? {} : { powerState: powerOn ? POWER_STATE.RUNNING : POWER_STATE.SHUTDOWN }) });
  },

  async fail_finish_resize(e, inst) {
    const old = inst.oldFlavor ?? inst.flavor;
    saveInstance(e, inst.uuid, { vmState: 'error', ...(old.id !== inst.flavor.id ? { flavor: old } : {}) });
    const m = openMigration(e, inst.uuid);
    if (m) {
      await e.report.deleteAllocationForConsumer(m.uuid, false, ownerOf(inst));
      saveMigration(e, m.uuid, { status: 'error' });
    }
    saveInstance(e, inst.uuid, { taskState: null });
  },

  async finish_revert(e, inst) {
    const m = e.store.migrations.list({ instanceUuid: inst.uuid, statuses: ['reverting', 'reverted', 'finished'] })[0];
    if (!m) {
      saveInstance(e, inst.uuid, { taskState: null });
      return;
    }
    if (m.status === 'finished') saveMigration(e, m.uuid, { status: 'reverting' });
    await revertResize(e, { instanceUuid: inst.uuid, actionId: null, migration: m });
  },

  async finish_confirm(e, inst) {
    const m = latestMigration(e, inst.uuid)!;
    if (m.status === 'confirming') {
      await confirmResize(e, { instanceUuid: inst.uuid, actionId: null, migration: m });
      return;
    }
    // confirmed, but the source allocation and the resized state were not yet dropped
    await e.report.deleteAllocationForConsumer(m.uuid, false, ownerOf(inst));
    const { old_vm_state: _drop, ...sm } = inst.systemMetadata;
    void _drop;
    saveInstance(e, inst.uuid, {
      vmState: inst.powerState === POWER_STATE.SHUTDOWN ? 'stopped' : 'active', taskState: null,
      oldFlavor: null, newFlavor: null, systemMetadata: sm,
    });
  },

  retry_stop: (e, inst) => retryPower(e, inst, 'stop'),
  retry_start: (e, inst) => retryPower(e, inst, 'start'),
  retry_suspend: (e, inst) => retryPower(e, inst, 'suspend'),
  retry_resume: (e, inst) => retryPower(e, inst, 'resume'),
  retry_soft_delete: (e, inst) => softDeleteInstance(e, inst.uuid, null),
  retry_restore: (e, inst) => restoreInstance(e, inst.uuid, null),

  async retry_reboot(e, inst) {
    // compute_utils.get_reboot_type: a guest that is not running gets a HARD reboot
    const soft = SOFT_REBOOT_STATES.has(inst.taskState ?? '') && guestPower(e, inst) === POWER_STATE.RUNNING;
    saveInstance(e, inst.uuid, { taskState: soft ? 'rebooting' : 'rebooting_hard' });
    await retryPower(e, inst, soft ? 'reboot_soft' : 'reboot_hard');
  },

  async settle_running(e, inst) {
    if (guestPower(e, inst) === POWER_STATE.RUNNING) {
      saveInstance(e, inst.uuid, { vmState: 'active', taskState: null });
      return;
    }
    if (inst.taskState === 'reboot_started' || inst.taskState === 'reboot_started_hard') await OUTCOMES.retry_reboot(e, inst);
    else saveInstance(e, inst.uuid, { taskState: null });
  },
};

/**
 * After the servers: a move no server is in any more (its instance settled, failed, or deleted)
 * is ended, so that nothing stays 'migrating' and no allocation stays with it. VERIFY_RESIZE
 * (finished + resized) is a resting state and stays.
 */
async function settleMigrations(e: Engine, report: RecoveryReport): Promise<void> {
  for (const m of e.store.migrations.list({ statuses: MOVE_IN_PROGRESS })) {
    const inst = e.store.instances.get(m.instanceUuid);
    if (inst && !inst.deleted) {
      if (m.status === 'finished' && inst.vmState === 'resized') continue;
      // 'reverted' is also where a finished revert rests (the dest wrote it, the source ended it)
      if (m.status === 'reverted' || inst.taskState !== null) continue;
      await endMigration(e, inst, m);
    } else {
      await e.report.deleteAllocationForConsumer(m.uuid, true, { projectId: m.projectId ?? '', userId: m.userId ?? '' });
      saveMigration(e, m.uuid, { status: 'error' });
    }
    report.migrationsErrored.push(m.uuid);
  }
}

/**
 * resource_tracker._remove_deleted_instances_allocations (run at compute start): allocations of
 * deleted instances go; so do those of migrations that are over (confirmed, error), and the
 * claim of a build whose BuildRequest was deleted, which a crash between the write and the
 * allocation removal left behind (the conductor would have dropped them).
 */
async function removeLeftOverAllocations(e: Engine, report: RecoveryReport, buildsOfPurged: ReadonlySet<string>): Promise<void> {
  for (const node of e.store.services.listNodes()) {
    const allocations = await e.placement.providerAllocations(node.uuid);
    for (const consumer of Object.keys(allocations)) {
      // only whether an instance is deleted: reading each whole row was most of a restart's
      // time on a large database
      const instDeleted = e.store.instances.isDeleted(consumer);
      const migration = instDeleted !== null ? null : e.store.migrations.get(consumer);
      const over = instDeleted === true || (migration && (migration.deleted || !MOVE_IN_PROGRESS.includes(migration.status)))
        || (instDeleted === null && !migration && buildsOfPurged.has(consumer));
      if (!over) continue;
      await e.report.deleteAllocationForConsumer(consumer, true, { projectId: '', userId: '' });
      report.allocationsRemoved.push(consumer);
    }
  }
}

