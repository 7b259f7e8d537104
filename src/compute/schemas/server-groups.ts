// Request schemas of os-server-groups (nova/api/openstack/compute/schemas/server_groups.py):
// 2.1 policies [affinity | anti-affinity], 2.15 adds the soft policies, 2.64 replaces the
// list by `policy` and adds `rules` (max_server_per_host, only for anti-affinity).
import { Type, type TSchema } from 'typebox';
import * as p from './parameter-types.js';
import type { VersionedSchema } from '../routes/route-types.js';

const raw = <T = unknown>(schema: Record<string, unknown>) => Type.Unsafe<T>(schema);

const HARD = ['anti-affinity', 'affinity'];
const SOFT = ['soft-anti-affinity', 'soft-affinity'];

/** One item, one of the enumerated values ("additionalItems": False never adds to maxItems). */
const policies = (names: string[]) => raw<string[]>({
  type: 'array', items: [{ type: 'string', enum: names }], uniqueItems: true, minItems: 1, maxItems: 1, additionalItems: false,
});

function createBody(group: Record<string, TSchema>, required: string[]): TSchema {
  const shaped: Record<string, TSchema> = {};
  for (const [k, s] of Object.entries(group)) shaped[k] = required.includes(k) ? s : Type.Optional(s);
  return Type.Object({ server_group: Type.Object(shaped, { additionalProperties: false }) }, { additionalProperties: false });
}

const rules = Type.Object({ max_server_per_host: Type.Optional(p.positiveInteger) }, { additionalProperties: false });

/** POST /os-server-groups, one row per @validation.schema window. */
export const serverGroupCreateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.14', schema: createBody({ name: p.name, policies: policies(HARD) }, ['name', 'policies']) },
  { min: '2.15', max: '2.63', schema: createBody({ name: p.name, policies: policies([...HARD, ...SOFT]) }, ['name', 'policies']) },
  {
    min: '2.64',
    schema: createBody({ name: p.name, policy: raw<string>({ type: 'string', enum: [...HARD, ...SOFT] }), rules }, ['name', 'policy']),
  },
];

const indexQueryProperties = {
  all_projects: p.multiParams(Type.String()),
  limit: p.multiParams(p.nonNegativeInteger),
  offset: p.multiParams(p.nonNegativeInteger),
};
/** GET /os-server-groups: unknown parameters ignored until 2.75, refused from it. */
export const serverGroupsIndexQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.74', schema: Type.Partial(Type.Object(indexQueryProperties), { additionalProperties: true }) },
  { min: '2.75', schema: Type.Partial(Type.Object(indexQueryProperties), { additionalProperties: false }) },
];
