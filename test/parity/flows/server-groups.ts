// Server groups: the os-server-groups API per microversion, boots into affinity /
// anti-affinity / soft groups (where the scheduler puts the members, NoValidHost when the
// policy cannot be met), max_server_per_host (2.64), a cold migrate that must honour
// anti-affinity, and the bad requests (schema, unknown group hint, quotas).
// A group's uuid is named GROUP_n like a server's, so answers compare across the two sides.
import { action, addHost, fault, IMAGE, type Step, type StepContext, type Flow } from '../lib/flow.js';
import type { RequestOptions } from '../lib/target.js';

const UNKNOWN = '9a6b8e1c-0000-4000-8000-00000000beef';
/** A member of another project (roles reader, member on both sides). */
const OTHER = 'other:0123456789abcdef0123456789abcdef';
/** The groups of the current run (one Normalizer per flow run and side). */
const groupsOfRun = new WeakMap<object, Map<string, string>>();

function groups(ctx: StepContext): Map<string, string> {
  let m = groupsOfRun.get(ctx.norm);
  if (!m) groupsOfRun.set(ctx.norm, (m = new Map()));
  return m;
}

/** Replace {GROUP_1} / {SERVER_1} in a path or a body's strings with the uuid. */
function fill(ctx: StepContext, text: string): string {
  return text.replace(/\{(\w+)\}/g, (_, sym: string) => groups(ctx).get(sym) ?? ctx.uuid(sym));
}

/** POST /os-server-groups; the new group's uuid is named `sym`. */
function createGroup(sym: string, group: Record<string, unknown>, opts: { version?: string; expect?: number; token?: string } = {}): Step {
  return {
    name: `create ${sym} (${String(group.policy ?? (group.policies as string[] | undefined)?.[0])}${opts.version ? ` at ${opts.version}` : ''}${opts.token ? ` as ${opts.token}` : ''})`,
    observe: false,
    expect: { answer: opts.expect ?? 200 },
    async run(ctx) {
      const res = await ctx.t.compute('POST', '/os-server-groups', { body: { server_group: group }, version: opts.version, token: opts.token });
      const id = (res.body as { server_group?: { id?: string } })?.server_group?.id;
      if (res.status === 200 && id) {
        groups(ctx).set(sym, id);
        ctx.norm.name(id, sym);
      }
      return res;
    },
  };
}

/** Any compute request with {GROUP_n}/{SERVER_n} filled in the path and the JSON body. */
function groupCall(name: string, method: string, path: string, opts: RequestOptions & { version?: string; expect?: number; observe?: boolean } = {}): Step {
  return {
    name,
    observe: opts.observe ?? false,
    expect: opts.expect === undefined ? undefined : { answer: opts.expect },
    run: (ctx) => ctx.t.compute(method, fill(ctx, path), {
      ...opts,
      body: opts.body === undefined ? undefined : JSON.parse(fill(ctx, JSON.stringify(opts.body))),
    }),
  };
}

/** boot() with the group scheduler hint; the server is tracked as `sym`. */
function bootInGroup(sym: string, group: string, status: string, opts: { flavor?: string; az?: string } = {}): Step {
  return {
    name: `boot ${sym} in ${group}${opts.az ? ` (availability_zone ${opts.az})` : ''}`,
    // Right after the 202 the real server is BUILD, but one that fails scheduling may already be
    // ERROR there (the scheduler is quick to refuse): compared for the successful boots only.
    // A forced host is built so fast there that it may be ACTIVE already.
    compareSeen: status === 'ERROR' || opts.az ? undefined : 'status',
    expect: { answer: 202, status: { [sym]: status } },
    async run(ctx) {
      const server: Record<string, unknown> = { name: sym.toLowerCase(), imageRef: IMAGE, flavorRef: opts.flavor ?? '1', networks: 'none' };
      if (opts.az) server.availability_zone = opts.az;
      const res = await ctx.t.compute('POST', '/servers', {
        body: { server, 'os:scheduler_hints': { group: groups(ctx).get(group) ?? group } },
      });
      const id = (res.body as { server?: { id?: string } })?.server?.id;
      if (res.status === 202 && id) {
        ctx.tracked.set(sym, id);
        ctx.norm.name(id, sym);
      }
      return res;
    },
  };
}

/**
 * One POST /servers with min_count = max_count = syms.length into the group; every server of the
 * reservation is tracked, SERVER_n in launch order (names "<name>-1", "<name>-2", ...).
 */
