// Compute API microversions (nova/api/openstack/api_version_request.py, Zed = 2.1 .. 2.93)
// and their negotiation from the request headers, as nova's wsgi.Request does it.
import { Microversion, findServiceVersion } from '../http/microversion.js';

/** Every compute microversion, one line each (what it changed). */
export const VERSIONS: readonly string[] = [
  '2.1', // initial version, equivalent to v2.0
  '2.2', // keypair type parameter
  '2.3', // more OS-EXT-SRV-ATTR server attributes (reservation_id, hostname, ...)
  '2.4', // reserved field in os-fixed-ips
  '2.5', // ip6 server search for non-admins
  '2.6', // consolidated remote consoles API
  '2.7', // check flavor type before adding tenant access
  '2.8', // mks console protocol
  '2.9', // `locked` in server views
  '2.10', // admins manage other users' keypairs
  '2.11', // forced_down in os-services
  '2.12', // VIF net_id in os-virtual-interfaces
  '2.13', // project_id/user_id in os-server-groups
  '2.14', // evacuate onSharedStorage removed
  '2.15', // soft-affinity server group policies
  '2.16', // host_status in server views
  '2.17', // trigger_crash_dump action
  '2.18', // project_id optional in URLs
  '2.19', // server description
  '2.20', // volume attach/detach for shelved servers
  '2.21', // os-instance-actions read deleted instances
  '2.22', // force live migration to complete
  '2.23', // server migrations index/show; migration_type in os-migrations
  '2.24', // cancel a running live migration
  '2.25', // block_migration 'auto', disk_over_commit removed
  '2.26', // server tags
  '2.27', // OpenStack-API-Version header
  '2.28', // compute_node.cpu_info as an object
  '2.29', // evacuate force flag
  '2.30', // live-migrate force flag
  '2.31', // os-console-auth-tokens for all console types
  '2.32', // tags on networks and block devices at boot
  '2.33', // hypervisors paging
  '2.34', // asynchronous live-migration pre-checks
  '2.35', // keypairs paging
  '2.36', // proxy APIs deprecated
  '2.37', // networks required at boot; 'auto' and 'none'
  '2.38', // 400 for an invalid status filter
  '2.39', // image-metadata proxy deprecated
  '2.40', // simple tenant usage paging
  '2.41', // aggregate uuid
  '2.42', // device tags at boot restored
  '2.43', // os-hosts deprecated
  '2.44', // network proxy actions deprecated
  '2.45', // createImage/createBackup return image_id in the body
  '2.46', // X-OpenStack-Request-ID propagated
  '2.47', // flavor embedded in server views
  '2.48', // standardized VM diagnostics
  '2.49', // tagged attach of interfaces and volumes
  '2.50', // server group quotas in os-quota-class-sets
  '2.51', // volume-extended event; events visible to non-admins in instance actions
  '2.52', // tags at server create
  '2.53', // service and hypervisor ids are uuids
  '2.54', // keypair reset on rebuild
  '2.55', // flavor description
  '2.56', // migrate to a given host
  '2.57', // personality files deprecated
  '2.58', // instance actions paging, changes-since, updated_at
  '2.59', // os-migrations paging, changes-since, uuid
  '2.60', // multiattach volumes
  '2.61', // flavor extra_specs in flavor views
  '2.62', // host and hostId in instance action events
  '2.63', // trusted image certificates
  '2.64', // server group policy + rules
  '2.65', // abort queued/preparing live migrations
  '2.66', // changes-before filter
  '2.67', // volume_type in block_device_mapping_v2
  '2.68', // forced live migration/evacuate removed
  '2.69', // minimal constructs for servers in down cells
  '2.70', // virtual device tags in interface/volume attachments
  '2.71', // server_groups in server show/update/rebuild
  '2.72', // neutron ports with resource requests at boot
  '2.73', // lock reason; locked filter
  '2.74', // host/hypervisor_hostname at server create
  '2.75', // API cleanup: strict query params, swap 0, full rebuild response
  '2.76', // power-update external event
  '2.77', // availability_zone on unshelve
  '2.78', // server topology
  '2.79', // delete_on_termination on volume attach
  '2.80', // user_id/project_id in migrations and their filters
  '2.81', // image cache by aggregate
  '2.82', // accelerator-request-bound event
  '2.83', // more server list filters for non-admins
  '2.84', // details in instance action events
  '2.85', // update volume attachment delete_on_termination
  '2.86', // known extra specs validation
  '2.87', // rescue of boot-from-volume servers
  '2.88', // statistics fields removed from os-hypervisors
  '2.89', // attachment_id/bdm_uuid in volume attachments
  '2.90', // requested hostname; OS-EXT-SRV-ATTR:hostname for everyone
  '2.91', // unshelve to a host, pin/unpin AZ
  '2.92', // keypair generation dropped, keypair name validation
  '2.93', // volume-backed server rebuild
];

export const MIN_VERSION = Microversion.of(VERSIONS[0]!);
export const MAX_VERSION = Microversion.of(VERSIONS[VERSIONS.length - 1]!);

export const LEGACY_HEADER = 'x-openstack-nova-api-version';
export const NEW_HEADER = 'openstack-api-version';

export type Negotiation =
  | { kind: 'ok'; version: Microversion }
  /** 406: echo what was asked in the version headers. */
  | { kind: 'unsupported'; requested: string; message: string }
  /** 400: no version headers on the answer. */
  | { kind: 'malformed'; message: string };

/**
 * nova's wsgi.Request.set_api_version_request: OpenStack-API-Version ("compute X.Y") wins over
 * the legacy X-OpenStack-Nova-API-Version; none -> 2.1; "latest" -> 2.93.
 */
export function negotiateVersion(headers: Record<string, string | string[] | undefined>): Negotiation {
  let raw = findServiceVersion(headers[NEW_HEADER], 'compute');
  if (raw === undefined) {
    const legacy = headers[LEGACY_HEADER];
    raw = Array.isArray(legacy) ? legacy.join(',') : legacy;
  }
  if (raw === undefined) return { kind: 'ok', version: MIN_VERSION };
  const text = raw.trim();
  if (text.toLowerCase() === 'latest') return { kind: 'ok', version: MAX_VERSION };
  const v = Microversion.parse(text);
  if (!v) {
    return { kind: 'malformed', message: `API Version String ${text} is of invalid format. Must be of format MajorNum.MinorNum.` };
  }
  if (v.compare(MIN_VERSION) < 0 || v.compare(MAX_VERSION) > 0) {
    return {
      kind: 'unsupported',
      requested: v.toString(),
      message: `Version ${v} is not supported by the API. Minimum is ${MIN_VERSION} and maximum is ${MAX_VERSION}.`,
    };
  }
  return { kind: 'ok', version: v };
}

/** The headers every versioned compute response carries (errors included). */
export function versionHeaders(version: string): Record<string, string> {
  return {
    'OpenStack-API-Version': `compute ${version}`,
    'X-OpenStack-Nova-API-Version': version,
    Vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
  };
}
