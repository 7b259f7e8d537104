// Request schemas of /servers and the server actions (nova/api/openstack/compute/schemas/
// servers.py, lock_server.py, migrate_server.py), each version delta composed from the last.
import { Type, type TSchema } from 'typebox';
import * as p from './parameter-types.js';
import type { VersionedSchema } from '../routes/route-types.js';

const obj = (props: Record<string, TSchema>, required: string[] = []) => {
  const shaped: Record<string, TSchema> = {};
  for (const [k, s] of Object.entries(props)) shaped[k] = required.includes(k) ? s : Type.Optional(s);
  return Type.Object(shaped, { additionalProperties: false });
};
const raw = <T = unknown>(schema: Record<string, unknown>) => Type.Unsafe<T>(schema);

const ipAddress = raw({ type: 'string', oneOf: [{ format: 'ipv4' }, { format: 'ipv6' }] });
const portId = raw({ oneOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] });
const personality = raw({
  type: 'array',
  items: { type: 'object', properties: { path: { type: 'string' }, contents: { type: 'string', format: 'base64' } }, additionalProperties: false },
});
const userData = raw({ type: 'string', format: 'base64', maxLength: 65535 });
/** schemas/block_device_mapping_v1.py legacy_block_device_mapping: also the legacy keys of a v2 item. */
const legacyBdmProperties = {
  virtual_name: { type: 'string', maxLength: 255 },
  volume_id: { type: 'string', format: 'uuid' },
  snapshot_id: { type: 'string', format: 'uuid' },
  volume_size: { type: ['integer', 'string'], pattern: '^[0-9]+$', minimum: 1, maximum: 0x7fffffff },
  device_name: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9._-r/]*$' },
  delete_on_termination: p.boolean,
  no_device: {},
  connection_info: { type: 'string', maxLength: 16777215 },
};
const legacyBdm = raw({ type: 'object', properties: legacyBdmProperties, additionalProperties: false });
/** block_device_mapping_v2 item (schemas/servers.py block_device_mapping_v2_new_item + legacy keys). */
const bdmV2 = (extra: Record<string, unknown>) => raw({
  type: 'object',
  properties: {
    ...legacyBdmProperties,
    source_type: { type: 'string', enum: ['volume', 'image', 'snapshot', 'blank'] },
    uuid: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9._-]*$' },
    image_id: { type: 'string', format: 'uuid' },
    destination_type: { type: 'string', enum: ['local', 'volume'] },
    guest_format: { type: 'string', maxLength: 255 },
    device_type: { type: 'string', maxLength: 255 },
    disk_bus: { type: 'string', maxLength: 255 },
    boot_index: { type: ['integer', 'string', 'null'], pattern: '^-?[0-9]+$' },
    ...extra,
  },
  additionalProperties: false,
});
const securityGroups = raw({
  type: 'array', items: { type: 'object', properties: { name: p.name }, additionalProperties: false },
});
/** schemas/servers.py _hints: the known hints are checked, any other key is let through. */
const serverId = { type: 'string', format: 'uuid' };
const schedulerHints = raw({
  type: 'object',
  properties: {
    group: { type: 'string', format: 'uuid' },
    different_host: { oneOf: [{ type: 'string', format: 'uuid' }, { type: 'array', items: serverId }] },
    same_host: { type: ['string', 'array'], items: serverId },
    query: { type: ['string', 'object'] },
    target_cell: { type: 'string', minLength: 1, maxLength: 255, format: 'name' },
    different_cell: { type: ['string', 'array'], items: { type: 'string' } },
    build_near_host_ip: { type: 'string', oneOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
    cidr: { type: 'string', pattern: '^/[0-9a-f.:]+$' },
  },
  additionalProperties: true,
});

const networkItem = (uuidSchema: Record<string, unknown>, tag: boolean) => ({
  type: 'object',
  properties: { fixed_ip: ipAddress, port: portId, uuid: uuidSchema, ...(tag ? { tag: p.tag } : {}) },
  additionalProperties: false,
});
const networksList = (tag: boolean) => raw({ type: 'array', items: networkItem({ type: 'string' }, tag) });
/** 2.37: a list of networks, or 'none' / 'auto'. */
const networks237 = (tag: boolean) => raw({
  oneOf: [{ type: 'array', items: networkItem({ type: 'string', format: 'uuid' }, tag) }, { type: 'string', enum: ['none', 'auto'] }],
});

interface CreateFeatures {
  description: boolean;
  networks: TSchema;
  networksRequired: boolean;
  bdmTag: boolean;
  tags: boolean;
  personality: boolean;
  trustedCerts: boolean;
  volumeType: boolean;
  hostRequest: boolean;
  hostname: boolean;
}

function serverCreate(f: CreateFeatures): TSchema {
  const bdmExtra: Record<string, unknown> = {};
  if (f.bdmTag) bdmExtra.tag = p.tag;
  if (f.volumeType) bdmExtra.volume_type = { type: ['string', 'null'], minLength: 0, maxLength: 255 };
  const server: Record<string, TSchema> = {
    name: p.name,
    imageRef: p.imageIdOrEmpty,
    flavorRef: p.flavorRef,
    adminPass: p.adminPassword,
    metadata: p.metadata,
    networks: f.networks,
    'OS-DCF:diskConfig': p.diskConfig,
    accessIPv4: p.accessIPv4,
    accessIPv6: p.accessIPv6,
    ...(f.personality ? { personality } : {}),
    availability_zone: p.name,
    block_device_mapping: raw({ type: 'array', items: legacyBdm }),
    block_device_mapping_v2: raw({ type: 'array', items: bdmV2(bdmExtra) }),
    config_drive: p.boolean,
    key_name: p.name,
    min_count: p.positiveInteger,
    max_count: p.positiveInteger,
    return_reservation_id: p.boolean,
    security_groups: securityGroups,
    user_data: userData,
    ...(f.description ? { description: p.description } : {}),
    ...(f.tags ? { tags: raw({ type: 'array', items: p.tag, maxItems: 50 }) } : {}),
    ...(f.trustedCerts ? { trusted_image_certificates: p.trustedCerts } : {}),
    ...(f.hostRequest ? { host: p.fqdn, hypervisor_hostname: p.fqdn } : {}),
    ...(f.hostname ? { hostname: p.hostname } : {}),
  };
  const required = f.networksRequired ? ['name', 'flavorRef', 'networks'] : ['name', 'flavorRef'];
  return Type.Object({
    server: obj(server, required),
    'os:scheduler_hints': Type.Optional(schedulerHints),
    'OS-SCH-HNT:scheduler_hints': Type.Optional(schedulerHints),
  }, { additionalProperties: false });
}

const v21: CreateFeatures = {
  description: false, networks: networksList(false), networksRequired: false, bdmTag: false, tags: false,
  personality: true, trustedCerts: false, volumeType: false, hostRequest: false, hostname: false,
};
const v219 = { ...v21, description: true };
const v232 = { ...v219, networks: networksList(true), bdmTag: true };
const v233 = { ...v219, networks: networksList(true) };
const v237 = { ...v233, networks: networks237(false), networksRequired: true };
const v242 = { ...v237, networks: networks237(true), bdmTag: true };
const v252 = { ...v242, tags: true };
const v257 = { ...v252, personality: false };
const v263 = { ...v257, trustedCerts: true };
const v267 = { ...v263, volumeType: true };
const v274 = { ...v267, hostRequest: true };
const v290 = { ...v274, hostname: true };

/** POST /servers, one row per @validation.schema window of servers.create. */
export const serverCreateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.18', schema: serverCreate(v21) },
  { min: '2.19', max: '2.31', schema: serverCreate(v219) },
  { min: '2.32', max: '2.32', schema: serverCreate(v232) },
  { min: '2.33', max: '2.36', schema: serverCreate(v233) },
  { min: '2.37', max: '2.41', schema: serverCreate(v237) },
  { min: '2.42', max: '2.51', schema: serverCreate(v242) },
  { min: '2.52', max: '2.56', schema: serverCreate(v252) },
  { min: '2.57', max: '2.62', schema: serverCreate(v257) },
  { min: '2.63', max: '2.66', schema: serverCreate(v263) },
  { min: '2.67', max: '2.73', schema: serverCreate(v267) },
  { min: '2.74', max: '2.89', schema: serverCreate(v274) },
  { min: '2.90', schema: serverCreate(v290) },
];

