// nova/compute/api.py for the power actions: stop/start, reboot soft/hard, pause/unpause,
// suspend/resume. Each: the state guard, the task state the API sets (expected by the compute),
// the instance action, then the compute's RPC (workflows/power.ts).
import { POWER_FLOWS, runPowerAction, type PowerAction } from '../../workflows/power.js';
import type { RequestContext } from '../../compute-db/records.js';
import type { TaskState } from '../../compute-db/task-states.js';
import { checkInstanceState, type GuardedAction } from '../server-states.js';
import type { ApiContext } from './api-context.js';

export interface PowerApi {
  start(ctx: RequestContext, uuid: string): Promise<void>;
  stop(ctx: RequestContext, uuid: string): Promise<void>;
  reboot(ctx: RequestContext, uuid: string, type: 'SOFT' | 'HARD'): Promise<void>;
  pause(ctx: RequestContext, uuid: string): Promise<void>;
  unpause(ctx: RequestContext, uuid: string): Promise<void>;
  suspend(ctx: RequestContext, uuid: string): Promise<void>;
  resume(ctx: RequestContext, uuid: string): Promise<void>;
}

/** task_states.ALLOW_REBOOT plus the hard reboot's own states: a hard reboot may interrupt these. */
const HARD_REBOOT_FROM: readonly (TaskState | null)[] = ['rebooting', 'reboot_pending', 'reboot_started', 'resuming', 'rebooting_hard', 'unpausing', 'pausing', 'suspending', null];

export function createPowerApi(c: ApiContext): PowerApi {
  async function powerAction(ctx: RequestContext, uuid: string, guard: GuardedAction, action: PowerAction, instanceAction: string): Promise<void> {
    const inst = c.getInstance(ctx, uuid);
    checkInstanceState(inst, guard, ctx.isAdmin);
    const flow = POWER_FLOWS[action];
    const expected = guard === 'rebootHard' ? HARD_REBOOT_FROM : [null];
    c.apiSave(inst, { taskState: flow.apiTask, ...(action === 'stop' || action === 'start' ? { progress: 0 } : {}) }, expected, guard === 'rebootHard' || guard === 'rebootSoft' ? 'reboot' : guard);
    const actionId = c.startAction(ctx, inst, instanceAction);
    c.spawn(`${action} ${uuid}`, uuid, (e) => runPowerAction(e, action, uuid, actionId));
  }

  return {
    start: (ctx, uuid) => powerAction(ctx, uuid, 'start', 'start', 'start'),
    stop: (ctx, uuid) => powerAction(ctx, uuid, 'stop', 'stop', 'stop'),
    reboot: (ctx, uuid, type) => (type === 'HARD'
      ? powerAction(ctx, uuid, 'rebootHard', 'reboot_hard', 'reboot')
      : powerAction(ctx, uuid, 'rebootSoft', 'reboot_soft', 'reboot')),
    pause: (ctx, uuid) => powerAction(ctx, uuid, 'pause', 'pause', 'pause'),
    unpause: (ctx, uuid) => powerAction(ctx, uuid, 'unpause', 'unpause', 'unpause'),
    suspend: (ctx, uuid) => powerAction(ctx, uuid, 'suspend', 'suspend', 'suspend'),
    resume: (ctx, uuid) => powerAction(ctx, uuid, 'resume', 'resume', 'resume'),
  };
}
