// GET /servers query -> the store's InstanceFilter, following servers.py _get_servers:
// non-admin options are dropped silently (remove_invalid_options), status maps to vm/task
// states, all_tenants needs admin, deleted/changes-since/changes-before interplay.
import { isoTimeToUtcString } from '../../http/python/iso8601.js';
import { checkPythonRegex } from '../../http/python/regex.js';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { lastParam } from './paging.js';
import { idFromHref } from './href-ids.js';
import { vmStatesForStatus } from '../server-states.js';
import { boolFromString, strictBool } from '../schemas/parameter-types.js';
import type { InstanceFilter } from '../../compute-db/instances-store.js';
import type { VmState } from '../../compute-db/records.js';
import type { RouteContext } from './route-types.js';

/** Search options a non-admin may use, by the version that allowed them. */
function userSearchOptions(ctx: RouteContext): Set<string> {
  const opts = ['reservation_id', 'name', 'status', 'image', 'flavor', 'ip', 'changes-since', 'all_tenants'];
  if (ctx.version.atLeast('2.5')) opts.push('ip6');
  if (ctx.version.atLeast('2.26')) opts.push('tags', 'tags-any', 'not-tags', 'not-tags-any');
  if (ctx.version.atLeast('2.66')) opts.push('changes-before');
  if (ctx.version.atLeast('2.73')) opts.push('locked');
  if (ctx.version.atLeast('2.83')) {
    opts.push('availability_zone', 'config_drive', 'key_name', 'created_at', 'launched_at', 'terminated_at',
      'power_state', 'task_state', 'vm_state', 'progress', 'user_id');
  }
  return new Set(opts);
}

const PAGING = new Set(['limit', 'marker', 'sort_key', 'sort_dir']);
/** schemas/servers.py JOINED_TABLE_QUERY_PARAMS_SERVERS */
const JOINED = new Set(['block_device_mapping', 'services', 'metadata', 'pci_devices', 'security_groups', 'info_cache', 'system_metadata']);

type SortKey = NonNullable<InstanceFilter['sortKeys']>[number]['key'];
const SORTABLE: Record<string, SortKey> = {
  created_at: 'created_at', updated_at: 'updated_at', display_name: 'display_name', uuid: 'uuid', vm_state: 'vm_state',
  task_state: 'task_state', host: 'host', launched_at: 'launched_at',
};

function parseTime(raw: string, name: string): string {
  const t = isoTimeToUtcString(raw);
  if (t === null) throw new ApiError(400, null, `Invalid filter field: ${name}.`);
  return t;
}


/** A regex filter's value; valid Python that RE2 cannot run is refused rather than guessed. */
function regexParam(opts: Map<string, string>, key: string): string {
  const v = opts.get(key)!;
  if (checkPythonRegex(v) === 'unsupported') {
    throw new ApiError(400, null, `Invalid input for query parameters ${key}. Value: ${v}. This server matches regular expressions in linear time (RE2): look-around, back-references, possessive quantifiers and verbose mode are not supported.`);
  }
  return v;
}

/**
 * The `ip` / `ip6` options (ip6 from 2.5) a caller may use. Neutron announces
 * ip-substring-filtering, so nova's get_all answers them with _ip_filter_using_neutron: the
 * device ids of the ports whose fixed IP contains the value (not its in-memory regex).
 */
export function ipSearch(ctx: RouteContext): string[] {
  const allowed = ctx.auth.isAdmin ? null : userSearchOptions(ctx);
  const out: string[] = [];
  for (const key of ['ip', 'ip6']) {
    if (ctx.query[key] === undefined || (allowed && !allowed.has(key))) continue;
    const v = lastParam(ctx.query, key);
    if (v) out.push(v);
  }
  return out;
}

