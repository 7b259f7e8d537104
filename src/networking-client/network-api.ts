// nova/network/neutron.py's API over the networking client: what the compute side asks of
// Neutron (validate_networks at the API, allocate_for_instance / deallocate_for_instance in the
// compute, port binding on moves, the network info cache that server views read).
import { novaError, novaErrorFrom, type NovaError } from '../nova-exceptions/nova-error.js';
import { NetworkingClient, NetworkingClientError, type Network, type Port } from './networking-client.js';
import { validateSecurityGroupName, withMessage } from './security-group-api.js';

/** One entry of the server create's `networks` (nova's NetworkRequest). */
export interface NetworkRequest {
  networkId: string | null;
  portId: string | null;
  fixedIp: string | null;
  /** the device tag (2.32, 2.42+ at boot; 2.49+ at attach), kept on nova's VIF record */
  tag?: string | null;
}

/** What allocate_for_instance gives the compute: the cache entries and, per port, nova's VIF record. */
export interface Allocation {
  vifs: Vif[];
  records: { portId: string; networkId: string | null; tag: string | null }[];
}

/** What the API recorded for the build: the requests ('auto' / 'none' / none given) and the groups. */
export interface RequestedNetworks {
  /** null = no `networks` (below 2.37), 'auto', 'none', or explicit requests. */
  readonly requests: readonly NetworkRequest[] | 'auto' | 'none' | null;
  /** Security group names or ids as requested (default: ['default']). */
  readonly securityGroups: readonly string[];
}

/** One VIF of nova's network info cache (the parts the views need). */
export interface Vif {
  port_id: string;
  network_id: string;
  network_label: string;
  mac: string;
  /** a port the user passed: unbound, not deleted, on delete */
  preserve_on_delete: boolean;
  ips: { address: string; version: 4 | 6; floating: string[] }[];
}

/** Who the instance belongs to: nova acts as the user (the request context), admin for binding. */
export interface InstanceRef {
  uuid: string;
  projectId: string;
  userId: string;
  availabilityZone: string | null;
}

/** The service's own token: nova's get_client(context, admin=True). */
const ADMIN_TOKEN = 'admin';

/** A noauth token for the instance owner: nova keeps the request context for the build. */
export const userToken = (i: { userId: string; projectId: string }): string => `${i.userId}:${i.projectId}`;

/** _ports_needed_per_instance raises NetworkAmbiguous with its own message. */
const AMBIGUOUS = () => novaErrorFrom({ type: 'NetworkAmbiguous', message: 'Multiple possible networks found, use a Network ID to be more specific.' });

/** The device_owner nova gives an instance's ports: 'compute:' + instance.availability_zone. */
const ownerOf = (inst: InstanceRef): string => `compute:${inst.availabilityZone ?? 'nova'}`;

const isUuid = (s: string) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s);

export class NetworkApi {
  constructor(readonly client: NetworkingClient) {}

  /** _get_available_networks: the project's own non-shared networks, then the shared ones. */
  private async availableNetworks(token: string, projectId: string, netIds?: string[]): Promise<Network[]> {
    if (netIds?.length) return this.client.listNetworks(token, { id: netIds });
    const own = await this.client.listNetworks(token, { tenant_id: projectId, shared: false });
    const shared = await this.client.listNetworks(token, { shared: true });
    return [...own, ...shared];
  }

  /**
   * API.validate_networks + _ports_needed_per_instance and the security group check of
   * compute/api.py _check_requested_secgroups. Throws the NovaError the API turns into 400/409.
   */
  async validateNetworks(caller: { token: string; projectId: string }, req: RequestedNetworks): Promise<void> {
    const { token, projectId } = caller;
    // _check_requested_secgroups: every name but 'default' through validate_name
    for (const g of req.securityGroups) {
      if (g !== 'default') await validateSecurityGroupName(this.client, token, g, projectId);
    }
    if (req.requests === 'none') return;
    if (req.requests === null || req.requests === 'auto') {
      const nets = await this.availableNetworks(token, projectId);
      if (nets.length > 1) throw AMBIGUOUS();
      if (!nets.length && req.requests === 'auto') await this.canAutoAllocate(token, projectId);
      return;
    }
    const wanted: string[] = [];
    for (const r of req.requests) {
      if (r.portId) {
        const port = await this.client.showPort(token, r.portId).catch((e: unknown) => {
          if (e instanceof NetworkingClientError && e.status === 404) throw novaError('PortNotFound', { port_id: r.portId! });
          throw e;
        });
        if (port.device_id) throw novaError('PortInUse', { port_id: r.portId });
        if (!port.fixed_ips.length) throw novaError('PortRequiresFixedIP', { port_id: r.portId });
        continue;
      }
      wanted.push(r.networkId!);
      if (r.fixedIp) {
        const holders = await this.client.listPorts(token, { network_id: r.networkId!, fixed_ips: `ip_address=${r.fixedIp}`, fields: 'device_id' });
        if (holders.length) throw novaError('FixedIpAlreadyInUse', { address: r.fixedIp, instance_uuid: holders[0]!.device_id });
      }
    }
    if (wanted.length) {
      const nets = await this.availableNetworks(token, projectId, [...new Set(wanted)]);
      for (const id of wanted) if (!nets.some((n) => n.id === id)) throw novaError('NetworkNotFound', { network_id: id });
    }
  }

