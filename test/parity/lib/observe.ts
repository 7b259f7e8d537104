// What a client can observe of the cloud after a step: each tracked server (its view at the
// newest microversion, its migrations, its instance actions with their events) and
// Placement (every provider's allocations and usages, every server's and migration's
// consumer). Also the settling loop: both sides answer 202 and work on afterwards, so a
// snapshot is taken only once the cloud is quiet, and the states passed on the way are kept.
import { Normalizer } from './normalize.js';
import { sleep, type HttpAnswer, type Target } from './target.js';

export interface Snapshot {
  servers: Record<string, unknown>;
  providers: Record<string, unknown>;
  consumers: Record<string, unknown>;
}

export interface Settled {
  snapshot: Snapshot;
  /** False when the side never became quiet within its poll timeout (that is a finding too). */
  settled: boolean;
  /** Distinct consecutive quick states seen while waiting: "STATUS vm/task | migration statuses". */
  seen: string[];
  justAfter: JustAfter;
  polls: number;
}

interface Probe {
  quiet: boolean;
  /** Quiet but for an unfinished event of the newest action (or a task state left on an ERROR server). */
  eventsRunning?: boolean;
  state: string;
  /** Right after an answer: "STATUS vm_state/task_state" and the newest migration's status. */
  server: string;
  migration: string;
}

/** What the first probe after a step's answer saw, per server. */
export type JustAfter = Record<string, { server: string; migration: string }>;

const MIGRATIONS_VERSION = '2.80';
const ACTIONS_VERSION = '2.84';
/** Without the provider generation, which counts writes that differ between the two clouds. */
const AGGREGATES_VERSION = '1.1';

/** The servers a flow tracks: its symbol (SERVER_1) -> uuid. */
export type Tracked = Map<string, string>;

/** A quick look at one server: is anything still running, and the state to record. */
async function probeServer(t: Target, uuid: string): Promise<Probe> {
  const show = await t.compute('GET', `/servers/${uuid}`);
  const migrations = await t.compute('GET', `/os-migrations?instance_uuid=${uuid}`, { version: MIGRATIONS_VERSION });
  const migs = ((migrations.body as { migrations?: { id: number; status: string }[] })?.migrations ?? [])
    .slice()
    .sort((a, b) => a.id - b.id)
    .map((m) => m.status);
  if (show.status === 404) {
    // Deleted: the compute removes the instance row before it deletes the allocations,
    // so a deleted server is quiet only once its consumer is gone from Placement.
    const alloc = await t.placement('GET', `/allocations/${uuid}`);
    const held = Object.keys((alloc.body as { allocations?: object })?.allocations ?? {}).length;
    return {
      quiet: held === 0,
      state: `DELETED${held ? ' (allocations held)' : ''} | ${migs.join(',')}`,
      server: 'DELETED',
      migration: migs[migs.length - 1] ?? '',
    };
  }
  const srv = (show.body as { server?: Record<string, unknown> })?.server ?? {};
  const vm = srv['OS-EXT-STS:vm_state'];
  const task = srv['OS-EXT-STS:task_state'];
  const server = `${String(srv.status)} ${String(vm)}/${String(task)}`;
  const migration = migs[migs.length - 1] ?? '';
  const state = `${server} | ${migs.join(',')}`;
  // An ERROR server can keep a task state nothing will clear (a delete whose synchronous
  // confirm failed stays 'deleting'): like an unfinished event, quiet once it stops changing.
  if (task !== null && vm === 'error') return { quiet: false, eventsRunning: true, state, server, migration };
  if (task !== null || vm === 'building') return { quiet: false, state, server, migration };
  // The newest action's events must all be finished: a compute method is wrapped in its
  // event, so an unfinished event means work (e.g. a `finally` that moves allocations) is
  // still going on even though the task state is already cleared.
  const list = await t.compute('GET', `/servers/${uuid}/os-instance-actions`, { version: ACTIONS_VERSION });
  const newest = ((list.body as { instanceActions?: { request_id: string }[] })?.instanceActions ?? [])[0];
  if (newest) {
    const detail = await t.compute('GET', `/servers/${uuid}/os-instance-actions/${newest.request_id}`, { version: ACTIONS_VERSION });
    const events = (detail.body as { instanceAction?: { events?: { finish_time: unknown }[] } })?.instanceAction?.events ?? [];
    if (events.some((e) => e.finish_time === null)) return { quiet: false, eventsRunning: true, state: `${state} (events running)`, server, migration };
  }
  return { quiet: true, state, server, migration };
}

