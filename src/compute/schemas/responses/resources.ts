// Answers of the compute resources besides servers (flavors, key pairs, metadata, tags,
// images, migrations, instance actions, hypervisors, services, aggregates, quotas, limits,
// server groups, usage, ...), after views/ and nova's api-samples. As in servers.ts: one
// schema per answer over every microversion, fields of some windows optional and bound to
// their window (windows.ts: checked by the response contract, named in the descriptions).
import { Type, type TSchema } from 'typebox';
import { Link, Links } from './fault.js';
import { since, until, upTo } from './windows.js';

const Str = Type.String();
const Int = Type.Integer();
const Num = Type.Number();
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const obj = (props: Record<string, TSchema>, description?: string) => Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });
const StringMap = Type.Record(Type.String(), Type.String());
const PageLinks = Type.Optional(Type.Array(Link, { description: 'next page' }));

// --- flavors (views/flavors.ts)
const FlavorBasic = obj({ id: Str, name: Str, links: Links, description: since('2.55', NullableStr) });
const FlavorDetail = obj({
  id: Str, name: Str, ram: Int, disk: Int,
  swap: Type.Union([Type.Integer(), upTo('2.75', Type.Literal(''))], { description: "'' for none before 2.75, 0 from it" }),
  'OS-FLV-EXT-DATA:ephemeral': Int, 'OS-FLV-DISABLED:disabled': Type.Boolean(), vcpus: Int,
  'os-flavor-access:is_public': Type.Boolean(), rxtx_factor: Type.Union([Num, Type.Literal('')]), links: Links,
  description: since('2.55', NullableStr), extra_specs: since('2.61', StringMap),
});
export const FlavorList = obj({ flavors: Type.Array(FlavorBasic), flavors_links: PageLinks });
export const FlavorDetailList = obj({ flavors: Type.Array(FlavorDetail), flavors_links: PageLinks });
export const FlavorShow = obj({ flavor: FlavorDetail });
export const FlavorAccess = obj({ flavor_access: Type.Array(obj({ flavor_id: Str, tenant_id: Str })) });
export const ExtraSpecs = obj({ extra_specs: StringMap });
/** POST .../os-extra_specs echoes the body: nova's schema takes numbers and booleans too (stored as text). */
const SpecValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
export const ExtraSpecsSet = obj({ extra_specs: Type.Record(Type.String(), SpecValue) });
/** One extra spec: {"<key>": "<value>"} (PUT echoes the body as given). */
export const ExtraSpec = Type.Record(Type.String(), SpecValue, { minProperties: 1, maxProperties: 1 });

// --- key pairs (routes/keypairs.ts)
const KeypairType = Type.Optional(Type.String({ description: 'from 2.2' }));
export const KeypairList = obj({
  keypairs: Type.Array(obj({ keypair: obj({ name: Str, public_key: Str, fingerprint: Str, type: KeypairType }) })),
  keypairs_links: Type.Optional(Type.Array(Link, { description: 'next page, from 2.35' })),
});
export const KeypairCreated = obj({
  keypair: obj({
    private_key: Type.Optional(Type.String({ description: 'generated key pairs only' })), type: KeypairType,
    name: Str, public_key: Str, fingerprint: Str, user_id: Str,
  }),
}, '201 from 2.2, 200 before');
export const KeypairShow = obj({
  keypair: obj({
    name: Str, public_key: Str, fingerprint: Str, user_id: Str, created_at: Str, deleted: Type.Boolean(),
    deleted_at: Type.Null(), id: Int, updated_at: Type.Null(), type: KeypairType,
  }),
});

// --- metadata and tags
export const Metadata = obj({ metadata: StringMap });
export const MetadataItem = obj({ meta: Type.Record(Type.String(), Type.String(), { minProperties: 1, maxProperties: 1 }) });
export const Tags = obj({ tags: Type.Array(Str) });

// --- images (the image proxy, views/images.ts)
const ImageLinks = Type.Array(Link);
const ImageBasic = obj({ id: Str, name: NullableStr, links: ImageLinks });
const ImageDetail = obj({
  id: Str, name: NullableStr, minRam: Int, minDisk: Int, metadata: Type.Record(Type.String(), Type.Unknown()),
  created: Str, updated: Str, status: Str, progress: Int, 'OS-EXT-IMG-SIZE:size': NullableInt, links: ImageLinks,
  server: Type.Optional(obj({ id: Str, links: Links }, 'snapshots: the server it was taken from')),
  'OS-DCF:diskConfig': Type.Optional(Type.Union([Type.Literal('AUTO'), Type.Literal('MANUAL')])),
});
export const ImageList = obj({ images: Type.Array(ImageBasic), images_links: PageLinks });
export const ImageDetailList = obj({ images: Type.Array(ImageDetail), images_links: PageLinks });
export const ImageShow = obj({ image: ImageDetail });
export const ImageMetadata = obj({ metadata: Type.Record(Type.String(), Type.Unknown()) });
export const ImageMetadataItem = obj({ meta: Type.Record(Type.String(), Type.Unknown(), { minProperties: 1, maxProperties: 1 }) });