function serverUpdate(description: boolean, hostname: boolean): TSchema {
  return Type.Object({
    server: obj({
      name: p.name,
      'OS-DCF:diskConfig': p.diskConfig,
      accessIPv4: p.accessIPv4,
      accessIPv6: p.accessIPv6,
      ...(description ? { description: p.description } : {}),
      ...(hostname ? { hostname: p.hostname } : {}),
    }),
  }, { additionalProperties: false });
}

/** PUT /servers/{id} */
export const serverUpdateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.18', schema: serverUpdate(false, false) },
  { min: '2.19', max: '2.89', schema: serverUpdate(true, false) },
  { min: '2.90', schema: serverUpdate(true, true) },
];

export const resizeBody: VersionedSchema[] = [
  { min: '2.1', schema: Type.Object({ resize: obj({ flavorRef: p.flavorRef, 'OS-DCF:diskConfig': p.diskConfig }, ['flavorRef']) }, { additionalProperties: false }) },
];

/** schemas/servers.py rebuild .. rebuild_v290, one row per @validation.schema window of _action_rebuild. */
function rebuild(f: { description: boolean; keyName: boolean; personality: boolean; userData: boolean; trustedCerts: boolean; hostname: boolean }): TSchema {
  return Type.Object({
    rebuild: obj({
      name: p.name,
      imageRef: p.uuid,
      adminPass: p.adminPassword,
      metadata: p.metadata,
      preserve_ephemeral: p.boolean,
      'OS-DCF:diskConfig': p.diskConfig,
      accessIPv4: p.accessIPv4,
      accessIPv6: p.accessIPv6,
      ...(f.personality ? { personality } : {}),
      ...(f.description ? { description: p.description } : {}),
      ...(f.keyName ? { key_name: raw({ oneOf: [{ type: 'string', minLength: 1, maxLength: 255 }, { type: 'null' }] }) } : {}),
      // 2.57: nullable, so that a rebuild can unset the user data
      ...(f.userData ? { user_data: raw({ oneOf: [{ type: 'string', format: 'base64', maxLength: 65535 }, { type: 'null' }] }) } : {}),
      ...(f.trustedCerts ? { trusted_image_certificates: p.trustedCerts } : {}),
      ...(f.hostname ? { hostname: p.hostname } : {}),
    }, ['imageRef']),
  }, { additionalProperties: false });
}
const rebuild21 = { description: false, keyName: false, personality: true, userData: false, trustedCerts: false, hostname: false };
const rebuild219 = { ...rebuild21, description: true };
const rebuild254 = { ...rebuild219, keyName: true };
const rebuild257 = { ...rebuild254, personality: false, userData: true };
const rebuild263 = { ...rebuild257, trustedCerts: true };
const rebuild290 = { ...rebuild263, hostname: true };

