// /types (cinder/api/schemas/volume_types.py) and its views.
import { Type } from 'typebox';
import { booleanParam, Raw } from './parameter-types.js';
import { obj } from './parameter-types.js';

export const createVolumeType = obj({
  volume_type: obj({
    name: Type.String({ minLength: 1, maxLength: 255 }),
    description: Raw({ type: ['string', 'null'], minLength: 0, maxLength: 255 }),
    'os-volume-type-access:is_public': booleanParam(),
    extra_specs: Raw({ type: 'object', patternProperties: { '^[a-zA-Z0-9-_:. /]{1,255}$': { type: 'string', maxLength: 255 } }, additionalProperties: false }),
  }, ['name'], false),
}, ['volume_type'], false);

export const updateVolumeType = obj({
  volume_type: obj({
    name: Raw({ type: ['string', 'null'], minLength: 1, maxLength: 255 }),
    description: Raw({ type: ['string', 'null'], minLength: 0, maxLength: 255 }),
    is_public: booleanParam(),
  }, [], false),
}, ['volume_type'], false);

const VolumeType = Type.Object({ id: Type.String(), name: Type.String(), is_public: Type.Boolean(), description: Raw({ type: ['string', 'null'] }) }, { additionalProperties: true });
export const volumeTypeResponse = Type.Object({ volume_type: VolumeType }, { additionalProperties: false });
export const volumeTypeListResponse = Type.Object({ volume_types: Type.Array(VolumeType) }, { additionalProperties: false });

// types_extra_specs.py create / update (parameter_types.extra_specs_with_no_spaces_key)
const specsNoSpaces = { type: 'object', patternProperties: { '^[a-zA-Z0-9-_:.]{1,255}$': { type: ['string', 'null'], minLength: 0, maxLength: 255 } }, additionalProperties: false };
export const createExtraSpecs = obj({ extra_specs: Raw(specsNoSpaces) }, ['extra_specs'], false);
export const updateExtraSpec = Raw({ ...specsNoSpaces, minProperties: 1, maxProperties: 1 });
export const extraSpecsResponse = Type.Object({ extra_specs: Type.Record(Type.String(), Raw({ type: ['string', 'null'] })) }, { additionalProperties: false });
export const extraSpecResponse = Type.Record(Type.String(), Raw({ type: ['string', 'null'] }));