  /** _can_auto_allocate_network: neutron's dry run of get-me-a-network. */
  private async canAutoAllocate(token: string, projectId: string): Promise<void> {
    try {
      await this.client.autoAllocatedTopology(token, projectId);
    } catch (e) {
      if (e instanceof NetworkingClientError) throw novaError('UnableToAutoAllocateNetwork', { project_id: projectId });
      throw e;
    }
  }

  /**
   * The security group ids for a port (_process_security_groups): the project's groups, asked
   * for id and name only (so neutron leaves their rules out); a name match wins over an id match,
   * and a name two groups share is refused.
   */
  private async groupIds(token: string, projectId: string, names: readonly string[]): Promise<string[]> {
    if (!names.length) return [];
    const known = await this.client.listSecurityGroups(token, { tenant_id: projectId, fields: ['id', 'name'] });
    const ids: string[] = [];
    for (const n of names) {
      let nameMatch: string | null = null;
      let uuidMatch: string | null = null;
      for (const g of known) {
        if (g.name === n) {
          if (nameMatch !== null) throw withMessage('NoUniqueMatch', `Multiple security groups found matching '${n}'. Use an ID to be more specific.`);
          nameMatch = g.id;
        }
        if (g.id === n) uuidMatch = g.id;
      }
      const id = nameMatch ?? uuidMatch;
      if (id === null) throw novaError('SecurityGroupNotFound', { security_group_id: n });
      ids.push(id);
    }
    return ids;
  }

