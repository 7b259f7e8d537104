// TypeBox shapes of glance's requests and answers, for the OpenAPI documents. Glance itself
// validates against its schema documents (image-schema.ts, ...), and so does this service.
import { Type } from 'typebox';

export const ImageDoc = Type.Object({
  id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), status: Type.String(), visibility: Type.String(),
  protected: Type.Boolean(), os_hidden: Type.Boolean(), checksum: Type.Union([Type.String(), Type.Null()]),
  os_hash_algo: Type.Union([Type.String(), Type.Null()]), os_hash_value: Type.Union([Type.String(), Type.Null()]),
  owner: Type.Union([Type.String(), Type.Null()]), size: Type.Union([Type.Integer(), Type.Null()]),
  virtual_size: Type.Union([Type.Integer(), Type.Null()]), container_format: Type.Union([Type.String(), Type.Null()]),
  disk_format: Type.Union([Type.String(), Type.Null()]), min_ram: Type.Integer(), min_disk: Type.Integer(),
  created_at: Type.String(), updated_at: Type.String(), tags: Type.Array(Type.String()),
  self: Type.String(), file: Type.String(), schema: Type.String(),
}, { additionalProperties: Type.Union([Type.String(), Type.Null()]), description: 'a glance v2 image: extra properties are flattened into it' });

export const ImageListDoc = Type.Object({
  images: Type.Array(ImageDoc), first: Type.String(), next: Type.Optional(Type.String()), schema: Type.String(),
}, { additionalProperties: false });

export const ImageCreateDoc = Type.Object({
  id: Type.Optional(Type.String()), name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  visibility: Type.Optional(Type.String()), protected: Type.Optional(Type.Boolean()), os_hidden: Type.Optional(Type.Boolean()),
  container_format: Type.Optional(Type.Union([Type.String(), Type.Null()])), disk_format: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  min_ram: Type.Optional(Type.Integer()), min_disk: Type.Optional(Type.Integer()), tags: Type.Optional(Type.Array(Type.String())),
  owner: Type.Optional(Type.Union([Type.String(), Type.Null()])),
}, { additionalProperties: Type.Union([Type.String(), Type.Null()]) });

export const JsonPatchDoc = Type.Array(Type.Object({
  op: Type.String(), path: Type.String(), value: Type.Optional(Type.Unknown()),
}, { additionalProperties: false }), { description: 'application/openstack-images-v2.1-json-patch' });

export const MemberDoc = Type.Object({
  status: Type.String(), created_at: Type.String(), updated_at: Type.String(), image_id: Type.String(), member_id: Type.String(), schema: Type.String(),
}, { additionalProperties: false });
export const MemberListDoc = Type.Object({ members: Type.Array(MemberDoc), schema: Type.String() }, { additionalProperties: false });
export const MemberCreateDoc = Type.Object({ member: Type.String() }, { additionalProperties: false });
export const MemberUpdateDoc = Type.Object({ status: Type.String() }, { additionalProperties: false });
export const ImportDoc = Type.Object({
  method: Type.Object({ name: Type.String(), uri: Type.Optional(Type.String()) }, { additionalProperties: true }),
  all_stores: Type.Optional(Type.Boolean()), all_stores_must_succeed: Type.Optional(Type.Boolean()), stores: Type.Optional(Type.Array(Type.String())),
}, { additionalProperties: true });
export const TaskListDoc = Type.Object({ tasks: Type.Array(Type.Object({}, { additionalProperties: true })) }, { additionalProperties: false });
export const TaskPageDoc = Type.Object({
  tasks: Type.Array(Type.Object({}, { additionalProperties: true })), first: Type.String(), next: Type.Optional(Type.String()), schema: Type.String(),
}, { additionalProperties: false });
export const SchemaDoc = Type.Object({}, { additionalProperties: true, description: 'a JSON schema document' });
export const VersionsDoc = Type.Object({ versions: Type.Array(Type.Object({}, { additionalProperties: true })) }, { additionalProperties: false });
export const InfoImportDoc = Type.Object({ 'import-methods': Type.Object({}, { additionalProperties: true }) }, { additionalProperties: false });
export const ErrorDoc = Type.String({ description: "webob's error page (HTML, JSON or text after Accept)" });
export const NoBody = Type.Null({ description: 'no body' });
export const DataDoc = Type.String({ description: 'image data (application/octet-stream)' });
