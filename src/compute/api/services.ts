// os-services writes (nova/compute/api.py HostAPI.service_update / service_delete and
// services.py): disable/enable and forced down, reported to Placement as COMPUTE_STATUS_DISABLED;
// the delete of a compute, which also serves the control plane's DELETE /_mock/hosts/{name}.
import { ApiError } from '../../http/api-error.js';
import type { ComputeHosts } from '../../workflows/compute-hosts.js';
import type { RequestContext, ServiceRecord } from '../../compute-db/records.js';
import type { ApiContext } from './api-context.js';
import type { AggregateApi } from './aggregates.js';

export interface ServiceUpdate {
  status?: 'enabled' | 'disabled';
  disabledReason?: string | null;
  forcedDown?: boolean;
}

export interface ServicesApi {
  /** PUT /os-services/{uuid} (2.53+) and the older disable/enable/force-down actions. */
  update(ctx: RequestContext, serviceUuid: string, update: ServiceUpdate): Promise<ServiceRecord>;
  /** DELETE /os-services/{uuid}: refuses (409) a compute that still hosts instances; removes its provider. */
  delete(ctx: RequestContext, serviceUuid: string): Promise<void>;
  /** DELETE /_mock/hosts/{name}: the same removal of the host's nova-compute service (404 if none). */
  deleteHost(name: string): Promise<void>;
}

export function createServicesApi(c: ApiContext, hosts: ComputeHosts, aggregates: AggregateApi): ServicesApi {
  const store = c.store;

  /** services.py delete: a compute still hosting instances is refused; its node leaves Placement. */
  async function deleteService(svc: ServiceRecord): Promise<void> {
    if (svc.binary === 'nova-compute') {
      if (store.instances.list({ host: svc.host }).length > 0) {
        throw new ApiError(409, null, 'Unable to delete compute service that is hosting instances. Migrate or delete the instances first.');
      }
      // the host leaves each of its aggregates first (mirrored in Placement)
      for (const a of store.aggregates.listByHost(svc.host)) await aggregates.removeHost(String(a.id), svc.host);
      await hosts.remove(svc.host);
    }
    store.services.deleteService(svc.id);
  }

  return {
    async update(_ctx, serviceUuid, update) {
      const svc = store.services.getServiceByUuid(serviceUuid);
      if (!svc) throw new ApiError(404, null, `Service ${serviceUuid} could not be found.`);
      const disabled = update.status === undefined ? undefined : update.status === 'disabled';
      const next = store.services.updateService(svc.id, {
        disabled,
        disabledReason: update.status === 'enabled' ? null : update.disabledReason,
        forcedDown: update.forcedDown,
      });
      if (svc.binary === 'nova-compute' && disabled !== undefined && disabled !== svc.disabled) {
        await hosts.reportDisabled(svc.host, disabled);
      }
      return next;
    },
    async delete(_ctx, serviceUuid) {
      const svc = store.services.getServiceByUuid(serviceUuid);
      if (!svc) throw new ApiError(404, null, `Service ${serviceUuid} could not be found.`);
      await deleteService(svc);
    },
    async deleteHost(name) {
      const svc = store.services.findService(name, 'nova-compute');
      if (!svc || !hosts.has(name)) throw new ApiError(404, null, `no host ${name}`);
      await deleteService(svc);
    },
  };
}
