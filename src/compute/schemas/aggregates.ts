// Request schemas of os-aggregates (nova/api/openstack/compute/schemas/aggregates.py and
// aggregate_images.py). The legacy v2 API relaxes the 2.1 rows (validator's legacy mode).
import { Type } from 'typebox';
import * as p from './parameter-types.js';
import type { VersionedSchema } from '../routes/route-types.js';

const availabilityZone = Type.Unsafe<string | null>({ oneOf: [{ type: 'string', minLength: 1, maxLength: 255, format: 'az_name' }, { type: 'null' }] });
const closed = { additionalProperties: false } as const;

export const aggregateCreateBody: VersionedSchema[] = [{
  min: '2.1',
  schema: Type.Object({
    aggregate: Type.Object({ name: p.name, availability_zone: Type.Optional(availabilityZone) }, closed),
  }, closed),
}];

export const aggregateUpdateBody: VersionedSchema[] = [{
  min: '2.1',
  schema: Type.Object({
    aggregate: Type.Unsafe<{ name?: string; availability_zone?: string | null }>({
      type: 'object',
      properties: { name: p.nameWithLeadingTrailingSpaces, availability_zone: availabilityZone },
      additionalProperties: false,
      anyOf: [{ required: ['name'] }, { required: ['availability_zone'] }],
    }),
  }, closed),
}];

const hostBody = (action: string): VersionedSchema[] => [{
  min: '2.1',
  schema: Type.Object({ [action]: Type.Object({ host: p.fqdn }, closed) }, closed),
}];
export const addHostBody = hostBody('add_host');
export const removeHostBody = hostBody('remove_host');

/** parameter_types.metadata_with_null: values may be null (a null deletes the key). */
const metadataWithNull = Type.Unsafe<Record<string, string | null>>({
  type: 'object', patternProperties: { '^[a-zA-Z0-9-_:. ]{1,255}$': { type: ['string', 'null'], maxLength: 255 } }, additionalProperties: false,
});
export const setMetadataBody: VersionedSchema[] = [{
  min: '2.1',
  schema: Type.Object({ set_metadata: Type.Object({ metadata: metadataWithNull }, closed) }, closed),
}];

/** POST /os-aggregates/{id}/images (2.81). */
export const aggregateImagesBody: VersionedSchema[] = [{
  min: '2.81',
  schema: Type.Object({
    cache: Type.Array(Type.Object({ id: p.uuid }, closed), { minItems: 1 }),
  }, closed),
}];
