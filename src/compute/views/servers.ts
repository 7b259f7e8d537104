// Server views (nova/api/openstack/compute/views/servers.py) per microversion and caller.
import type { Microversion } from '../../http/microversion.js';
import { jsonString } from '../../http/json-string.js';
import type { FaultRecord, FlavorRecord, InstanceRecord } from '../../compute-db/records.js';
import { statusOf } from '../server-states.js';
import type { Links } from './links.js';
import { hostId, isoTime, strTimeOrNull } from './time-format.js';
import type { Vif } from '../../networking-client/network-api.js';

const FAULT_STATUSES = new Set(['ERROR', 'DELETED']);
const PROGRESS_STATUSES = new Set(['ACTIVE', 'BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING']);

export interface ServerViewInput {
  readonly instance: InstanceRecord;
  /** The latest fault, when any. */
  readonly fault: FaultRecord | null;
  /** 2.16 host_status for admins; undefined = do not show. */
  readonly hostStatus?: string;
  /** 2.71 server_groups (show/update only). */
  readonly serverGroups?: readonly string[];
  /** The zone of the instance's host (its host aggregates'); default 'nova'. */
  readonly hostAvailabilityZone?: string;
  /** The network info cache (instance_info_caches): the addresses. */
  readonly networkInfo?: readonly Vif[];
  /** get_instances_security_groups_bindings: the groups of its ports the caller sees, per port. */
  readonly securityGroups?: readonly { readonly name: string }[];
  /** os-extended-volumes: the volumes of its block device mappings, in mapping order. */
  readonly volumesAttached?: readonly { readonly id: string; readonly deleteOnTermination: boolean }[];
}

export interface ViewCaller {
  readonly isAdmin: boolean;
}

/** CONF.default_availability_zone: the zone of a host in no zoned host aggregate. */
export const DEFAULT_AZ = 'nova';

/**
 * availability_zones.get_instance_availability_zone: the AZ of the host once there is one,
 * else the AZ the boot request asked for; '' when none.
 */
export function instanceAvailabilityZone(i: InstanceRecord, hostZone: string = DEFAULT_AZ): string {
  return i.host ? hostZone : (i.availabilityZone ?? '');
}

export function serverStatus(i: InstanceRecord): string {
  return i.deleted ? 'DELETED' : statusOf(i.vmState, i.taskState);
}

/** GET /servers item and the create response's core. */
export function serverBasic(i: InstanceRecord, links: Links) {
  return { id: i.uuid, name: i.displayName, links: links.pair('servers', i.uuid) };
}

function flavorView(f: FlavorRecord, v: Microversion, links: Links, showExtraSpecs: boolean) {
  if (v.atLeast('2.47')) {
    const out: Record<string, unknown> = {
      vcpus: f.vcpus, ram: f.memoryMb, disk: f.rootGb, ephemeral: f.ephemeralGb, swap: f.swap, original_name: f.name,
    };
    if (showExtraSpecs) out.extra_specs = { ...f.extraSpecs };
    return out;
  }
  return { id: f.flavorid, links: [{ rel: 'bookmark', href: links.bookmark('flavors', f.flavorid) }] };
}

function faultView(f: FaultRecord, caller: ViewCaller) {
  const out: Record<string, unknown> = { code: f.code, created: isoTime(f.createdAt), message: f.message };
  // details only when set, and for non-admins only when the code is not 500 (a traceback)
  if (f.details && (caller.isAdmin || f.code !== 500)) out.details = f.details;
  return out;
}