// --- migrations (views/migrations.ts)
const OsMigration = obj({
  created_at: Str, dest_compute: NullableStr, dest_host: NullableStr, dest_node: NullableStr, id: Int, instance_uuid: Str,
  new_instance_type_id: NullableInt, old_instance_type_id: NullableInt, source_compute: NullableStr, source_node: NullableStr,
  status: Str, updated_at: NullableStr, migration_type: since('2.23', Str),
  links: since('2.23', Type.Array(Link), 'in-progress live migrations'),
  uuid: since('2.59', Str), user_id: since('2.80', NullableStr), project_id: since('2.80', NullableStr),
});
export const OsMigrationList = obj({ migrations: Type.Array(OsMigration), migrations_links: since('2.59', Type.Array(Link), 'next page') });
const ServerMigration = obj({
  created_at: Str, dest_compute: NullableStr, dest_host: NullableStr, dest_node: NullableStr,
  disk_processed_bytes: NullableInt, disk_remaining_bytes: NullableInt, disk_total_bytes: NullableInt, id: Int,
  memory_processed_bytes: NullableInt, memory_remaining_bytes: NullableInt, memory_total_bytes: NullableInt,
  server_uuid: Str, source_compute: NullableStr, source_node: NullableStr, status: Str, updated_at: NullableStr,
  uuid: since('2.59', Str), user_id: since('2.80', NullableStr), project_id: since('2.80', NullableStr),
});
export const ServerMigrationList = obj({ migrations: Type.Array(ServerMigration) });
export const ServerMigrationShow = obj({ migration: ServerMigration });

// --- instance actions (views/instance-actions.ts)
const InstanceAction = obj({
  action: Str, instance_uuid: Str, request_id: Str, user_id: NullableStr, project_id: NullableStr, start_time: Str,
  message: NullableStr, updated_at: since('2.58', NullableStr),
});
const ActionEvent = obj({
  event: Str, start_time: Str, finish_time: NullableStr, result: NullableStr,
  traceback: Type.Optional(NullableStr), host: Type.Optional(NullableStr), hostId: Type.Optional(Str), details: Type.Optional(NullableStr),
});
export const InstanceActionList = obj({ instanceActions: Type.Array(InstanceAction), links: since('2.58', Type.Array(Link), 'next page') });
export const InstanceActionShow = obj({ instanceAction: obj({ ...InstanceAction.properties, events: Type.Optional(Type.Array(ActionEvent)) }) });

// --- hypervisors (views/hypervisors.ts)
const IdOrUuid = Type.Union([Type.Integer(), Type.String()], { description: 'an integer before 2.53, a uuid from it' });
const HypervisorServers = Type.Optional(Type.Array(obj({ name: Str, uuid: Str })));
const Hypervisor = obj({
  id: IdOrUuid, hypervisor_hostname: Str, state: Str, status: Str,
  hypervisor_type: Type.Optional(Str), hypervisor_version: Type.Optional(Int), host_ip: Type.Optional(Str),
  service: Type.Optional(obj({ id: IdOrUuid, host: Str, disabled_reason: NullableStr })),
  vcpus: until('2.88', Int), memory_mb: until('2.88', Int), local_gb: until('2.88', Int), vcpus_used: until('2.88', Int),
  memory_mb_used: until('2.88', Int), local_gb_used: until('2.88', Int), free_ram_mb: until('2.88', Int), free_disk_gb: until('2.88', Int),
  current_workload: until('2.88', Int), running_vms: until('2.88', Int), disk_available_least: until('2.88', Int),
  cpu_info: until('2.88', Type.Union([Type.String({ description: 'before 2.28' }), Type.Record(Type.String(), Type.Unknown())])),
  uptime: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'detail from 2.88; GET .../uptime' })),
  servers: HypervisorServers,
});
export const HypervisorList = obj({ hypervisors: Type.Array(Hypervisor), hypervisors_links: since('2.53', Type.Array(Link), 'next page') });
export const HypervisorShow = obj({ hypervisor: Hypervisor });
export const HypervisorStatistics = obj({
  hypervisor_statistics: obj({
    count: Int, vcpus: Int, memory_mb: Int, local_gb: Int, vcpus_used: Int, memory_mb_used: Int, local_gb_used: Int,
    free_ram_mb: Int, free_disk_gb: Int, current_workload: Int, running_vms: Int, disk_available_least: Int,
  }),
});

