// Request schemas of the small server extras (nova/api/openstack/compute/schemas/
// reset_server_state.py, console_output.py, remote_consoles.py, admin_password.py,
// servers.py trigger_crash_dump, attach_interfaces.py, volumes.py), version deltas composed.
import { Type, type TSchema } from 'typebox';
import * as p from './parameter-types.js';
import type { VersionedSchema } from '../routes/route-types.js';

const raw = <T = unknown>(schema: Record<string, unknown>) => Type.Unsafe<T>(schema);
/** {"<action>": <inner>} with nothing else. */
const actionBody = (name: string, inner: TSchema): TSchema => Type.Object({ [name]: inner }, { additionalProperties: false });
const strict = (props: Record<string, TSchema>, required: string[] = []): TSchema => {
  const shaped: Record<string, TSchema> = {};
  for (const [k, s] of Object.entries(props)) shaped[k] = required.includes(k) ? s : Type.Optional(s);
  return Type.Object(shaped, { additionalProperties: false });
};

export const resetStateBody: VersionedSchema[] = [
  { min: '2.1', schema: actionBody('os-resetState', strict({ state: raw<string>({ type: 'string', enum: ['active', 'error'] }) }, ['state'])) },
];

/** length: -1 and null mean everything (the -1 is a TODO in nova, it slices like Python). */
export const consoleOutputBody: VersionedSchema[] = [
  { min: '2.1', schema: actionBody('os-getConsoleOutput', strict({ length: raw({ type: ['integer', 'string', 'null'], pattern: '^-?[0-9]+$', minimum: -1 }) })) },
];

/** The legacy console actions exist up to 2.5 (replaced by remote-consoles). */
const legacyConsole = (action: string, types: string[]): VersionedSchema[] => [
  { min: '2.1', max: '2.5', schema: actionBody(action, strict({ type: raw<string>({ type: 'string', enum: types }) }, ['type'])) },
];
export const vncConsoleBody = legacyConsole('os-getVNCConsole', ['novnc', 'xvpvnc']);
export const spiceConsoleBody = legacyConsole('os-getSPICEConsole', ['spice-html5']);
export const rdpConsoleBody = legacyConsole('os-getRDPConsole', ['rdp-html5']);
export const serialConsoleBody = legacyConsole('os-getSerialConsole', ['serial']);

const remoteConsole = (protocols: string[], types: string[]): TSchema => actionBody('remote_console', strict({
  protocol: raw<string>({ type: 'string', enum: protocols }),
  type: raw<string>({ type: 'string', enum: types }),
}, ['protocol', 'type']));
const protocols26 = ['vnc', 'spice', 'rdp', 'serial'];
const types26 = ['novnc', 'xvpvnc', 'rdp-html5', 'spice-html5', 'serial'];

/** POST /servers/{id}/remote-consoles: 2.8 adds mks/webmks. */
export const remoteConsoleBody: VersionedSchema[] = [
  { min: '2.6', max: '2.7', schema: remoteConsole(protocols26, types26) },
  { min: '2.8', schema: remoteConsole([...protocols26, 'mks'], [...types26, 'webmks']) },
];

export const triggerCrashDumpBody: VersionedSchema[] = [{ min: '2.17', schema: actionBody('trigger_crash_dump', Type.Null()) }];

export const changePasswordBody: VersionedSchema[] = [
  { min: '2.1', schema: actionBody('changePassword', strict({ adminPass: p.adminPassword }, ['adminPass'])) },
];

const interfaceAttachment = (tag: boolean): TSchema => Type.Object({
  interfaceAttachment: Type.Optional(strict({
    net_id: p.uuid,
    port_id: p.uuid,
    fixed_ips: raw({
      type: 'array', minItems: 1, maxItems: 1,
      items: { type: 'object', properties: { ip_address: { type: 'string', oneOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } }, required: ['ip_address'], additionalProperties: false },
    }),
    ...(tag ? { tag: p.tag } : {}),
  })),
}, { additionalProperties: false });

/** POST /servers/{id}/os-interface: the body itself is optional; 2.49 adds a tag. */
export const interfaceAttachBody: VersionedSchema[] = [
  { min: '2.1', max: '2.48', schema: interfaceAttachment(false) },
  { min: '2.49', schema: interfaceAttachment(true) },
];

/** match_device() of nova/block_device.py */
const device = raw({ type: ['string', 'null'], pattern: '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$' });
const volumeAttachment = (props: Record<string, TSchema>): TSchema =>
  Type.Object({ volumeAttachment: strict({ volumeId: p.uuid, ...props }, ['volumeId']) }, { additionalProperties: false });

/** POST /servers/{id}/os-volume_attachments: 2.49 tag, 2.79 delete_on_termination. */
export const volumeAttachBody: VersionedSchema[] = [
  { min: '2.1', max: '2.48', schema: volumeAttachment({ device }) },
  { min: '2.49', max: '2.78', schema: volumeAttachment({ device, tag: p.tag }) },
  { min: '2.79', schema: volumeAttachment({ device, tag: p.tag, delete_on_termination: p.boolean }) },
];

/** PUT /servers/{id}/os-volume_attachments/{volume}: 2.85 takes the GET answer's fields too. */
export const volumeUpdateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.84', schema: volumeAttachment({}) },
  {
    min: '2.85',
    schema: volumeAttachment({
      device, tag: p.tag, delete_on_termination: p.boolean, serverId: p.uuid, id: p.uuid,
    }),
  },
];

const pageQuery = (additional: boolean): TSchema => Type.Object({
  limit: Type.Optional(p.multiParams(p.nonNegativeInteger)),
  offset: Type.Optional(p.multiParams(p.nonNegativeInteger)),
}, { additionalProperties: additional });

/** GET /servers/{id}/os-volume_attachments: unknown parameters are refused from 2.75. */
export const volumeAttachmentsQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.74', schema: pageQuery(true) },
  { min: '2.75', schema: pageQuery(false) },
];
