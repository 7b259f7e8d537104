// os-quota-class-sets (quota_classes.py): the 'default' class is what every project falls back
// to. Per version: server group quotas appear at 2.50 while the network ones go; 2.57 drops
// the injected-file ones.

import { QuotaClassSet } from '../schemas/responses/resources.js';
import { Type, type TSchema } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import type { Microversion } from '../../http/microversion.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

const ALL = ['cores', 'fixed_ips', 'floating_ips', 'injected_file_content_bytes', 'injected_file_path_bytes', 'injected_files',
  'instances', 'key_pairs', 'metadata_items', 'ram', 'security_group_rules', 'security_groups', 'server_group_members', 'server_groups'];
const NETWORK = ['fixed_ips', 'floating_ips', 'security_group_rules', 'security_groups'];
const INJECTED = ['injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes'];
const SERVER_GROUPS = ['server_groups', 'server_group_members'];

function resources(v: Microversion): string[] {
  if (v.lessThan('2.50')) return ALL.filter((r) => !SERVER_GROUPS.includes(r));
  if (v.lessThan('2.57')) return ALL.filter((r) => !NETWORK.includes(r));
  return ALL.filter((r) => !NETWORK.includes(r) && !INJECTED.includes(r));
}

const quotaValue = Type.Unsafe<number | string>({ type: ['integer', 'string'], pattern: '^-?[0-9]+$', minimum: -1, maximum: 0x7fffffff });
function updateSchema(names: string[]): TSchema {
  const props: Record<string, TSchema> = {};
  for (const r of names) props[r] = Type.Optional(quotaValue);
  return Type.Object({ quota_class_set: Type.Object(props, { additionalProperties: false }) }, { additionalProperties: false });
}
/** schemas/quota_classes.py: the update schemas keep 'networks' and the server group quotas at 2.1. */
const updateBody: VersionedSchema[] = [
  { min: '2.1', max: '2.49', schema: updateSchema([...ALL, 'networks']) },
  { min: '2.50', max: '2.56', schema: updateSchema(ALL.filter((r) => !NETWORK.includes(r))) },
  { min: '2.57', schema: updateSchema(ALL.filter((r) => !NETWORK.includes(r) && !INJECTED.includes(r))) },
];

function view(ctx: RouteContext, id: string | null, className: string) {
  const limits = ctx.service.store.quotas.classLimits(className);
  const out: Record<string, unknown> = id === null ? {} : { id };
  for (const r of resources(ctx.version)) out[r] = limits[r] ?? -1;
  return { quota_class_set: out };
}

export const quotaClassRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-quota-class-sets/:class_name', responses: { 200: QuotaClassSet }, summary: 'Show a quota class (admin)',
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-quota-class-sets:show');
      return { status: 200, body: view(ctx, ctx.params.class_name!, ctx.params.class_name!) };
    },
  },
  {
    method: 'PUT', url: '/os-quota-class-sets/:class_name', responses: { 200: QuotaClassSet }, summary: 'Update a quota class (admin)', body: updateBody,
    handler: (ctx) => {
      requireAdmin(ctx.auth, 'os_compute_api:os-quota-class-sets:update');
      const name = ctx.params.class_name!;
      if (name.length > 255) throw new ApiError(400, null, 'quota_class_name has a maximum length of 255.');
      const values: Record<string, number> = {};
      for (const [k, v] of Object.entries(ctx.body.quota_class_set as Record<string, unknown>)) values[k] = Number(v);
      ctx.service.store.quotas.setClassLimits(name, values);
      return { status: 200, body: view(ctx, null, name) };
    },
  },
];
