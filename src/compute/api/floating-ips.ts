// nova's os-floating-ips proxy (floating_ips.py FloatingIPController, up to 2.35) and the
// addFloatingIp / removeFloatingIp actions (FloatingIPActionController, up to 2.43): the calls
// neutron.py makes as the user, the network info cache of the instances involved refreshed
// (@refresh_cache), and each handler's except clauses as its statuses.
import { ApiError } from '../../http/api-error.js';
import { NovaError, type NovaExceptionName } from '../../nova-exceptions/nova-error.js';
import { userToken } from '../../networking-client/network-api.js';
import { FloatingIpApi, type DetailedFloatingIp } from '../../networking-client/floating-ip-api.js';
import { NetworkingClientError } from '../../networking-client/networking-client.js';
import { unexpectedApiError } from '../unexpected-error.js';
import type { Engine } from '../../workflows/engine.js';
import type { InstanceRecord, RequestContext } from '../../compute-db/records.js';

export interface FloatingIpApiDeps {
  engine: Engine;
  getInstance(ctx: RequestContext, uuid: string): InstanceRecord;
}

export interface FloatingIpProxyApi {
  list(ctx: RequestContext): Promise<Record<string, unknown>[]>;
  show(ctx: RequestContext, id: string): Promise<Record<string, unknown>>;
  /** `pool` as the body names it, else `defaultPool` ([neutron] default_floating_pool). */
  allocate(ctx: RequestContext, pool: string | null, defaultPool: string): Promise<Record<string, unknown>>;
  release(ctx: RequestContext, id: string): Promise<void>;
  addToServer(ctx: RequestContext, uuid: string, address: string, fixedAddress: string | undefined): Promise<void>;
  /** removeFloatingIp: the server's project for the policy check is resolved here. */
  removeFromServer(ctx: RequestContext, uuid: string, address: string, authorize: (projectId: string | null) => void): Promise<void>;
}

/** _translate_floating_ip_view */
export function floatingIpView(f: DetailedFloatingIp): Record<string, unknown> {
  return {
    id: f.id,
    ip: f.floating_ip_address,
    pool: f.network_details.name || f.network_details.id,
    fixed_ip: f.fixed_ip_address,
    instance_id: f.port_details && Object.keys(f.port_details).length ? (f.port_details.device_id ?? null) : null,
  };
}

type Clause = readonly [readonly NovaExceptionName[], number, string?];

function answer(err: unknown, clauses: readonly Clause[]): never {
  if (err instanceof NovaError) {
    for (const [names, status, text] of clauses) if (names.some((n) => err.isA(n))) throw new ApiError(status, null, text ?? err.message);
    throw unexpectedApiError(err.pythonClass);
  }
  throw err;
}