/** GET /servers/{id} and GET /servers/detail items. */
export function serverDetail(input: ServerViewInput, v: Microversion, links: Links, caller: ViewCaller): Record<string, unknown> {
  const i = input.instance;
  const status = serverStatus(i);
  const s: Record<string, unknown> = {
    id: i.uuid,
    name: i.displayName,
    status,
    tenant_id: i.projectId || '',
    user_id: i.userId || '',
    // instance_metadata rows are deleted with the instance
    metadata: i.deleted ? {} : { ...i.metadata },
    hostId: hostId(i.host, i.projectId),
    image: i.imageRef ? { id: i.imageRef, links: [{ rel: 'bookmark', href: links.imageBookmark(i.imageRef) }] } : '',
    flavor: flavorView(i.flavor, v, links, true),
    created: isoTime(i.createdAt),
    updated: isoTime(i.updatedAt ?? i.createdAt),
    addresses: addressesView(i, input.networkInfo ?? []),
    accessIPv4: i.accessIpV4 ?? '',
    accessIPv6: i.accessIpV6 ?? '',
    links: links.pair('servers', i.uuid),
    'OS-DCF:diskConfig': i.autoDiskConfig ? 'AUTO' : 'MANUAL',
  };
  if (FAULT_STATUSES.has(status) && input.fault) s.fault = faultView(input.fault, caller);
  if (PROGRESS_STATUSES.has(status)) s.progress = i.progress ?? 0;
  s['OS-EXT-AZ:availability_zone'] = instanceAvailabilityZone(i, input.hostAvailabilityZone);
  s.config_drive = i.configDrive;
  s.key_name = i.keyName;
  s['OS-SRV-USG:launched_at'] = strTimeOrNull(i.launchedAt);
  s['OS-SRV-USG:terminated_at'] = strTimeOrNull(i.terminatedAt);
  if (caller.isAdmin) {
    s['OS-EXT-SRV-ATTR:host'] = i.host;
    s['OS-EXT-SRV-ATTR:instance_name'] = instanceName(i);
    s['OS-EXT-SRV-ATTR:hypervisor_hostname'] = i.node;
    if (v.atLeast('2.3')) {
      s['OS-EXT-SRV-ATTR:reservation_id'] = i.reservationId;
      s['OS-EXT-SRV-ATTR:launch_index'] = i.launchIndex;
      s['OS-EXT-SRV-ATTR:hostname'] = i.hostname;
      s['OS-EXT-SRV-ATTR:kernel_id'] = i.kernelId;
      s['OS-EXT-SRV-ATTR:ramdisk_id'] = i.ramdiskId;
      s['OS-EXT-SRV-ATTR:root_device_name'] = i.rootDeviceName;
      s['OS-EXT-SRV-ATTR:user_data'] = i.userData;
    }
  }
  s['OS-EXT-STS:task_state'] = i.taskState;
  s['OS-EXT-STS:vm_state'] = i.vmState;
  s['OS-EXT-STS:power_state'] = i.powerState;
  s['os-extended-volumes:volumes_attached'] = (input.volumesAttached ?? [])
    .map((a) => (v.atLeast('2.3') ? { id: a.id, delete_on_termination: a.deleteOnTermination } : { id: a.id }));
  if (v.atLeast('2.16') && input.hostStatus !== undefined) s.host_status = input.hostStatus;
  if (v.atLeast('2.9')) s.locked = i.locked;
  if (v.atLeast('2.73')) s.locked_reason = i.lockedReason;
  if (v.atLeast('2.19')) s.description = i.displayDescription;
  if (v.atLeast('2.26')) s.tags = [...i.tags];
  if (v.atLeast('2.63')) s.trusted_image_certificates = i.trustedCerts ? [...i.trustedCerts] : null;
  if (v.atLeast('2.90') && !caller.isAdmin) s['OS-EXT-SRV-ATTR:hostname'] = i.hostname;
  if (v.atLeast('2.71') && input.serverGroups !== undefined) s.server_groups = [...input.serverGroups];
  // _add_security_grps: each port's groups in port order, not merged (a group on two ports is
  // listed twice, as nova lists it); none: no key
  if (input.securityGroups?.length) s.security_groups = input.securityGroups.map((g) => ({ name: g.name }));
  return s;
}

/** Per page of detail views: the JSON of each flavor record's view (a page's records share a flavor object per distinct flavor). */
export interface DetailJsonMemo {
  readonly flavors: Map<FlavorRecord, string>;
}

export function detailJsonMemo(): DetailJsonMemo {
  return { flavors: new Map() };
}

/** JSON.stringify of a string. */
const str = jsonString;

/** JSON.stringify of a string or null. */
function strOrNull(s: string | null): string {
  return s === null ? 'null' : jsonString(s);
}

/** JSON.stringify of a number (integers here; NaN and infinities as null, as it writes them). */
function num(n: number): string {
  return Number.isFinite(n) ? `${n}` : 'null';
}

