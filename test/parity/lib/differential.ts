// The randomized differential: a seeded generator of compute-API step lists (creates incl.
// multi-create, server groups, servers of another project, forced hosts; moves, power actions,
// rebuild, delete, resetState, lock; driver faults), turned into parity flows so that the
// parity harness runs and compares them (every settled state, migration, action and event,
// allocation and usage), and a shrinker that cuts a failing list down to the steps that
// still make a difference. A spec is plain data, so a shrunk one is pasted as a regression
// flow (flows/differential.ts).
import { action, boot, fault, remove, type Flow, type HostSpec, type Step, type StepContext } from './flow.js';
import type { Tracked } from './observe.js';
import type { HttpAnswer } from './target.js';
import { seededRandom } from '../../../src/runtime/seeded-random.js';

export type Op =
  | { op: 'boot'; sym: string; flavor: string; forcedHost?: string; group?: string; project?: 'other' }
  | { op: 'multi'; prefix: string; count: number; flavor: string; group?: string }
  | { op: 'group'; sym: string; policy: 'affinity' | 'anti-affinity' | 'soft-affinity' | 'soft-anti-affinity' }
  | { op: 'action'; sym: string; body: Record<string, unknown> }
  | { op: 'delete'; sym: string }
  | { op: 'fault'; operation: string; host?: string; type: string };

export interface DiffSpec {
  /** Where it came from: "seed 7" or "seed 7, shrunk". */
  origin: string;
  hosts: HostSpec[];
  config: Record<string, unknown>;
  ops: Op[];
}

/** Another project's member (its servers are seen by the admin flows, like any other). */
export const OTHER_PROJECT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_TOKEN = `member2:${OTHER_PROJECT}`;

/**
 * The config both sides get: a deployment's build-failure weigher (nova's functional base
 * test case sets it to 0, so nova-live is told explicitly, as novamock).
 */
export const DIFF_CONFIG: Record<string, unknown> = { filter_scheduler: { build_failure_weight_multiplier: 1000000.0 } };

/** mulberry32: small, seedable, the same sequence on every platform. */
export const prng = seededRandom;

const MOVE_FAULTS = ['prep_resize', 'migrate_disk_and_power_off', 'finish_migration', 'confirm_migration', 'finish_revert_migration'];
const POWER_FAULTS = ['power_off', 'power_on', 'reboot'];
const FAULT_TYPES = ['TestingException', 'InstanceNotFound', 'VirtualInterfaceCreateException', 'ResizeError'];

