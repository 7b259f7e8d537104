// Request schemas of PUT /allocations/{consumer_uuid} and POST /allocations, one per
// microversion window (placement/schemas/allocation.py). Written as the upstream JSON
// Schema, key order included, because validation failures quote the failing schema
// ("Failed validating 'minimum' in schema[...]"). Later versions are composed from earlier
// ones by spreading, never by mutation.
import { Type } from 'typebox';
import type { VersionedSchemas } from './versioned.js';

export const RC_PATTERN = '^[A-Z0-9_]+$';
export const UUID_PATTERN = '^[0-9a-fA-F-]{36}$';
export const CONSUMER_TYPE_PATTERN = RC_PATTERN;
/** Request group suffix from 1.33 (not anchored upstream either). */
export const GROUP_PAT_1_33 = '[a-zA-Z0-9_-]{1,64}';

/** resource class -> amount used */
export type Resources = Record<string, number>;

/** Body of PUT before 1.12: a list of provider/resources pairs. */
export interface ListAllocationsBody {
  allocations: { resource_provider: { uuid: string }; resources: Resources }[];
  project_id?: string;
  user_id?: string;
}

/** Body of PUT from 1.12 and of each consumer in POST: keyed by provider uuid. */
export interface DictAllocationsBody {
  allocations: Record<string, { generation?: number; resources: Resources }>;
  project_id: string;
  user_id: string;
  consumer_generation?: number | null;
  mappings?: Record<string, string[]>;
  consumer_type?: string;
}

export type PostAllocationsBody = Record<string, DictAllocationsBody>;

const resources = {
  type: 'object',
  minProperties: 1,
  patternProperties: { [RC_PATTERN]: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
} as const;

const externalId = { type: 'string', minLength: 1, maxLength: 255 } as const;

const ALLOCATION_SCHEMA = {
  type: 'object',
  properties: {
    allocations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          resource_provider: {
            type: 'object',
            properties: { uuid: { type: 'string', format: 'uuid' } },
            additionalProperties: false,
            required: ['uuid'],
          },
          resources,
        },
        required: ['resource_provider', 'resources'],
        additionalProperties: false,
      },
    },
  },
  required: ['allocations'],
  additionalProperties: false,
} as const;

const ALLOCATION_SCHEMA_V1_8 = {
  ...ALLOCATION_SCHEMA,
  properties: { ...ALLOCATION_SCHEMA.properties, project_id: externalId, user_id: externalId },
  required: [...ALLOCATION_SCHEMA.required, 'project_id', 'user_id'],
} as const;

