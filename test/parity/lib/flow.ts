// The flow DSL: a flow is a reset (hosts + config) and a list of named steps. A step sends
// one request (or a control-plane call) and, unless it says otherwise, waits for the cloud
// to settle and takes a snapshot. The same flow runs unchanged on each side.
import { Normalizer } from './normalize.js';
import { normalizeSnapshot, settle, type JustAfter, type Snapshot, type Tracked } from './observe.js';
import type { HttpAnswer, RequestOptions, Target } from './target.js';

export interface HostSpec {
  name: string;
  vcpus?: number;
  memory_mb?: number;
  local_gb?: number;
  traits?: string[];
}

export interface StepContext {
  t: Target;
  norm: Normalizer;
  tracked: Tracked;
  /** The uuid of a tracked server. */
  uuid(sym: string): string;
}

export interface Step {
  name: string;
  run(ctx: StepContext): Promise<HttpAnswer | null>;
  /** false for steps that change nothing observable by themselves (a fault armed, a bad request). */
  observe?: boolean;
  /**
   * Compare the state seen by the first look right after the answer, where the real side
   * shows it reliably: what the API writes before it answers (task_state resize_prep,
   * migration confirming/reverting, ...). 'status' = status and vm_state, 'state' = + the
   * task_state, 'state+migration' = + the newest migration's status. The later states on
   * the way depend on timing on the real side (see `seen` in the results): not compared.
   */
  compareSeen?: SeenLevel;
  /** What the real side is known to do here: checked on the real side so that a flow that
   *  silently stopped meaning what it says fails instead of comparing noise. */
  expect?: { answer?: number; status?: Record<string, string> };
}

export type SeenLevel = 'status' | 'state' | 'state+migration';

export interface Flow {
  name: string;
  description: string;
  hosts?: HostSpec[];
  config?: Record<string, unknown>;
  steps: Step[];
  /**
   * Compare only against novamock's timed progression: in `immediate` the work of a step is
   * done before the next request can arrive, so a flow that acts while work is under way
   * (delete while building) would exercise something else there.
   */
  timedOnly?: boolean;
}

export interface StepRecord {
  name: string;
  answer: { status: number; body: unknown; location?: string } | null;
  snapshot: Snapshot | null;
  settled: boolean;
  seen: string[];
  justAfter: JustAfter;
  compareSeen: SeenLevel | null;
  polls: number;
  ms: number;
}

export interface FlowRecord {
  flow: string;
  side: string;
  steps: StepRecord[];
  ms: number;
  /** Time in the reset (not counted in ms). */
  resetMs: number;
}

export const DEFAULT_HOSTS: HostSpec[] = [{ name: 'host1' }, { name: 'host2' }];

export async function runFlow(flow: Flow, t: Target): Promise<FlowRecord> {
  const r0 = Date.now();
  await t.control('DELETE', '/faults').catch(() => undefined);
  await t.control('POST', '/reset', { hosts: flow.hosts ?? DEFAULT_HOSTS, config: flow.config ?? {} });
  const resetMs = Date.now() - r0;
  const norm = new Normalizer();
  // The image is the same fixed uuid on both sides (the Glance fixture's): keep it visible.
  norm.name(IMAGE, IMAGE);
  const tracked: Tracked = new Map();
  const ctx: StepContext = {
    t,
    norm,
    tracked,
    uuid(sym) {
      const u = tracked.get(sym);
      if (!u) throw new Error(`flow ${flow.name}: no server ${sym} (did its boot fail?)`);
      return u;
    },
  };
  const steps: StepRecord[] = [];
  const f0 = Date.now();
  for (const step of flow.steps) {
    const s0 = Date.now();
    const raw = await step.run(ctx);
    let record: StepRecord = {
      name: step.name,
      answer: raw ? normalizeAnswer(raw, norm) : null,
      snapshot: null,
      settled: true,
      seen: [],
      justAfter: {},
      compareSeen: step.compareSeen ?? null,
      polls: 0,
      ms: 0,
    };
    if (step.observe !== false && tracked.size > 0) {
      const s = await settle(t, tracked, norm);
      record = { ...record, snapshot: normalizeSnapshot(s.snapshot, norm), settled: s.settled, seen: s.seen, justAfter: s.justAfter, polls: s.polls };
    }
    record.ms = Date.now() - s0;
    steps.push(record);
  }
  await t.control('DELETE', '/faults').catch(() => undefined);
  return { flow: flow.name, side: t.side, steps, ms: Date.now() - f0, resetMs };
}