export const rebuildBody: VersionedSchema[] = [
  { min: '2.1', max: '2.18', schema: rebuild(rebuild21) },
  { min: '2.19', max: '2.53', schema: rebuild(rebuild219) },
  { min: '2.54', max: '2.56', schema: rebuild(rebuild254) },
  { min: '2.57', max: '2.62', schema: rebuild(rebuild257) },
  { min: '2.63', max: '2.89', schema: rebuild(rebuild263) },
  { min: '2.90', schema: rebuild(rebuild290) },
];

export const rebootBody: VersionedSchema[] = [
  {
    min: '2.1',
    schema: Type.Object({
      reboot: obj({ type: raw<string>({ type: 'string', enum: ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft'] }) }, ['type']),
    }, { additionalProperties: false }),
  },
];

/** lock: no validation before 2.73 (nova ignores the body), then an optional locked_reason. */
export const lockBody: VersionedSchema[] = [
  {
    min: '2.73',
    schema: Type.Object({
      lock: raw({ type: ['object', 'null'], properties: { locked_reason: { type: 'string', minLength: 1, maxLength: 255 } }, additionalProperties: false }),
    }, { additionalProperties: false }),
  },
];

/** migrate: no validation before 2.56, then {"migrate": null | {"host": fqdn|null}}. */
export const migrateBody: VersionedSchema[] = [
  {
    min: '2.56',
    schema: Type.Object({
      migrate: raw({ type: ['object', 'null'], properties: { host: { type: ['string', 'null'], minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9-._]*$' } }, additionalProperties: false }),
    }, { additionalProperties: false }),
  },
];

// GET /servers query parameters (schemas/servers.py query_params_v21 .. v275): every value a list;
// common_query_param = strings, common_query_regex_param = non-empty valid regexes.
const s = () => p.multiParams(Type.String());
const rx = () => p.multiParams(raw({ type: 'string', format: 'regex' }));
const dateTime = () => p.multiParams(raw({ type: 'string', format: 'date-time' }));
const validSortKeys = ['access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone', 'config_drive', 'created_at',
  'display_description', 'display_name', 'host', 'hostname', 'image_ref', 'instance_type_id', 'kernel_id', 'key_name',
  'launch_index', 'launched_at', 'locked_by', 'node', 'power_state', 'progress', 'project_id', 'ramdisk_id',
  'root_device_name', 'task_state', 'terminated_at', 'updated_at', 'user_id', 'uuid', 'vm_state'];
/** SERVER_LIST_IGNORE_SORT_KEY: accepted, then dropped (until 2.75 refuses them). */
export const IGNORED_SORT_KEYS = ['architecture', 'cell_name', 'cleaned', 'default_ephemeral_device', 'default_swap_device',
  'deleted', 'deleted_at', 'disable_terminate', 'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data',
  'launched_on', 'locked', 'memory_mb', 'os_type', 'reservation_id', 'root_gb', 'shutdown_terminate',
  'user_data', 'vcpus', 'vm_mode'];
const ignoredV273 = IGNORED_SORT_KEYS.filter((k) => k !== 'locked');
const sortKey = (keys: string[]) => p.multiParams(raw({ type: 'string', enum: keys }));
const queryV21: Record<string, TSchema> = {
  user_id: s(), project_id: s(), tenant_id: s(), launch_index: s(), image_ref: s(), image: s(), kernel_id: rx(),
  ramdisk_id: rx(), hostname: rx(), key_name: rx(), power_state: rx(), vm_state: s(), task_state: s(), host: s(),
  node: rx(), flavor: rx(), reservation_id: rx(), launched_at: rx(), terminated_at: rx(), availability_zone: rx(),
  name: rx(), display_name: rx(), description: rx(), display_description: rx(), locked_by: rx(), uuid: s(),
  root_device_name: rx(), config_drive: rx(), access_ip_v4: rx(), access_ip_v6: rx(), auto_disk_config: rx(), progress: rx(),
  sort_key: sortKey([...validSortKeys, ...IGNORED_SORT_KEYS]), sort_dir: s(),
  all_tenants: s(), soft_deleted: s(), deleted: s(), status: s(), 'changes-since': dateTime(), ip: rx(), ip6: rx(), created_at: rx(),
  // JOINED_TABLE_QUERY_PARAMS_SERVERS: accepted by the schema, refused by the controller
  block_device_mapping: s(), services: s(), metadata: s(), system_metadata: s(), info_cache: s(), security_groups: s(), pci_devices: s(),
  ...p.paginationParameters,
};
const queryV226 = { ...queryV21, tags: rx(), 'tags-any': rx(), 'not-tags': rx(), 'not-tags-any': rx() };
const queryV266 = { ...queryV226, 'changes-before': dateTime() };
const queryV273 = { ...queryV266, sort_key: sortKey(['locked', ...validSortKeys, ...ignoredV273]), locked: s() };
const queryV275 = { ...queryV273, sort_key: sortKey(['locked', ...validSortKeys]) };
// '^_' keys are schema-valid (then refused by the controller); with additionalProperties false the
// pattern also shapes jsonschema's message ("'x' does not match any of the regexes: '^_'")
const query = (props: Record<string, TSchema>, additional: boolean) =>
  Type.Partial(Type.Object(props), { additionalProperties: additional, patternProperties: { '^_': s() } });

export const serversIndexQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.25', schema: query(queryV21, true) },
  { min: '2.26', max: '2.65', schema: query(queryV226, true) },
  { min: '2.66', max: '2.72', schema: query(queryV266, true) },
  { min: '2.73', max: '2.74', schema: query(queryV273, true) },
  { min: '2.75', schema: query(queryV275, false) },
];
