// POST /reshaper body schemas by version (placement/schemas/reshaper.py): inventories in the
// PUT /resource_providers/{uuid}/inventories form per provider, and allocations in the
// POST /allocations form (empty allowed).
import { Type } from 'typebox';
import type { VersionedSchemas } from './versioned.js';
import { POST_ALLOCATIONS_V1_28, POST_ALLOCATIONS_V1_34, POST_ALLOCATIONS_V1_38, RC_PATTERN, UUID_PATTERN, type PostAllocationsBody } from './allocations.js';
import type { RawInventory } from '../allocations/reshape.js';

const MAX_INT = 2147483647;
const SQL_SP_FLOAT_MAX = 3.40282e+38;

// placement/schemas/inventory.py PUT_INVENTORY_RECORD_SCHEMA / PUT_INVENTORY_SCHEMA.
const inventoryRecord = {
  type: 'object',
  properties: {
    resource_provider_generation: { type: 'integer' },
    total: { type: 'integer', maximum: MAX_INT, minimum: 1 },
    reserved: { type: 'integer', maximum: MAX_INT, minimum: 0 },
    min_unit: { type: 'integer', maximum: MAX_INT, minimum: 1 },
    max_unit: { type: 'integer', maximum: MAX_INT, minimum: 1 },
    step_size: { type: 'integer', maximum: MAX_INT, minimum: 1 },
    allocation_ratio: { type: 'number', maximum: SQL_SP_FLOAT_MAX },
  },
  required: ['total'],
  additionalProperties: false,
} as const;

const PUT_INVENTORY_SCHEMA = {
  type: 'object',
  properties: {
    resource_provider_generation: { type: 'integer' },
    inventories: { type: 'object', patternProperties: { [RC_PATTERN]: inventoryRecord } },
  },
  required: ['resource_provider_generation', 'inventories'],
  additionalProperties: false,
} as const;

const reshaperSchema = (allocations: object) => ({
  type: 'object',
  properties: {
    inventories: {
      type: 'object',
      patternProperties: { [UUID_PATTERN]: PUT_INVENTORY_SCHEMA },
      minProperties: 1,
      additionalProperties: false,
    },
    allocations: { ...allocations, minProperties: 0 },
  },
  required: ['inventories', 'allocations'],
  additionalProperties: false,
});

export interface ReshaperBody {
  inventories: Record<string, { resource_provider_generation: number; inventories: Record<string, RawInventory> }>;
  allocations: PostAllocationsBody;
}

export const RESHAPER_SCHEMAS: VersionedSchemas = [
  { min: '1.30', max: '1.33', schema: Type.Unsafe<ReshaperBody>(reshaperSchema(POST_ALLOCATIONS_V1_28)) },
  { min: '1.34', max: '1.37', schema: Type.Unsafe<ReshaperBody>(reshaperSchema(POST_ALLOCATIONS_V1_34)) },
  { min: '1.38', schema: Type.Unsafe<ReshaperBody>(reshaperSchema(POST_ALLOCATIONS_V1_38)) },
];
