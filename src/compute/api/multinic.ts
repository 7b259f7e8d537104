// nova/compute/api.py add_fixed_ip / remove_fixed_ip (multinic.py, up to 2.43) and the compute
// manager's add_fixed_ip_to_instance / remove_fixed_ip_from_instance: @check_instance_lock, no
// state check and no instance action; a cast, so what the compute fails at is only a fault
// (@wrap_instance_fault), never the API's answer.
import { NovaError } from '../../nova-exceptions/nova-error.js';
import { NetworkingClientError } from '../../networking-client/networking-client.js';
import { userToken } from '../../networking-client/network-api.js';
import { recordWrappedFault, type Engine } from '../../workflows/engine.js';
import { unexpectedApiError } from '../unexpected-error.js';
import type { InstanceRecord, RequestContext } from '../../compute-db/records.js';
import type { ApiWork } from './api-context.js';

export interface MultinicApiDeps {
  engine: Engine;
  spawn(name: string, instanceUuid: string, work: ApiWork): void;
  getInstance(ctx: RequestContext, uuid: string): InstanceRecord;
}

export interface MultinicApi {
  addFixedIp(ctx: RequestContext, uuid: string, networkId: string): Promise<void>;
  removeFixedIp(ctx: RequestContext, uuid: string, address: string): Promise<void>;
}

/**
 * @check_instance_lock: InstanceIsLocked is not among multinic.py's expected errors (400, 404),
 * so nova answers it as an unexpected 500.
 */
function checkLock(ctx: RequestContext, inst: InstanceRecord): void {
  if (inst.locked && !ctx.isAdmin) throw unexpectedApiError('nova.exception.InstanceIsLocked');
}

export function createMultinicApi(d: MultinicApiDeps): MultinicApi {
  const e = d.engine;
  const store = e.store;

  /** The compute's side of the cast: neutron asked as the user, the cache refreshed, updated_at bumped. */
  function cast(ctx: RequestContext, inst: InstanceRecord, method: string, work: (ref: Parameters<typeof e.network.addFixedIpToInstance>[0]) => Promise<void>): void {
    const uuid = inst.uuid;
    const ref = { uuid, projectId: inst.projectId, userId: inst.userId, availabilityZone: inst.availabilityZone, token: userToken(ctx) };
    d.spawn(`${method} ${uuid}`, uuid, async (e) => {
      try {
        await work(ref);
        // @refresh_cache: the network info cache rebuilt from the ports
        const preserve = new Set(store.infoCaches.networkInfo(uuid).filter((v) => v.preserve_on_delete).map((v) => v.port_id));
        const info = await e.network.networkInfo(uuid, preserve);
        const current = store.instances.get(uuid);
        if (!current || current.deleted) return;
        store.infoCaches.saveNetworkInfo(uuid, info);
        // "We just want to bump updated_at. See bug 1143466."
        store.instances.save(uuid, {});
      } catch (err) {
        const failure = err instanceof NovaError ? err
          : err instanceof NetworkingClientError ? new NovaError('neutronclient.common.exceptions.NeutronClientException', err.message, 500, false)
            : null;
        if (!failure) throw err;
        recordWrappedFault(e, uuid, failure, store.instances.get(uuid)?.host ?? null);
      }
    });
  }

  return {
    async addFixedIp(ctx, uuid, networkId) {
      const inst = d.getInstance(ctx, uuid);
      checkLock(ctx, inst);
      cast(ctx, inst, 'add_fixed_ip_to_instance', (ref) => e.network.addFixedIpToInstance(ref, networkId));
    },

    async removeFixedIp(ctx, uuid, address) {
      const inst = d.getInstance(ctx, uuid);
      checkLock(ctx, inst);
      cast(ctx, inst, 'remove_fixed_ip_from_instance', (ref) => e.network.removeFixedIpFromInstance(ref, address));
    },
  };
}
