// The requests the compute routes (nova-api handlers) hand to nova/compute/api.py's modules.
// Routes validate and parse the wire format, then call the modules' methods; every refusal is thrown as
// ApiError(status, null, nova's message) and rendered by the compute error handler.
import type { RequestedNetworks } from '../../networking-client/network-api.js';
import type { InstanceRecord } from '../../compute-db/records.js';

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
  /** 2.60 (common.supports_multiattach_volume): multiattach volumes may be mapped. */
  supportsMultiattach?: boolean;
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
