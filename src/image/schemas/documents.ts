// TypeBox shapes of glance's requests and answers, for the OpenAPI documents. Glance itself
// validates against its schema documents (image-schema.ts, ...), and so does this service.
import { Type, type TSchema } from 'typebox';

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
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** GET /v2/images/{id}/tasks: the tasks of an image (taskView). */
export const ImageTaskDoc = Type.Object({
  id: Type.String(), type: Type.String(), status: Type.String(), owner: Nullable(Type.String()), expires_at: Type.Null(),
  created_at: Type.String(), updated_at: Type.String(), deleted_at: Type.Null(), deleted: Type.Boolean(), image_id: Nullable(Type.String()),
  request_id: Type.Null(), user_id: Type.Null(), input: Type.Unknown(), result: Type.Unknown(), message: Nullable(Type.String()),
}, { additionalProperties: false });
export const TaskListDoc = Type.Object({ tasks: Type.Array(ImageTaskDoc) }, { additionalProperties: false });
/** GET /v2/tasks items (tasks.py _format_task_stub). */
const TaskStubDoc = Type.Object({
  id: Type.String(), type: Type.String(), status: Type.String(), owner: Nullable(Type.String()), created_at: Type.String(), updated_at: Type.String(),
  self: Type.String(), schema: Type.String(),
}, { additionalProperties: false });
export const TaskPageDoc = Type.Object({
  tasks: Type.Array(TaskStubDoc), first: Type.String(), next: Type.Optional(Type.String()), schema: Type.String(),
}, { additionalProperties: false });
/** POST /v2/tasks, GET /v2/tasks/{id} (tasks.py _format_task). */
export const TaskDoc = Type.Object({
  id: Type.String(), input: Type.Unknown(), type: Type.String(), status: Type.String(), owner: Nullable(Type.String()), message: Nullable(Type.String()),
  result: Type.Unknown(), created_at: Type.String(), updated_at: Type.String(), self: Type.String(), schema: Type.String(),
  image_id: Type.Optional(Type.String()),
}, { additionalProperties: false });
/** A task as POST /v2/tasks takes it (glance validates it against its task schema). */
export const TaskCreateDoc = Type.Object({ type: Type.String(), input: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: true });
/** GET /v2/schemas/...: a JSON Schema document (glance's, served as data). */
export const SchemaDoc = Type.Object({
  name: Type.String(), properties: Type.Record(Type.String(), Type.Unknown()),
  additionalProperties: Type.Optional(Type.Unknown()), links: Type.Optional(Type.Array(Type.Unknown())), required: Type.Optional(Type.Array(Type.String())),
}, { additionalProperties: true, description: 'a JSON Schema document' });
export const VersionsDoc = Type.Object({
  versions: Type.Array(Type.Object({
    id: Type.String(), status: Type.String(), links: Type.Array(Type.Object({ rel: Type.String(), href: Type.String() }, { additionalProperties: false })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
export const InfoImportDoc = Type.Object({
  'import-methods': Type.Object({ description: Type.String(), type: Type.Literal('array'), value: Type.Array(Type.String()) }, { additionalProperties: false }),
}, { additionalProperties: false });
export const ErrorDoc = Type.Object({
  message: Type.String(), code: Type.String({ description: "the status line, e.g. '404 Not Found'" }), title: Type.String(),
}, { additionalProperties: false, description: "webob's error (its JSON form; HTML or plain text after the Accept header)" });
export const NoBody = Type.Null({ description: 'no body' });
export const DataDoc = Type.String({ description: 'image data (application/octet-stream)' });