/** null = the answer is an empty list (pre-2.38 unknown status, unknown flavor). */
export function serverListFilter(ctx: RouteContext, detail: boolean): InstanceFilter | null {
  const q = ctx.query;
  const allowed = ctx.auth.isAdmin ? null : userSearchOptions(ctx);
  const opts = new Map<string, string>();
  for (const key of Object.keys(q)) {
    if (PAGING.has(key)) continue;
    if (allowed && !allowed.has(key)) continue;
    if (JOINED.has(key) || key.startsWith('_')) throw new ApiError(400, null, `Invalid filter field: ${key}.`);
    opts.set(key, lastParam(q, key)!);
  }
  const f: { -readonly [K in keyof InstanceFilter]: InstanceFilter[K] } = {};

  if (q.status !== undefined && (allowed === null || allowed.has('status'))) {
    const vm = new Set<VmState>();
    let tasks: (string | null)[] | null = [];
    for (const st of q.status) {
      const m = vmStatesForStatus(st);
      m.vmStates.forEach((s) => vm.add(s));
      if (m.taskStates === null) tasks = null;
      else if (tasks !== null) tasks.push(...m.taskStates);
    }
    if (vm.size === 0) {
      if (ctx.version.atLeast('2.38')) throw new ApiError(400, null, 'Invalid status value');
      return null;
    }
    f.vmStates = [...vm];
    if (tasks !== null && tasks.length > 0) f.taskStates = tasks;
  }
  const since = opts.get('changes-since');
  const before = opts.get('changes-before');
  if (since !== undefined) f.changesSince = parseTime(since, 'changes-since');
  if (before !== undefined) {
    f.changesBefore = parseTime(before, 'changes-before');
    if (f.changesSince && f.changesBefore < f.changesSince) {
      throw new ApiError(400, null, 'The value of changes-since must be less than or equal to changes-before.');
    }
  }
  if (opts.has('deleted')) f.deleted = boolFromString(opts.get('deleted')) ? 'only' : 'exclude';
  else if (since !== undefined || before !== undefined) f.deleted = 'include';
  else f.deleted = 'exclude';
  f.softDeletedAsDeleted = true;
  if (f.vmStates?.length === 1 && f.vmStates[0] === 'deleted') {
    if (!ctx.auth.isAdmin) throw new ApiError(403, null, 'Only administrators may list deleted instances');
    f.deleted = 'only';
  }

  // common.is_all_tenants: present and empty means yes, otherwise a strict boolean
  const allTenantsRaw = opts.get('all_tenants');
  const allTenants = allTenantsRaw !== undefined && (allTenantsRaw === '' || strictBool(allTenantsRaw));
  if (allTenants) {
    requireAdmin(ctx.auth, `os_compute_api:servers:${detail ? 'detail' : 'index'}:get_all_tenants`);
    const project = opts.get('project_id') ?? opts.get('tenant_id');
    if (project !== undefined) f.projectId = project;
  } else {
    f.projectId = ctx.auth.projectId;
  }
  if (opts.has('user_id')) f.userId = opts.get('user_id');
  if (opts.has('name')) f.name = regexParam(opts, 'name');
  if (opts.has('host')) f.host = opts.get('host');
  if (opts.has('node')) f.node = regexParam(opts, 'node');
  if (opts.has('reservation_id')) f.reservationId = regexParam(opts, 'reservation_id');
  if (opts.has('availability_zone')) f.availabilityZone = regexParam(opts, 'availability_zone');
  if (opts.has('uuid')) f.uuids = [opts.get('uuid')!];
  if (opts.has('image')) f.imageRef = idFromHref(opts.get('image')!);
  if (opts.has('locked')) f.locked = strictBool(opts.get('locked')!);
  if (opts.has('flavor')) {
    const flavor = ctx.service.store.flavors.get(idFromHref(opts.get('flavor')!));
    if (!flavor) return null;
    f.flavorId = flavor.id;
  }
  if (ctx.version.atLeast('2.26')) {
    const list = (k: string) => opts.get(k)!.split(',');
    if (opts.has('tags')) f.tags = list('tags');
    if (opts.has('tags-any')) f.tagsAny = list('tags-any');
    if (opts.has('not-tags')) f.notTags = list('not-tags');
    if (opts.has('not-tags-any')) f.notTagsAny = list('not-tags-any');
  }
  if (opts.has('key_name')) f.keyName = regexParam(opts, 'key_name');
  // ip/ip6: resolved through Neutron by the route (ipSearch), not in the store
  if (opts.has('vm_state') && !f.vmStates) f.vmStates = q.vm_state as VmState[];
  if (opts.has('task_state') && !f.taskStates) f.taskStates = q.task_state!.map((t) => (t === 'None' ? null : t));

  // common.get_sort_params; host/node sort keys are admin-only (remove_invalid_sort_keys)
  const keys = q.sort_key ?? [];
  const dirs = q.sort_dir ?? [];
  const sortKeys: { key: SortKey; dir: 'asc' | 'desc' }[] = [];
  keys.forEach((k, n) => {
    const key = SORTABLE[k];
    if (!key || (!ctx.auth.isAdmin && (k === 'host' || k === 'node'))) return;
    sortKeys.push({ key, dir: (dirs[n] ?? dirs[0] ?? 'desc') === 'asc' ? 'asc' : 'desc' });
  });
  if (sortKeys.length > 0) f.sortKeys = sortKeys;
  return f;
}
