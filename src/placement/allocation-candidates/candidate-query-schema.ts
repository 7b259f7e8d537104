// Query-string schemas of GET /allocation_candidates per microversion window
// (placement/schemas/allocation_candidate.py), written as the upstream JSON Schema, key order
// included, because validation failures quote the failing schema. Later windows are composed
// from earlier ones by spreading, never by mutation.
import { Type } from 'typebox';
import type { VersionedSchemas } from '../schemas/versioned.js';

const str = { type: 'string' } as const;
const limit = { type: ['integer', 'string'], pattern: '^[1-9][0-9]*$', minimum: 1, minLength: 1 } as const;
const groupPolicy = { type: 'string', enum: ['none', 'isolate'] } as const;

const GROUP_PAT = '[1-9][0-9]*';
const GROUP_PAT_1_33 = '[a-zA-Z0-9_-]{1,64}';
const grouped = (prefixes: readonly string[], pat: string) =>
  Object.fromEntries(prefixes.map((p) => [`^${p}(${pat})?$`, str]));

const v1_10 = { type: 'object', properties: { resources: str }, required: ['resources'], additionalProperties: false };
const v1_16 = { ...v1_10, properties: { ...v1_10.properties, limit } };
const v1_17 = { ...v1_16, properties: { ...v1_16.properties, required: { type: ['string'] } } };
const v1_21 = { ...v1_17, properties: { ...v1_17.properties, member_of: { type: ['string'] } } };
// 1.25 replaces resources/required/member_of by (numbered) pattern properties.
const v1_25 = {
  type: 'object',
  properties: { limit, group_policy: groupPolicy },
  additionalProperties: false,
  patternProperties: grouped(['resources', 'required', 'member_of'], GROUP_PAT),
};
const v1_31 = { ...v1_25, patternProperties: grouped(['resources', 'required', 'member_of', 'in_tree'], GROUP_PAT) };
const v1_33 = { ...v1_31, patternProperties: grouped(['resources', 'required', 'member_of', 'in_tree'], GROUP_PAT_1_33) };
const v1_35 = { ...v1_33, properties: { ...v1_33.properties, root_required: { type: ['string'] } } };
const v1_36 = { ...v1_35, properties: { ...v1_35.properties, same_subtree: { type: ['string'] } } };

export const allocationCandidatesQuerySchemas: VersionedSchemas = [
  { min: '1.10', max: '1.15', schema: Type.Unsafe(v1_10) },
  { min: '1.16', max: '1.16', schema: Type.Unsafe(v1_16) },
  { min: '1.17', max: '1.20', schema: Type.Unsafe(v1_17) },
  { min: '1.21', max: '1.24', schema: Type.Unsafe(v1_21) },
  { min: '1.25', max: '1.30', schema: Type.Unsafe(v1_25) },
  { min: '1.31', max: '1.32', schema: Type.Unsafe(v1_31) },
  { min: '1.33', max: '1.34', schema: Type.Unsafe(v1_33) },
  { min: '1.35', max: '1.35', schema: Type.Unsafe(v1_35) },
  { min: '1.36', schema: Type.Unsafe(v1_36) },
];