/**
 * JSON.stringify(serverDetail(input, v, links, caller)): the same keys in the same order with the
 * same values (test/unit/compute/server-detail-json.test.ts compares the two over the view's
 * branches, microversions and awkward strings), written as text. GET /servers/detail writes a
 * page of 1,000 this way: no view objects (~45 keys each, with their links and flavor objects)
 * built only to be serialised, and a flavor's view serialised once per page (memo); the nested
 * values (metadata, addresses, fault, volumes, tags) still go through the same view functions and
 * JSON.stringify. A record's fields are never undefined (InstanceRecord), so no key is left out
 * the way JSON.stringify leaves out an undefined value.
 */
export function serverDetailJson(input: ServerViewInput, v: Microversion, links: Links, caller: ViewCaller, memo: DetailJsonMemo = detailJsonMemo()): string {
  const i = input.instance;
  const status = serverStatus(i);
  let flavor = memo.flavors.get(i.flavor);
  if (flavor === undefined) { flavor = JSON.stringify(flavorView(i.flavor, v, links, true)); memo.flavors.set(i.flavor, flavor); }
  const vifs = input.networkInfo ?? [];
  const image = i.imageRef ? `{"id":${str(i.imageRef)},"links":[{"rel":"bookmark","href":${str(links.imageBookmark(i.imageRef))}}]}` : '""';
  let s = `{"id":${str(i.uuid)},"name":${str(i.displayName)},"status":${str(status)},"tenant_id":${str(i.projectId || '')},"user_id":${str(i.userId || '')},"metadata":${i.deleted ? '{}' : JSON.stringify(i.metadata)},"hostId":${str(hostId(i.host, i.projectId))},"image":${image},"flavor":${flavor},"created":${str(isoTime(i.createdAt))},"updated":${str(isoTime(i.updatedAt ?? i.createdAt))},"addresses":${vifs.length ? JSON.stringify(addressesView(i, vifs)) : '{}'},"accessIPv4":${str(i.accessIpV4 ?? '')},"accessIPv6":${str(i.accessIpV6 ?? '')},"links":[{"rel":"self","href":${str(links.self('servers', i.uuid))}},{"rel":"bookmark","href":${str(links.bookmark('servers', i.uuid))}}],"OS-DCF:diskConfig":"${i.autoDiskConfig ? 'AUTO' : 'MANUAL'}"`;
  if (FAULT_STATUSES.has(status) && input.fault) s += `,"fault":${JSON.stringify(faultView(input.fault, caller))}`;
  if (PROGRESS_STATUSES.has(status)) s += `,"progress":${num(i.progress ?? 0)}`;
  s += `,"OS-EXT-AZ:availability_zone":${str(instanceAvailabilityZone(i, input.hostAvailabilityZone))},"config_drive":${str(i.configDrive)},"key_name":${strOrNull(i.keyName)},"OS-SRV-USG:launched_at":${strOrNull(strTimeOrNull(i.launchedAt))},"OS-SRV-USG:terminated_at":${strOrNull(strTimeOrNull(i.terminatedAt))}`;
  if (caller.isAdmin) {
    s += `,"OS-EXT-SRV-ATTR:host":${strOrNull(i.host)},"OS-EXT-SRV-ATTR:instance_name":${str(instanceName(i))},"OS-EXT-SRV-ATTR:hypervisor_hostname":${strOrNull(i.node)}`;
    if (v.atLeast('2.3')) {
      s += `,"OS-EXT-SRV-ATTR:reservation_id":${str(i.reservationId)},"OS-EXT-SRV-ATTR:launch_index":${num(i.launchIndex)},"OS-EXT-SRV-ATTR:hostname":${strOrNull(i.hostname)},"OS-EXT-SRV-ATTR:kernel_id":${str(i.kernelId)},"OS-EXT-SRV-ATTR:ramdisk_id":${str(i.ramdiskId)},"OS-EXT-SRV-ATTR:root_device_name":${strOrNull(i.rootDeviceName)},"OS-EXT-SRV-ATTR:user_data":${strOrNull(i.userData)}`;
    }
  }
  const volumes = input.volumesAttached ?? [];
  s += `,"OS-EXT-STS:task_state":${strOrNull(i.taskState)},"OS-EXT-STS:vm_state":${str(i.vmState)},"OS-EXT-STS:power_state":${num(i.powerState)},"os-extended-volumes:volumes_attached":${volumes.length
    ? JSON.stringify(volumes.map((a) => (v.atLeast('2.3') ? { id: a.id, delete_on_termination: a.deleteOnTermination } : { id: a.id }))) : '[]'}`;
  if (v.atLeast('2.16') && input.hostStatus !== undefined) s += `,"host_status":${str(input.hostStatus)}`;
  if (v.atLeast('2.9')) s += `,"locked":${i.locked}`;
  if (v.atLeast('2.73')) s += `,"locked_reason":${strOrNull(i.lockedReason)}`;
  if (v.atLeast('2.19')) s += `,"description":${strOrNull(i.displayDescription)}`;
  if (v.atLeast('2.26')) s += `,"tags":${JSON.stringify(i.tags)}`;
  if (v.atLeast('2.63')) s += `,"trusted_image_certificates":${i.trustedCerts ? JSON.stringify(i.trustedCerts) : 'null'}`;
  if (v.atLeast('2.90') && !caller.isAdmin) s += `,"OS-EXT-SRV-ATTR:hostname":${strOrNull(i.hostname)}`;
  if (v.atLeast('2.71') && input.serverGroups !== undefined) s += `,"server_groups":${JSON.stringify(input.serverGroups)}`;
  if (input.securityGroups?.length) s += `,"security_groups":${JSON.stringify(input.securityGroups.map((g) => ({ name: g.name })))}`;
  return s + '}';
}