const dictAllocations = (minProperties: number) => ({
  type: 'object',
  minProperties,
  patternProperties: {
    [UUID_PATTERN]: {
      type: 'object',
      properties: {
        generation: { type: 'integer' },
        resources,
      },
      required: ['resources'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
});

const ALLOCATION_SCHEMA_V1_12 = {
  type: 'object',
  properties: {
    allocations: dictAllocations(1),
    project_id: externalId,
    user_id: externalId,
  },
  additionalProperties: false,
  required: ['allocations', 'project_id', 'user_id'],
};

/** POST allows an empty allocations object: it removes that consumer's allocations. */
const DELETABLE_ALLOCATIONS = {
  ...ALLOCATION_SCHEMA_V1_12,
  properties: { ...ALLOCATION_SCHEMA_V1_12.properties, allocations: dictAllocations(0) },
};

const consumerGeneration = { type: ['integer', 'null'], additionalProperties: false };

const ALLOCATION_SCHEMA_V1_28 = {
  ...DELETABLE_ALLOCATIONS,
  properties: { ...DELETABLE_ALLOCATIONS.properties, consumer_generation: consumerGeneration },
  required: [...DELETABLE_ALLOCATIONS.required, 'consumer_generation'],
};

const mappings = {
  type: 'object',
  minProperties: 1,
  patternProperties: {
    [GROUP_PAT_1_33]: { type: 'array', minItems: 1, items: { type: 'string', format: 'uuid' } },
  },
};

const ALLOCATION_SCHEMA_V1_34 = {
  ...ALLOCATION_SCHEMA_V1_28,
  properties: { ...ALLOCATION_SCHEMA_V1_28.properties, mappings },
};

const ALLOCATION_SCHEMA_V1_38 = {
  ...ALLOCATION_SCHEMA_V1_34,
  properties: {
    ...ALLOCATION_SCHEMA_V1_34.properties,
    consumer_type: { type: 'string', pattern: CONSUMER_TYPE_PATTERN, minLength: 1, maxLength: 255 },
  },
  required: [...ALLOCATION_SCHEMA_V1_34.required, 'consumer_type'],
};

const postSchema = (perConsumer: object) => ({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  patternProperties: { [UUID_PATTERN]: perConsumer },
});

/** What POST /allocations and POST /reshaper take per consumer, by version. */
export const POST_ALLOCATIONS_V1_13 = postSchema(DELETABLE_ALLOCATIONS);
export const POST_ALLOCATIONS_V1_28 = postSchema(ALLOCATION_SCHEMA_V1_28);
export const POST_ALLOCATIONS_V1_34 = postSchema(ALLOCATION_SCHEMA_V1_34);
export const POST_ALLOCATIONS_V1_38 = postSchema(ALLOCATION_SCHEMA_V1_38);

/** PUT /allocations/{consumer_uuid}: the handler windows of handlers/allocation.py. */
export const PUT_ALLOCATIONS_SCHEMAS: VersionedSchemas = [
  { min: '1.0', max: '1.7', schema: Type.Unsafe<ListAllocationsBody>(ALLOCATION_SCHEMA) },
  { min: '1.8', max: '1.11', schema: Type.Unsafe<ListAllocationsBody>(ALLOCATION_SCHEMA_V1_8) },
  { min: '1.12', max: '1.27', schema: Type.Unsafe<DictAllocationsBody>(ALLOCATION_SCHEMA_V1_12) },
  { min: '1.28', max: '1.33', schema: Type.Unsafe<DictAllocationsBody>(ALLOCATION_SCHEMA_V1_28) },
  { min: '1.34', max: '1.37', schema: Type.Unsafe<DictAllocationsBody>(ALLOCATION_SCHEMA_V1_34) },
  { min: '1.38', schema: Type.Unsafe<DictAllocationsBody>(ALLOCATION_SCHEMA_V1_38) },
];

/** POST /allocations (1.13+). */
export const POST_ALLOCATIONS_SCHEMAS: VersionedSchemas = [
  { min: '1.13', max: '1.27', schema: Type.Unsafe<PostAllocationsBody>(POST_ALLOCATIONS_V1_13) },
  { min: '1.28', max: '1.33', schema: Type.Unsafe<PostAllocationsBody>(POST_ALLOCATIONS_V1_28) },
  { min: '1.34', max: '1.37', schema: Type.Unsafe<PostAllocationsBody>(POST_ALLOCATIONS_V1_34) },
  { min: '1.38', schema: Type.Unsafe<PostAllocationsBody>(POST_ALLOCATIONS_V1_38) },
];

// Responses (documentation and contract tests). Fields marked optional appear from the
// version noted, and only when the consumer has allocations.
const resourcesOut = Type.Record(Type.String(), Type.Integer());

/** GET /allocations/{consumer_uuid} */
export const CONSUMER_ALLOCATIONS_RESPONSE = Type.Object({
  allocations: Type.Record(Type.String(), Type.Object({ resources: resourcesOut, generation: Type.Integer() }, { additionalProperties: false })),
  project_id: Type.Optional(Type.String({ description: '1.12+' })),
  user_id: Type.Optional(Type.String({ description: '1.12+' })),
  consumer_generation: Type.Optional(Type.Integer({ description: '1.28+' })),
  consumer_type: Type.Optional(Type.String({ description: '1.38+' })),
}, { additionalProperties: false });

/** GET /resource_providers/{uuid}/allocations */
export const PROVIDER_ALLOCATIONS_RESPONSE = Type.Object({
  allocations: Type.Record(Type.String(), Type.Object({
    resources: resourcesOut,
    consumer_generation: Type.Optional(Type.Integer({ description: '1.28+' })),
  }, { additionalProperties: false })),
  resource_provider_generation: Type.Integer(),
}, { additionalProperties: false });
