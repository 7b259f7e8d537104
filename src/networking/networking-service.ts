// Neutron's plugin layer (ML2 core plugin + L3 router + security groups + quotas) over the
// SQL stores: what each create/update/delete does beyond attribute checks. Every API write
// runs in one synchronous transaction, so what a 2xx acknowledged is stored before it leaves.
import type { Runtime } from '../runtime/runtime.js';
import type { AuthContext } from '../http/auth-context.js';
import { RESOURCES, kindOf, KNOWN_PROTOCOLS, isUuid, pyS, type ResourceKind } from './attributes.js';
import { NeutronError, badRequest, conflict, httpNotFound, invalidInput, notFound, policyNotAuthorized } from './errors.js';
import { canSee } from './policy.js';
import { matchesFilters, paginate, parseListQuery, type Page } from './list-query.js';
import type { Attrs } from './request-body.js';
import { ResourcesStore, type Doc } from './store/resources-store.js';
import { IpAllocationsStore } from './store/ip-allocations-store.js';
import { QuotasStore } from './store/quotas-store.js';
import {
  bigToIp, cidrContains, cidrSize, cidrsOverlap, eui64Address, ipToBig, ipVersion, lastAddress, normalizeIp, parseCidr, type Cidr,
} from './model/addresses.js';

// neutron_lib constants.ROUTER_INTERFACE_OWNERS and neutron's _constants.AUTO_DELETE_PORT_OWNERS
const ROUTER_INTERFACE_OWNERS = ['network:router_interface', 'network:router_interface_distributed', 'network:ha_router_replicated_interface'];
const AUTO_DELETE_PORT_OWNERS = ['network:dhcp', 'network:distributed', 'network:floatingip_agent_gateway'];

/** Neutron's quota defaults ([quotas] in neutron.conf). */
export const QUOTA_DEFAULTS: Readonly<Record<string, number>> = {
  network: 100, subnet: 100, subnetpool: -1, port: 500, router: 10, floatingip: 50, rbac_policy: 10, security_group: 10, security_group_rule: 100,
};
const QUOTA_KIND: Record<string, string> = { network: 'network', subnet: 'subnet', port: 'port', router: 'router', floatingip: 'floatingip', security_group: 'security_group', security_group_rule: 'security_group_rule' };

/** ML2's OVS mechanism driver answer for a host with an alive agent. */
const OVS_VIF_DETAILS = { connectivity: 'l2', port_filter: true, ovs_hybrid_plug: false, datapath_type: 'system', bridge_name: 'br-int' };
const VXLAN_MTU = 1450;
const FLAT_PHYSNETS = ['public'];
const VLAN_RANGES: Record<string, [number, number]> = { physnet1: [100, 200] };
const VNI_RANGE: [number, number] = [1, 1000];

interface FixedIp { subnet_id: string; ip_address: string }

export class NetworkingService {
  readonly resources: ResourcesStore;
  readonly ips: IpAllocationsStore;
  readonly quotas: QuotasStore;
  /** Hosts with an alive L2 agent: ports bind there (vif_type ovs), elsewhere binding_failed. */
  readonly agentHosts = new Set<string>();
  /** More hosts with an agent, looked up when binding (the composition root: every compute host runs one). */
  agentLookup: ((host: string) => boolean) | null = null;
  /**
   * neutron's nova notifier (network-changed / network-vif-deleted): called with the device id
   * of a compute port whose addresses, floating IPs or groups changed, or that was deleted.
   */
  readonly deviceListeners = new Set<(deviceId: string) => void>();

  private notifyDevice(portId: string | null | undefined, deviceId?: unknown): void {
    const device = typeof deviceId === 'string' ? deviceId : portId ? this.resources.get('port', portId)?.doc.device_id : undefined;
    if (typeof device !== 'string' || device === '') return;
    for (const l of this.deviceListeners) l(device);
  }

  constructor(readonly runtime: Runtime) {
    this.resources = new ResourcesStore(runtime.db);
    this.ips = new IpAllocationsStore(runtime.db);
    this.quotas = new QuotasStore(runtime.db);
  }

  private now(): string {
    return this.runtime.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
  }

  transaction<T>(fn: () => T): T {
    return this.runtime.db.transaction(fn)();
  }

  // ---------------------------------------------------------------- reading

  private lookup = {
    network: (id: string) => this.resources.get('network', id)?.doc,
    securityGroup: (id: string) => this.resources.get('security_group', id)?.doc,
  };

  visible(kind: string, doc: Doc, auth: AuthContext): boolean {
    return canSee(kind, doc, auth, this.lookup);
  }

  /** GET one: NotFound when absent or not visible (neutron hides what policy forbids). */
  show(kind: string, id: string, auth: AuthContext): Doc {
    if (kind === 'security_group' || kind === 'security_group_rule') this.ensureDefaultSecurityGroup(auth.projectId);
    const found = this.resources.get(kind, id)?.doc;
    if (!found || !this.visible(kind, found, auth)) throw notFound(kind, id);
    return found;
  }

  list(kind: string, auth: AuthContext, pairs: readonly (readonly [string, string])[], selfUrl: string): Page {
    const k = kindOf(kind);
    if (kind === 'security_group' || kind === 'security_group_rule') this.ensureDefaultSecurityGroup(auth.projectId);
    const q = parseListQuery(pairs, k.attributes);
    // a member cannot filter on what it may not see
    if (!auth.isAdmin) {
      for (const key of q.filters.keys()) if (k.attributes[key]?.adminOnly) return { items: [], links: q.limit ? [] : null };
    }
    const items = this.candidates(kind, q.filters).filter((d) => this.visible(kind, d, auth) && matchesFilters(d, q));
    return paginate(items, q, selfUrl, pairs);
  }

  /** The rows a filter can only match, read through an index when it names ids, a device or a network. */
  private candidates(kind: string, filters: ReadonlyMap<string, unknown[]>): Doc[] {
    const ids = filters.get('id');
    if (ids) return [...new Set(ids.map(String))].map((id) => this.resources.get(kind, id)).filter((r) => r !== undefined).sort((a, b) => a.seq - b.seq).map((r) => r.doc);
    const device = filters.get('device_id');
    if (kind === 'port' && device?.length === 1) return this.resources.portsOfDevice(String(device[0])).map((r) => r.doc);
    // nova's list of servers asks for the ports of a page's devices at once (1,000 device ids)
    if (kind === 'port' && device?.length) return this.resources.portsOfDevices(device.map(String)).map((r) => r.doc);
    const net = filters.get('network_id');
    if ((kind === 'port' || kind === 'subnet') && net?.length === 1) return this.resources.listOnNetwork(kind, String(net[0])).map((r) => r.doc);
    return this.resources.list(kind).map((r) => r.doc);
  }

