// images.py RequestDeserializer.update: the media type picks the JSON-patch draft (v2.0 =
// draft 4 {"replace": "/name", "value": ...}, v2.1 = draft 10 {"op", "path", "value"}), then
// each operation's pointer and value are checked with glance's messages.
import { explained } from './image-error.js';
import type { JsonPatchChange } from './image-service.js';
import { IMAGE_SCHEMA } from './schemas/image-schema.js';
import { validateJson } from '../http/python/json-schema-check.js';

const MEDIA_TYPES: Record<string, 4 | 10> = {
  'application/openstack-images-v2.0-json-patch': 4,
  'application/openstack-images-v2.1-json-patch': 10,
};
const OPS = ['add', 'remove', 'replace'] as const;
const READONLY = ['created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size', 'direct_url', 'self', 'file', 'schema', 'id', 'os_hash_algo', 'os_hash_value'];
const RESERVED = ['location', 'deleted', 'deleted_at'];
const DEPTH: Record<string, Record<string, number>> = { locations: { add: 2, remove: 2, replace: 1 } };
const BASE_PROPERTIES = IMAGE_SCHEMA.properties as Record<string, { type?: unknown }>;

export function parseJsonPatch(contentType: string | undefined, body: unknown): JsonPatchChange[] {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const draft = MEDIA_TYPES[mediaType];
  if (draft === undefined) {
    throw explained(415, `The request media type ${mediaType} is not supported by this server.`,
      { 'accept-patch': Object.keys(MEDIA_TYPES).sort().join(', ') });
  }
  if (body === undefined) throw explained(400, 'Body expected in request.');
  if (!Array.isArray(body)) throw explained(400, 'Request body must be a JSON array of operation objects.');
  return body.map((raw: unknown) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw explained(400, 'Operations must be JSON objects.');
    const r = raw as Record<string, unknown>;
    let op: (typeof OPS)[number];
    let pointer: unknown;
    if (draft === 10) {
      if (r.op === undefined || r.op === null) throw explained(400, `Unable to find \`op\` in JSON Schema change. It must be one of the following: ${OPS.join(', ')}.`);
      if (!(OPS as readonly unknown[]).includes(r.op)) throw explained(400, `Invalid operation: \`${String(r.op)}\`. It must be one of the following: ${OPS.join(', ')}.`);
      op = r.op as (typeof OPS)[number];
      if (!('path' in r)) throw explained(400, "Unable to find 'path' in JSON Schema change");
      pointer = r.path;
    } else {
      const present = OPS.filter((o) => o in r);
      if (present.length > 1) throw explained(400, 'Operation objects must contain only one member named "add", "remove", or "replace".');
      if (!present.length) throw explained(400, 'Operation objects must contain exactly one member named "add", "remove", or "replace".');
      op = present[0]!;
      pointer = r[op];
    }
    const path = decodePointer(String(pointer));
    const root = path[0]!;
    if (path.length !== (DEPTH[root]?.[op] ?? 1)) throw explained(400, `Invalid JSON pointer for this resource: '/${path.join('/')}'`);
    const change: JsonPatchChange = { op, path, draft };
    if (op !== 'remove') {
      if (!('value' in r)) throw explained(400, `Operation "${op}" requires a member named "value".`);
      change.value = r.value;
    }
    if (READONLY.includes(root)) throw explained(403, `Attribute '${root}' is read-only.`);
    if (RESERVED.includes(root) || root.startsWith('os_glance')) throw explained(403, `Attribute '${root}' is reserved.`);
    if (op !== 'remove') {
      let partial: Record<string, unknown> | null = null;
      if (path.length === 1) partial = { [root]: change.value };
      else if (BASE_PROPERTIES[root]?.type === 'array') partial = { [root]: [change.value] };
      if (partial) {
        const reason = validateJson(IMAGE_SCHEMA, partial);
        if (reason !== null) throw explained(400, `Provided object does not match schema 'image': ${reason}`);
      }
    }
    return change;
  });
}

/** _decode_json_pointer with _validate_json_pointer's checks. */
function decodePointer(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw explained(400, `Pointer \`${pointer}\` does not start with "/".`);
  if (/\/\s*?\//.test(pointer.slice(1))) throw explained(400, `Pointer \`${pointer}\` contains adjacent "/".`);
  if (pointer.length > 1 && pointer.endsWith('/')) throw explained(400, `Pointer \`${pointer}\` end with "/".`);
  if (pointer.slice(1).trim() === '/') throw explained(400, `Pointer \`${pointer}\` does not contains valid token.`);
  if (/~[^01]/.test(pointer) || pointer.endsWith('~')) throw explained(400, `Pointer \`${pointer}\` contains "~" not part of a recognized escape sequence.`);
  return pointer.replace(/^\/+/, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~').trim());
}
