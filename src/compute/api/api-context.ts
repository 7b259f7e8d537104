// What every module of the compute API (nova/compute/api.py) is given: the workflows' context,
// the runner the work is handed to, and the steps each action begins with (the instance as the
// caller may see it, Instance.save with expected_task_state, the instance action).
import { ApiError } from '../../http/api-error.js';
import { engineFor, type Engine } from '../../workflows/engine.js';
import type { WorkflowRunner } from '../../workflows/runner.js';
import type { ComputeStore } from '../../compute-db/compute-store.js';
import { InstanceNotFoundError } from '../../compute-db/instances-store.js';
import type { InstanceChanges, InstanceRecord, RequestContext } from '../../compute-db/records.js';
import type { TaskState } from '../../compute-db/task-states.js';

/**
 * A workflow the API hands over, given the engine it must run with (its progression knows the
 * workflow's generation: use this engine, not the API's, for everything that pauses).
 */
export type ApiWork = (e: Engine) => Promise<void>;

export interface ApiContext {
  readonly engine: Engine;
  readonly store: ComputeStore;
  /** An RPC cast: the workflow runs after the API answered (queued behind the instance's others). */
  spawn(name: string, instanceUuid: string, work: ApiWork): void;
  /** An RPC call: the API waits for the workflow. */
  call(name: string, instanceUuid: string, work: ApiWork): Promise<void>;
  /** The instance visible to the caller (other projects' servers are 404 for non-admins). */
  getInstance(ctx: RequestContext, uuid: string): InstanceRecord;
  /** Instance.save(expected_task_state=...) from the API: a race is a 409 as nova's. */
  apiSave(inst: InstanceRecord, changes: InstanceChanges, expected: readonly (TaskState | null)[], action: string): InstanceRecord;
  /** The instance action the request records (its id for the workflow's events). */
  startAction(ctx: RequestContext, inst: InstanceRecord, action: string): number;
}

export function createApiContext(engine: Engine, runner: WorkflowRunner): ApiContext {
  const store = engine.store;
  return {
    engine,
    store,
    spawn: (name, uuid, work) => { void runner.spawn(name, uuid, (p) => work(engineFor(engine, p))); },
    call: (name, uuid, work) => runner.call(name, uuid, (p) => work(engineFor(engine, p))),
    getInstance(ctx, uuid) {
      const inst = store.instances.get(uuid);
      if (!inst || inst.deleted || (!ctx.isAdmin && inst.projectId !== ctx.projectId)) {
        throw new ApiError(404, null, `Instance ${uuid} could not be found.`);
      }
      return inst;
    },
    apiSave(inst, changes, expected, action) {
      try {
        return store.instances.save(inst.uuid, changes, expected);
      } catch (err) {
        if (err instanceof InstanceNotFoundError) throw new ApiError(404, null, err.message);
        const cur = store.instances.get(inst.uuid);
        throw new ApiError(409, null, `Cannot '${action}' instance ${inst.uuid} while it is in task_state ${cur?.taskState ?? 'None'}`);
      }
    },
    startAction(ctx, inst, action) {
      return store.actions.start({ instanceUuid: inst.uuid, requestId: ctx.requestId, action, userId: ctx.userId, projectId: ctx.projectId }).id;
    },
  };
}

/** compute_utils.check_num_instances_quota / _check_quota_for_upsize -> TooManyInstances (403). */
export function checkQuota(store: ComputeStore, projectId: string, userId: string, deltas: Record<'instances' | 'cores' | 'ram', number>, requested?: Record<string, string>): void {
  const limits = store.quotas.limits(projectId, userId);
  const used = store.quotas.usage(projectId);
  const overs = (['instances', 'cores', 'ram'] as const).filter((r) => deltas[r] > 0 && limits[r]! >= 0 && used[r] + deltas[r] > limits[r]!);
  if (overs.length === 0) return;
  const msg = `Quota exceeded for ${overs.join(', ')}: Requested ${overs.map((r) => requested?.[r] ?? String(deltas[r])).join(', ')}, but already used ${overs.map((r) => used[r]).join(', ')} of ${overs.map((r) => limits[r]).join(', ')} ${overs.join(', ')}`;
  throw new ApiError(403, null, msg);
}

/** servicegroup API service_is_up for a compute (forced down is down). */
export function hostIsUp(store: ComputeStore, host: string): boolean {
  const svc = store.services.findService(host, 'nova-compute');
  return !!svc && !svc.forcedDown;
}