function normalizeAnswer(a: HttpAnswer, norm: Normalizer): StepRecord['answer'] {
  const out: NonNullable<StepRecord['answer']> = { status: a.status, body: norm.value(a.body) };
  if (a.headers.location) out.location = norm.string(a.headers.location);
  return out;
}

// ---------------------------------------------------------------------------------------
// Step builders
// ---------------------------------------------------------------------------------------

export const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';

/** Replace {SERVER_1} in a path with that server's uuid. */
function fill(ctx: StepContext, path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, sym: string) => ctx.uuid(sym));
}

export function boot(sym: string, opts: { flavor?: string; name?: string; extra?: Record<string, unknown>; expect?: Step['expect']; observe?: boolean } = {}): Step {
  return {
    name: `boot ${sym} (flavor ${opts.flavor ?? '1'})`,
    expect: opts.expect,
    observe: opts.observe,
    // Right after the 202 the real server is always BUILD/building (the task state varies).
    compareSeen: 'status',
    async run(ctx) {
      const res = await ctx.t.compute('POST', '/servers', {
        body: { server: { name: opts.name ?? sym.toLowerCase(), imageRef: IMAGE, flavorRef: opts.flavor ?? '1', networks: 'none', ...opts.extra } },
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

/** POST /servers/{id}/action with this body. */
export function action(sym: string, body: unknown, opts: { name?: string; token?: string; version?: string; compareSeen?: SeenLevel; expect?: Step['expect'] } = {}): Step {
  return {
    name: opts.name ?? `${Object.keys(body as object)[0]} ${sym}${opts.token ? ` as ${opts.token}` : ''}`,
    compareSeen: opts.compareSeen,
    expect: opts.expect,
    run: (ctx) => ctx.t.compute('POST', `/servers/${ctx.uuid(sym)}/action`, { body, token: opts.token, version: opts.version }),
  };
}

export function remove(sym: string, opts: { token?: string; expect?: Step['expect']; compareSeen?: SeenLevel } = {}): Step {
  return {
    name: `delete ${sym}${opts.token ? ` as ${opts.token}` : ''}`,
    expect: opts.expect,
    compareSeen: opts.compareSeen,
    run: (ctx) => ctx.t.compute('DELETE', `/servers/${ctx.uuid(sym)}`, { token: opts.token }),
  };
}

/** Any compute request; `{SERVER_1}` in the path is replaced. Observes by default only if asked. */
export function call(name: string, method: string, path: string, opts: RequestOptions & { version?: string; observe?: boolean; expect?: Step['expect'] } = {}): Step {
  return {
    name,
    observe: opts.observe ?? false,
    expect: opts.expect,
    run: (ctx) => ctx.t.compute(method, fill(ctx, path), opts),
  };
}

export interface FaultSpec {
  operation: string;
  host?: string;
  /** A tracked server symbol. */
  server?: string;
  times?: number;
  error?: { type: string; message?: string };
}

/** Arm a fault through the control plane (its answer is the double's own, not compared). */
export function fault(spec: FaultSpec): Step {
  return {
    name: `fault ${spec.operation}${spec.host ? ` on ${spec.host}` : ''}${spec.error ? ` (${spec.error.type})` : ''}`,
    observe: false,
    async run(ctx) {
      const body: Record<string, unknown> = { ...spec };
      if (spec.server) body.server = ctx.uuid(spec.server);
      await ctx.t.control('POST', '/faults', body);
      return null;
    },
  };
}

export function addHost(host: HostSpec): Step {
  return {
    name: `add host ${host.name}`,
    observe: false,
    async run(ctx) {
      await ctx.t.control('POST', '/hosts', host);
      return null;
    },
  };
}

/**
 * PUT /os-services/{id} {"forced_down": ...} (2.53) for a host's nova-compute: the servicegroup
 * then reports it down (local deletes, 409 on moves). The answer carries the service's own
 * uuid and timestamps, so it is checked for its status only.
 */
export function forceDown(host: string, down = true): Step {
  return {
    name: `${down ? 'force down' : 'bring up'} ${host}`,
    observe: false,
    async run(ctx) {
      const list = await ctx.t.compute('GET', `/os-services?host=${host}&binary=nova-compute`, { version: '2.53' });
      const id = (list.body as { services: { id: string }[] }).services[0]!.id;
      const res = await ctx.t.compute('PUT', `/os-services/${id}`, { version: '2.53', body: { forced_down: down } });
      if (res.status !== 200) throw new Error(`${ctx.t.side}: forced_down ${host} answered ${res.status}`);
      return null;
    },
  };
}
