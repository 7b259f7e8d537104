// Request schemas of the flavor APIs (nova/api/openstack/compute/schemas/flavor_manage.py,
// flavors.py, flavors_extraspecs.py, flavor_access.py). Version deltas are composed.
import { Type, type TSchema } from 'typebox';
import * as p from './parameter-types.js';
import type { VersionedSchema } from '../routes/route-types.js';

const VALID_SORT_KEYS = ['created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid', 'id', 'is_public',
  'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap', 'updated_at', 'vcpu_weight', 'vcpus'];

const indexQueryProperties = {
  limit: p.multiParams(p.nonNegativeInteger),
  marker: p.multiParams(Type.String()),
  is_public: p.multiParams(Type.String()),
  minRam: p.multiParams(Type.String()),
  minDisk: p.multiParams(Type.String()),
  sort_key: p.multiParams(Type.Unsafe<string>({ type: 'string', enum: VALID_SORT_KEYS })),
  sort_dir: p.multiParams(Type.Unsafe<string>({ type: 'string', enum: ['asc', 'desc'] })),
};
/** Unknown query parameters are ignored until 2.75, rejected from it. */
export const flavorsIndexQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.74', schema: Type.Partial(Type.Object(indexQueryProperties), { additionalProperties: true }) },
  { min: '2.75', schema: Type.Partial(Type.Object(indexQueryProperties), { additionalProperties: false }) },
];

function flavorCreate(nameSchema: TSchema, withDescription: boolean) {
  const flavor = Type.Object({
    name: nameSchema,
    id: Type.Optional(Type.Unsafe<string | number | null>({
      type: ['string', 'number', 'null'], minLength: 1, maxLength: 255, pattern: '^(?! )[a-zA-Z0-9. _-]+(?<! )$',
    })),
    ram: p.flavorParamPositive,
    vcpus: p.flavorParamPositive,
    disk: p.flavorParamNonNegative,
    'OS-FLV-EXT-DATA:ephemeral': Type.Optional(p.flavorParamNonNegative),
    swap: Type.Optional(p.flavorParamNonNegative),
    rxtx_factor: Type.Optional(Type.Unsafe<number | string>({
      type: ['number', 'string'], pattern: '^[0-9]+(\\.[0-9]+)?$', minimum: 0, exclusiveMinimum: true, maximum: 3.40282e38,
    })),
    'os-flavor-access:is_public': Type.Optional(p.boolean),
    ...(withDescription ? { description: Type.Optional(p.flavorDescription) } : {}),
  }, { additionalProperties: false });
  return Type.Object({ flavor }, { additionalProperties: false });
}

/** POST /flavors: 2.1 (v2.0 compatible names), 2.55 adds description. */
export const flavorCreateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.54', schema: flavorCreate(p.name, false) },
  { min: '2.55', schema: flavorCreate(p.name, true) },
];

/** PUT /flavors/{id} (2.55): description only. */
export const flavorUpdateBody: VersionedSchema[] = [
  { min: '2.55', schema: Type.Object({ flavor: Type.Object({ description: p.flavorDescription }, { additionalProperties: false }) }, { additionalProperties: false }) },
];

const EXTRA_SPEC_KEY = '^[a-zA-Z0-9-_:. ]{1,255}$';
const extraSpecs = Type.Unsafe<Record<string, string | number>>({
  type: 'object', patternProperties: { [EXTRA_SPEC_KEY]: { type: ['string', 'number'], maxLength: 255 } }, additionalProperties: false,
});
export const extraSpecsCreateBody: VersionedSchema[] = [
  { min: '2.1', schema: Type.Object({ extra_specs: extraSpecs }, { additionalProperties: false }) },
];
export const extraSpecUpdateBody: VersionedSchema[] = [
  {
    min: '2.1',
    schema: Type.Unsafe<Record<string, string | number>>({
      type: 'object', patternProperties: { [EXTRA_SPEC_KEY]: { type: ['string', 'number'], maxLength: 255 } },
      additionalProperties: false, minProperties: 1, maxProperties: 1,
    }),
  },
];

const tenant = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
export const addTenantAccessBody = Type.Object({ addTenantAccess: tenant }, { additionalProperties: false });
export const removeTenantAccessBody = Type.Object({ removeTenantAccess: tenant }, { additionalProperties: false });