// --- services (views/services.ts)
const Service = obj({
  binary: Str, host: Str, id: IdOrUuid, zone: Str, status: Str, state: Str, updated_at: NullableStr, disabled_reason: NullableStr,
  forced_down: since('2.11', Type.Boolean()),
});
export const ServiceList = obj({ services: Type.Array(Service) });
/** PUT /os-services/{id} from 2.53: the service; before it the legacy enable/disable/force-down bodies. */
export const ServiceUpdated = Type.Union([
  obj({ service: Service }),
  obj({ service: obj({ host: Str, binary: Str, status: Type.Optional(Str), disabled_reason: Type.Optional(Str), forced_down: Type.Optional(Type.Boolean()) }) }),
]);

// --- aggregates (views/aggregates.ts)
const Aggregate = obj({
  id: Int, uuid: since('2.41', Str), name: Str,
  hosts: Type.Optional(Type.Array(Str, { description: 'not on create' })), metadata: Type.Optional(StringMap),
  created_at: NullableStr, updated_at: NullableStr, deleted_at: Type.Null(), deleted: Type.Boolean(), availability_zone: NullableStr,
});
export const AggregateList = obj({ aggregates: Type.Array(Aggregate) });
export const AggregateShow = obj({ aggregate: Aggregate });

// --- quotas and limits (views/quotas.ts)
const QuotaDetail = obj({ limit: Int, in_use: Int, reserved: Int });
export const QuotaSet = obj({
  quota_set: Type.Record(Type.String(), Type.Union([Type.Integer(), Type.String(), QuotaDetail]), { description: 'id, then each resource: its limit (detail: limit, in_use, reserved)' }),
});
export const Limits = obj({ limits: obj({ rate: Type.Array(Type.Unknown()), absolute: Type.Record(Type.String(), Type.Integer()) }) });

// --- server groups (views/server-groups.ts)
const ServerGroup = obj({
  id: Str, name: Str,
  policy: since('2.64', Str), rules: since('2.64', Type.Record(Type.String(), Type.Unknown())),
  policies: until('2.64', Type.Array(Str)), metadata: until('2.64', Type.Record(Type.String(), Type.Unknown())),
  members: Type.Array(Str), project_id: since('2.13', Str), user_id: since('2.13', Str),
});
export const ServerGroupList = obj({ server_groups: Type.Array(ServerGroup) });
export const ServerGroupShow = obj({ server_group: ServerGroup });

// --- simple tenant usage (views/usages.ts)
const ServerUsage = obj({
  hours: Num, flavor: Str, instance_id: Str, name: Str, tenant_id: Str, memory_mb: Int, local_gb: Int, vcpus: Int,
  started_at: NullableStr, ended_at: NullableStr, state: Str, uptime: Int,
});
const TenantUsage = obj({
  tenant_id: Str, server_usages: Type.Optional(Type.Array(ServerUsage)),
  total_local_gb_usage: Num, total_vcpus_usage: Num, total_memory_mb_usage: Num, total_hours: Num, start: Str, stop: Str,
});
export const TenantUsageList = obj({ tenant_usages: Type.Array(TenantUsage), tenant_usages_links: Type.Optional(Type.Array(Link, { description: 'next page, from 2.40' })) });
export const TenantUsageShow = obj({ tenant_usage: Type.Union([TenantUsage, obj({})], { description: '{} when the tenant has no usage' }), tenant_usage_links: Type.Optional(Type.Array(Link, { description: 'next page, from 2.40' })) });