  /** The response view: admin-only attributes stripped for members, then fields=. */
  view(kind: string, doc: Doc, auth: AuthContext, fields: readonly string[] = []): Record<string, unknown> {
    const attrs = kindOf(kind).attributes;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(doc)) {
      if (!auth.isAdmin && attrs[key]?.adminOnly) continue;
      if (fields.length && !fields.includes(key)) continue;
      out[key] = value;
    }
    return out;
  }

  // ---------------------------------------------------------------- common

  private base(kind: string, attrs: Attrs, revision = 0): Doc {
    const now = this.now();
    const doc: Doc = { id: this.runtime.ids.uuid(), project_id: attrs.project_id as string };
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) doc[k] = v;
    doc.tenant_id = doc.project_id;
    doc.tags = [];
    doc.created_at = now;
    doc.updated_at = now;
    doc.revision_number = revision;
    void kind;
    return doc;
  }

  private save(kind: string, doc: Doc, bump = true): Doc {
    if (bump) { doc.revision_number = (doc.revision_number as number) + 1; doc.updated_at = this.now(); }
    this.resources.update(kind, doc);
    return doc;
  }

  private checkQuota(kind: string, projectId: string, adding = 1): void {
    const resource = QUOTA_KIND[kind];
    if (!resource) return;
    const limit = this.quotas.limitsOf(projectId)[resource] ?? QUOTA_DEFAULTS[resource]!;
    if (limit < 0) return;
    const used = this.resources.countOf(kind, projectId);
    if (used + adding > limit) throw conflict('OverQuota', `Quota exceeded for resources: ['${resource}'].`);
  }

  private owned(kind: string, id: string, auth: AuthContext): Doc {
    const doc = this.resources.get(kind, id)?.doc;
    if (!doc || !this.visible(kind, doc, auth)) throw notFound(kind, id);
    return doc;
  }

  /** Update/delete on something visible but not owned: neutron's policy answers 404 too. */
  private writable(kind: string, id: string, auth: AuthContext): Doc {
    const doc = this.owned(kind, id, auth);
    if (!auth.isAdmin && doc.project_id !== auth.projectId) {
      if (kind === 'network' && (doc.shared || doc['router:external'])) {
        throw policyNotAuthorized(`(rule:update_network or rule:delete_network) is disallowed by policy`);
      }
      throw notFound(kind, id);
    }
    return doc;
  }

  create(kind: string, attrs: Attrs, auth: AuthContext): Doc {
    const doc = this.createInTx(kind, attrs, auth);
    if (kind === 'floatingip') this.notifyDevice(doc.port_id as string | null);
    return doc;
  }

  /** A bulk create: all or none (ML2's native bulk runs in one transaction). */
  createBulk(kind: string, items: Attrs[], auth: AuthContext): Doc[] {
    const docs = this.transaction(() => items.map((attrs) => this.createInTx(kind, attrs, auth)));
    if (kind === 'floatingip') for (const doc of docs) this.notifyDevice(doc.port_id as string | null);
    return docs;
  }

  private createInTx(kind: string, attrs: Attrs, auth: AuthContext): Doc {
    return this.transaction(() => {
      this.checkQuota(kind, attrs.project_id as string);
      switch (kind) {
        case 'network': return this.createNetwork(attrs, auth);
        case 'subnet': return this.createSubnet(attrs, auth);
        case 'port': return this.createPort(attrs, auth);
        case 'security_group': return this.createSecurityGroup(attrs, auth);
        case 'security_group_rule': return this.createSecurityGroupRule(attrs, auth);
        case 'floatingip': return this.createFloatingIp(attrs, auth);
        case 'router': return this.createRouter(attrs, auth);
        default: throw httpNotFound();
      }
    });
  }

  update(kind: string, id: string, attrs: Attrs, auth: AuthContext): Doc {
    const before = kind === 'floatingip' ? this.resources.get('floatingip', id)?.doc.port_id as string | null | undefined : undefined;
    const result = this.updateInTx(kind, id, attrs, auth);
    if (kind === 'floatingip') { this.notifyDevice(before); this.notifyDevice(result.port_id as string | null); }
    if (kind === 'port' && (attrs.fixed_ips !== undefined || attrs.security_groups !== undefined)) this.notifyDevice(null, result.device_id);
    return result;
  }

  private updateInTx(kind: string, id: string, attrs: Attrs, auth: AuthContext): Doc {
    return this.transaction(() => {
      const doc = this.writable(kind, id, auth);
      switch (kind) {
        case 'network': return this.updateNetwork(doc, attrs, auth);
        case 'subnet': return this.updateSubnet(doc, attrs);
        case 'port': return this.updatePort(doc, attrs, auth);
        case 'security_group': {
          // the name's validator (name_not_default) refuses `default` in any case, on PUT as on POST
          if (typeof attrs.name === 'string' && attrs.name.toLowerCase() === 'default') throw conflict('SecurityGroupDefaultAlreadyExists', 'Default security group already exists.');
          if (doc.name === 'default' && attrs.name !== undefined) throw conflict('SecurityGroupCannotUpdateDefault', 'Updating default security group not allowed.');
          return this.save(kind, Object.assign(doc, attrs));
        }
        case 'security_group_rule': return this.save(kind, Object.assign(doc, attrs));
        case 'floatingip': return this.updateFloatingIp(doc, attrs, auth);
        case 'router': return this.updateRouter(doc, attrs, auth);
        default: throw httpNotFound();
      }
    });
  }

  remove(kind: string, id: string, auth: AuthContext): void {
    const gone = kind === 'port' ? this.resources.get('port', id)?.doc : kind === 'floatingip' ? this.resources.get('floatingip', id)?.doc : undefined;
    this.removeInTx(kind, id, auth);
    if (kind === 'port' && gone && String(gone.device_owner).startsWith('compute:')) this.notifyDevice(null, gone.device_id);
    if (kind === 'floatingip' && gone) this.notifyDevice(gone.port_id as string | null);
  }

  private removeInTx(kind: string, id: string, auth: AuthContext): void {
    this.transaction(() => {
      const doc = this.writable(kind, id, auth);
      switch (kind) {
        case 'network': return this.deleteNetwork(doc);
        case 'subnet': return this.deleteSubnet(doc);
        case 'port': return this.deletePort(doc, auth);
        case 'security_group': return this.deleteSecurityGroup(doc, auth);
        case 'security_group_rule': { this.resources.delete(kind, id); this.refreshGroupRules(doc.security_group_id as string); return; }
        case 'floatingip': { this.resources.delete(kind, id); this.deleteServicePort(doc.id, 'network:floatingip'); return; }
        case 'router': return this.deleteRouter(doc);
        default: throw httpNotFound();
      }
    });
  }

  // ---------------------------------------------------------------- tags

  tags(kind: string, id: string, auth: AuthContext): string[] {
    return [...(this.owned(kind, id, auth).tags as string[])];
  }

  setTags(kind: string, id: string, auth: AuthContext, tags: string[] | ((current: string[]) => string[])): string[] {
    return this.transaction(() => {
      const doc = this.writable(kind, id, auth);
      const next = typeof tags === 'function' ? tags(doc.tags as string[]) : tags;
      doc.tags = [...new Set(next)].sort();
      this.save(kind, doc);
      return doc.tags as string[];
    });
  }

  // ---------------------------------------------------------------- networks

  private createNetwork(attrs: Attrs, auth: AuthContext): Doc {
    const doc = this.base('network', attrs, 1);
    const type = attrs['provider:network_type'] as string | undefined;
    let physnet = (attrs['provider:physical_network'] as string | null | undefined) ?? null;
    let segId = (attrs['provider:segmentation_id'] as number | null | undefined) ?? null;
    const used = (t: string) => this.resources.list('network').map((r) => r.doc).filter((n) => n['provider:network_type'] === t);
    let mtu = 1500;
    switch (type ?? 'vxlan') {
      case 'flat':
        if (segId !== null) throw invalidInput('segmentation_id cannot be specified for flat network');
        if (physnet === null) throw invalidInput('physical_network required for flat provider network');
        if (!FLAT_PHYSNETS.includes(physnet)) throw invalidInput(`physical_network '${physnet}' unknown for flat provider network`);
        if (used('flat').some((n) => n['provider:physical_network'] === physnet)) {
          throw conflict('FlatNetworkInUse', `Unable to create the flat network. Physical network ${physnet} is in use.`);
        }
        break;
      case 'vlan': {
        if (physnet === null) throw invalidInput('physical_network required for VLAN provider network');
        const r = VLAN_RANGES[physnet];
        if (!r) throw invalidInput(`physical_network '${physnet}' unknown for VLAN provider network`);
        const taken = new Set(used('vlan').filter((n) => n['provider:physical_network'] === physnet).map((n) => n['provider:segmentation_id']));
        if (segId === null) {
          for (let v = r[0]; v <= r[1]; v++) if (!taken.has(v)) { segId = v; break; }
          if (segId === null) throw new NeutronError(503, 'NoNetworkAvailable', 'Unable to create the network. No tenant network is available for allocation.');
        } else if (taken.has(segId)) {
          throw conflict('VlanIdInUse', `Unable to create the network. The VLAN ${segId} on physical network ${physnet} is in use.`);
        }
        break;
      }
      case 'vxlan': case 'local': {
        if (physnet !== null) throw invalidInput(`provider:physical_network specified for ${type ?? 'vxlan'} network`);
        if ((type ?? 'vxlan') === 'local') { segId = null; mtu = 1500; break; }
        mtu = VXLAN_MTU;
        const taken = new Set(used('vxlan').map((n) => n['provider:segmentation_id']));
        if (segId === null) {
          for (let v = VNI_RANGE[0]; v <= VNI_RANGE[1]; v++) if (!taken.has(v)) { segId = v; break; }
          if (segId === null) throw new NeutronError(503, 'NoNetworkAvailable', 'Unable to create the network. No tenant network is available for allocation.');
        } else if (taken.has(segId)) {
          throw conflict('TunnelIdInUse', `Unable to create the network. The tunnel ID ${segId} is in use.`);
        }
        break;
      }
      default:
        throw invalidInput(`network_type value '${pyS(type)}' not supported`);
    }
    physnet = physnet ?? null;
    if (doc.mtu !== undefined && doc.mtu !== null && (doc.mtu as number) > mtu) {
      throw invalidInput(`Requested MTU is too big, maximum is ${mtu}`);
    }
    Object.assign(doc, {
      admin_state_up: attrs.admin_state_up, mtu: doc.mtu ?? mtu, status: 'ACTIVE', subnets: [],
      'provider:network_type': type ?? 'vxlan', 'provider:physical_network': physnet, 'provider:segmentation_id': segId,
      availability_zones: [], ipv4_address_scope: null, ipv6_address_scope: null,
    });
    this.resources.insert('network', doc);
    void auth;
    return doc;
  }

  private updateNetwork(doc: Doc, attrs: Attrs, auth: AuthContext): Doc {
    if (attrs.shared === false && doc.shared === true) {
      const foreign = this.resources.listOnNetwork('port', doc.id).some((p) => p.doc.project_id !== doc.project_id && !String(p.doc.device_owner).startsWith('network:'));
      if (foreign) throw conflict('InvalidSharedSetting', `Unable to reconfigure sharing settings for network ${doc.id}. Multiple tenants are using it.`);
    }
    if (attrs['router:external'] === false && doc['router:external'] === true) {
      const fips = this.resources.list('floatingip').some((f) => f.doc.floating_network_id === doc.id);
      const gw = this.resources.listOnNetwork('port', doc.id).some((p) => p.doc.device_owner === 'router:gateway' || p.doc.device_owner === 'network:router_gateway');
      if (fips || gw) throw conflict('ExternalNetworkInUse', `External network ${doc.id} cannot be updated to be made non-external, since it has existing gateway ports.`);
    }
    void auth;
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) doc[k] = v;
    this.save('network', doc);
    // auto_allocate extends networks on create and read only: an update's answer has no is_default
    const { is_default: _hidden, ...answer } = doc;
    return answer as Doc;
  }

  private deleteNetwork(doc: Doc): void {
    // external_net_db's BEFORE_DELETE handler: the network's unassociated floating IPs go first
    // (l3_db.delete_disassociated_floatingips), so only associated ones keep it in use
    for (const f of this.resources.list('floatingip')) {
      if (f.doc.floating_network_id === doc.id && !f.doc.port_id) {
        this.resources.delete('floatingip', f.doc.id);
        this.deleteServicePort(f.doc.id, 'network:floatingip');
      }
    }
    const ports = this.resources.listOnNetwork('port', doc.id).map((p) => p.doc);
    const blocking = ports.filter((p) => p.device_owner !== 'network:dhcp');
    if (blocking.length) {
      throw conflict('NetworkInUse', `Unable to complete operation on network ${doc.id}. There are one or more ports still in use on the network, id for these ports is: ${blocking.map((p) => p.id).join(',')}.`);
    }
    for (const p of ports) this.resources.delete('port', p.id);
    for (const s of this.resources.listOnNetwork('subnet', doc.id)) this.resources.delete('subnet', s.doc.id);
    this.resources.delete('network', doc.id);
  }

  // ---------------------------------------------------------------- subnets

  private networkFor(id: string, auth: AuthContext, kind: 'subnet' | 'port'): Doc {
    const net = this.resources.get('network', id)?.doc;
    if (!net || !this.visible('network', net, auth)) throw notFound('network', id);
    // _validate_network_tenant_ownership: only on the project's own or shared networks
    if (!auth.isAdmin && net.project_id !== auth.projectId && !net.shared) {
      void kind;
      throw httpNotFound();
    }
    return net;
  }

  private createSubnet(attrs: Attrs, auth: AuthContext): Doc {
    const net = this.networkFor(attrs.network_id as string, auth, 'subnet');
    if (!auth.isAdmin && net.project_id !== auth.projectId) throw policyNotAuthorized('(rule:create_subnet) is disallowed by policy');
    if (attrs.cidr === undefined || attrs.cidr === null) {
      if (attrs.prefixlen !== undefined && attrs.prefixlen !== null) throw new NeutronError(400, 'BadRequest', 'Bad subnet request: a subnetpool must be specified in the absence of a cidr.');
      throw new NeutronError(400, 'BadRequest', 'Bad subnet request: a subnetpool must be specified in the absence of a cidr.');
    }
    if (attrs.subnetpool_id) throw new NeutronError(404, 'SubnetPoolNotFound', `Subnet pool ${attrs.subnetpool_id as string} could not be found.`);
    // netaddr.IPNetwork: any address/prefix is taken, and stored as its network
    const cidr = parseCidr(attrs.cidr);
    if (!cidr) throw invalidInput(`${pyS(attrs.cidr)} is not in a CIDR format`);
    const version = attrs.ip_version as number;
    if (cidr.version !== version) throw invalidInput(`cidr '${attrs.cidr as string}' does not match the ip_version '${version}'`);
    if (version === 4 && (attrs.ipv6_ra_mode || attrs.ipv6_address_mode)) throw invalidInput('ipv6_ra_mode is not valid when ip_version is 4');
    if (attrs.ipv6_ra_mode && attrs.ipv6_address_mode && attrs.ipv6_ra_mode !== attrs.ipv6_address_mode) {
      throw invalidInput(`ipv6_ra_mode set to '${attrs.ipv6_ra_mode as string}' with ipv6_address_mode set to '${attrs.ipv6_address_mode as string}' is not valid. If both attributes are set, they must be the same value`);
    }
    if ((attrs.ipv6_address_mode === 'slaac' || attrs.ipv6_address_mode === 'dhcpv6-stateless') && cidr.prefix !== 64) {
      throw invalidInput(`Invalid CIDR ${cidr.text} for IPv6 address mode. OpenStack uses the EUI-64 address format, which requires the prefix to be /64`);
    }
    if (attrs.enable_dhcp && ((version === 4 && cidr.prefix > 30) || (version === 6 && cidr.prefix > 126))) {
      throw invalidInput('Subnet has a prefix length that is incompatible with DHCP service enabled');
    }
    if (cidr.prefix === 0) throw invalidInput('0 is not allowed as CIDR prefix length');
    for (const s of this.resources.listOnNetwork('subnet', net.id)) {
      if (cidrsOverlap(parseCidr(s.doc.cidr)!, cidr)) {
        throw invalidInput(`Requested subnet with cidr: ${cidr.text} for network: ${net.id} overlaps with another subnet`);
      }
    }
    // gateway: the first address unless given (None = no gateway)
    let gateway: string | null;
    if (attrs.gateway_ip === undefined) gateway = bigToIp(cidr.network + (version === 4 || cidr.prefix < 128 ? (version === 4 ? 1n : 0n) : 0n), cidr.version);
    else gateway = attrs.gateway_ip === null ? null : normalizeIp(attrs.gateway_ip as string);
    if (version === 6 && attrs.gateway_ip === undefined) gateway = bigToIp(cidr.network, 6);
    if (gateway !== null) {
      if (ipVersion(gateway) !== version) throw invalidInput(`gateway_ip '${gateway}' does not match the ip_version '${version}'`);
      if (!cidrContains(cidr, gateway) || (version === 4 && cidr.prefix < 31 && (ipToBig(gateway) === cidr.network || ipToBig(gateway) === lastAddress(cidr)))) {
        if (attrs.gateway_ip !== undefined) throw invalidInput('Gateway is not valid on subnet');
      }
    }
    const pools = this.validatePools(cidr, gateway, attrs.allocation_pools as { start: string; end: string }[] | undefined);
    for (const r of attrs.host_routes as { destination: string; nexthop: string }[]) {
      const d = parseCidr(r.destination)!;
      if (d.version !== version || ipVersion(r.nexthop) !== version) throw invalidInput(`Invalid route: ${pyS(r)}`);
    }
    for (const ns of attrs.dns_nameservers as string[]) {
      if (ipVersion(ns) !== version) throw invalidInput(`dns_nameserver '${ns}' does not match the ip_version '${version}'`);
    }
    const doc = this.base('subnet', attrs, 0);
    Object.assign(doc, {
      cidr: cidr.text, gateway_ip: gateway, allocation_pools: pools, subnetpool_id: null,
      ipv6_ra_mode: attrs.ipv6_ra_mode ?? null, ipv6_address_mode: attrs.ipv6_address_mode ?? null,
    });
    delete doc.prefixlen;
    this.resources.insert('subnet', doc);
    net.subnets = [...(net.subnets as string[]), doc.id];
    this.save('network', net, false);
    return doc;
  }

  private validatePools(cidr: Cidr, gateway: string | null, given: { start: string; end: string }[] | undefined): { start: string; end: string }[] {
    if (given === undefined) {
      // ipam.utils.generate_pools: the whole range minus network/broadcast (v4) and the gateway
      let first = cidr.network; let last = lastAddress(cidr);
      if (cidr.version === 4 && cidr.prefix < 31) { first += 1n; last -= 1n; }
      if (cidr.version === 6) first += cidr.prefix < 128 ? 1n : 0n;
      const pools: { start: string; end: string }[] = [];
      const gw = gateway === null ? null : ipToBig(gateway);
      if (gw !== null && gw >= first && gw <= last) {
        if (gw > first) pools.push({ start: bigToIp(first, cidr.version), end: bigToIp(gw - 1n, cidr.version) });
        if (gw < last) pools.push({ start: bigToIp(gw + 1n, cidr.version), end: bigToIp(last, cidr.version) });
      } else if (first <= last) pools.push({ start: bigToIp(first, cidr.version), end: bigToIp(last, cidr.version) });
      return pools;
    }
    const ranges: [bigint, bigint, { start: string; end: string }][] = [];
    for (const p of given) {
      const text = `${p.start}-${p.end}`;
      if (ipVersion(p.start) !== cidr.version || ipVersion(p.end) !== cidr.version) throw new NeutronError(400, 'InvalidAllocationPool', `The allocation pool ${text} is not valid.`);
      const s = ipToBig(p.start); const e = ipToBig(p.end);
      if (s > e) throw new NeutronError(400, 'InvalidAllocationPool', `The allocation pool ${text} is not valid.`);
      if (s < cidr.network || e > lastAddress(cidr)) {
        throw new NeutronError(400, 'OutOfBoundsAllocationPool', `The allocation pool ${text} spans beyond the subnet cidr ${cidr.text}.`);
      }
      ranges.push([s, e, { start: normalizeIp(p.start), end: normalizeIp(p.end) }]);
    }
    ranges.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (let i = 1; i < ranges.length; i++) {
      if (ranges[i]![0] <= ranges[i - 1]![1]) {
        throw conflict('OverlappingAllocationPools', `Found overlapping allocation pools: ${ranges[i - 1]![2].start}-${ranges[i - 1]![2].end} and ${ranges[i]![2].start}-${ranges[i]![2].end} for subnet ${cidr.text}.`);
      }
    }
    if (gateway !== null) {
      const g = ipToBig(gateway);
      if (ranges.some(([s, e]) => g >= s && g <= e)) {
        throw conflict('GatewayConflictWithAllocationPools', `Gateway ip ${gateway} conflicts with allocation pool ${ranges.find(([s, e]) => g >= s && g <= e)![2].start}-${ranges.find(([s, e]) => g >= s && g <= e)![2].end}.`);
      }
    }
    return ranges.map((r) => r[2]);
  }

  private updateSubnet(doc: Doc, attrs: Attrs): Doc {
    const cidr = parseCidr(doc.cidr)!;
    if (attrs.gateway_ip !== undefined && attrs.gateway_ip !== null) {
      const gw = normalizeIp(attrs.gateway_ip as string);
      if (ipVersion(gw) !== cidr.version) throw invalidInput(`gateway_ip '${gw}' does not match the ip_version '${cidr.version}'`);
      if (!cidrContains(cidr, gw)) throw invalidInput('Gateway is not valid on subnet');
      attrs.gateway_ip = gw;
    }
    if (attrs.allocation_pools !== undefined) {
      attrs.allocation_pools = this.validatePools(cidr, (attrs.gateway_ip ?? doc.gateway_ip) as string | null, attrs.allocation_pools as { start: string; end: string }[]);
    }
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) doc[k] = v;
    return this.save('subnet', doc);
  }

  private deleteSubnet(doc: Doc): void {
    const holders = this.resources.listOnNetwork('port', doc.network_id as string).map((p) => p.doc)
      .filter((p) => (p.fixed_ips as FixedIp[]).some((f) => f.subnet_id === doc.id));
    // db_base_plugin_v2._remove_subnet_ip_allocations_from_ports: router interfaces always hold
    // the subnet; user ports only when it is not an auto-address (SLAAC / DHCPv6-stateless)
    // subnet, whose addresses are instead dropped from the ports
    const inUse = () => conflict('SubnetInUse', `Unable to complete operation on subnet ${doc.id}: One or more ports have an IP allocation from this subnet.`);
    if (holders.some((p) => ROUTER_INTERFACE_OWNERS.includes(String(p.device_owner)))) throw inUse();
    const autoAddress = [doc.ipv6_address_mode, doc.ipv6_ra_mode].some((m) => m === 'slaac' || m === 'dhcpv6-stateless');
    if (!autoAddress && holders.some((p) => !AUTO_DELETE_PORT_OWNERS.includes(String(p.device_owner)))) throw inUse();
    for (const p of holders) {
      for (const f of (p.fixed_ips as FixedIp[]).filter((x) => x.subnet_id === doc.id)) this.ips.release(p.id as string, f.subnet_id, f.ip_address);
      p.fixed_ips = (p.fixed_ips as FixedIp[]).filter((x) => x.subnet_id !== doc.id);
      this.save('port', p);
    }
    this.resources.delete('subnet', doc.id);
    const net = this.resources.get('network', doc.network_id as string)?.doc;
    if (net) { net.subnets = (net.subnets as string[]).filter((s) => s !== doc.id); this.save('network', net, false); }
  }

  // ---------------------------------------------------------------- ports and IPAM

  private macFor(networkId: string): string {
    for (let i = 0; i < 16; i++) {
      const hex = this.runtime.ids.uuid().replace(/-/g, '');
      const mac = `fa:16:3e:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
      if (!this.resources.macInUse(networkId, mac)) return mac;
    }
    throw new NeutronError(503, 'MacAddressGenerationFailure', `Unable to generate unique mac on network ${networkId}.`);
  }

  private subnetsOf(networkId: string): Doc[] {
    return this.resources.listOnNetwork('subnet', networkId).map((s) => s.doc);
  }

  private isAutoAddress(subnet: Doc): boolean {
    return subnet.ipv6_address_mode === 'slaac' || subnet.ipv6_address_mode === 'dhcpv6-stateless';
  }

  /** The lowest free address of the subnet's pools (deterministic, unlike neutron's random window). */
  private nextFree(subnet: Doc): string | null {
    const held = this.ips.addressesOf(subnet.id);
    const version = (subnet.ip_version as 4 | 6);
    for (const pool of subnet.allocation_pools as { start: string; end: string }[]) {
      const end = ipToBig(pool.end);
      for (let n = ipToBig(pool.start), tries = 0; n <= end && tries < 1_000_000; n++, tries++) {
        const ip = bigToIp(n, version);
        if (!held.has(ip)) return ip;
      }
    }
    return null;
  }

  private allocate(port: Doc, subnet: Doc, ip: string | null): FixedIp {
    let address = ip;
    if (address === null) {
      address = this.isAutoAddress(subnet) ? eui64Address(parseCidr(subnet.cidr)!, port.mac_address as string) : this.nextFree(subnet);
      if (address === null) throw conflict('IpAddressGenerationFailure', `No more IP addresses available on network ${port.network_id as string}.`);
    }
    if (!this.ips.allocate({ subnet_id: subnet.id, ip_address: address, network_id: port.network_id as string, port_id: port.id })) {
      throw conflict('IpAddressAlreadyAllocated', `IP address ${address} already allocated in subnet ${subnet.id}`);
    }
    return { subnet_id: subnet.id, ip_address: address };
  }

  /** neutron's _get_subnet_for_fixed_ip + IPAM: the requested fixed_ips, else the network's defaults. */
  private allocateFixedIps(port: Doc, requested: { subnet_id?: string; ip_address?: string }[] | undefined, held: readonly FixedIp[] = []): FixedIp[] {
    const subnets = this.subnetsOf(port.network_id as string);
    const out: FixedIp[] = [];
    if (requested === undefined) {
      const v4 = subnets.filter((s) => s.ip_version === 4);
      for (const s of v4) {
        if (this.nextFree(s) !== null) { out.push(this.allocate(port, s, null)); break; }
      }
      if (v4.length && !out.length) throw conflict('IpAddressGenerationFailure', `No more IP addresses available on network ${port.network_id as string}.`);
      const isRouterPort = String(port.device_owner).startsWith('network:router');
      const v6 = subnets.filter((s) => s.ip_version === 6);
      const stateful = v6.find((s) => !this.isAutoAddress(s));
      if (stateful && !isRouterPort) out.push(this.allocate(port, stateful, null));
      if (!isRouterPort) for (const s of v6.filter((x) => this.isAutoAddress(x))) out.push(this.allocate(port, s, null));
      return out;
    }
    if (requested.length && !subnets.length) throw invalidInput('IP allocation requires subnets for network');
    for (const f of requested) {
      let subnet: Doc | undefined;
      if (f.subnet_id !== undefined) {
        subnet = subnets.find((s) => s.id === f.subnet_id);
        if (!subnet) {
          if (!this.resources.get('subnet', f.subnet_id)) throw notFound('subnet', f.subnet_id);
          throw invalidInput(`Failed to create port on network ${port.network_id as string}, because fixed_ips included invalid subnet ${f.subnet_id}`);
        }
        if (f.ip_address !== undefined && !cidrContains(parseCidr(subnet.cidr)!, f.ip_address)) {
          throw new NeutronError(400, 'InvalidIpForSubnet', `IP address ${f.ip_address} is not a valid IP for the specified subnet.`);
        }
      } else if (f.ip_address !== undefined) {
        subnet = subnets.find((s) => cidrContains(parseCidr(s.cidr)!, f.ip_address!));
        if (!subnet) throw new NeutronError(400, 'InvalidIpForNetwork', `IP address ${f.ip_address} is not a valid IP for any of the subnets on the specified network.`);
      } else {
        throw invalidInput('IP allocation requires subnet_id or ip_address');
      }
      const ip = f.ip_address === undefined ? null : normalizeIp(f.ip_address);
      if (ip !== null && this.isAutoAddress(subnet) && !String(port.device_owner).startsWith('network:router')) {
        throw invalidInput(`IPv6 address ${ip} cannot be directly assigned to a port on subnet ${subnet.id} as the subnet is configured for automatic addresses`);
      }
      out.push(this.allocate(port, subnet, ip));
    }
    // addresses on SLAAC subnets come with every port (but router ports)
    if (!String(port.device_owner).startsWith('network:router')) {
      for (const s of subnets.filter((x) => this.isAutoAddress(x) && ![...held, ...out].some((f) => f.subnet_id === x.id))) out.push(this.allocate(port, s, null));
    }
    return out;
  }

  /** Each project's `default` group, made on first use with neutron's four rules. */
  ensureDefaultSecurityGroup(projectId: string): Doc {
    const existing = this.resources.findByName('security_group', projectId, 'default')[0];
    if (existing) return existing.doc;
    return this.transaction(() => {
      const sg = this.base('security_group', { project_id: projectId, name: 'default', description: 'Default security group', stateful: true }, 1);
      sg.shared = false;
      sg.security_group_rules = [];
      this.resources.insert('security_group', sg);
      for (const ethertype of ['IPv4', 'IPv6']) {
        for (const direction of ['ingress', 'egress']) {
          this.insertRule({
            project_id: projectId, security_group_id: sg.id, ethertype, direction, protocol: null, port_range_min: null, port_range_max: null,
            remote_ip_prefix: null, remote_address_group_id: null, remote_group_id: direction === 'ingress' ? sg.id : null, description: null,
          });
        }
      }
      return this.refreshGroupRules(sg.id)!;
    });
  }

  private groupsFor(projectId: string, ids: string[], auth: AuthContext): string[] {
    for (const id of ids) {
      const sg = this.resources.get('security_group', id)?.doc;
      if (!sg || (!auth.isAdmin && sg.project_id !== projectId && sg.project_id !== auth.projectId)) throw notFound('security_group', id);
    }
    return [...new Set(ids)];
  }

  private bindingOf(host: string, vnic: string): { vif_type: string; vif_details: Record<string, unknown> } {
    if (host === '') return { vif_type: 'unbound', vif_details: {} };
    if (vnic !== 'normal' || !(this.agentHosts.has(host) || this.agentLookup?.(host))) return { vif_type: 'binding_failed', vif_details: {} };
    return { vif_type: 'ovs', vif_details: { ...OVS_VIF_DETAILS } };
  }

  private applyBinding(port: Doc): void {
    const b = this.bindingOf(port['binding:host_id'] as string, port['binding:vnic_type'] as string);
    port['binding:vif_type'] = b.vif_type;
    port['binding:vif_details'] = b.vif_details;
    // With agents a bound port goes ACTIVE (the agent reports it up); otherwise it stays DOWN.
    port.status = b.vif_type === 'ovs' && port.admin_state_up === true && port.device_owner !== '' ? 'ACTIVE' : 'DOWN';
  }

  private checkDeviceOwner(net: Doc, owner: unknown, auth: AuthContext, action: string): void {
    if (!auth.isAdmin && typeof owner === 'string' && owner.startsWith('network:') && net.project_id !== auth.projectId) {
      throw policyNotAuthorized(`(rule:${action}_port and rule:${action}_port:device_owner) is disallowed by policy`);
    }
  }

  private createPort(attrs: Attrs, auth: AuthContext): Doc {
    const net = this.networkFor(attrs.network_id as string, auth, 'port');
    this.checkDeviceOwner(net, attrs.device_owner, auth, 'create');
    const requestedIps = attrs.fixed_ips as { subnet_id?: string; ip_address?: string }[] | undefined;
    if (!auth.isAdmin && net.project_id !== auth.projectId && requestedIps?.some((f) => f.ip_address !== undefined)) {
      throw policyNotAuthorized('(rule:create_port and rule:create_port:fixed_ips and rule:create_port:fixed_ips:ip_address) is disallowed by policy');
    }
    if (attrs.mac_address !== undefined && !auth.isAdmin && net.project_id !== auth.projectId) {
      throw policyNotAuthorized('(rule:create_port and rule:create_port:mac_address) is disallowed by policy');
    }
    const doc = this.base('port', attrs, 1);
    let mac = attrs.mac_address as string | undefined;
    if (mac !== undefined && this.resources.macInUse(net.id, mac)) {
      throw conflict('MacAddressInUse', `Unable to complete operation for network ${net.id}. The mac address ${mac} is in use.`);
    }
    mac = mac ?? this.macFor(net.id);
    const portSecurity = (attrs.port_security_enabled as boolean | undefined) ?? (net.port_security_enabled as boolean);
    const networkOwned = String(attrs.device_owner).startsWith('network:');
    let groups: string[] = [];
    if (attrs.security_groups !== undefined) groups = this.groupsFor(doc.project_id, attrs.security_groups as string[], auth);
    else if (portSecurity && !networkOwned) groups = [this.ensureDefaultSecurityGroup(doc.project_id).id];
    Object.assign(doc, {
      mac_address: mac, admin_state_up: attrs.admin_state_up, status: 'DOWN', fixed_ips: [], port_security_enabled: portSecurity,
      security_groups: groups, allowed_address_pairs: attrs.allowed_address_pairs ?? [], extra_dhcp_opts: attrs.extra_dhcp_opts ?? [],
      'binding:vnic_type': attrs['binding:vnic_type'], 'binding:profile': attrs['binding:profile'] ?? {}, 'binding:host_id': attrs['binding:host_id'] ?? '',
    });
    if (!portSecurity && groups.length && attrs.security_groups !== undefined) {
      throw conflict('PortSecurityAndIPRequiredForSecurityGroups', 'Port security must be enabled and port must have an IP address in order to use security groups.');
    }
    if (!portSecurity && (doc.allowed_address_pairs as unknown[]).length) {
      throw conflict('AddressPairAndPortSecurityRequired', 'Port Security must be enabled in order to have allowed address pairs on a port.');
    }
    (doc.allowed_address_pairs as { ip_address: string; mac_address?: string }[]).forEach((p) => { p.mac_address ??= mac; });
    this.resources.insert('port', doc);
    doc.fixed_ips = this.allocateFixedIps(doc, requestedIps);
    this.applyBinding(doc);
    this.resources.update('port', doc);
    return doc;
  }

  private updatePort(doc: Doc, attrs: Attrs, auth: AuthContext): Doc {
    const net = this.resources.get('network', doc.network_id as string)!.doc;
    if (attrs.device_owner !== undefined) this.checkDeviceOwner(net, attrs.device_owner, auth, 'update');
    if (attrs.mac_address !== undefined && attrs.mac_address !== doc.mac_address) {
      if (doc['binding:vif_type'] !== 'unbound' && doc['binding:host_id'] !== '') {
        throw conflict('PortBound', `Unable to complete operation on port ${doc.id}, port is already bound, port type: ${doc['binding:vif_type'] as string}, old_mac ${doc.mac_address as string}, new_mac ${attrs.mac_address as string}.`);
      }
      if (this.resources.listOnNetwork('port', net.id).some((p) => p.doc.mac_address === attrs.mac_address)) {
        throw conflict('MacAddressInUse', `Unable to complete operation for network ${net.id}. The mac address ${attrs.mac_address as string} is in use.`);
      }
    }
    if (attrs.fixed_ips !== undefined) {
      const requested = attrs.fixed_ips as { subnet_id?: string; ip_address?: string }[];
      const current = doc.fixed_ips as FixedIp[];
      // keep what is asked again, release the rest, allocate the new ones
      // (_get_changed_ips_for_port: an address on an auto-address subnet is required by the
      // subnet and stays, asked again or not, on every port but a router's)
      const autoKept = (c: FixedIp) => !String(doc.device_owner).startsWith('network:router') && requested.every((r) => r.subnet_id !== c.subnet_id || r.ip_address === undefined)
        && this.subnetsOf(doc.network_id as string).some((x) => x.id === c.subnet_id && this.isAutoAddress(x));
      const keep = current.filter((c) => requested.some((r) => (r.ip_address !== undefined && normalizeIp(r.ip_address) === c.ip_address && (r.subnet_id === undefined || r.subnet_id === c.subnet_id))) || autoKept(c));
      const fresh = requested.filter((r) => !(r.ip_address !== undefined && keep.some((k) => k.ip_address === normalizeIp(r.ip_address!)))
        && !(r.ip_address === undefined && r.subnet_id !== undefined && keep.some((k) => k.subnet_id === r.subnet_id && autoKept(k))));
      for (const c of current) if (!keep.includes(c)) this.ips.release(doc.id, c.subnet_id, c.ip_address);
      doc.fixed_ips = [...keep, ...(fresh.length ? this.allocateFixedIps(doc, fresh, keep) : [])];
      delete attrs.fixed_ips;
    }
    if (attrs.security_groups !== undefined) attrs.security_groups = this.groupsFor(doc.project_id, attrs.security_groups as string[], auth);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) doc[k] = v;
    if (doc.port_security_enabled === false && (doc.security_groups as string[]).length) {
      if (attrs.port_security_enabled === false && attrs.security_groups === undefined) {
        throw conflict('PortSecurityPortHasSecurityGroup', 'Port has security group associated. Cannot disable port security or IP address until security group is removed.');
      }
      throw conflict('PortSecurityAndIPRequiredForSecurityGroups', 'Port security must be enabled and port must have an IP address in order to use security groups.');
    }
    if (doc.port_security_enabled === false && (doc.allowed_address_pairs as unknown[]).length) {
      throw conflict('AddressPairAndPortSecurityRequired', 'Port Security must be enabled in order to have allowed address pairs on a port.');
    }
    (doc.allowed_address_pairs as { ip_address: string; mac_address?: string }[]).forEach((p) => { p.mac_address ??= doc.mac_address as string; });
    this.applyBinding(doc);
    this.save('port', doc);
    // a floating IP follows its port's fixed address
    for (const f of this.resources.list('floatingip').map((r) => r.doc).filter((x) => x.port_id === doc.id)) {
      if (!(doc.fixed_ips as FixedIp[]).some((ip) => ip.ip_address === f.fixed_ip_address)) this.disassociate(f);
      else { f.port_details = this.portDetails(doc); this.save('floatingip', f, false); }
    }
    return doc;
  }

  private deletePort(doc: Doc, auth: AuthContext): void {
    const owner = String(doc.device_owner);
    if (!auth.isAdmin && (owner === 'network:router_interface' || owner === 'network:router_gateway' || owner === 'network:floatingip' || owner === 'network:router_interface_distributed' || owner === 'network:ha_router_replicated_interface')) {
      throw conflict('ServicePortInUse', `Port ${doc.id} cannot be deleted directly via the port API: has device owner ${owner}.`);
    }
    if (owner === 'network:router_interface' || owner === 'network:router_gateway' || owner === 'network:floatingip') {
      throw conflict('ServicePortInUse', `Port ${doc.id} cannot be deleted directly via the port API: has device owner ${owner}.`);
    }
    this.dropPort(doc);
  }

  /** Delete a port and what hangs on it (addresses, floating IP associations). */
  private dropPort(doc: Doc): void {
    for (const f of this.resources.list('floatingip').map((r) => r.doc).filter((x) => x.port_id === doc.id)) this.disassociate(f);
    this.ips.releasePort(doc.id);
    this.resources.delete('port', doc.id);
  }

  // ---------------------------------------------------------------- security groups

  private createSecurityGroup(attrs: Attrs, auth: AuthContext): Doc {
    const project = attrs.project_id as string;
    this.ensureDefaultSecurityGroup(project);
    if (typeof attrs.name === 'string' && attrs.name.toLowerCase() === 'default') throw conflict('SecurityGroupDefaultAlreadyExists', 'Default security group already exists.');
    const sg = this.base('security_group', attrs, 1);
    sg.shared = false;
    sg.security_group_rules = [];
    this.resources.insert('security_group', sg);
    for (const ethertype of ['IPv4', 'IPv6']) {
      this.insertRule({
        project_id: project, security_group_id: sg.id, ethertype, direction: 'egress', protocol: null, port_range_min: null, port_range_max: null,
        remote_ip_prefix: null, remote_address_group_id: null, remote_group_id: null, description: null,
      });
    }
    void auth;
    return this.refreshGroupRules(sg.id)!;
  }

  private deleteSecurityGroup(doc: Doc, auth: AuthContext): void {
    if (doc.name === 'default' && !auth.isAdmin) throw conflict('SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.');
    if (this.resources.list('port').some((p) => (p.doc.security_groups as string[]).includes(doc.id))) {
      throw conflict('SecurityGroupInUse', `Security Group ${doc.id} in use.`);
    }
    for (const r of this.resources.list('security_group_rule')) if (r.doc.security_group_id === doc.id) this.resources.delete('security_group_rule', r.doc.id);
    this.resources.delete('security_group', doc.id);
  }

  private insertRule(attrs: Attrs): Doc {
    const rule = this.base('security_group_rule', attrs, 0);
    delete rule.tags; // rules carry no tags of their own (their group's list shows [])
    rule.normalized_cidr = attrs.remote_ip_prefix === null || attrs.remote_ip_prefix === undefined ? null : parseCidr(attrs.remote_ip_prefix)!.text;
    this.resources.insert('security_group_rule', rule);
    return rule;
  }

  /** The group's embedded rule list, rewritten after a rule change (and its revision bumped). */
  private refreshGroupRules(groupId: string): Doc | undefined {
    const sg = this.resources.get('security_group', groupId)?.doc;
    if (!sg) return undefined;
    // as the group embeds them: with the standard attribute id and (empty) tags
    sg.security_group_rules = this.resources.list('security_group_rule').filter((r) => r.doc.security_group_id === groupId)
      .map((r) => ({ ...r.doc, standard_attr_id: r.seq, tags: [] }));
    this.resources.update('security_group', sg);
    return sg;
  }

  private createSecurityGroupRule(attrs: Attrs, auth: AuthContext): Doc {
    const sgId = attrs.security_group_id as string;
    const sg = this.resources.get('security_group', sgId)?.doc;
    if (!sg || (!auth.isAdmin && sg.project_id !== auth.projectId)) throw notFound('security_group', sgId);
    const ethertypeRaw = attrs.ethertype;
    const ethertype = typeof ethertypeRaw === 'string' ? ({ ipv4: 'IPv4', ipv6: 'IPv6' } as Record<string, string>)[ethertypeRaw.toLowerCase()] : undefined;
    if (!ethertype) throw badRequest(`Invalid input for ethertype. Reason: Ethertype ${pyS(ethertypeRaw)} is not a valid ethertype, must be one of IPv4,IPv6.`);
    let protocol = attrs.protocol as string | number | null;
    if (protocol !== null) {
      const p = String(protocol);
      if (/^\d+$/.test(p)) {
        if (Number(p) > 255) throw new NeutronError(400, 'SecurityGroupRuleInvalidProtocol', `Security group rule protocol ${p} not supported. Only protocol values [None, ${KNOWN_PROTOCOLS.map((x) => `'${x}'`).join(', ')}] and integer representations [0 to 255] are supported.`);
        protocol = p;
      } else if (!KNOWN_PROTOCOLS.includes(p) && p !== 'any') {
        throw new NeutronError(400, 'SecurityGroupRuleInvalidProtocol', `Security group rule protocol ${p} not supported. Only protocol values [None, ${KNOWN_PROTOCOLS.map((x) => `'${x}'`).join(', ')}] and integer representations [0 to 255] are supported.`);
      }
      if (p === 'any') protocol = null;
    }
    // the attribute's convert_to (convert_validate_port_value): int(v) within 0..65535 for every
    // protocol, before the protocol's own checks
    const toPort = (name: string): number | null => {
      const v = attrs[name];
      if (v === null || v === undefined) return null;
      let n: number | null = null;
      if (typeof v === 'boolean') n = v ? 1 : 0;
      else if (typeof v === 'number' && Number.isFinite(v)) n = Math.trunc(v);
      else if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) n = Number(v.trim());
      if (n === null || n < 0 || n > 65535) throw badRequest(`Invalid value for port ${pyS(v)}`);
      return n;
    };
    const min = toPort('port_range_min'); const max = toPort('port_range_max');
    if ((min !== null || max !== null) && protocol === null) throw new NeutronError(400, 'SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.');
    if (['tcp', 'udp', 'sctp', 'dccp', 'udplite', '6', '17', '132', '33', '136'].includes(String(protocol))) {
      // securitygroups_db._validate_port_range: port 0 refused, and both ends needed once one is given
      if (min !== null || max !== null) {
        if (min === 0 || max === 0) throw new NeutronError(400, 'SecurityGroupInvalidPortValue', 'Invalid value for port 0');
        if (min === null || max === null || min > max) throw new NeutronError(400, 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
      }
    } else if (['icmp', 'ipv6-icmp', 'icmpv6', '1', '58'].includes(String(protocol))) {
      for (const [field, attr, v] of [['type', 'port_range_min', min], ['code', 'port_range_max', max]] as const) {
        if (v !== null && (v < 0 || v > 255)) throw new NeutronError(400, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP ${field} (${attr}) ${v}. It must be 0 to 255.`);
      }
      if (min === null && max !== null) throw new NeutronError(400, 'SecurityGroupMissingIcmpType', `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`);
    } else if (min !== null || max !== null) {
      throw new NeutronError(400, 'SecurityGroupInvalidProtocolForPort', `Ports cannot be specified for protocol ${pyS(protocol)}. Ports are only supported for ['tcp', 'udp', 'dccp', 'sctp', 'udplite', '6', '17', '33', '132', '136'].`);
    }
    const remoteIp = attrs.remote_ip_prefix as string | null;
    const remoteGroup = attrs.remote_group_id as string | null;
    if ([remoteIp, remoteGroup, attrs.remote_address_group_id].filter((x) => x !== null && x !== undefined).length > 1) {
      throw new NeutronError(400, 'SecurityGroupMultipleRemoteEntites', 'Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.');
    }
    let prefix: string | null = null;
    if (remoteIp !== null) {
      const c = parseCidr(remoteIp);
      if (!c) throw badRequest(`Invalid input for remote_ip_prefix. Reason: '${pyS(remoteIp)}' is not a valid IP prefix.`);
      if ((c.version === 4 ? 'IPv4' : 'IPv6') !== ethertype) throw new NeutronError(400, 'SecurityGroupRuleParameterConflict', `Conflicting value ethertype ${ethertype} for CIDR ${remoteIp}`);
      prefix = remoteIp.includes('/') ? remoteIp : c.text;
    }
    if (remoteGroup !== null && remoteGroup !== undefined) {
      // no validator on remote_group_id: any string that names no group is SecurityGroupNotFound
      if (!this.resources.get('security_group', remoteGroup)) throw notFound('security_group', remoteGroup);
    }
    const candidate = {
      project_id: sg.project_id, security_group_id: sgId, ethertype, direction: attrs.direction, protocol: protocol === null ? null : String(protocol),
      port_range_min: min, port_range_max: max, remote_ip_prefix: prefix, remote_group_id: remoteGroup ?? null,
      remote_address_group_id: attrs.remote_address_group_id ?? null, description: attrs.description,
    };
    const same = (r: Doc) => r.security_group_id === sgId && r.ethertype === ethertype && r.direction === candidate.direction
      && r.protocol === candidate.protocol && r.port_range_min === min && r.port_range_max === max
      && (r.normalized_cidr ?? null) === (prefix === null ? null : parseCidr(prefix)!.text) && r.remote_group_id === candidate.remote_group_id
      && r.remote_address_group_id === candidate.remote_address_group_id;
    const dup = this.resources.list('security_group_rule').map((r) => r.doc).find(same);
    if (dup) throw conflict('SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${dup.id}.`);
    const rule = this.insertRule(candidate);
    const group = this.refreshGroupRules(sgId)!;
    this.save('security_group', group);
    return rule;
  }

  // ---------------------------------------------------------------- routers and floating IPs

  private externalNetwork(id: string): Doc {
    const net = this.resources.get('network', id)?.doc;
    if (!net) throw notFound('network', id);
    if (net['router:external'] !== true) throw new NeutronError(400, 'BadRequest', `Bad router request: Network ${id} is not an external network.`);
    return net;
  }

  private servicePort(owner: string, deviceId: string, net: Doc, project: string, fixedIps?: { subnet_id?: string; ip_address?: string }[]): Doc {
    const port = this.base('port', { project_id: project, name: '', description: '', network_id: net.id }, 1);
    Object.assign(port, {
      network_id: net.id, mac_address: this.macFor(net.id), admin_state_up: true, status: 'DOWN', device_id: deviceId, device_owner: owner,
      fixed_ips: [], port_security_enabled: false, security_groups: [], allowed_address_pairs: [], extra_dhcp_opts: [],
      'binding:vnic_type': 'normal', 'binding:profile': {}, 'binding:host_id': '', 'binding:vif_type': 'unbound', 'binding:vif_details': {},
    });
    this.resources.insert('port', port);
    port.fixed_ips = this.allocateFixedIps(port, fixedIps);
    this.resources.update('port', port);
    return port;
  }

  private deleteServicePort(deviceId: string, owner: string): void {
    for (const p of this.resources.portsOfDevice(deviceId)) if (p.doc.device_owner === owner) this.dropPort(p.doc);
  }

  private setGateway(router: Doc, given: Record<string, unknown> | null): void {
    // neutron's dict_or_nodata: an empty dict is no data, so `external_gateway_info: {}` clears
    // the gateway as null does (l3_db._update_router_gw_info: info.get(...) if info else None)
    const info = given && Object.keys(given).length > 0 ? given : null;
    const current = router.external_gateway_info as { network_id: string } | null;
    if (current && (!info || info.network_id !== current.network_id)) {
      const inUse = this.resources.list('floatingip').some((f) => f.doc.router_id === router.id);
      if (inUse && !info) throw conflict('RouterExternalGatewayInUseByFloatingIp', `Gateway cannot be updated for router ${router.id}, since a gateway to external network ${current.network_id} is required by one or more floating IPs.`);
      this.deleteServicePort(router.id, 'network:router_gateway');
      router.external_gateway_info = null;
    }
    if (!info) return;
    if (typeof info.network_id !== 'string') throw badRequest('Invalid input for external_gateway_info. Reason: Validation of dictionary\'s keys failed. Expected keys: {\'network_id\'} Provided keys: set().');
    const net = this.externalNetwork(info.network_id);
    const snat = info.enable_snat === undefined ? true : info.enable_snat;
    if (current && info.network_id === current.network_id) {
      (router.external_gateway_info as Record<string, unknown>).enable_snat = snat;
      return;
    }
    const port = this.servicePort('network:router_gateway', router.id, net, '', info.external_fixed_ips as { subnet_id?: string; ip_address?: string }[] | undefined);
    router.external_gateway_info = { network_id: net.id, external_fixed_ips: port.fixed_ips, enable_snat: snat };
  }

  private createRouter(attrs: Attrs, auth: AuthContext): Doc {
    const router = this.base('router', attrs, 1);
    Object.assign(router, { status: 'ACTIVE', external_gateway_info: null, availability_zones: [], routes: [], distributed: false, ha: false, flavor_id: null });
    this.resources.insert('router', router);
    if (attrs.external_gateway_info) {
      if (!auth.isAdmin && (attrs.external_gateway_info as Record<string, unknown>).external_fixed_ips !== undefined) {
        throw policyNotAuthorized('(rule:create_router and rule:create_router:external_gateway_info and rule:create_router:external_gateway_info:external_fixed_ips) is disallowed by policy');
      }
      this.setGateway(router, attrs.external_gateway_info as Record<string, unknown>);
      router.revision_number = 3;
    }
    this.resources.update('router', router);
    return router;
  }

  private updateRouter(router: Doc, attrs: Attrs, auth: AuthContext): Doc {
    if ('external_gateway_info' in attrs) this.setGateway(router, (attrs.external_gateway_info ?? null) as Record<string, unknown> | null);
    if (attrs.routes !== undefined) {
      const subnets = this.routerInterfaces(router.id).flatMap((p) => (p.fixed_ips as FixedIp[]).map((f) => this.resources.get('subnet', f.subnet_id)?.doc)).filter(Boolean) as Doc[];
      for (const r of attrs.routes as { destination: string; nexthop: string }[]) {
        if (!subnets.some((s) => cidrContains(parseCidr(s.cidr)!, r.nexthop))) {
          throw new NeutronError(400, 'InvalidRoutes', `Invalid format for routes: ${pyS(attrs.routes)}, the nexthop is not connected with router`);
        }
      }
    }
    void auth;
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined && k !== 'external_gateway_info') router[k] = v;
    return this.save('router', router);
  }

  private routerInterfaces(routerId: string): Doc[] {
    return this.resources.portsOfDevice(routerId).map((p) => p.doc).filter((p) => p.device_owner === 'network:router_interface');
  }

  private deleteRouter(router: Doc): void {
    const ifaces = this.routerInterfaces(router.id);
    if (ifaces.length) throw conflict('RouterInUse', `Router ${router.id} has ports still attached: ${ifaces.map((p) => p.id).join(', ')}`);
    if (this.resources.list('floatingip').some((f) => f.doc.router_id === router.id)) throw conflict('RouterInUse', `Router ${router.id} still has ports`);
    this.deleteServicePort(router.id, 'network:router_gateway');
    this.resources.delete('router', router.id);
  }

  addRouterInterface(routerId: string, body: unknown, auth: AuthContext): Record<string, unknown> {
    return this.transaction(() => {
      const router = this.writable('router', routerId, auth);
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (b.port_id !== undefined && b.subnet_id !== undefined) throw new NeutronError(400, 'BadRequest', 'Bad router request: Cannot specify both subnet-id and port-id.');
      if (b.port_id === undefined && b.subnet_id === undefined) throw new NeutronError(400, 'BadRequest', 'Bad router request: Either subnet_id or port_id must be specified.');
      let port: Doc;
      if (b.port_id !== undefined) {
        port = this.owned('port', b.port_id as string, auth);
        if (port.device_id !== '' || port.device_owner !== '') throw conflict('PortInUse', `Unable to complete operation on port ${port.id} for network ${port.network_id as string}. Port already has an attached device ${port.device_id as string}.`);
        if (!(port.fixed_ips as FixedIp[]).length) throw new NeutronError(400, 'BadRequest', `Bad router request: Router port must have at least one fixed IP.`);
        Object.assign(port, { device_id: router.id, device_owner: 'network:router_interface' });
        this.save('port', port);
      } else {
        const subnet = this.owned('subnet', b.subnet_id as string, auth);
        if (subnet.gateway_ip === null) throw new NeutronError(400, 'BadRequest', `Bad router request: Subnet for router interface must have a gateway IP.`);
        for (const p of this.routerInterfaces(router.id)) {
          if ((p.fixed_ips as FixedIp[]).some((f) => f.subnet_id === subnet.id)) {
            throw new NeutronError(400, 'BadRequest', `Bad router request: Router already has a port on subnet ${subnet.id}.`);
          }
          for (const f of p.fixed_ips as FixedIp[]) {
            const other = this.resources.get('subnet', f.subnet_id)?.doc;
            if (other && cidrsOverlap(parseCidr(other.cidr)!, parseCidr(subnet.cidr)!)) {
              throw new NeutronError(400, 'BadRequest', `Bad router request: Cidr ${subnet.cidr as string} of subnet ${subnet.id} overlaps with cidr ${other.cidr as string} of subnet ${other.id}.`);
            }
          }
        }
        const net = this.resources.get('network', subnet.network_id as string)!.doc;
        port = this.servicePort('network:router_interface', router.id, net, router.project_id, [{ subnet_id: subnet.id, ip_address: subnet.gateway_ip as string }]);
      }
      this.save('router', router);
      const subnetIds = (port.fixed_ips as FixedIp[]).map((f) => f.subnet_id);
      return { id: router.id, tenant_id: router.project_id, port_id: port.id, network_id: port.network_id, subnet_id: subnetIds[0], subnet_ids: subnetIds };
    });
  }

  removeRouterInterface(routerId: string, body: unknown, auth: AuthContext): Record<string, unknown> {
    return this.transaction(() => {
      const router = this.writable('router', routerId, auth);
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (b.port_id === undefined && b.subnet_id === undefined) throw new NeutronError(400, 'BadRequest', 'Bad router request: Either subnet_id or port_id must be specified.');
      const ifaces = this.routerInterfaces(router.id);
      let port: Doc | undefined;
      if (b.port_id !== undefined) {
        port = ifaces.find((p) => p.id === b.port_id);
        if (!port) throw new NeutronError(404, 'RouterInterfaceNotFound', `Router ${router.id} does not have an interface with id ${b.port_id as string}`);
      } else {
        port = ifaces.find((p) => (p.fixed_ips as FixedIp[]).some((f) => f.subnet_id === b.subnet_id));
        if (!port) throw new NeutronError(404, 'RouterInterfaceNotFoundForSubnet', `Router ${router.id} has no interface on subnet ${b.subnet_id as string}`);
      }
      const subnetIds = (port.fixed_ips as FixedIp[]).map((f) => f.subnet_id);
      const fipUsers = this.resources.list('floatingip').map((r) => r.doc).filter((f) => f.router_id === router.id && f.port_id !== null);
      for (const f of fipUsers) {
        const fp = this.resources.get('port', f.port_id as string)?.doc;
        if (fp && (fp.fixed_ips as FixedIp[]).some((x) => subnetIds.includes(x.subnet_id))) {
          throw conflict('RouterInterfaceInUseByFloatingIP', `Router interface for subnet ${subnetIds[0]!} on router ${router.id} cannot be deleted, as it is required by one or more floating IPs.`);
        }
      }
      this.dropPort(port);
      this.save('router', router);
      return { id: router.id, tenant_id: router.project_id, port_id: port.id, network_id: port.network_id, subnet_id: subnetIds[0], subnet_ids: subnetIds };
    });
  }

  private portDetails(port: Doc): Record<string, unknown> {
    return {
      name: port.name, network_id: port.network_id, mac_address: port.mac_address, admin_state_up: port.admin_state_up,
      status: port.status, device_id: port.device_id, device_owner: port.device_owner,
    };
  }

  /** The router that reaches the port's subnet and has a gateway on the floating network. */
  private routerFor(fipNetworkId: string, port: Doc, fixedIp: string): string {
    const subnet = (port.fixed_ips as FixedIp[]).find((f) => f.ip_address === fixedIp)!.subnet_id;
    for (const r of this.resources.list('router').map((x) => x.doc)) {
      const gw = r.external_gateway_info as { network_id: string } | null;
      if (gw?.network_id !== fipNetworkId) continue;
      if (this.routerInterfaces(r.id).some((p) => (p.fixed_ips as FixedIp[]).some((f) => f.subnet_id === subnet))) return r.id;
    }
    throw new NeutronError(404, 'ExternalGatewayForFloatingIPNotFound', `External network ${fipNetworkId} is not reachable from subnet ${subnet}.  Therefore, cannot associate Port ${port.id} with a Floating IP.`);
  }

  private associate(fip: Doc, portId: string, fixed: string | null, auth: AuthContext): void {
    const port = this.resources.get('port', portId)?.doc;
    if (!port || (!auth.isAdmin && port.project_id !== auth.projectId)) throw notFound('port', portId);
    const v4 = (port.fixed_ips as FixedIp[]).filter((f) => ipVersion(f.ip_address) === 4);
    let address: string;
    if (fixed !== null) {
      if (!(port.fixed_ips as FixedIp[]).some((f) => f.ip_address === fixed)) {
        throw new NeutronError(400, 'BadRequest', `Bad floatingip request: Port ${portId} does not have fixed ip ${fixed}.`);
      }
      address = fixed;
    } else {
      if (!v4.length) throw new NeutronError(400, 'BadRequest', `Bad floatingip request: Port ${portId} does not have any IPv4 address.`);
      if (v4.length > 1) throw new NeutronError(400, 'BadRequest', `Bad floatingip request: Port ${portId} has multiple fixed IPv4 addresses.  Must provide a specific IPv4 address when assigning a floating IP.`);
      address = v4[0]!.ip_address;
    }
    const clash = this.resources.list('floatingip').map((r) => r.doc).find((f) => f.id !== fip.id && f.port_id === portId && f.fixed_ip_address === address);
    if (clash) {
      throw conflict('FloatingIPPortAlreadyAssociated', `Cannot associate floating IP ${fip.floating_ip_address as string} (${fip.id}) with port ${portId} using fixed IP ${address}, as that fixed IP already has a floating IP on external network ${fip.floating_network_id as string}.`);
    }
    fip.router_id = this.routerFor(fip.floating_network_id as string, port, address);
    fip.port_id = portId;
    fip.fixed_ip_address = address;
    fip.port_details = this.portDetails(port);
    fip.status = 'ACTIVE';
  }

  private disassociate(fip: Doc): void {
    Object.assign(fip, { port_id: null, fixed_ip_address: null, router_id: null, port_details: null, status: 'DOWN' });
    this.save('floatingip', fip);
  }

  private createFloatingIp(attrs: Attrs, auth: AuthContext): Doc {
    const net = this.resources.get('network', attrs.floating_network_id as string)?.doc;
    if (!net) throw notFound('network', attrs.floating_network_id as string);
    if (net['router:external'] !== true) throw new NeutronError(400, 'BadRequest', `Bad floatingip request: Network ${net.id} is not a valid external network.`);
    if (!auth.isAdmin && attrs.floating_ip_address !== null && attrs.floating_ip_address !== undefined) {
      throw policyNotAuthorized('(rule:create_floatingip and rule:create_floatingip:floating_ip_address) is disallowed by policy');
    }
    const fip = this.base('floatingip', attrs, 0);
    const request: { subnet_id?: string; ip_address?: string }[] | undefined = attrs.floating_ip_address
      ? [{ ip_address: attrs.floating_ip_address as string, ...(attrs.subnet_id ? { subnet_id: attrs.subnet_id as string } : {}) }]
      : attrs.subnet_id ? [{ subnet_id: attrs.subnet_id as string }] : undefined;
    const v4 = this.subnetsOf(net.id).filter((s) => s.ip_version === 4);
    if (!v4.length) throw new NeutronError(400, 'BadRequest', `Bad floatingip request: Network ${net.id} does not contain any IPv4 subnet.`);
    const port = this.servicePort('network:floatingip', fip.id, net, '', request ?? [{ subnet_id: v4.find((s) => this.nextFree(s) !== null)?.id ?? v4[0]!.id }]);
    Object.assign(fip, {
      floating_ip_address: (port.fixed_ips as FixedIp[])[0]!.ip_address, floating_network_id: net.id, router_id: null, port_id: null,
      fixed_ip_address: null, status: 'DOWN', port_details: null,
    });
    delete fip.subnet_id;
    if (attrs.port_id) this.associate(fip, attrs.port_id as string, (attrs.fixed_ip_address as string | null) ?? null, auth);
    this.resources.insert('floatingip', fip);
    return fip;
  }

  private updateFloatingIp(fip: Doc, attrs: Attrs, auth: AuthContext): Doc {
    if ('port_id' in attrs) {
      if (attrs.port_id === null) {
        Object.assign(fip, { port_id: null, fixed_ip_address: null, router_id: null, port_details: null, status: 'DOWN' });
      } else {
        this.associate(fip, attrs.port_id as string, (attrs.fixed_ip_address as string | null | undefined) ?? null, auth);
      }
    }
    if (attrs.description !== undefined) fip.description = attrs.description;
    return this.save('floatingip', fip);
  }

  // ---------------------------------------------------------------- quotas

  quotaOf(projectId: string): Record<string, number> {
    return { ...QUOTA_DEFAULTS, ...this.quotas.limitsOf(projectId) };
  }

  quotaDetails(projectId: string): Record<string, { limit: number; used: number; reserved: number }> {
    const out: Record<string, { limit: number; used: number; reserved: number }> = {};
    for (const [res, limit] of Object.entries(this.quotaOf(projectId))) {
      const kind = Object.keys(QUOTA_KIND).find((k) => QUOTA_KIND[k] === res);
      const used = kind ? this.resources.list(kind).filter((r) => r.doc.project_id === projectId).length : 0;
      out[res] = { limit, used, reserved: 0 };
    }
    return out;
  }

  setQuota(projectId: string, body: unknown): Record<string, number> {
    const q = (typeof body === 'object' && body !== null ? (body as Record<string, unknown>).quota : undefined);
    if (typeof q !== 'object' || q === null || Array.isArray(q)) throw badRequest("Unable to find 'quota' in request body");
    const unknown = Object.keys(q).filter((k) => !(k in QUOTA_DEFAULTS) && k !== 'force' && k !== 'check_limit');
    if (unknown.length) throw badRequest(`Unrecognized attribute(s) '${unknown.join(', ')}'`);
    const values: [string, number][] = [];
    for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
      if (k === 'force' || k === 'check_limit') continue;
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n)) throw invalidInput(`'${pyS(v)}' is not an integer`);
      if (n < -1) throw invalidInput(`'${n}' is too small - must be at least '-1'`);
      values.push([k, n]);
    }
    this.transaction(() => { for (const [k, n] of values) this.quotas.set(projectId, k, n); });
    return this.quotaOf(projectId);
  }

  resetQuota(projectId: string): void {
    this.quotas.clear(projectId);
  }

  // ---------------------------------------------------------------- get-me-a-network

  /**
   * auto-allocated-topology: the project's auto-allocated network, made on first call from the
   * default external network (is_default) as neutron's auto_allocate plugin does.
   */
  autoAllocatedTopology(projectId: string, auth: AuthContext, dryRun: boolean): { id: string | null; project_id: string; tenant_id: string } {
    const existing = this.resources.list('network').map((r) => r.doc).find((n) => n.project_id === projectId && n.name === 'auto_allocated_network');
    if (existing && !dryRun) return { id: existing.id, project_id: projectId, tenant_id: projectId };
    const external = this.resources.list('network').map((r) => r.doc).find((n) => n['router:external'] === true && n.is_default === true);
    if (!external) {
      throw conflict('AutoAllocationFailure', 'Deployment error: No default router:external network.');
    }
    if (dryRun) return { id: 'dry-run=pass', project_id: projectId, tenant_id: projectId };
    return this.transaction(() => {
      const owner: AuthContext = { ...auth, projectId, isAdmin: true };
      const net = this.createNetwork({ project_id: projectId, tenant_id: projectId, name: 'auto_allocated_network', admin_state_up: true, shared: false, 'router:external': false, description: '', port_security_enabled: true, availability_zone_hints: [], is_default: false }, owner);
      const taken = this.subnetsOf(net.id);
      void taken;
      const subnet = this.createSubnet({
        project_id: projectId, tenant_id: projectId, name: 'auto_allocated_subnet_v4', network_id: net.id, ip_version: 4, cidr: '10.128.0.0/28',
        enable_dhcp: true, dns_nameservers: [], host_routes: [], description: '', service_types: [], subnetpool_id: null, ipv6_ra_mode: null, ipv6_address_mode: null,
      }, owner);
      const router = this.createRouter({ project_id: projectId, tenant_id: projectId, name: 'auto_allocated_router', admin_state_up: true, description: '', external_gateway_info: { network_id: external.id }, availability_zone_hints: [] }, owner);
      this.addRouterInterfaceInTx(router.id, subnet.id, owner);
      return { id: net.id, project_id: projectId, tenant_id: projectId };
    });
  }

  private addRouterInterfaceInTx(routerId: string, subnetId: string, auth: AuthContext): void {
    this.addRouterInterface(routerId, { subnet_id: subnetId }, auth);
  }

  deleteAutoAllocatedTopology(projectId: string, auth: AuthContext): void {
    this.transaction(() => {
      const owner: AuthContext = { ...auth, projectId, isAdmin: true };
      const net = this.resources.list('network').map((r) => r.doc).find((n) => n.project_id === projectId && n.name === 'auto_allocated_network');
      if (!net) throw new NeutronError(404, 'HTTPNotFound', 'The resource could not be found.');
      const router = this.resources.list('router').map((r) => r.doc).find((r) => r.project_id === projectId && r.name === 'auto_allocated_router');
      if (router) {
        for (const p of this.routerInterfaces(router.id)) this.dropPort(p);
        this.deleteRouter(router);
      }
      this.deleteNetwork(net);
      void owner;
    });
  }

  // ---------------------------------------------------------------- control plane

  reset(): void {
    this.transaction(() => {
      this.runtime.db.prepare('DELETE FROM neutron_ip_allocations').run();
      this.resources.deleteAll();
      this.runtime.db.prepare('DELETE FROM neutron_quotas').run();
    });
  }

  /** Whether nothing was ever made (a fresh database: the seed's turn). */
  isEmpty(): boolean {
    return this.resources.list('network').length === 0 && this.resources.list('security_group').length === 0;
  }

  /** Ports whose device_id names none of the given devices (compute: servers) but claim a compute owner. */
  computePorts(): Doc[] {
    return this.resources.list('port').map((r) => r.doc).filter((p) => String(p.device_owner).startsWith('compute:'));
  }
}

export { RESOURCES, type ResourceKind };
