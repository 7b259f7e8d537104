// Resource class schemas (placement/schemas/resource_class.py).
import { Type } from 'typebox';
import { always, type VersionedSchemas } from './versioned.js';
import { CUSTOM_RC_PATTERN, Link } from './common.js';

/** POST_RC_SCHEMA_V1_2 (= PUT_RC_SCHEMA_V1_2) */
export const resourceClassBody: VersionedSchemas = always(Type.Object({
  name: Type.String({ pattern: CUSTOM_RC_PATTERN, maxLength: 255 }),
}, { additionalProperties: false }));

const ResourceClass = Type.Object({ name: Type.String(), links: Type.Array(Link) }, { additionalProperties: false });
export const resourceClassResponse: VersionedSchemas = always(ResourceClass);
export const resourceClassListResponse: VersionedSchemas = always(Type.Object({ resource_classes: Type.Array(ResourceClass) }, { additionalProperties: false }));
