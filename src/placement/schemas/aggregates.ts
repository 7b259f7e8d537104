// Aggregate schemas (placement/schemas/aggregate.py): a bare list up to 1.18, an object with
// the provider generation from 1.19.
import { Type } from 'typebox';
import type { VersionedSchemas } from './versioned.js';
import { UuidString } from './common.js';

const list = () => Type.Array(UuidString(), { uniqueItems: true });

export const setAggregatesBody: VersionedSchemas = [
  { min: '1.1', max: '1.18', schema: list() },
  { min: '1.19', schema: Type.Object({ aggregates: list(), resource_provider_generation: Type.Integer() }, { additionalProperties: false }) },
];

export const aggregatesResponse: VersionedSchemas = [
  { min: '1.1', max: '1.18', schema: Type.Object({ aggregates: Type.Array(Type.String()) }, { additionalProperties: false }) },
  { min: '1.19', schema: Type.Object({ aggregates: Type.Array(Type.String()), resource_provider_generation: Type.Integer() }, { additionalProperties: false }) },
];
