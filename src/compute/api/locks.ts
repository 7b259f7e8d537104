// nova/compute/api.py API.lock / API.unlock: synchronous (no RPC), each under an instance action
// with the API's own event.
import { ApiError } from '../../http/api-error.js';
import { CONDUCTOR_HOST } from '../../workflows/engine.js';
import type { RequestContext } from '../../compute-db/records.js';
import type { ApiContext } from './api-context.js';

export interface LocksApi {
  /** reason from 2.73. */
  lock(ctx: RequestContext, uuid: string, reason: string | null): Promise<void>;
  unlock(ctx: RequestContext, uuid: string): Promise<void>;
}

export function createLocksApi(c: ApiContext): LocksApi {
  const store = c.store;
  return {
    async lock(ctx, uuid, reason) {
      const inst = c.getInstance(ctx, uuid);
      // API.lock: an owner locking an already locked server is a no-op (no action recorded)
      if (inst.locked && inst.projectId === ctx.projectId) return;
      const actionId = c.startAction(ctx, inst, 'lock');
      // EventReporter(context, 'api_lock', CONF.host, ...): the API runs on the conductor's host here
      const ev = store.actions.startEvent(actionId, 'api_lock', CONDUCTOR_HOST);
      store.instances.save(uuid, { locked: true, lockedBy: inst.projectId === ctx.projectId ? 'owner' : 'admin', lockedReason: reason || null });
      store.actions.finishEvent(actionId, ev.event, { ok: true });
    },
    async unlock(ctx, uuid) {
      const inst = c.getInstance(ctx, uuid);
      if (inst.locked && inst.lockedBy === 'admin' && !ctx.isAdmin) {
        throw new ApiError(403, null, "Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed.");
      }
      const actionId = c.startAction(ctx, inst, 'unlock');
      const ev = store.actions.startEvent(actionId, 'api_unlock', CONDUCTOR_HOST);
      store.instances.save(uuid, { locked: false, lockedBy: null, lockedReason: null });
      store.actions.finishEvent(actionId, ev.event, { ok: true });
    },
  };
}
