// OpenAPI schemas derived from the attribute maps (attributes.ts is the one source: the
// request checks read the same maps). Bodies are documented, not validated, here: neutron
// words its own validation errors (request-body.ts).
import { Type, type TSchema } from 'typebox';
import type { Attribute, ResourceKind } from '../attributes.js';

function attributeSchema(a: Attribute): TSchema {
  switch (a.doc) {
    case 'string': return Type.Union([Type.String(), Type.Null()]);
    case 'boolean': return Type.Boolean();
    case 'integer': return Type.Union([Type.Integer(), Type.Null()]);
    case 'array': return Type.Array(Type.Unknown());
    case 'object': return Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]);
    default: return Type.Unknown();
  }
}

/** The resource as GET shows it. */
export function resourceView(kind: ResourceKind): TSchema {
  const props: Record<string, TSchema> = {};
  for (const [name, a] of Object.entries(kind.attributes)) props[name] = Type.Optional(attributeSchema(a));
  return Type.Object(props, { additionalProperties: false, $id: undefined, title: kind.singular });
}

/** What POST (create) or PUT (update) accepts. */
export function resourceInput(kind: ResourceKind, method: 'post' | 'put'): TSchema {
  const props: Record<string, TSchema> = {};
  for (const [name, a] of Object.entries(kind.attributes)) {
    if (!a[method]) continue;
    props[name] = method === 'post' && !('default' in a) && name !== 'tenant_id' && name !== 'project_id' ? attributeSchema(a) : Type.Optional(attributeSchema(a));
  }
  return Type.Object({ [kind.singular]: Type.Object(props, { additionalProperties: false }) }, { additionalProperties: false });
}

export const NeutronErrorBody = Type.Object({
  NeutronError: Type.Object({ type: Type.String(), message: Type.String(), detail: Type.String() }, { additionalProperties: false }),
}, { additionalProperties: false });

export const Links = Type.Array(Type.Object({ rel: Type.String(), href: Type.String() }, { additionalProperties: false }));

export const AnyObject = Type.Object({}, { additionalProperties: true });