function answerOf(a: HttpAnswer): unknown {
  return a.status === 200 ? a.body : { status: a.status, body: a.body };
}

/** The full, still raw observation; uuids of migrations and providers are named on `norm`. */
async function capture(t: Target, tracked: Tracked, norm: Normalizer): Promise<Snapshot> {
  const servers: Record<string, unknown> = {};
  const consumers: Record<string, string> = {};
  const rawMigrations: { id: number; uuid: string }[] = [];
  const perServer: { sym: string; show: unknown; migrations: unknown[]; actions: unknown[] }[] = [];
  for (const [sym, uuid] of tracked) {
    consumers[sym] = uuid;
    const show = await t.compute('GET', `/servers/${uuid}`);
    const migs = await t.compute('GET', `/os-migrations?instance_uuid=${uuid}`, { version: MIGRATIONS_VERSION });
    const migrations = ((migs.body as { migrations?: { id: number; uuid: string }[] })?.migrations ?? []).slice().sort((a, b) => a.id - b.id);
    rawMigrations.push(...migrations);
    const list = await t.compute('GET', `/servers/${uuid}/os-instance-actions`, { version: ACTIONS_VERSION });
    const actions: unknown[] = [];
    // The list item as listed, plus the detail fetched by its request id: two actions can
    // share a request id (deleting a VERIFY_RESIZE server records confirmResize and delete
    // under the delete's request id), and the detail then shows one of them for both.
    const listed = (list.body as { instanceActions?: { request_id: string; action: string }[] })?.instanceActions ?? [];
    // Request ids are named after their action and its rank among the actions of that name,
    // oldest first (req-resize_1), so that an action recorded on one side only renames no
    // other. (They cannot be named after the answer's x-openstack-request-id: nova-live's
    // functional API stack records actions under a request id of its own.)
    const rank = new Map<string, number>();
    for (const a of [...listed].reverse()) {
      const n = (rank.get(a.action) ?? 0) + 1;
      rank.set(a.action, n);
      norm.nameRequest(a.request_id, `req-${a.action}_${n}`);
    }
    for (const a of listed) {
      const detail = await t.compute('GET', `/servers/${uuid}/os-instance-actions/${a.request_id}`, { version: ACTIONS_VERSION });
      actions.push({ listed: a, detail: answerOf(detail) });
    }
    if (list.status !== 200) actions.push(answerOf(list));
    perServer.push({ sym, show: answerOf(show), migrations: migs.status === 200 ? migrations : [answerOf(migs)], actions });
  }
  // Migrations are numbered by creation (their integer id) across the whole flow.
  for (const m of rawMigrations.sort((a, b) => a.id - b.id)) {
    consumers[norm.nameNext(m.uuid, 'MIGRATION')] = m.uuid;
  }
  for (const s of perServer) {
    servers[s.sym] = {
      show: s.show,
      // The integer id is a database id: replaced by the migration's symbol.
      migrations: s.migrations.map((m) => (isMigration(m) ? { ...m, id: norm.symbolOf(m.uuid) ?? '<id>' } : m)),
      actions: s.actions,
    };
  }

  const providers: Record<string, unknown> = {};
  const rps = await t.placement('GET', '/resource_providers');
  for (const rp of (rps.body as { resource_providers?: { uuid: string; name: string }[] })?.resource_providers ?? []) {
    norm.name(rp.uuid, `RP_${rp.name}`);
  }
  for (const rp of ((rps.body as { resource_providers?: { uuid: string; name: string; generation: number }[] })?.resource_providers ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const allocations = await t.placement('GET', `/resource_providers/${rp.uuid}/allocations`);
    const usages = await t.placement('GET', `/resource_providers/${rp.uuid}/usages`);
    const aggregates = await t.placement('GET', `/resource_providers/${rp.uuid}/aggregates`, { version: AGGREGATES_VERSION });
    providers[`RP_${rp.name}`] = { allocations: answerOf(allocations), usages: answerOf(usages), aggregates: providerAggregates(aggregates, norm) };
  }

  const consumerViews: Record<string, unknown> = {};
  for (const [sym, uuid] of Object.entries(consumers)) {
    consumerViews[sym] = answerOf(await t.placement('GET', `/allocations/${uuid}`));
  }
  return { servers, providers, consumers: consumerViews };
}

/**
 * A provider's aggregates (nova mirrors host aggregates there): each uuid named AGGREGATE_n in
 * the order first seen unless a flow named it, listed by name (Placement's order is a set's).
 */
function providerAggregates(a: HttpAnswer, norm: Normalizer): unknown {
  const list = (a.body as { aggregates?: string[] })?.aggregates;
  if (a.status !== 200 || !Array.isArray(list)) return answerOf(a);
  return list.map((u) => norm.nameNext(u, 'AGGREGATE')).sort();
}

function isMigration(m: unknown): m is { uuid: string } {
  return typeof m === 'object' && m !== null && typeof (m as { uuid?: unknown }).uuid === 'string';
}

export function normalizeSnapshot(s: Snapshot, norm: Normalizer): Snapshot {
  return norm.value(s) as Snapshot;
}

/**
 * Wait until every tracked server is quiet, then take snapshots until two in a row are
 * equal (a last write can land just after the events finish, e.g. allocations removed
 * after a deleted instance's row). Bounded by the side's poll policy.
 *
 * An event that never finishes does exist in the real Nova: after a reschedule the second
 * host's `compute__do_build_and_run_instance` event stays unfinished, because finishing an
 * event looks it up by name and finds the first host's. So a state that has not changed
 * for `graceMs` counts as quiet even with an unfinished event (or a stuck task state on ERROR).
 */
export async function settle(t: Target, tracked: Tracked, norm: Normalizer): Promise<Settled> {
  const seen: string[] = [];
  const justAfter: JustAfter = {};
  const deadline = Date.now() + t.poll.timeoutMs;
  let polls = 0;
  let previous: string | null = null;
  let last: Snapshot | null = null;
  let sameSince = Date.now();
  for (;;) {
    polls++;
    let quiet = true;
    let onlyEvents = true;
    const states: string[] = [];
    for (const [sym, uuid] of tracked) {
      const p = await probeServer(t, uuid);
      if (polls === 1) justAfter[sym] = { server: p.server, migration: p.migration };
      quiet &&= p.quiet;
      onlyEvents &&= p.quiet || p.eventsRunning === true;
      states.push(`${sym}: ${p.state}`);
    }
    const state = states.join('; ');
    if (seen[seen.length - 1] !== state) {
      seen.push(state);
      sameSince = Date.now();
    } else if (!quiet && onlyEvents && Date.now() - sameSince >= t.poll.graceMs) {
      quiet = true;
    }
    if (quiet) {
      if (t.poll.idle) await t.control('POST', '/idle');
      last = await capture(t, tracked, norm);
      const text = JSON.stringify(normalizeSnapshot(last, norm));
      if (text === previous) return { snapshot: last, settled: true, seen, justAfter, polls };
      previous = text;
    } else {
      previous = null;
    }
    if (Date.now() > deadline) {
      return { snapshot: last ?? (await capture(t, tracked, norm)), settled: false, seen, justAfter, polls };
    }
    await sleep(t.poll.intervalMs);
  }
}
