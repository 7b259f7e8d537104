// nova/network/neutron.py's floating IP calls (the os-floating-ips proxy and the
// addFloatingIp/removeFloatingIp actions) over the networking client, with the nova exceptions
// neutron.py raises. Neutron serves fip-port-details, so port_details comes with each floating IP.
import { novaError } from '../nova-exceptions/nova-error.js';
import { NetworkingClient, NetworkingClientError, type FloatingIp, type Network, type Port } from './networking-client.js';
import { isUuidLike, withMessage } from './security-group-api.js';

/** A floating IP with the network neutron.py fetches for its pool name. */
export type DetailedFloatingIp = FloatingIp & { network_details: Network; port_details: Partial<Port> | null };

const status = (e: unknown): number | null => (e instanceof NetworkingClientError ? e.status : null);

export class FloatingIpApi {
  constructor(private readonly client: NetworkingClient) {}

  private async withNetwork(token: string, fip: FloatingIp): Promise<DetailedFloatingIp> {
    try {
      const net = await this.client.showNetwork(token, fip.floating_network_id);
      return { ...fip, network_details: net, port_details: (fip.port_details as Partial<Port> | null | undefined) ?? null };
    } catch (e) {
      if (status(e) === 404) throw novaError('NetworkNotFound', { network_id: fip.floating_network_id });
      throw e;
    }
  }

  /** get_floating_ip */
  async get(token: string, id: string): Promise<DetailedFloatingIp> {
    let fip: FloatingIp;
    try {
      fip = await this.client.showFloatingIp(token, id);
    } catch (e) {
      if (status(e) === 404) throw novaError('FloatingIpNotFound', { id });
      throw e;
    }
    return this.withNetwork(token, fip);
  }

  /** _get_floating_ip_by_address: exactly one, else not found / several. */
  private async byAddress(token: string, address: string): Promise<FloatingIp> {
    if (!address) throw novaError('FloatingIpNotFoundForAddress', { address });
    const fips = await this.safeList(token, { floating_ip_address: address });
    if (fips.length === 0) throw novaError('FloatingIpNotFoundForAddress', { address });
    if (fips.length > 1) throw novaError('FloatingIpMultipleFoundForAddress', { address });
    return fips[0]!;
  }

  /** _safe_get_floating_ips: a neutron without the L3 API (404) has none. */
  private async safeList(token: string, filters: Record<string, string>): Promise<FloatingIp[]> {
    try {
      return await this.client.listFloatingIps(token, filters);
    } catch (e) {
      if (status(e) === 404) return [];
      throw e;
    }
  }

  /** get_floating_ip_by_address */
  async getByAddress(token: string, address: string): Promise<DetailedFloatingIp> {
    return this.withNetwork(token, await this.byAddress(token, address));
  }

  /** get_floating_ips_by_project: the project's, each with its network (which must be available). */
  async listByProject(token: string, projectId: string): Promise<DetailedFloatingIp[]> {
    const fips = await this.safeList(token, { tenant_id: projectId });
    if (!fips.length) return [];
    const nets = new Map((await this.client.listNetworks(token, { id: [...new Set(fips.map((f) => f.floating_network_id))] })).map((n) => [n.id, n]));
    return fips.map((f) => {
      const net = nets.get(f.floating_network_id);
      if (!net) throw novaError('NetworkNotFound', { network_id: f.floating_network_id });
      return { ...f, network_details: net, port_details: (f.port_details as Partial<Port> | null | undefined) ?? null };
    });
  }

  /** get_instance_id_by_floating_address: the device of the floating IP's port, if any. */
  async instanceIdByAddress(token: string, address: string): Promise<string | null> {
    const fip = await this.byAddress(token, address);
    if (!fip.port_id) return null;
    try {
      return (await this.client.showPort(token, fip.port_id)).device_id;
    } catch (e) {
      if (status(e) === 404) return null;
      throw e;
    }
  }

  /** allocate_floating_ip: from the pool named (or [neutron] default_floating_pool); its address. */
  async allocate(token: string, pool: string): Promise<string> {
    const nets = await this.client.listNetworks(token, { 'router:external': true, fields: 'id', ...(isUuidLike(pool) ? { id: pool } : { name: pool }) });
    if (nets.length === 0) throw novaError('FloatingIpPoolNotFound');
    if (nets.length > 1) throw withMessage('NovaException', `Multiple floating IP pools matches found for name '${pool}'`);
    try {
      return (await this.client.createFloatingIp(token, { floating_network_id: nets[0]!.id })).floating_ip_address;
    } catch (e) {
      if (!(e instanceof NetworkingClientError)) throw e;
      if (e.type === 'IpAddressGenerationFailure' || e.type === 'ExternalIpAddressExhausted') throw withMessage('NoMoreFloatingIps', e.message);
      if (e.type === 'OverQuota') throw withMessage('FloatingIpLimitExceeded', e.message);
      if (e.status === 400) throw withMessage('FloatingIpBadRequest', e.message);
      throw e;
    }
  }

  /** _release_floating_ip(raise_if_associated=False): deleted, associated or not. */
  async release(token: string, address: string): Promise<void> {
    const fip = await this.byAddress(token, address);
    try {
      await this.client.deleteFloatingIp(token, fip.id);
    } catch (e) {
      if (status(e) === 404) throw novaError('FloatingIpNotFoundForAddress', { address });
      throw e;
    }
  }

  /**
   * associate_floating_ip: the instance's port holding the fixed address gets the floating IP;
   * returns the instance the floating IP was on before (its cache wants a refresh), if another.
   */
  async associate(token: string, inst: { uuid: string; availabilityZone: string | null }, floatingAddress: string, fixedAddress: string): Promise<string | null> {
    const ports = await this.client.listPorts(token, { device_id: inst.uuid, device_owner: `compute:${inst.availabilityZone ?? 'nova'}` });
    const port = ports.find((p) => p.fixed_ips.some((f) => f.ip_address === fixedAddress));
    if (!port) throw novaError('FixedIpNotFoundForAddress', { address: fixedAddress });
    const fip = await this.byAddress(token, floatingAddress);
    try {
      await this.client.updateFloatingIp(token, fip.id, { port_id: port.id, fixed_ip_address: fixedAddress });
    } catch (e) {
      if (status(e) === 409) throw withMessage('FloatingIpAssociateFailed', (e as Error).message);
      throw e;
    }
    if (!fip.port_id || fip.port_id === port.id) return null;
    const previous = await this.client.showPort('admin', fip.port_id).catch(() => null);
    return previous?.device_id && previous.device_id !== inst.uuid ? previous.device_id : null;
  }

  /** disassociate_floating_ip */
  async disassociate(token: string, address: string): Promise<void> {
    const fip = await this.byAddress(token, address);
    await this.client.updateFloatingIp(token, fip.id, { port_id: null });
  }
}
