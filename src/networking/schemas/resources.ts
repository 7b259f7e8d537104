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

/** keystonemiddleware's 401 (no or bad token), before neutron sees the request. */
export const KeystoneUnauthorized = Type.Object({
  error: Type.Object({ code: Type.Literal(401), title: Type.String(), message: Type.String() }, { additionalProperties: false }),
}, { additionalProperties: false });

export const Links = Type.Array(Type.Object({ rel: Type.String(), href: Type.String() }, { additionalProperties: false }));

export const AnyObject = Type.Object({}, { additionalProperties: true });

// The answers of the routes that are not resource collections (routes/extras.ts).
const Str = Type.String();
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const obj = (props: Record<string, TSchema>) => Type.Object(props, { additionalProperties: false });
const RelLinks = Type.Array(obj({ rel: Str, href: Str }));
export const VersionsView = obj({ versions: Type.Array(obj({ id: Str, status: Str, links: RelLinks })) });
export const CoreResourcesView = obj({ resources: Type.Array(obj({ name: Str, collection: Str, links: RelLinks })) });
const Extension = obj({ name: Str, alias: Str, description: Str, updated: Str, links: Type.Array(Type.Unknown()) });
export const ExtensionListView = obj({ extensions: Type.Array(Extension) });
export const ExtensionView = obj({ extension: Extension });
export const RouterInterfaceView = obj({ id: Str, tenant_id: Str, port_id: Str, network_id: Str, subnet_id: Str, subnet_ids: Type.Array(Str) });
const QuotaLimits = Type.Record(Type.String(), Type.Integer(), { description: 'resource -> limit (-1: unlimited)' });
export const QuotaListView = obj({ quotas: Type.Array(Type.Record(Type.String(), Type.Union([Type.Integer(), Type.String()]), { description: 'the limits, project_id and tenant_id' })) });
export const QuotaView = obj({ quota: QuotaLimits });
export const QuotaDetailsView = obj({ quota: Type.Record(Type.String(), obj({ limit: Type.Integer(), used: Type.Integer(), reserved: Type.Integer() })) });
export const AutoAllocatedTopologyView = obj({ auto_allocated_topology: obj({ id: Str, project_id: Str, tenant_id: Str }) });
export const FloatingIpPoolsView = obj({
  floatingip_pools: Type.Array(obj({ subnet_id: Str, subnet_name: Str, tenant_id: Str, network_id: Str, cidr: Str, project_id: Str })),
});
export const AvailabilityZonesView = obj({ availability_zones: Type.Array(obj({ name: Str, resource: Str, state: Str })) });
export const AgentsView = obj({
  agents: Type.Array(obj({
    binary: Str, agent_type: Str, host: Str, topic: Str, alive: Type.Boolean(), admin_state_up: Type.Boolean(),
    availability_zone: NullableStr, resources_synced: Type.Union([Type.Boolean(), Type.Null()]), description: NullableStr,
    configurations: Type.Record(Type.String(), Type.Unknown()),
    id: Type.Optional(Str), created_at: Type.Optional(Str), started_at: Type.Optional(Str), heartbeat_timestamp: Type.Optional(Str),
  }, )),
});
