// GET /usages query schemas and the usage response bodies (placement/schemas/usage.py).
import { Type } from 'typebox';
import type { VersionedSchemas } from './versioned.js';
import { CONSUMER_TYPE_PATTERN } from './allocations.js';

const externalId = { type: 'string', minLength: 1, maxLength: 255 } as const;

const GET_USAGES_SCHEMA_1_9 = {
  type: 'object',
  properties: { project_id: externalId, user_id: externalId },
  required: ['project_id'],
  additionalProperties: false,
} as const;

/** 1.38 adds consumer_type: a type name, or the groupings "all" and "unknown". */
const GET_USAGES_SCHEMA_V1_38 = {
  ...GET_USAGES_SCHEMA_1_9,
  properties: {
    ...GET_USAGES_SCHEMA_1_9.properties,
    consumer_type: { type: 'string', pattern: `${CONSUMER_TYPE_PATTERN}|^all|^unknown$`, minLength: 1, maxLength: 255 },
  },
} as const;

export interface UsagesQuery {
  project_id: string;
  user_id?: string;
  consumer_type?: string;
}

export const GET_USAGES_QUERY_SCHEMAS: VersionedSchemas = [
  { min: '1.9', max: '1.37', schema: Type.Unsafe<UsagesQuery>(GET_USAGES_SCHEMA_1_9) },
  { min: '1.38', schema: Type.Unsafe<UsagesQuery>(GET_USAGES_SCHEMA_V1_38) },
];

const usageMap = Type.Record(Type.String(), Type.Integer());

/** GET /resource_providers/{uuid}/usages */
export const PROVIDER_USAGES_RESPONSE = Type.Object({
  resource_provider_generation: Type.Integer(),
  usages: usageMap,
}, { additionalProperties: false });

/** GET /usages: class -> amount; from 1.38 consumer type -> (class -> amount, consumer_count). */
export const TOTAL_USAGES_RESPONSES: VersionedSchemas = [
  { min: '1.9', max: '1.37', schema: Type.Object({ usages: usageMap }, { additionalProperties: false }) },
  { min: '1.38', schema: Type.Object({ usages: Type.Record(Type.String(), usageMap) }, { additionalProperties: false }) },
];
