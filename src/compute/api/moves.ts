// nova/compute/api.py for the moves: resize and cold migrate (API.resize: the checks, the
// quota of an upsize, task_state resize_prep and the action before the 202, then the conductor's
// migrate task), confirm and revert of a finished one.
import { ApiError } from '../../http/api-error.js';
import { migrateServer } from '../../workflows/resize.js';
import { confirmResize as confirmFlow, revertResize as revertFlow } from '../../workflows/confirm-revert.js';
import { hostAvailabilityZone } from '../../compute-db/availability-zones.js';
import type { RequestContext } from '../../compute-db/records.js';
import { checkInstanceState } from '../server-states.js';
import { checkQuota, hostIsUp, type ApiContext } from './api-context.js';
import { checkResizeFlavor } from './flavor-image-checks.js';

export interface MovesApi {
  /** resize: 202. Errors: 400 same flavor / unknown flavor, 403 quota, 409 state. */
  resize(ctx: RequestContext, uuid: string, flavorRef: string, autoDiskConfig?: boolean): Promise<void>;
  /** migrate (cold): 202; host from 2.56. */
  migrate(ctx: RequestContext, uuid: string, host: string | null): Promise<void>;
  /** confirmResize: 204. */
  confirmResize(ctx: RequestContext, uuid: string): Promise<void>;
  /** revertResize: 202. */
  revertResize(ctx: RequestContext, uuid: string): Promise<void>;
}

export function createMovesApi(c: ApiContext): MovesApi {
  const e = c.engine;
  const store = c.store;

  async function move(ctx: RequestContext, uuid: string, flavorRef: string | null, host: string | null, autoDiskConfig?: boolean): Promise<void> {
    const guard = flavorRef === null ? 'migrate' : 'resize';
    const inst = c.getInstance(ctx, uuid);
    checkInstanceState(inst, guard, ctx.isAdmin);
    let flavor = inst.flavor;
    if (flavorRef !== null) {
      const f = store.flavors.get(flavorRef);
      if (!f) throw new ApiError(400, null, `Flavor ${flavorRef} could not be found.`);
      if (f.id === inst.flavor.id) throw new ApiError(400, null, 'When resizing, instances must change flavor!');
      if (f.disabled) throw new ApiError(400, null, `Flavor ${flavorRef} could not be found.`);
      // API.resize: a zero-disk flavor cannot replace a flavor with a root disk (CannotResizeDisk -> 400)
      if (f.rootGb === 0 && inst.flavor.rootGb !== 0) {
        throw new ApiError(400, null, 'Server disk was unable to be resized because: Resize to zero disk flavor is not allowed.');
      }
      const deltas = { instances: 0, cores: Math.max(0, f.vcpus - inst.flavor.vcpus), ram: Math.max(0, f.memoryMb - inst.flavor.memoryMb) };
      checkQuota(store, inst.projectId, inst.userId, deltas);
      checkResizeFlavor(f, inst.systemMetadata);
      flavor = f;
    }
    if (!inst.host || !hostIsUp(store, inst.host)) throw new ApiError(409, null, 'Service is unavailable at this time.');
    if (host !== null) {
      if (!store.services.findService(host, 'nova-compute')) throw new ApiError(400, null, `Compute host ${host} could not be found.`);
      if (host === inst.host) throw new ApiError(400, null, 'Cannot migrate to the host where the server exists.');
    }
    let allowSame: boolean;
    if (flavorRef === null) {
      // _allow_resize_to_same_host for a cold migrate: the source provider's traits
      const node = inst.node ? store.services.getNodeByName(inst.node) : null;
      allowSame = false;
      if (node) {
        try { allowSame = (await e.placement.providerTraits(node.uuid)).traits.includes('COMPUTE_SAME_HOST_COLD_MIGRATE'); } catch { allowSame = false; }
      }
    } else allowSame = e.runtime.settings.allowResizeToSameHost;
    // API.resize: instance.auto_disk_config = auto_disk_config or False (a move without AUTO resets it)
    c.apiSave(inst, { taskState: 'resize_prep', progress: 0, autoDiskConfig: autoDiskConfig ?? false }, [null], guard);
    const actionId = c.startAction(ctx, inst, guard);
    c.spawn(`${guard} ${uuid}`, uuid, (e) => migrateServer(e, {
      instanceUuid: uuid, actionId, flavor, migrationType: flavorRef === null ? 'migration' : 'resize',
      requestedHost: host, allowSameHost: allowSame,
    }));
  }

  return {
    resize: (ctx, uuid, flavorRef, autoDiskConfig) => move(ctx, uuid, flavorRef, null, autoDiskConfig),
    migrate: (ctx, uuid, host) => move(ctx, uuid, null, host),

    async confirmResize(ctx, uuid) {
      const inst = c.getInstance(ctx, uuid);
      checkInstanceState(inst, 'confirmResize', ctx.isAdmin);
      const migration = store.migrations.findByInstanceAndStatus(uuid, 'finished');
      if (!migration) throw new ApiError(400, null, 'Instance has not been resized.');
      if (!migration.sourceCompute || !hostIsUp(store, migration.sourceCompute)) throw new ApiError(409, null, 'Service is unavailable at this time.');
      // status 'confirming' is written before the 204
      const m = store.migrations.save(migration.uuid, { status: 'confirming' });
      const actionId = c.startAction(ctx, inst, 'confirmResize');
      // a cast: the failure is the instance's fault and the action's event, nothing to answer
      c.spawn(`confirm ${uuid}`, uuid, async (e) => { await confirmFlow(e, { instanceUuid: uuid, actionId, migration: m }); });
    },

    async revertResize(ctx, uuid) {
      const inst = c.getInstance(ctx, uuid);
      checkInstanceState(inst, 'revertResize', ctx.isAdmin);
      const migration = store.migrations.findByInstanceAndStatus(uuid, 'finished');
      if (!migration) throw new ApiError(400, null, 'Instance has not been resized.');
      const old = inst.oldFlavor ?? inst.flavor;
      // reverting a downsize grows the instance again: quota checked for the old flavor
      checkQuota(store, inst.projectId, inst.userId, { instances: 0, cores: Math.max(0, old.vcpus - inst.flavor.vcpus), ram: Math.max(0, old.memoryMb - inst.flavor.memoryMb) });
      // the API sets the zone back to the source host's before casting (the server goes back there)
      const sourceZone = migration.sourceCompute ? hostAvailabilityZone(store, migration.sourceCompute) : inst.availabilityZone;
      c.apiSave(inst, { taskState: 'resize_reverting', availabilityZone: sourceZone }, [null], 'revertResize');
      const m = store.migrations.save(migration.uuid, { status: 'reverting' });
      const actionId = c.startAction(ctx, inst, 'revertResize');
      c.spawn(`revert ${uuid}`, uuid, (e) => revertFlow(e, { instanceUuid: uuid, actionId, migration: m }));
    },
  };
}
