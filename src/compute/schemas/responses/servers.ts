// Server answers (views/servers.ts; nova's views/servers.py and api-samples/servers). One
// schema per answer covers every microversion: fields that a window or the caller (admin) adds
// are optional, and a field bound to a window says so ("x-min-version"/"x-max-version", checked
// by the response contract against the answer's version; its description says it too).
import { Type, type TSchema } from 'typebox';
import { Link, Links } from './fault.js';
import { Microversion } from '../../../http/microversion.js';
import { from, since, upTo } from './windows.js';

const Str = Type.String();
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const admin = (schema: TSchema, version = '') => Type.Optional({ ...schema, description: `admin only${version ? `, from ${version}` : ''}`, ...(version ? { 'x-min-version': version } : {}) } as TSchema);

/** addresses: per network label, fixed then floating addresses (views/addresses.py); the
 *  OS-EXT-IPS keys from `extendedFrom` (update and rebuild answers: 2.75), else always. */
function addresses(extendedFrom?: string) {
  const extended = (schema: TSchema) => (extendedFrom ? since(extendedFrom, schema) : Type.Optional(schema));
  return Type.Record(Type.String(), Type.Array(Type.Object({
    version: Type.Integer(),
    addr: Str,
    'OS-EXT-IPS:type': extended(Str),
    'OS-EXT-IPS-MAC:mac_addr': extended(Str),
  }, { additionalProperties: false })));
}
export const Addresses = addresses();

const ServerFlavor = Type.Union([
  upTo('2.47', Type.Object({ id: Str, links: Links }, { additionalProperties: false, description: 'before 2.47' })),
  from('2.47', Type.Object({
    vcpus: Type.Integer(), ram: Type.Integer(), disk: Type.Integer(), ephemeral: Type.Integer(), swap: Type.Integer(),
    original_name: Str, extra_specs: Type.Optional(Type.Record(Type.String(), Type.String())),
  }, { additionalProperties: false, description: 'from 2.47' })),
]);

const ServerFault = Type.Object({
  code: Type.Integer(), created: Str, message: Str, details: Type.Optional(Str),
}, { additionalProperties: false });

/** GET /servers/{id}, GET /servers/detail items, PUT /servers/{id} (before 2.75 without the extended attributes). */
export const ServerDetail = Type.Object({
  id: Str,
  name: Str,
  status: Str,
  tenant_id: Str,
  user_id: Str,
  metadata: Type.Record(Type.String(), Type.String()),
  hostId: Str,
  image: Type.Union([Type.Object({ id: Str, links: Links }, { additionalProperties: false }), Type.Literal('')]),
  flavor: ServerFlavor,
  created: Str,
  updated: Str,
  addresses: Addresses,
  accessIPv4: Str,
  accessIPv6: Str,
  links: Links,
  'OS-DCF:diskConfig': Type.Union([Type.Literal('AUTO'), Type.Literal('MANUAL')]),
  fault: Type.Optional({ ...ServerFault, description: 'status ERROR or DELETED' } as TSchema),
  progress: Type.Optional(Type.Integer({ description: 'while ACTIVE, BUILD, REBUILD, RESIZE, VERIFY_RESIZE, MIGRATING' })),
  'OS-EXT-AZ:availability_zone': Type.Optional(Str),
  config_drive: Type.Optional(Type.Union([Type.String(), Type.Boolean()])),
  key_name: Type.Optional(NullableStr),
  'OS-SRV-USG:launched_at': Type.Optional(NullableStr),
  'OS-SRV-USG:terminated_at': Type.Optional(NullableStr),
  'OS-EXT-SRV-ATTR:host': admin(NullableStr),
  'OS-EXT-SRV-ATTR:instance_name': admin(Str),
  'OS-EXT-SRV-ATTR:hypervisor_hostname': admin(NullableStr),
  'OS-EXT-SRV-ATTR:reservation_id': admin(NullableStr, '2.3'),
  'OS-EXT-SRV-ATTR:launch_index': admin(Type.Union([Type.Integer(), Type.Null()]), '2.3'),
  'OS-EXT-SRV-ATTR:hostname': Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'admin from 2.3, everyone from 2.90', 'x-min-version': '2.3' })),
  'OS-EXT-SRV-ATTR:kernel_id': admin(NullableStr, '2.3'),
  'OS-EXT-SRV-ATTR:ramdisk_id': admin(NullableStr, '2.3'),
  'OS-EXT-SRV-ATTR:root_device_name': admin(NullableStr, '2.3'),
  'OS-EXT-SRV-ATTR:user_data': admin(NullableStr, '2.3'),
  'OS-EXT-STS:task_state': Type.Optional(NullableStr),
  'OS-EXT-STS:vm_state': Type.Optional(Str),
  'OS-EXT-STS:power_state': Type.Optional(Type.Integer()),
  'os-extended-volumes:volumes_attached': Type.Optional(Type.Array(Type.Object({
    id: Str, delete_on_termination: since('2.3', Type.Boolean()),
  }, { additionalProperties: false }))),
  host_status: since('2.16', Str, 'admin'),
  locked: since('2.9', Type.Boolean()),
  locked_reason: since('2.73', NullableStr),
  description: since('2.19', NullableStr),
  tags: since('2.26', Type.Array(Str)),
  trusted_image_certificates: since('2.63', Type.Union([Type.Array(Str), Type.Null()])),
  server_groups: since('2.71', Type.Array(Str), 'show and update'),
  security_groups: Type.Optional(Type.Array(Type.Object({ name: Str }, { additionalProperties: false }))),
}, { additionalProperties: false });