type State = 'active' | 'resized' | 'stopped' | 'paused' | 'suspended' | 'error';
const ANY: State[] = ['active', 'resized', 'stopped', 'paused', 'suspended', 'error'];
/** The actions, the states they are meant for and the state they likely lead to. */
const ACTIONS: { from: State[]; to?: State; body: (pick: <T>(xs: readonly T[]) => T) => Record<string, unknown> }[] = [
  { from: ['active', 'stopped'], to: 'resized', body: (p) => ({ resize: { flavorRef: p(['1', '2', '3', '4']) } }) },
  { from: ['active', 'stopped'], to: 'resized', body: () => ({ migrate: null }) },
  { from: ['resized'], to: 'active', body: () => ({ confirmResize: null }) },
  { from: ['resized'], to: 'active', body: () => ({ revertResize: null }) },
  { from: ['active', 'error'], to: 'stopped', body: () => ({ 'os-stop': null }) },
  { from: ['stopped'], to: 'active', body: () => ({ 'os-start': null }) },
  { from: ['active'], to: 'active', body: () => ({ reboot: { type: 'SOFT' } }) },
  { from: ['active', 'stopped', 'paused', 'suspended', 'error'], to: 'active', body: () => ({ reboot: { type: 'HARD' } }) },
  { from: ['active'], to: 'paused', body: () => ({ pause: null }) },
  { from: ['paused'], to: 'active', body: () => ({ unpause: null }) },
  { from: ['active'], to: 'suspended', body: () => ({ suspend: null }) },
  { from: ['suspended'], to: 'active', body: () => ({ resume: null }) },
  { from: ['active', 'stopped', 'error'], body: () => ({ rebuild: { imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6' } }) },
  { from: ANY, to: 'error', body: () => ({ 'os-resetState': { state: 'error' } }) },
  { from: ['error'], to: 'active', body: () => ({ 'os-resetState': { state: 'active' } }) },
  { from: ANY, body: () => ({ lock: null }) },
  { from: ANY, body: () => ({ unlock: null }) },
];

/**
 * A step list for one seed. Hosts get distinct sizes, so that the weighers rarely tie (the
 * real scheduler orders equal weights by a Python set, which only PYTHONHASHSEED pins).
 */
export function generate(seed: number, length = 12): DiffSpec {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const shuffled = <T>(xs: readonly T[]): T[] => xs.map((x) => ({ x, k: r() })).sort((a, b) => a.k - b.k).map((p) => p.x);
  const nHosts = r() < 0.3 ? 3 : 2;
  const vcpus = shuffled([4, 6, 8, 12, 16]);
  const mem = shuffled([4096, 6144, 8192, 12288, 16384]);
  const disk = shuffled([100, 200, 400, 1028]);
  const hosts: HostSpec[] = Array.from({ length: nHosts }, (_, i) => ({ name: `host${i + 1}`, vcpus: vcpus[i]!, memory_mb: mem[i]!, local_gb: disk[i]! }));
  const ops: Op[] = [];
  const servers: string[] = [];
  const groups: string[] = [];
  const likely = new Map<string, State>();
  let n = 0;
  const newServer = () => `SERVER_${++n}`;
  while (ops.length < length) {
    const x = r();
    if (servers.length === 0 || x < 0.22) {
      // a create of some kind
      const flavor = pick(['1', '1', '2', '3', '4']);
      const y = r();
      if (y < 0.12 && groups.length < 2) {
        const g = `GROUP_${groups.length + 1}`;
        groups.push(g);
        ops.push({ op: 'group', sym: g, policy: pick(['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'] as const) });
      } else if (y < 0.27) {
        const prefix = `MULTI${n + 1}`;
        n++;
        const count = pick([2, 2, 3]);
        const g = groups.length && r() < 0.5 ? pick(groups) : undefined;
        ops.push({ op: 'multi', prefix, count, flavor, ...(g ? { group: g } : {}) });
        for (let i = 1; i <= count; i++) servers.push(`${prefix}_${i}`);
      } else {
        if (r() < 0.15 && ops.length <= length - 2) ops.push({ op: 'fault', operation: 'spawn', host: pick(hosts).name, type: pick(FAULT_TYPES) });
        const sym = newServer();
        const op: Op = { op: 'boot', sym, flavor };
        if (r() < 0.15) op.forcedHost = pick(hosts).name;
        if (groups.length && r() < 0.35) op.group = pick(groups);
        if (r() < 0.2) op.project = 'other';
        ops.push(op);
        servers.push(sym);
      }
      continue;
    }
    const sym = pick(servers);
    if (x < 0.3) {
      ops.push({ op: 'fault', operation: pick(r() < 0.7 ? MOVE_FAULTS : POWER_FAULTS), ...(r() < 0.7 ? { host: pick(hosts).name } : {}), type: pick(FAULT_TYPES) });
      continue;
    }
    if (x < 0.38) {
      ops.push({ op: 'delete', sym });
      servers.splice(servers.indexOf(sym), 1);
      continue;
    }
    // mostly an action the server's likely state allows (a rough model: faults and NoValidHost
    // make it wrong at times, which is fine: refusals are compared too), sometimes any action
    const state = likely.get(sym) ?? 'active';
    const valid = ACTIONS.filter((a) => a.from.includes(state));
    const chosen = r() < 0.8 && valid.length ? pick(valid) : pick(ACTIONS);
    const body = chosen.body(pick);
    if (chosen.to) likely.set(sym, chosen.to);
    ops.push({ op: 'action', sym, body });
  }
  return { origin: `seed ${seed}`, hosts, config: DIFF_CONFIG, ops };
}

// Server groups are per flow run: their uuids live beside the tracked servers of that run.
const groupIds = new WeakMap<Tracked, Map<string, string>>();
function groupsOf(ctx: StepContext): Map<string, string> {
  let m = groupIds.get(ctx.tracked);
  if (!m) groupIds.set(ctx.tracked, (m = new Map()));
  return m;
}

/** A step on a server whose create was refused on this side: the same non-answer on both. */
const NO_SERVER: HttpAnswer = { status: 0, body: 'no such server in this run', headers: {} };

function onServer(sym: string, step: Step): Step {
  return { ...step, run: (ctx) => (ctx.tracked.has(sym) ? step.run(ctx) : Promise.resolve(NO_SERVER)) };
}

function hints(ctx: StepContext, group?: string): Record<string, unknown> {
  const id = group ? groupsOf(ctx).get(group) : undefined;
  return id ? { 'os:scheduler_hints': { group: id } } : {};
}

function toStep(o: Op): Step {
  switch (o.op) {
    case 'group':
      return {
        name: `create server group ${o.sym} (${o.policy})`,
        observe: false,
        async run(ctx) {
          const res = await ctx.t.compute('POST', '/os-server-groups', { body: { server_group: { name: o.sym.toLowerCase(), policy: o.policy } } });
          const id = (res.body as { server_group?: { id?: string } })?.server_group?.id;
          if (id) {
            groupsOf(ctx).set(o.sym, id);
            ctx.norm.name(id, o.sym);
          }
          return res;
        },
      };
    case 'boot': {
      const base = boot(o.sym, { flavor: o.flavor });
      const label = [`boot ${o.sym} (flavor ${o.flavor})`, o.forcedHost && `forced to ${o.forcedHost}`, o.group && `in ${o.group}`, o.project && 'as another project'].filter(Boolean).join(' ');
      return {
        name: label,
        async run(ctx) {
          const server: Record<string, unknown> = { name: o.sym.toLowerCase(), imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: o.flavor, networks: 'none' };
          if (o.forcedHost) server.availability_zone = `nova:${o.forcedHost}`;
          const res = await ctx.t.compute('POST', '/servers', { body: { server, ...hints(ctx, o.group) }, ...(o.project ? { token: OTHER_TOKEN } : {}) });
          const id = (res.body as { server?: { id?: string } })?.server?.id;
          if (res.status === 202 && id) {
            ctx.tracked.set(o.sym, id);
            ctx.norm.name(id, o.sym);
          }
          return res;
        },
        compareSeen: base.compareSeen,
      };
    }
    case 'multi':
      return {
        name: `boot ${o.count} x flavor ${o.flavor} in one request as ${o.prefix}${o.group ? ` in ${o.group}` : ''}`,
        async run(ctx) {
          const res = await ctx.t.compute('POST', '/servers', {
            body: {
              server: { name: o.prefix.toLowerCase(), imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: o.flavor, networks: 'none', min_count: o.count, max_count: o.count, return_reservation_id: true },
              ...hints(ctx, o.group),
            },
          });
          const rid = (res.body as { reservation_id?: string })?.reservation_id;
          if (res.status === 202 && rid) {
            const list = await ctx.t.compute('GET', `/servers?reservation_id=${rid}`);
            const members = ((list.body as { servers?: { id: string; name: string }[] })?.servers ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
            members.forEach((s, i) => {
              ctx.tracked.set(`${o.prefix}_${i + 1}`, s.id);
              ctx.norm.name(s.id, `${o.prefix}_${i + 1}`);
            });
          }
          return { ...res, body: rid ? { reservation_id: 'r-<id>' } : res.body };
        },
      };
    case 'action':
      return onServer(o.sym, action(o.sym, o.body));
    case 'delete':
      return onServer(o.sym, remove(o.sym));
    case 'fault':
      return fault({ operation: o.operation, host: o.host, times: 1, error: { type: o.type, message: 'injected' } });
  }
}

export function toFlow(spec: DiffSpec, name: string): Flow {
  return { name, description: `randomized differential, ${spec.origin}`, hosts: spec.hosts, config: spec.config, steps: spec.ops.map(toStep) };
}

/**
 * Cut `ops` down while `fails` stays true (ddmin's complement steps, then one op at a time):
 * each candidate costs one run on each side, so the chunk passes come first.
 */
export async function shrink(spec: DiffSpec, fails: (s: DiffSpec) => Promise<boolean>, log: (m: string) => void = () => {}): Promise<DiffSpec> {
  let ops = spec.ops;
  let chunks = 2;
  while (ops.length >= 2) {
    const size = Math.ceil(ops.length / chunks);
    let cut = false;
    for (let i = 0; i < ops.length; i += size) {
      const candidate = [...ops.slice(0, i), ...ops.slice(i + size)];
      if (candidate.length === 0) continue;
      if (await fails({ ...spec, ops: candidate })) {
        log(`shrink: ${ops.length} -> ${candidate.length} ops`);
        ops = candidate;
        chunks = Math.max(chunks - 1, 2);
        cut = true;
        break;
      }
    }
    if (!cut) {
      if (size === 1) break;
      chunks = Math.min(chunks * 2, ops.length);
    }
  }
  return { ...spec, origin: `${spec.origin}, shrunk`, ops };
}