/** [api] hide_server_address_states: addresses are hidden while building. */
const HIDE_ADDRESS_STATES = new Set(['building']);

/**
 * views/addresses.py over common.get_networks_for_instance: per network label (in VIF order),
 * the fixed addresses then the floating ones, with OS-EXT-IPS:type and the port's MAC.
 */
export function addressesView(i: InstanceRecord, vifs: readonly Vif[], extend = true): Record<string, unknown[]> {
  if (HIDE_ADDRESS_STATES.has(i.vmState)) return {};
  const nets = new Map<string, { fixed: unknown[]; floating: unknown[] }>();
  for (const vif of vifs) {
    const n = nets.get(vif.network_label) ?? { fixed: [], floating: [] };
    nets.set(vif.network_label, n);
    for (const ip of vif.ips) {
      const ext = (type: string) => (extend ? { 'OS-EXT-IPS:type': type, 'OS-EXT-IPS-MAC:mac_addr': vif.mac } : {});
      n.fixed.push({ version: ip.version, addr: ip.address, ...ext('fixed') });
      for (const f of ip.floating) n.floating.push({ version: 4, addr: f, ...ext('floating') });
    }
  }
  return Object.fromEntries([...nets].map(([label, n]) => [label, [...n.fixed, ...n.floating]]));
}

/** The attributes servers.py's update() and _action_rebuild leave out before 2.75 (show_AZ,
 *  show_extended_attr, show_srv_usg, show_extended_status, show_extended_volumes,
 *  show_config_drive, show_host_status, show_sec_grp all False). */
const REDUCED_OUT = /^(OS-EXT-AZ:|OS-EXT-SRV-ATTR:|OS-SRV-USG:|OS-EXT-STS:|os-extended-volumes:)|^(config_drive|host_status|security_groups)$/;

/** The PUT and rebuild answers before 2.75: the show view without the attributes above, key_name
 *  only when the caller shows it (update: never; rebuild: from 2.54), and the addresses as
 *  extend_address=False renders them (`version` and `addr`, no OS-EXT-IPS:type or
 *  OS-EXT-IPS-MAC:mac_addr). */
export function reducedServerView(view: Record<string, unknown>, o: { showKeypair: boolean }): Record<string, unknown> {
  const kept: Record<string, unknown> = Object.fromEntries(Object.entries(view).filter(([k]) => !REDUCED_OUT.test(k) && (k !== 'key_name' || o.showKeypair)));
  const addresses = kept.addresses as Record<string, { version: number; addr: string }[]> | undefined;
  if (!addresses) return kept;
  return { ...kept, addresses: Object.fromEntries(Object.entries(addresses).map(([label, ips]) => [label, ips.map((ip) => ({ version: ip.version, addr: ip.addr }))])) };
}

/** Instance.name: CONF.instance_name_template of the id in its cell's DB; a build request has no row (no id) yet: ''. */
export function instanceName(i: InstanceRecord): string {
  return i.cell === 'build_request' ? '' : `instance-${(i.cellId ?? i.id).toString(16).padStart(8, '0')}`;
}
