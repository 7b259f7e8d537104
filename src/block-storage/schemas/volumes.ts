// Request and response schemas of /volumes (cinder/api/schemas/volumes.py, volume_actions.py,
// volume_metadata.py) and the views' shapes.
import { Type } from 'typebox';
import {
  AnyObject, Link, metadata, metadataAllowsNull, nullableDescription, nullableName, optionalBoolean, optionalUuid, Raw,
  booleanParam, volumeSize, volumeSizeAllowsNull,
} from './parameter-types.js';
import { obj } from './parameter-types.js';

export const createVolume = obj({
  volume: obj({
    name: nullableName(), description: nullableDescription(), display_name: nullableName(), display_description: nullableDescription(),
    volume_type: Raw({ type: ['string', 'null'], minLength: 0, maxLength: 255 }),
    metadata: metadataAllowsNull(), snapshot_id: optionalUuid(), source_volid: optionalUuid(), consistencygroup_id: optionalUuid(),
    size: volumeSizeAllowsNull(), availability_zone: Raw({ type: ['string', 'null'], minLength: 1, maxLength: 255 }),
    multiattach: optionalBoolean(), image_id: Raw({ type: ['string', 'null'], minLength: 0, maxLength: 255 }),
    imageRef: Raw({ type: ['string', 'null'], minLength: 0, maxLength: 255 }),
    group_id: Raw({ type: ['string', 'null'], minLength: 0, maxLength: 255 }),
    backup_id: optionalUuid(),
  }, [], true),
  'OS-SCH-HNT:scheduler_hints': Raw({ type: ['object', 'null'] }),
}, ['volume'], false);

export const updateVolume = obj({
  volume: obj({
    name: nullableName(), description: nullableDescription(), display_name: nullableName(), display_description: nullableDescription(),
    metadata: metadata(),
  }, [], false),
}, ['volume'], false);

// POST /volumes/{id}/action: one schema per action key
export const volumeActions = {
  'os-extend': obj({ 'os-extend': obj({ new_size: volumeSize() }, ['new_size'], false) }, [], false),
  'os-retype': obj({ 'os-retype': obj({ new_type: Type.String({ minLength: 1, maxLength: 255 }), migration_policy: Raw({ type: ['string', 'null'], enum: ['on-demand', 'never', null] }) }, ['new_type'], false) }, [], false),
  'os-set_bootable': obj({ 'os-set_bootable': obj({ bootable: booleanParam() }, ['bootable'], false) }, [], false),
  'os-reset_status': obj({ 'os-reset_status': obj({ status: Type.String({ minLength: 1, maxLength: 255 }), attach_status: Type.String({ minLength: 1, maxLength: 255 }), migration_status: Type.String({ minLength: 1, maxLength: 255 }) }, [], false) }, [], false),
  'os-force_delete': obj({ 'os-force_delete': Raw({ type: ['object', 'null'] }) }, [], false),
  'os-begin_detaching': obj({ 'os-begin_detaching': Raw({ type: ['object', 'null'] }) }, [], false),
  'os-roll_detaching': obj({ 'os-roll_detaching': Raw({ type: ['object', 'null'] }) }, [], false),
  'os-update_readonly_flag': obj({ 'os-update_readonly_flag': obj({ readonly: booleanParam() }, ['readonly'], false) }, [], false),
  // the actions before the attachments API (volume_actions.py)
  'os-reserve': obj({ 'os-reserve': Raw({}) }, [], false),
  'os-unreserve': obj({ 'os-unreserve': Raw({}) }, [], false),
  'os-attach': obj({ 'os-attach': Raw({
    type: 'object',
    properties: {
      instance_uuid: { type: 'string', format: 'uuid' }, mountpoint: { type: 'string', minLength: 1, maxLength: 255 },
      host_name: { type: 'string', maxLength: 255 }, mode: { type: 'string', enum: ['rw', 'ro'] },
    },
    required: ['mountpoint'], anyOf: [{ required: ['instance_uuid'] }, { required: ['host_name'] }], additionalProperties: false,
  }) }, ['os-attach'], false),
  'os-detach': obj({ 'os-detach': Raw({ type: ['object', 'null'], properties: { attachment_id: { oneOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] } }, additionalProperties: false }) }, ['os-detach'], false),
  'os-initialize_connection': obj({ 'os-initialize_connection': obj({ connector: Raw({ type: ['object', 'string'] }) }, ['connector'], false) }, ['os-initialize_connection'], false),
  'os-terminate_connection': obj({ 'os-terminate_connection': obj({ connector: Raw({ type: ['string', 'object', 'null'] }) }, ['connector'], false) }, ['os-terminate_connection'], false),
  'os-volume_upload_image': uploadImage(false),
  // volume_image_metadata.py (parameter_types.extra_specs for the metadata)
  'os-set_image_metadata': obj({ 'os-set_image_metadata': obj({ metadata: Raw({ type: 'object', patternProperties: { '^[a-zA-Z0-9-_:. /]{1,255}$': { type: 'string', maxLength: 255 } }, additionalProperties: false }) }, ['metadata'], false) }, ['os-set_image_metadata'], false),
  'os-unset_image_metadata': obj({ 'os-unset_image_metadata': obj({ key: Type.String({ minLength: 1, maxLength: 255 }) }, ['key'], false) }, ['os-unset_image_metadata'], false),
  'os-show_image_metadata': obj({ 'os-show_image_metadata': Raw({}) }, [], false),
} as const;
export type VolumeActionName = keyof typeof volumeActions;