export function createFloatingIpProxyApi(d: FloatingIpApiDeps): FloatingIpProxyApi {
  const e = d.engine;
  const store = e.store;
  const fips = new FloatingIpApi(e.network.client);

  /** @refresh_cache for an instance whose ports changed. */
  async function refreshCache(uuid: string): Promise<void> {
    const current = store.instances.get(uuid);
    if (!current || current.deleted) return;
    const preserve = new Set(store.infoCaches.networkInfo(uuid).filter((v) => v.preserve_on_delete).map((v) => v.port_id));
    store.infoCaches.saveNetworkInfo(uuid, await e.network.networkInfo(uuid, preserve));
  }

  /** get_instance_by_floating_ip_addr: the instance behind the floating IP, looked up as the caller. */
  async function instanceByAddress(ctx: RequestContext, address: string): Promise<InstanceRecord | null> {
    let id: string | null;
    try {
      id = await fips.instanceIdByAddress(userToken(ctx), address);
    } catch (err) {
      answer(err, [[['FloatingIpNotFoundForAddress'], 404], [['FloatingIpMultipleFoundForAddress'], 409]]);
    }
    return id ? d.getInstance(ctx, id) : null;
  }

  async function getFloatingIp(ctx: RequestContext, id: string): Promise<DetailedFloatingIp> {
    try {
      return await fips.get(userToken(ctx), id);
    } catch (err) {
      answer(err, [[['NotFound', 'FloatingIpNotFound'], 404, `Floating IP not found for ID ${id}`], [['InvalidID'], 400]]);
    }
  }

  return {
    async list(ctx) {
      return (await fips.listByProject(userToken(ctx), ctx.projectId)).map(floatingIpView);
    },

    async show(ctx, id) {
      return floatingIpView(await getFloatingIp(ctx, id));
    },

    async allocate(ctx, pool, defaultPool) {
      const token = userToken(ctx);
      try {
        const address = await fips.allocate(token, pool || defaultPool);
        return floatingIpView(await fips.getByAddress(token, address));
      } catch (err) {
        answer(err, [
          [['NoMoreFloatingIps'], 404, pool ? `No more floating IPs in pool ${pool}.` : 'No more floating IPs available.'],
          [['FloatingIpLimitExceeded'], 403, pool ? `IP allocation over quota in pool ${pool}.` : 'IP allocation over quota.'],
          [['FloatingIpPoolNotFound'], 404],
          [['FloatingIpBadRequest'], 400],
        ]);
      }
    },

    async release(ctx, id) {
      const fip = await getFloatingIp(ctx, id);
      const inst = await instanceByAddress(ctx, fip.floating_ip_address);
      try {
        await fips.release(userToken(ctx), fip.floating_ip_address);
      } catch (err) {
        answer(err, [[['Forbidden'], 403, 'Access was denied to this resource.'], [['FloatingIpNotFoundForAddress'], 404]]);
      }
      if (inst) await refreshCache(inst.uuid);
    },

    async addToServer(ctx, uuid, address, fixedAddress) {
      const inst = d.getInstance(ctx, uuid);
      const cache = store.infoCaches.networkInfo(inst.uuid);
      if (!cache.length) throw new ApiError(400, null, 'Instance network is not ready yet');
      const fixed = cache.flatMap((v) => v.ips.map((ip) => ip.address));
      if (!fixed.length) throw new ApiError(400, null, 'No fixed IPs associated to instance');
      let fixedAddr = fixedAddress;
      if (fixedAddr !== undefined && !fixed.includes(fixedAddr)) throw new ApiError(400, null, 'Specified fixed address not assigned to instance');
      if (!fixedAddr) {
        fixedAddr = cache.flatMap((v) => v.ips).find((ip) => ip.version === 4)?.address;
        if (!fixedAddr) {
          throw new ApiError(400, null, `Unable to associate floating IP ${address} to any fixed IPs for instance ${uuid}. Instance has no fixed IPv4 addresses to associate.`);
        }
      }
      let previous: string | null;
      try {
        previous = await fips.associate(userToken(ctx), inst, address, fixedAddr);
      } catch (err) {
        if (err instanceof NovaError) {
          if (err.isA('FloatingIpAssociated')) throw new ApiError(400, null, 'floating IP is already associated');
          if (err.isA('FloatingIpAssociateFailed')) throw new ApiError(400, null, err.message);
          if (err.isA('NoFloatingIpInterface')) throw new ApiError(400, null, 'l3driver call to add floating IP failed');
          if (err.isA('FloatingIpNotFoundForAddress')) throw new ApiError(404, null, 'floating IP not found');
          if (err.isA('Forbidden')) throw new ApiError(403, null, err.message);
        }
        // `except Exception as e`: str(e) in nova's own wording
        const text = err instanceof Error ? err.message : String(err);
        if (!(err instanceof NovaError || err instanceof NetworkingClientError)) throw err;
        throw new ApiError(400, null, `Unable to associate floating IP ${address} to fixed IP ${fixedAddr} for instance ${uuid}. Error: ${text}`);
      }
      await refreshCache(inst.uuid);
      if (previous) await refreshCache(previous).catch(() => undefined);
    },

    async removeFromServer(ctx, uuid, address, authorize) {
      const inst = await instanceByAddress(ctx, address);
      authorize(inst ? inst.projectId : null);
      let fip: DetailedFloatingIp;
      try {
        fip = await fips.getByAddress(userToken(ctx), address);
      } catch (err) {
        answer(err, [[['FloatingIpNotFoundForAddress'], 404, 'floating IP not found']]);
      }
      if (!(inst && fip.port_id && inst.uuid === uuid)) {
        throw new ApiError(409, null, `Floating IP ${address} is not associated with instance ${uuid}.`);
      }
      try {
        await fips.disassociate(userToken(ctx), address);
      } catch (err) {
        answer(err, [[['Forbidden'], 403, 'Access was denied to this resource.']]);
      }
      await refreshCache(inst.uuid);
    },
  };
}
