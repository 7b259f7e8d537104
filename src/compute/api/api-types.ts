// The contract between the compute routes (nova-api handlers) and the engine (nova/compute/api.py).
// Routes validate and parse the wire format, then call these methods; every refusal is thrown as
// ApiError(status, null, nova's message) and rendered by the compute error handler.
import type { RequestedNetworks } from '../../networking-client/network-api.js';
import type { VolumeAttachmentApi } from './volume-attachments.js';
import type { FlavorRecord, InstanceRecord, RequestContext, ServiceRecord } from '../../compute-db/records.js';
import type { GuestApi } from './guest.js';
import type { MultinicApi } from './multinic.js';
import type { SecurityGroupProxyApi } from './security-groups.js';
import type { FloatingIpProxyApi } from './floating-ips.js';

export interface CreateServerRequest {
  name: string;
  /** Image uuid (already extracted from an href by the route). */
  imageRef: string | null;
  /** Flavor API id (already extracted from an href by the route). */
  flavorRef: string;
  /** 'nova', 'nova:host1', 'nova:host1:node', ':host1' ... (forced host needs admin). */
  availabilityZone?: string | null;
  /** 2.74 host / hypervisor_hostname (requested, not forced). */
  host?: string | null;
  hypervisorHostname?: string | null;
  metadata?: Record<string, string>;
  keyName?: string | null;
  adminPass?: string | null;
  accessIPv4?: string | null;
  accessIPv6?: string | null;
  description?: string | null;
  hostname?: string | null;
  userData?: string | null;
  configDrive?: boolean;
  /** 'OS-DCF:diskConfig' AUTO/MANUAL; undefined = the image's auto_disk_config property decides. */
  autoDiskConfig?: boolean;
  tags?: string[];
  trustedImageCertificates?: string[] | null;
  minCount?: number;
  maxCount?: number;
  /** os:scheduler_hints group: the server group uuid the instances join. */
  group?: string | null;
  /** `networks`: undefined when not given (below 2.37), 'auto', 'none' or the requests. */
  networks?: RequestedNetworks['requests'];
  /** `security_groups` names (default: the project's `default`). */
  securityGroups?: string[];
  /** block_device_mapping_v2 items as sent (schema-valid). */
  blockDeviceMappingV2?: Record<string, unknown>[];
}

export interface CreateServerResult {
  /** In launch_index order; the first is the one the 202 body describes. */
  instances: InstanceRecord[];
  adminPass: string;
  reservationId: string;
}

export interface UpdateServerRequest {
  name?: string;
  description?: string | null;
  accessIPv4?: string | null;
  accessIPv6?: string | null;
  hostname?: string;
  /** 'OS-DCF:diskConfig' (AUTO = true). */
  autoDiskConfig?: boolean;
}

/** The rebuild action's attributes (servers.py _action_rebuild kwargs); undefined = not given. */
export interface RebuildRequest {
  /** Image uuid (the schema takes a uuid, not an href). */
  imageRef: string;
  /** adminPass, or the generated one (servers.py _get_server_admin_password). */
  adminPass: string;
  name?: string;
  description?: string | null;
  metadata?: Record<string, string>;
  accessIPv4?: string;
  accessIPv6?: string;
  /** 'OS-DCF:diskConfig' as a boolean (AUTO = true). */
  autoDiskConfig?: boolean;
  preserveEphemeral?: boolean;
  /** 2.54: null unsets the key pair. */
  keyName?: string | null;
  /** 2.57: null unsets. */
  userData?: string | null;
  /** 2.63: null unsets. */
  trustedImageCertificates?: string[] | null;
  /** 2.90 */
  hostname?: string;
  /** personality (until 2.56): the files to inject, checked against the injected_files quotas. */
  personality?: { path?: string; contents?: string }[];
}

export interface CreateFlavorRequest {
  name: string;
  /** null/undefined = generate a uuid, as nova does. */
  id?: string | null;
  ram: number;
  vcpus: number;
  disk: number;
  ephemeral?: number;
  swap?: number;
  rxtxFactor?: number;
  isPublic?: boolean;
  description?: string | null;
}

export interface ServiceUpdate {
  /** 'enabled' | 'disabled' */
  status?: 'enabled' | 'disabled';
  disabledReason?: string | null;
  forcedDown?: boolean;
}