/** os-volume_upload_image; from 3.1 (UPLOAD_IMAGE_PARAMS) with visibility and protected. */
function uploadImage(v31: boolean) {
  return obj({
    'os-volume_upload_image': obj({
      image_name: Type.String({ minLength: 1, maxLength: 255 }), force: booleanParam(),
      disk_format: Raw({ type: 'string', enum: ['raw', 'vmdk', 'vdi', 'qcow2', 'vhd', 'vhdx', 'ploop'] }),
      container_format: nullableDescription(),
      ...(v31 ? { visibility: Raw({ type: 'string', enum: ['community', 'public', 'private', 'shared'] }), protected: booleanParam() } : {}),
    }, ['image_name'], false),
  }, ['os-volume_upload_image'], false);
}
export const uploadImageV31 = uploadImage(true);
/** os-initialize_connection and os-volume_upload_image answer a body, the other actions none. */
export const volumeActionResponse = Raw({ type: ['object', 'null'], description: 'connection_info or os-volume_upload_image; no body for the other actions' });
export const volumeActionBody = Type.Object({}, { additionalProperties: true, description: `one of ${Object.keys(volumeActions).join(', ')}` });

export const metadataBody = obj({ metadata: metadata() }, ['metadata'], false);
export const metaItemBody = obj({ meta: Raw({ type: 'object', minProperties: 1, maxProperties: 1, patternProperties: { '^[a-zA-Z0-9-_:. /]{1,255}$': { type: 'string', maxLength: 255 } }, additionalProperties: false }) }, ['meta'], false);

const VolumeAttachmentItem = Type.Object({
  id: Type.String(), attachment_id: Type.String(), volume_id: Type.String(), server_id: Raw({ type: ['string', 'null'] }),
  host_name: Raw({ type: ['string', 'null'] }), device: Raw({ type: ['string', 'null'] }), attached_at: Raw({ type: ['string', 'null'] }),
}, { additionalProperties: false });

export const VolumeDetail = Type.Object({
  id: Type.String(), status: Type.String(), size: Type.Integer(), availability_zone: Type.String(),
  created_at: Type.String(), updated_at: Raw({ type: ['string', 'null'] }), name: Raw({ type: ['string', 'null'] }),
  description: Raw({ type: ['string', 'null'] }), volume_type: Raw({ type: ['string', 'null'] }), bootable: Type.String(),
  attachments: Type.Array(VolumeAttachmentItem), links: Type.Array(Link), metadata: Type.Record(Type.String(), Type.String()),
}, { additionalProperties: true });
export const VolumeSummary = Type.Object({ id: Type.String(), name: Raw({ type: ['string', 'null'] }), links: Type.Array(Link) }, { additionalProperties: false });
export const volumeResponse = Type.Object({ volume: VolumeDetail }, { additionalProperties: false });
export const volumeListResponse = Type.Object({ volumes: Type.Array(VolumeSummary), volumes_links: Type.Optional(Type.Array(Link)), count: Type.Optional(Type.Integer()) }, { additionalProperties: false });
export const volumeDetailListResponse = Type.Object({ volumes: Type.Array(VolumeDetail), volumes_links: Type.Optional(Type.Array(Link)), count: Type.Optional(Type.Integer()) }, { additionalProperties: false });
export const metadataResponse = Type.Object({ metadata: Type.Record(Type.String(), Type.String()) }, { additionalProperties: false });
export const metaResponse = Type.Object({ meta: Type.Record(Type.String(), Type.String()) }, { additionalProperties: false });
export const extendResponse = AnyObject;
export const volumeSummaryResponse = Type.Object({
  'volume-summary': Type.Object({ total_count: Type.Integer(), total_size: Type.Integer(), metadata: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))) }, { additionalProperties: false }),
}, { additionalProperties: false });
