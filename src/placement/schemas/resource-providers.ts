// Request and response schemas of /resource_providers (placement/schemas/resource_provider.py),
// composed per microversion.
import { Type } from 'typebox';
import type { VersionedSchemas } from './versioned.js';
import { Link, UuidString } from './common.js';

const name = () => Type.String({ maxLength: 200 });
const parent = () => Type.Union([UuidString(), Type.Null()]);

const Post_1_0 = Type.Object({ name: name(), uuid: Type.Optional(UuidString()) }, { additionalProperties: false });
const Post_1_14 = Type.Object({ name: name(), uuid: Type.Optional(UuidString()), parent_provider_uuid: Type.Optional(parent()) }, { additionalProperties: false });
const Put_1_0 = Type.Object({ name: name() }, { additionalProperties: false });
const Put_1_14 = Type.Object({ name: name(), parent_provider_uuid: Type.Optional(parent()) }, { additionalProperties: false });

export const createProviderBody: VersionedSchemas = [
  { min: '1.0', max: '1.13', schema: Post_1_0 },
  { min: '1.14', schema: Post_1_14 },
];
export const updateProviderBody: VersionedSchemas = [
  { min: '1.0', max: '1.13', schema: Put_1_0 },
  { min: '1.14', schema: Put_1_14 },
];

const q = {
  name: () => Type.Optional(Type.String()),
  uuid: () => Type.Optional(UuidString()),
  member_of: () => Type.Optional(Type.String()),
  resources: () => Type.Optional(Type.String()),
  in_tree: () => Type.Optional(UuidString()),
  required: () => Type.Optional(Type.String()),
};
const closed = { additionalProperties: false } as const;
export const listProvidersQuery: VersionedSchemas = [
  { min: '1.0', max: '1.2', schema: Type.Object({ name: q.name(), uuid: q.uuid() }, closed) },
  { min: '1.3', max: '1.3', schema: Type.Object({ name: q.name(), uuid: q.uuid(), member_of: q.member_of() }, closed) },
  { min: '1.4', max: '1.13', schema: Type.Object({ name: q.name(), uuid: q.uuid(), member_of: q.member_of(), resources: q.resources() }, closed) },
  { min: '1.14', max: '1.17', schema: Type.Object({ name: q.name(), uuid: q.uuid(), member_of: q.member_of(), resources: q.resources(), in_tree: q.in_tree() }, closed) },
  { min: '1.18', schema: Type.Object({ name: q.name(), uuid: q.uuid(), member_of: q.member_of(), resources: q.resources(), in_tree: q.in_tree(), required: q.required() }, closed) },
];

const ProviderBase = {
  uuid: Type.String(), name: Type.String(), generation: Type.Integer(), links: Type.Array(Link),
};
const Provider_1_0 = Type.Object(ProviderBase, { additionalProperties: false });
const Provider_1_14 = Type.Object({
  ...ProviderBase,
  parent_provider_uuid: Type.Union([Type.String(), Type.Null()]),
  root_provider_uuid: Type.String(),
}, { additionalProperties: false });

export const providerResponse: VersionedSchemas = [
  { min: '1.0', max: '1.13', schema: Provider_1_0 },
  { min: '1.14', schema: Provider_1_14 },
];
export const createProviderResponse: VersionedSchemas = [
  { min: '1.20', schema: Provider_1_14 },
];
export const providerListResponse: VersionedSchemas = [
  { min: '1.0', max: '1.13', schema: Type.Object({ resource_providers: Type.Array(Provider_1_0) }, { additionalProperties: false }) },
  { min: '1.14', schema: Type.Object({ resource_providers: Type.Array(Provider_1_14) }, { additionalProperties: false }) },
];