export interface ComputeApi {
  /** The small server extras: reset state, consoles, diagnostics, crash dump, password, interfaces (guest-api.ts). */
  readonly guest: GuestApi;
  /** os-volume_attachments */
  readonly volumeAttachments: VolumeAttachmentApi;
  /** addFixedIp / removeFixedIp (multinic.ts) */
  readonly multinic: MultinicApi;
  /** os-security-groups and os-security-group-rules, proxied to Neutron (security-groups.ts) */
  readonly securityGroups: SecurityGroupProxyApi;
  /** os-floating-ips and addFloatingIp/removeFloatingIp (floating-ips.ts) */
  readonly floatingIps: FloatingIpProxyApi;
  createServer(ctx: RequestContext, req: CreateServerRequest): Promise<CreateServerResult>;
  /** DELETE /servers/{id}: 204; the compute finishes the deletion asynchronously. */
  deleteServer(ctx: RequestContext, uuid: string): Promise<void>;
  /** forceDelete action: a hard delete in any vm_state (task state idle), also of a SOFT_DELETED server. */
  forceDeleteServer(ctx: RequestContext, uuid: string): Promise<void>;
  /** The restore action: a SOFT_DELETED server back to ACTIVE (deferred delete). */
  restoreServer(ctx: RequestContext, uuid: string): Promise<void>;
  updateServer(ctx: RequestContext, uuid: string, req: UpdateServerRequest): Promise<InstanceRecord>;
  /** resize: 202. Errors: 400 same flavor / unknown flavor, 403 quota, 409 state. */
  resize(ctx: RequestContext, uuid: string, flavorRef: string, autoDiskConfig?: boolean): Promise<void>;
  /** rebuild: 202. Errors: 400 image/key pair, 403 metadata quota, 409 state or lock. */
  rebuild(ctx: RequestContext, uuid: string, req: RebuildRequest): Promise<InstanceRecord>;
  /** createImage: the new image's id (202). Errors: 409 state or lock. */
  snapshot(ctx: RequestContext, uuid: string, name: string, metadata: Record<string, string>): Promise<string>;
  /** createBackup: the new image's id (202). Errors: 400 volume-backed, 409 state or lock. */
  backup(ctx: RequestContext, uuid: string, name: string, backupType: string, rotation: number, metadata: Record<string, string>): Promise<string>;
  /** confirmResize: 204. */
  confirmResize(ctx: RequestContext, uuid: string): Promise<void>;
  /** revertResize: 202. */
  revertResize(ctx: RequestContext, uuid: string): Promise<void>;
  /** migrate (cold): 202; host from 2.56. */
  migrate(ctx: RequestContext, uuid: string, host: string | null): Promise<void>;
  start(ctx: RequestContext, uuid: string): Promise<void>;
  stop(ctx: RequestContext, uuid: string): Promise<void>;
  reboot(ctx: RequestContext, uuid: string, type: 'SOFT' | 'HARD'): Promise<void>;
  /** Synchronous, as nova's lock (no RPC). reason from 2.73. */
  lock(ctx: RequestContext, uuid: string, reason: string | null): Promise<void>;
  unlock(ctx: RequestContext, uuid: string): Promise<void>;
  pause(ctx: RequestContext, uuid: string): Promise<void>;
  unpause(ctx: RequestContext, uuid: string): Promise<void>;
  suspend(ctx: RequestContext, uuid: string): Promise<void>;
  resume(ctx: RequestContext, uuid: string): Promise<void>;
  /** PUT (replace=true) / POST (merge) /servers/{id}/metadata; PUT/DELETE of one key. */
  updateMetadata(ctx: RequestContext, uuid: string, metadata: Record<string, string>, replace: boolean): Promise<Record<string, string>>;
  deleteMetadataItem(ctx: RequestContext, uuid: string, key: string): Promise<void>;

  /** 409 on duplicate name/id (nova's messages). */
  createFlavor(ctx: RequestContext, req: CreateFlavorRequest): Promise<FlavorRecord>;
  /** 404 "Flavor <id> could not be found." */
  deleteFlavor(ctx: RequestContext, flavorid: string): Promise<void>;

  /** PUT /os-services/{uuid} (2.53+) and the older disable/enable/force-down actions: also
   * reports COMPUTE_STATUS_DISABLED to placement for nova-compute services. */
  updateService(ctx: RequestContext, serviceUuid: string, update: ServiceUpdate): Promise<ServiceRecord>;
  /** DELETE /os-services/{uuid}: refuses (409) a compute that still hosts instances; removes its provider. */
  deleteService(ctx: RequestContext, serviceUuid: string): Promise<void>;
}