  /**
   * allocate_for_instance: ports made (or taken) for the instance, updated with device_id,
   * device_owner compute:<zone> and the binding to the host; on a failure the ports made here
   * are deleted and the taken ones given back, then the error is raised.
   */
  async allocateForInstance(inst: InstanceRef, host: string, req: RequestedNetworks): Promise<Allocation> {
    const token = userToken(inst);
    let requests: NetworkRequest[];
    if (req.requests === 'none') return { vifs: [], records: [] };
    if (req.requests === null || req.requests === 'auto') {
      const nets = await this.availableNetworks(token, inst.projectId);
      if (nets.length > 1) throw AMBIGUOUS();
      if (!nets.length) {
        if (req.requests !== 'auto') return { vifs: [], records: [] };
        const topo = await this.client.autoAllocatedTopology(token, inst.projectId).catch(() => { throw novaError('UnableToAutoAllocateNetwork', { project_id: inst.projectId }); });
        requests = [{ networkId: topo.id, portId: null, fixedIp: null }];
      } else {
        requests = [{ networkId: nets[0]!.id, portId: null, fixedIp: null }];
      }
    } else {
      requests = [...req.requests];
    }
    const created: string[] = [];
    const taken: string[] = [];
    const owner = ownerOf(inst);
    const labels = new Map<string, string>();
    const bound: Port[] = [];
    const tags = new Map<string, string | null>();
    try {
      const groups = await this.groupIds(token, inst.projectId, req.securityGroups);
      for (const r of requests) {
        if (r.portId) {
          const port = await this.client.showPort(token, r.portId);
          if (port.device_id) throw novaError('PortInUse', { port_id: r.portId });
          taken.push(r.portId);
          tags.set(r.portId, r.tag ?? null);
          continue;
        }
        const net = await this.client.showNetwork(token, r.networkId!);
        labels.set(net.id, net.name);
        if (net['router:external'] && !net.shared) {
          throw novaError('ExternalNetworkAttachForbidden', { network_uuid: net.id });
        }
        const body: Record<string, unknown> = { network_id: r.networkId, project_id: inst.projectId };
        if (r.fixedIp) body.fixed_ips = [{ ip_address: r.fixedIp }];
        if (net.port_security_enabled !== false && groups.length) body.security_groups = groups;
        try {
          const port = await this.client.createPort(token, body);
          created.push(port.id);
          tags.set(port.id, r.tag ?? null);
        } catch (e) {
          throw portCreateError(e, r);
        }
      }
      // _update_ports_for_instance: the device and the binding (admin: binding:* is admin-only)
      for (const id of [...taken, ...created]) {
        const port = await this.client.updatePort(ADMIN_TOKEN, id, { device_id: inst.uuid, device_owner: owner, 'binding:host_id': host });
        if (port['binding:vif_type'] === 'binding_failed') throw novaError('PortBindingFailed', { port_id: id });
        bound.push(port);
      }
    } catch (err) {
      for (const id of created) await this.client.deletePort(ADMIN_TOKEN, id).catch(() => undefined);
      for (const id of taken) await this.unbind(id).catch(() => undefined);
      throw err;
    }
    const records = bound.map((p) => ({ portId: p.id, networkId: p.network_id, tag: tags.get(p.id) ?? null }));
    // the user's ports may carry floating IPs and other groups: ask neutron; ports made here
    // are described by what neutron just answered
    if (taken.length) return { vifs: await this.networkInfo(inst.uuid, new Set(taken)), records };
    const vifs = bound.map((p) => ({
      port_id: p.id, network_id: p.network_id, network_label: labels.get(p.network_id) ?? p.network_id, mac: p.mac_address, preserve_on_delete: false,
      ips: p.fixed_ips.map((f) => ({ address: f.ip_address, version: f.ip_address.includes(':') ? 6 as const : 4 as const, floating: [] })),
    }));
    return { vifs, records };
  }

  private async unbind(portId: string): Promise<void> {
    await this.client.updatePort(ADMIN_TOKEN, portId, { device_id: '', device_owner: '', 'binding:host_id': '', 'binding:profile': {} });
  }

  /**
   * deallocate_for_instance: the instance's ports; those nova made are deleted, those the user
   * passed (preserve_on_delete) are unbound and kept.
   */
  async deallocateForInstance(instanceUuid: string, cache: readonly Vif[]): Promise<void> {
    const ports = await this.client.listPorts(ADMIN_TOKEN, { device_id: instanceUuid });
    const preserved = new Set(cache.filter((v) => v.preserve_on_delete).map((v) => v.port_id));
    for (const p of ports) {
      if (preserved.has(p.id)) await this.unbind(p.id);
      else await this.client.deletePort(ADMIN_TOKEN, p.id).catch((e: unknown) => { if (!(e instanceof NetworkingClientError && e.status === 404)) throw e; });
    }
  }

  /** _get_available_networks for the project (the os-interface attach without a network). */
  availableNetworksFor(token: string, projectId: string): Promise<Network[]> {
    return this.availableNetworks(token, projectId);
  }

  /** allocate_port_for_instance: one more port (made on the network, or the user's) bound to the host; its VIF record. */
  async attachInterface(inst: InstanceRef, host: string, req: NetworkRequest): Promise<Allocation['records'][number]> {
    const { records } = await this.allocateForInstance(inst, host, { requests: [req], securityGroups: [] });
    return records[0]!;
  }

  /** deallocate_port_for_instance. */
  async detachInterface(instanceUuid: string, vif: Vif): Promise<void> {
    void instanceUuid;
    if (vif.preserve_on_delete) await this.unbind(vif.port_id);
    else await this.client.deletePort(ADMIN_TOKEN, vif.port_id).catch((e: unknown) => { if (!(e instanceof NetworkingClientError && e.status === 404)) throw e; });
  }