// --- server extras
const Num0 = Type.Union([Type.Number(), Type.Null()]);
export const Diagnostics = Type.Union([
  obj({
    state: Str, driver: Str, hypervisor: NullableStr, hypervisor_os: NullableStr, uptime: NullableInt, config_drive: Type.Boolean(),
    num_cpus: Int, num_nics: Int, num_disks: Int,
    disk_details: Type.Array(obj({ read_bytes: Num0, read_requests: Num0, write_bytes: Num0, write_requests: Num0, errors_count: Num0 })),
    cpu_details: Type.Array(obj({ id: NullableInt, time: Num0, utilisation: Num0 })),
    nic_details: Type.Array(obj({
      mac_address: NullableStr, rx_octets: Num0, rx_errors: Num0, rx_drop: Num0, rx_packets: Num0, rx_rate: Num0,
      tx_octets: Num0, tx_errors: Num0, tx_drop: Num0, tx_packets: Num0, tx_rate: Num0,
    })),
    memory_details: obj({ maximum: Num0, used: Num0 }),
  }, 'from 2.48'),
  Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()]), { description: "before 2.48: the driver's own keys" }),
]);
export const ServerAddresses = obj({ addresses: Type.Record(Type.String(), Type.Array(obj({ version: Int, addr: Str }))) });
export const NetworkAddresses = Type.Record(Type.String(), Type.Array(obj({ version: Int, addr: Str })), { minProperties: 1, maxProperties: 1, description: '{"<network label>": [addresses]}' });
export const Password = obj({ password: Str });
const SecurityGroupRule = obj({
  id: Str, parent_group_id: Str, ip_protocol: NullableStr, from_port: NullableInt, to_port: NullableInt,
  group: Type.Union([obj({ name: NullableStr, tenant_id: NullableStr }), obj({})]), ip_range: Type.Union([obj({ cidr: Str }), obj({})]),
});
const SecurityGroup = obj({ id: Str, description: NullableStr, name: Str, tenant_id: NullableStr, rules: Type.Array(SecurityGroupRule) });
export const SecurityGroupList = obj({ security_groups: Type.Array(SecurityGroup) });
export const SecurityGroupShow = obj({ security_group: SecurityGroup });
export const SecurityGroupRuleShow = obj({ security_group_rule: SecurityGroupRule });
// --- os-floating-ips (floating_ips.py _translate_floating_ip_view)
const FloatingIp = obj({ id: Str, ip: Str, pool: Str, fixed_ip: NullableStr, instance_id: NullableStr });
export const FloatingIpList = obj({ floating_ips: Type.Array(FloatingIp) });
export const FloatingIpShow = obj({ floating_ip: FloatingIp });
const VolumeAttachment = obj({
  id: Type.Optional(Type.String({ description: 'before 2.89' })), serverId: Str, volumeId: Str, device: NullableStr,
  tag: since('2.70', NullableStr), delete_on_termination: since('2.79', Type.Boolean()),
  attachment_id: since('2.89', NullableStr), bdm_uuid: since('2.89', NullableStr),
});
export const VolumeAttachmentList = obj({ volumeAttachments: Type.Array(VolumeAttachment) });
export const VolumeAttachmentShow = obj({ volumeAttachment: VolumeAttachment });
const InterfaceAttachment = obj({
  port_state: Str, fixed_ips: Type.Array(obj({ subnet_id: Str, ip_address: Str })), port_id: Str, net_id: Str, mac_addr: Str,
  tag: since('2.70', NullableStr),
});
export const InterfaceAttachmentList = obj({ interfaceAttachments: Type.Array(InterfaceAttachment) });
export const InterfaceAttachmentShow = obj({ interfaceAttachment: InterfaceAttachment });
export const VirtualInterfaceList = obj({ virtual_interfaces: Type.Array(obj({ id: Str, mac_address: Str, net_id: Type.Optional(NullableStr) })) });
export const RemoteConsole = obj({ remote_console: obj({ protocol: Str, type: Str, url: Str }) });
export const Topology = obj({
  nodes: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  pagesize_kb: NullableInt,
});
export const AvailabilityZoneList = obj({
  availabilityZoneInfo: Type.Array(obj({
    zoneName: Str, zoneState: obj({ available: Type.Boolean() }),
    hosts: Type.Union([Type.Null(), Type.Record(Type.String(), Type.Record(Type.String(), obj({ available: Type.Boolean(), active: Type.Boolean(), updated_at: NullableStr })))]),
  })),
});
export const Extension = obj({ name: Str, alias: Str, links: Type.Array(Type.Unknown()), namespace: Str, description: Str, updated: Str });
export const ExtensionList = obj({ extensions: Type.Array(Extension) });
export const ExtensionShow = obj({ extension: Extension });

// --- nova-network proxies (routes/network-proxies.ts): every field null but id and label
export const OsNetwork = Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer(), Type.Boolean(), Type.Null()]), { description: "nova-network's fields: id and label set, the others null (admin sees more)" });
export const OsNetworkList = obj({ networks: Type.Array(OsNetwork) });
export const OsNetworkShow = obj({ network: OsNetwork });
export const TenantNetwork = obj({ id: Str, cidr: Str, label: Str });
export const TenantNetworkList = obj({ networks: Type.Array(TenantNetwork) });
export const TenantNetworkShow = obj({ network: TenantNetwork });
export const FloatingIpPools = obj({ floating_ip_pools: Type.Array(obj({ name: Str })) });

export const QuotaClassSet = obj({
  quota_class_set: Type.Record(Type.String(), Type.Union([Type.Integer(), Type.String()]), { description: 'id (on show), then each resource of the version: its limit' }),
});