const ServerBasic = Type.Object({ id: Str, name: Str, links: Links }, { additionalProperties: false });

const ServersLinks = Type.Optional(Type.Array(Link, { description: 'next page' }));

export const ServerList = Type.Object({ servers: Type.Array(ServerBasic), servers_links: ServersLinks }, { additionalProperties: false });
export const ServerDetailList = Type.Object({ servers: Type.Array(ServerDetail), servers_links: ServersLinks }, { additionalProperties: false });
export const ServerShow = Type.Object({ server: ServerDetail }, { additionalProperties: false });

/**
 * What the update and rebuild answers show only from 2.75 (servers.py: before it they leave out
 * the extended attributes and render addresses without the OS-EXT-IPS keys). key_name is back
 * in the rebuild answer from 2.54.
 */
const EXTENDED_FROM_275 = /^(OS-EXT-AZ:|OS-EXT-SRV-ATTR:|OS-SRV-USG:|OS-EXT-STS:|os-extended-volumes:)|^(config_drive|key_name|host_status|security_groups)$/;

function fullFrom275(keyNameFrom: string): Record<string, TSchema> {
  const later = (a: string | undefined, b: string) => (a && Microversion.of(a).compare(Microversion.of(b)) > 0 ? a : b);
  return Object.fromEntries(Object.entries(ServerDetail.properties).map(([k, p]: [string, TSchema]) => {
    if (k === 'addresses') return [k, addresses('2.75')];
    if (!EXTENDED_FROM_275.test(k)) return [k, p];
    const from = later((p as { 'x-min-version'?: string })['x-min-version'], k === 'key_name' ? keyNameFrom : '2.75');
    return [k, Type.Optional({ ...p, 'x-min-version': from } as TSchema)];
  }));
}

/** PUT /servers/{id}. */
export const ServerUpdated = Type.Object({ server: Type.Object(fullFrom275('2.75'), { additionalProperties: false }) }, { additionalProperties: false });

/** POST /servers: the new server's id and links, or the reservation id (return_reservation_id). */
export const ServerCreated = Type.Union([
  Type.Object({
    server: Type.Object({
      id: Str,
      links: Links,
      'OS-DCF:diskConfig': Type.Union([Type.Literal('AUTO'), Type.Literal('MANUAL')]),
      security_groups: Type.Array(Type.Object({ name: Str }, { additionalProperties: false })),
      adminPass: Type.Optional(Type.String({ description: '[api] enable_instance_password' })),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
  Type.Object({ reservation_id: Str }, { additionalProperties: false }),
]);

/** rebuild: the server as show has it (before 2.75 without the extended attributes), adminPass, user_data from 2.57. */
const RebuiltServer = Type.Object({
  ...fullFrom275('2.54'),
  adminPass: Type.Optional(Type.String({ description: '[api] enable_instance_password' })),
  user_data: since('2.57', Type.Union([Type.String(), Type.Null()])),
}, { additionalProperties: false });

/** POST /servers/{id}/action answering 200: getVNCConsole & co (before 2.6), os-getConsoleOutput. */
export const ServerActionResult = Type.Union([
  Type.Object({ console: Type.Object({ type: Str, url: Str }, { additionalProperties: false }) }, { additionalProperties: false }),
  Type.Object({ output: Str }, { additionalProperties: false }),
], { description: 'console actions and os-getConsoleOutput' });

/** POST /servers/{id}/action answering 202: most actions without a body; createImage and createBackup (2.45) the image id; rebuild the server. */
export const ServerActionAccepted = Type.Union([
  Type.Null(),
  Type.Object({ image_id: Str }, { additionalProperties: false, description: 'createImage, createBackup from 2.45' }),
  Type.Object({ server: RebuiltServer }, { additionalProperties: false, description: 'rebuild' }),
], { description: 'no body, or the image id, or the rebuilt server' });