function bootManyInGroup(syms: string[], group: string, status: string): Step {
  return {
    name: `boot ${syms.join(' + ')} in ${group} (one request)`,
    expect: { answer: 202, status: Object.fromEntries(syms.map((s) => [s, status])) },
    async run(ctx) {
      const server = { name: 'multi', imageRef: IMAGE, flavorRef: '1', networks: 'none', min_count: syms.length, max_count: syms.length };
      const res = await ctx.t.compute('POST', '/servers', { body: { server, 'os:scheduler_hints': { group: groups(ctx).get(group) } } });
      if (res.status !== 202) return res;
      const first = (res.body as { server: { id: string } }).server.id;
      const shown = await ctx.t.compute('GET', `/servers/${first}`);
      const resv = (shown.body as { server: Record<string, string> }).server['OS-EXT-SRV-ATTR:reservation_id'];
      const list = await ctx.t.compute('GET', `/servers?reservation_id=${resv}`);
      const found = (list.body as { servers: { id: string; name: string }[] }).servers;
      syms.forEach((sym, i) => {
        const s = found.find((x) => x.name === `multi-${i + 1}`);
        if (!s) throw new Error(`${ctx.t.side}: no server multi-${i + 1} in reservation ${resv}`);
        ctx.tracked.set(sym, s.id);
        ctx.norm.name(s.id, sym);
      });
      return res;
    },
  };
}

const showGroup = (sym: string, version?: string): Step =>
  groupCall(`show ${sym}${version ? ` at ${version}` : ''}`, 'GET', `/os-server-groups/{${sym}}`, { version, expect: 200 });

/**
 * GET of a group whose members live in two cells (cell1 and, for a member that failed to
 * schedule, cell0). Nova lists them cell by cell in the order of the instance mappings the
 * database returns for "uuid IN (...)": uuid order, arbitrary between two clouds. The members
 * are compared in symbol order; everything else as answered.
 */
function showGroupOfTwoCells(sym: string): Step {
  return {
    name: `show ${sym} (members of two cells, compared in symbol order)`,
    observe: false,
    expect: { answer: 200 },
    async run(ctx) {
      const res = await ctx.t.compute('GET', `/os-server-groups/${groups(ctx).get(sym)}`);
      const group = (res.body as { server_group?: { members?: string[] } })?.server_group;
      const key = (u: string) => ctx.norm.symbolOf(u) ?? u;
      if (group?.members) group.members = [...group.members].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      return res;
    },
  };
}
/** Both servers' hosts side by side (the snapshot has them too; this names the expectation). */
const listServers = (): Step => groupCall('servers detail', 'GET', '/servers/detail', { expect: 200 });