  /**
   * add_fixed_ip_to_instance (multinic): the network's subnets (asked as the user); the first of
   * the instance's ports on that network that neutron lets take one more address from one of
   * them gets it. Nothing to take it: NetworkNotFoundForInstance.
   */
  async addFixedIpToInstance(inst: InstanceRef & { token: string }, networkId: string): Promise<void> {
    const subnets = await this.client.listSubnets(inst.token, { network_id: networkId });
    if (!subnets.length) throw novaError('NetworkNotFoundForInstance', { instance_id: inst.uuid });
    const ports = await this.client.listPorts(inst.token, { device_id: inst.uuid, device_owner: ownerOf(inst), network_id: networkId });
    for (const p of ports) {
      // nova appends to the port's own list on every try: a refused subnet stays in the next body
      const fixedIps: Record<string, string>[] = p.fixed_ips.map((f) => ({ subnet_id: f.subnet_id, ip_address: f.ip_address }));
      for (const subnet of subnets) {
        fixedIps.push({ subnet_id: subnet.id });
        try {
          await this.client.updatePort(inst.token, p.id, { fixed_ips: fixedIps });
          return;
        } catch (e) {
          if (!(e instanceof NetworkingClientError)) throw e;
        }
      }
    }
    throw novaError('NetworkNotFoundForInstance', { instance_id: inst.uuid });
  }

  /**
   * remove_fixed_ip_from_instance: the instance's port holding the address loses it (a refusal
   * by neutron is only logged, as nova does); no such port: FixedIpNotFoundForInstance.
   */
  async removeFixedIpFromInstance(inst: InstanceRef & { token: string }, address: string): Promise<void> {
    const ports = await this.client.listPorts(inst.token, { device_id: inst.uuid, device_owner: ownerOf(inst), fixed_ips: `ip_address=${address}` });
    const p = ports[0];
    if (!p) throw novaError('FixedIpNotFoundForInstance', { instance_uuid: inst.uuid, ip: address });
    const kept = p.fixed_ips.filter((f) => f.ip_address !== address).map((f) => ({ subnet_id: f.subnet_id, ip_address: f.ip_address }));
    await this.client.updatePort(inst.token, p.id, { fixed_ips: kept }).catch((e: unknown) => { if (!(e instanceof NetworkingClientError)) throw e; });
  }

  /** migrate_instance_finish / revert: the instance's ports bound to the host it now runs on. */
  async bindToHost(instanceUuid: string, host: string): Promise<void> {
    for (const p of await this.client.listPorts(ADMIN_TOKEN, { device_id: instanceUuid })) {
      if (p['binding:host_id'] === host) continue;
      const bound = await this.client.updatePort(ADMIN_TOKEN, p.id, { 'binding:host_id': host });
      if (bound['binding:vif_type'] === 'binding_failed') throw novaError('PortBindingFailed', { port_id: p.id });
    }
  }

  /** get_instance_nw_info: the cache rebuilt from the instance's ports and their floating IPs. */
  async networkInfo(instanceUuid: string, preserve: ReadonlySet<string>): Promise<Vif[]> {
    const ports = await this.client.listPorts(ADMIN_TOKEN, { device_id: instanceUuid });
    if (!ports.length) return [];
    const nets = await this.client.listNetworks(ADMIN_TOKEN, { id: [...new Set(ports.map((p) => p.network_id))] });
    const fips = await this.client.listFloatingIps(ADMIN_TOKEN, { port_id: ports.map((p) => p.id) });
    return ports.map((p: Port) => ({
      port_id: p.id,
      network_id: p.network_id,
      network_label: nets.find((n) => n.id === p.network_id)?.name ?? p.network_id,
      mac: p.mac_address,
      preserve_on_delete: preserve.has(p.id),
      ips: p.fixed_ips.map((f) => ({
        address: f.ip_address,
        version: f.ip_address.includes(':') ? 6 as const : 4 as const,
        floating: fips.filter((x) => x.port_id === p.id && x.fixed_ip_address === f.ip_address).map((x) => x.floating_ip_address),
      })),
    }));
  }
}

/** _create_port_minimal: neutron's refusals as nova words them. */
function portCreateError(e: unknown, r: NetworkRequest): NovaError | unknown {
  if (!(e instanceof NetworkingClientError)) return e;
  if (e.type === 'IpAddressGenerationFailure') return novaError('NoMoreFixedIps', { net: r.networkId ?? '' });
  if (e.type === 'IpAddressAlreadyAllocated' || e.type === 'IpAddressInUse') return novaError('FixedIpAlreadyInUse', { address: r.fixedIp ?? '', instance_uuid: 'unknown' });
  if (e.type === 'MacAddressInUse') return novaError('PortInUse', { port_id: '' });
  if (e.status === 400) return novaError('InvalidInput', { reason: e.message });
  return e;
}

export { isUuid };
