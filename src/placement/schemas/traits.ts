// Trait schemas (placement/schemas/trait.py).
import { Type } from 'typebox';
import { always, type VersionedSchemas } from './versioned.js';
import { CUSTOM_TRAIT_PATTERN } from './common.js';

const trait = () => Type.String({ minLength: 1, maxLength: 255 });
/** CUSTOM_TRAIT: the path name of PUT /traits/{name} */
export const customTraitSchema = Type.String({ minLength: 1, maxLength: 255, pattern: CUSTOM_TRAIT_PATTERN });

/** SET_TRAITS_FOR_RP_SCHEMA */
export const setProviderTraitsBody: VersionedSchemas = always(Type.Object({
  traits: Type.Array(trait()),
  resource_provider_generation: Type.Integer(),
}, { additionalProperties: false }));

/** LIST_TRAIT_SCHEMA */
export const listTraitsQuery: VersionedSchemas = always(Type.Object({
  name: Type.Optional(Type.String()),
  associated: Type.Optional(Type.String()),
}, { additionalProperties: false }));

export const traitListResponse: VersionedSchemas = always(Type.Object({ traits: Type.Array(Type.String()) }, { additionalProperties: false }));
export const providerTraitsResponse: VersionedSchemas = always(Type.Object({
  traits: Type.Array(Type.String()), resource_provider_generation: Type.Integer(),
}, { additionalProperties: false }));