export const serverGroupFlows: Flow[] = [
  {
    name: 'server_groups_api',
    description: 'create per microversion (2.1 policies, 2.13 project/user, 2.15 soft, 2.64 policy+rules), list (paging, all_projects), show, delete',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'aff', policies: ['affinity'] }, { version: '2.1' }),
      createGroup('GROUP_2', { name: 'anti', policies: ['anti-affinity'] }, { version: '2.13' }),
      createGroup('GROUP_3', { name: 'soft', policies: ['soft-anti-affinity'] }, { version: '2.15' }),
      createGroup('GROUP_4', { name: 'rules', policy: 'anti-affinity', rules: { max_server_per_host: 2 } }, { version: '2.64' }),
      createGroup('GROUP_5', { name: 'rules-str', policy: 'anti-affinity', rules: { max_server_per_host: '3' } }, { version: '2.64' }),
      createGroup('GROUP_6', { name: 'soft-aff', policy: 'soft-affinity' }, { version: '2.64' }),
      groupCall('list at 2.1', 'GET', '/os-server-groups', { version: '2.1', expect: 200 }),
      groupCall('list at 2.13', 'GET', '/os-server-groups', { version: '2.13', expect: 200 }),
      groupCall('list at 2.64', 'GET', '/os-server-groups', { expect: 200 }),
      groupCall('list limit=2 offset=1', 'GET', '/os-server-groups?limit=2&offset=1', { expect: 200 }),
      groupCall('list all_projects', 'GET', '/os-server-groups?all_projects=True', { expect: 200 }),
      groupCall('list with an unknown parameter at 2.74', 'GET', '/os-server-groups?bogus=1', { version: '2.74', expect: 200 }),
      groupCall('list with an unknown parameter at 2.75', 'GET', '/os-server-groups?bogus=1', { version: '2.75', expect: 400 }),
      groupCall('list with a bad limit', 'GET', '/os-server-groups?limit=-1', { expect: 400 }),
      showGroup('GROUP_4', '2.1'),
      showGroup('GROUP_1', '2.63'),
      showGroup('GROUP_1'),
      groupCall('delete GROUP_1', 'DELETE', '/os-server-groups/{GROUP_1}', { expect: 204 }),
      groupCall('show deleted GROUP_1', 'GET', '/os-server-groups/{GROUP_1}', { expect: 404 }),
      groupCall('delete deleted GROUP_1', 'DELETE', '/os-server-groups/{GROUP_1}', { expect: 404 }),
      groupCall('show unknown group', 'GET', `/os-server-groups/${UNKNOWN}`, { expect: 404 }),
      // policies: another project's member
      createGroup('GROUP_7', { name: 'theirs', policy: 'affinity' }, { token: OTHER }),
      groupCall('list as the other project', 'GET', '/os-server-groups', { token: OTHER, expect: 200 }),
      groupCall('list all_projects as the other project (ignored for non-admins)', 'GET', '/os-server-groups?all_projects=True', { token: OTHER, expect: 200 }),
      // a non-admin reads only their project's groups: 404, not the policy's 403
      groupCall('show GROUP_2 as the other project', 'GET', '/os-server-groups/{GROUP_2}', { token: OTHER, expect: 404 }),
      groupCall('delete GROUP_2 as the other project', 'DELETE', '/os-server-groups/{GROUP_2}', { token: OTHER, expect: 404 }),
      groupCall('list without all_projects as admin (own project only)', 'GET', '/os-server-groups', { expect: 200 }),
      groupCall('list all_projects as admin', 'GET', '/os-server-groups?all_projects=1', { expect: 200 }),
      groupCall('show GROUP_7 as admin', 'GET', '/os-server-groups/{GROUP_7}', { expect: 200 }),
      // the group hint is read with the caller's context too
      groupCall('boot into GROUP_2 as the other project', 'POST', '/servers', {
        token: OTHER, body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none' }, 'os:scheduler_hints': { group: '{GROUP_2}' } }, expect: 400,
      }),
      showGroup('GROUP_2'),
      groupCall('show a non-uuid id', 'GET', '/os-server-groups/bogus-id', { expect: 404 }),
      groupCall('quota detail counts the groups', 'GET', '/os-quota-sets/6f70656e737461636b20342065766572/detail', { expect: 200 }),
      groupCall('limits count the groups', 'GET', '/limits', { expect: 200 }),
    ],
  },
  {
    name: 'server_group_affinity',
    description: 'affinity: the second member lands on the first one\'s host although the other host is emptier',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'aff', policy: 'affinity' }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      addHost({ name: 'host2' }),
      bootInGroup('SERVER_2', 'GROUP_1', 'ACTIVE'),
      showGroup('GROUP_1'),
      showGroup('GROUP_1', '2.1'),
      listServers(),
      groupCall('show SERVER_1 at 2.70 (no server_groups)', 'GET', '/servers/{SERVER_1}', { version: '2.70', expect: 200 }),
      groupCall('update SERVER_1 at 2.71 (server_groups)', 'PUT', '/servers/{SERVER_1}', { version: '2.71', body: { server: { name: 'renamed' } }, expect: 200, observe: true }),
      // the group's only host is the member's own, which a migrate must leave
      action('SERVER_1', { migrate: null }, { name: 'migrate SERVER_1 (affinity: nowhere else to go)', compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      groupCall('delete SERVER_1', 'DELETE', '/servers/{SERVER_1}', { expect: 204, observe: true }),
      showGroup('GROUP_1'),
      groupCall('delete GROUP_1 with a member', 'DELETE', '/os-server-groups/{GROUP_1}', { expect: 204, observe: true }),
    ],
  },
  {
    name: 'server_group_anti_affinity',
    description: 'anti-affinity on two hosts: one member per host; a cold migrate has nowhere to go (NoValidHost) until a third host exists',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'anti', policies: ['anti-affinity'] }, { version: '2.1' }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      addHost({ name: 'host2' }),
      bootInGroup('SERVER_2', 'GROUP_1', 'ACTIVE'),
      showGroup('GROUP_1'),
      action('SERVER_1', { migrate: null }, { name: 'migrate SERVER_1 (the other host has SERVER_2)', compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      addHost({ name: 'host3' }),
      action('SERVER_1', { migrate: null }, { name: 'migrate SERVER_1 (host3 is free)', compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      action('SERVER_1', { confirmResize: null }, { compareSeen: 'state', expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_2', { resize: { flavorRef: '2' } }, { name: 'resize SERVER_2 (host1 is free again)', compareSeen: 'state', expect: { answer: 202, status: { SERVER_2: 'VERIFY_RESIZE' } } }),
    ],
  },
  {
    name: 'server_group_anti_affinity_same_host_resize',
    description: 'anti-affinity, one host, allow_resize_to_same_host: a member may stay on its own host (the filter lets the instance\'s host pass)',
    hosts: [{ name: 'host1' }],
    config: { allow_resize_to_same_host: true },
    steps: [
      createGroup('GROUP_1', { name: 'anti', policy: 'anti-affinity' }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      action('SERVER_1', { confirmResize: null }, { compareSeen: 'state', expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } }),
      showGroup('GROUP_1'),
    ],
  },
  {
    name: 'server_group_anti_affinity_one_host',
    description: 'anti-affinity with one host: the second member is ERROR with NoValidHost, still a member',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'anti', policy: 'anti-affinity' }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      bootInGroup('SERVER_2', 'GROUP_1', 'ERROR'),
      showGroupOfTwoCells('GROUP_1'),
    ],
  },
  {
    name: 'server_group_max_server_per_host',
    description: '2.64 anti-affinity with max_server_per_host 2 on one host: two members fit, the third is NoValidHost',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'two-per-host', policy: 'anti-affinity', rules: { max_server_per_host: 2 } }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      bootInGroup('SERVER_2', 'GROUP_1', 'ACTIVE'),
      bootInGroup('SERVER_3', 'GROUP_1', 'ERROR'),
      showGroupOfTwoCells('GROUP_1'),
    ],
  },
  {
    name: 'server_group_soft_affinity',
    description: 'soft-affinity: the second member goes to the emptier new host (RAM, CPU and disk weighers outweigh soft affinity at the default multipliers)',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'soft', policy: 'soft-affinity' }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      addHost({ name: 'host2' }),
      bootInGroup('SERVER_2', 'GROUP_1', 'ACTIVE'),
      listServers(),
    ],
  },
  {
    name: 'server_group_soft_anti_affinity',
    description: 'soft-anti-affinity with one host: both members on it (a weigher never refuses a host)',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'soft-anti', policies: ['soft-anti-affinity'] }, { version: '2.15' }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      bootInGroup('SERVER_2', 'GROUP_1', 'ACTIVE'),
      showGroup('GROUP_1'),
    ],
  },
  {
    name: 'server_group_forced_host_late_check',
    description: 'a forced host skips the scheduler filters: the compute\'s late group check refuses the member (GroupAffinityViolation), no retry: ERROR, allocation kept (FAILED_BY_POLICY)',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('GROUP_1', { name: 'anti', policy: 'anti-affinity' }),
      createGroup('GROUP_2', { name: 'aff', policy: 'affinity' }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      bootInGroup('SERVER_2', 'GROUP_2', 'ACTIVE'),
      addHost({ name: 'host2' }),
      bootInGroup('SERVER_3', 'GROUP_1', 'ERROR', { az: 'nova:host1' }),
      bootInGroup('SERVER_4', 'GROUP_2', 'ERROR', { az: 'nova:host2' }),
      bootInGroup('SERVER_5', 'GROUP_2', 'ACTIVE', { az: 'nova:host1' }),
      // any other build failure on a forced host is FAILED: no retry, and the allocation goes
      fault({ operation: 'spawn', host: 'host2', times: 1, error: { type: 'ComputeResourcesUnavailable', message: 'injected' } }),
      bootInGroup('SERVER_6', 'GROUP_1', 'ERROR', { az: 'nova:host2' }),
    ],
  },
  {
    name: 'server_group_multi_create',
    description: 'anti-affinity, one request for two servers on two hosts: one per host (the scheduler consumes each selected host)',
    hosts: [{ name: 'host1', vcpus: 20, memory_mb: 16384, local_gb: 2048 }, { name: 'host2' }],
    steps: [
      createGroup('GROUP_1', { name: 'anti', policy: 'anti-affinity' }),
      bootManyInGroup(['SERVER_1', 'SERVER_2'], 'GROUP_1', 'ACTIVE'),
      showGroup('GROUP_1'),
    ],
  },
  {
    name: 'server_group_multi_create_no_room',
    description: 'anti-affinity, one request for three servers on two hosts: the scheduler finds no host for the third and the whole request fails',
    hosts: [{ name: 'host1', vcpus: 20, memory_mb: 16384, local_gb: 2048 }, { name: 'host2' }],
    steps: [
      createGroup('GROUP_1', { name: 'anti', policy: 'anti-affinity' }),
      bootManyInGroup(['SERVER_1', 'SERVER_2', 'SERVER_3'], 'GROUP_1', 'ERROR'),
    ],
  },
  {
    name: 'server_group_bad_requests',
    description: 'schema errors per version, rules on a non anti-affinity group, unknown and malformed group hints, the two quotas',
    hosts: [{ name: 'host1' }],
    steps: [
      createGroup('BAD', { name: 'x', policies: ['soft-affinity'] }, { version: '2.14', expect: 400 }),
      createGroup('BAD', { name: 'x', policies: ['affinity', 'anti-affinity'] }, { version: '2.15', expect: 400 }),
      createGroup('BAD', { name: 'x', policies: [] }, { version: '2.15', expect: 400 }),
      createGroup('BAD', { name: 'x', policies: ['affinity', 'affinity'] }, { version: '2.1', expect: 400 }),
      createGroup('BAD', { name: 'x'.repeat(256), policies: ['affinity'] }, { version: '2.1', expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'anti-affinity', rules: 'max_server_per_host' }, { expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'anti-affinity', rules: { max_server_per_host: 'two' } }, { expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'anti-affinity', rules: { max_server_per_host: 1.5 } }, { expect: 400 }),
      createGroup('BAD', { name: 'x', policies: 'affinity' }, { version: '2.15', expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'affinity' }, { version: '2.63', expect: 400 }),
      createGroup('BAD', { name: 'x', policies: ['affinity'] }, { version: '2.64', expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'bogus' }, { expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'affinity', rules: { max_server_per_host: 2 } }, { expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'anti-affinity', rules: { max_server_per_host: 0 } }, { expect: 400 }),
      createGroup('BAD', { name: 'x', policy: 'anti-affinity', rules: { bogus: 1 } }, { expect: 400 }),
      createGroup('BAD', { policy: 'anti-affinity' }, { expect: 400 }),
      createGroup('BAD', { name: '', policy: 'anti-affinity' }, { expect: 400 }),
      createGroup('BAD', { name: ' x', policy: 'anti-affinity' }, { expect: 400 }),
      groupCall('create without server_group', 'POST', '/os-server-groups', { body: { bogus: {} }, expect: 400 }),
      groupCall('boot with an unknown group', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none' }, 'os:scheduler_hints': { group: UNKNOWN } }, expect: 400,
      }),
      groupCall('boot with a group hint that is no uuid', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none' }, 'os:scheduler_hints': { group: 'bogus' } }, expect: 400,
      }),
      groupCall('quota server_groups=1', 'PUT', '/os-quota-sets/6f70656e737461636b20342065766572', { body: { quota_set: { server_groups: 1, server_group_members: 1 } }, expect: 200 }),
      createGroup('GROUP_1', { name: 'one', policy: 'soft-anti-affinity' }),
      createGroup('BAD', { name: 'two', policy: 'affinity' }, { expect: 403 }),
      groupCall('quota server_groups=0 below the usage', 'PUT', '/os-quota-sets/6f70656e737461636b20342065766572', { body: { quota_set: { server_groups: 0 } }, expect: 400 }),
      bootInGroup('SERVER_1', 'GROUP_1', 'ACTIVE'),
      groupCall('boot a second member over server_group_members', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none' }, 'os:scheduler_hints': { group: '{GROUP_1}' } }, expect: 403,
      }),
      groupCall('boot two members at once over server_group_members', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none', min_count: 2 }, 'OS-SCH-HNT:scheduler_hints': { group: '{GROUP_1}' } }, expect: 403,
      }),
      showGroup('GROUP_1'),
      groupCall('look: nothing changed', 'GET', '/servers/detail', { observe: true, expect: 200 }),
    ],
  },
];
