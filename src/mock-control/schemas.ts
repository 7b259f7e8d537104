// TypeBox schemas of the control plane: Fastify validates every body with them (unknown fields
// refused, nothing coerced: http/strict-validator.ts), they type the handlers and document the
// routes (OpenAPI). Shapes follow the control plane the project's real-Nova oracle serves.
import { Type, type Static, type TSchema } from 'typebox';
import { POLICY_PROFILES } from '../config.js';
import { FAULT_OPERATIONS } from '../driver/fault-plan.js';
import { DRIVER_PRESETS } from '../driver/fake-driver.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const ErrorBody = Type.Object({ error: Type.String() }, { additionalProperties: false });

export const HostInput = Type.Object({
  name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$' }),
  vcpus: Type.Optional(Type.Integer({ minimum: 1 })),
  memory_mb: Type.Optional(Type.Integer({ minimum: 1 })),
  local_gb: Type.Optional(Type.Integer({ minimum: 1 })),
  traits: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9_]+$' }))),
  driver: Type.Optional(Type.Enum(Object.keys(DRIVER_PRESETS))),
}, { additionalProperties: false });
export type HostInput = Static<typeof HostInput>;

export const HostView = Type.Object({
  name: Type.String(),
  vcpus: Type.Integer(),
  memory_mb: Type.Integer(),
  local_gb: Type.Integer(),
  traits: Type.Array(Type.String()),
  driver: Type.String(),
  resource_provider: Nullable(Type.String()),
}, { additionalProperties: false });

/** Body of POST /_mock/reset: all optional. `hosts: []` means no compute hosts at all. */
export const ResetBody = Type.Optional(Type.Object({
  profile: Type.Optional(Type.Enum(POLICY_PROFILES)),
  hosts: Type.Optional(Type.Array(HostInput)),
  config: Type.Optional(Type.Object({
    allow_resize_to_same_host: Type.Optional(Type.Boolean()),
    reclaim_instance_interval: Type.Optional(Type.Integer()),
    periodic_interval: Type.Optional(Type.Integer()),
  }, { additionalProperties: true })),
  networking: Type.Optional(Type.Object({
    networks: Type.Array(Type.Object({ name: Type.String() }, { additionalProperties: true, description: 'a network: its attributes plus `subnets` (subnet attributes)' })),
    routers: Type.Array(Type.Object({ name: Type.String(), project_id: Type.Optional(Type.String()), gateway: Type.Optional(Type.String()), interfaces: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false })),
    agent_hosts: Type.Optional(Type.Array(Type.String())),
  }, { additionalProperties: false, description: 'replaces the devstack networks, subnets and routers' })),
}, { additionalProperties: true }));
export type ResetBody = Static<typeof ResetBody>;

export const ResetReply = Type.Object({
  reset: Type.Object({
    hosts: Type.Array(HostView),
    config: Type.Object({}, { additionalProperties: true }),
    profile: Type.String(),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export const FaultInput = Type.Object({
  operation: Type.Enum(FAULT_OPERATIONS, { description:
    'The nova virt-driver method (or prep_resize, the destination claim) that raises. `spawn` fires where a ' +
    "deployment's driver spawns a guest: boots and rebuilds (nova's _rebuild_default_impl), not the finish of a " +
    "resize or cold migration (nova's fake driver re-uses spawn in finish_migration, libvirt does not): fail that " +
    'step with `finish_migration`.' }),
  host: Type.Optional(Nullable(Type.String())),
  server: Type.Optional(Nullable(Type.String())),
  times: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  error: Type.Optional(Nullable(Type.Object({
    type: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'an exception class name (default TestingException)' })),
    message: Type.Optional(Nullable(Type.String())),
  }, { additionalProperties: false }))),
}, { additionalProperties: false });
export type FaultInput = Static<typeof FaultInput>;

export const FaultView = Type.Object({
  id: Type.String(),
  operation: Type.String(),
  host: Nullable(Type.String()),
  server: Nullable(Type.String()),
  times: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Object({ type: Type.String(), message: Nullable(Type.String()) }, { additionalProperties: false }),
  fired: Type.Integer(),
}, { additionalProperties: false });

/** Body of POST /_mock/progress (optional; other fields are ignored, as they always were). */
export const ProgressBody = Type.Optional(Type.Object({ steps: Type.Optional(Type.Integer({ minimum: 1, description: 'default: every waiting step' })) }, { additionalProperties: true }));
export type ProgressBody = Static<typeof ProgressBody>;
export const ProgressReply = Type.Object({
  progression: Type.Optional(Type.String()),
  advanced: Type.Optional(Type.Integer()),
  waiting: Type.Array(Type.String()),
}, { additionalProperties: false });

export const AuditReply = Type.Object({
  audit: Type.Array(Type.Object({
    kind: literals(['orphaned_allocation', 'flavor_mismatch', 'missing_allocation', 'orphaned_volume_attachment', 'volume_attached_to_no_server', 'volume_status_mismatch', 'image_stranded', 'leaked_port', 'port_host_mismatch']),
    consumer: Type.String(),
    resource_provider: Type.Optional(Type.String()),
    resources: Type.Optional(Type.Record(Type.String(), Type.Integer())),
    detail: Type.String(),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const NameParam = Type.Object({ name: Type.String() }, { additionalProperties: false });
export const IdParam = Type.Object({ id: Type.String() }, { additionalProperties: false });
