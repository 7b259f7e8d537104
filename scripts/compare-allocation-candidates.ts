// Randomized comparison of GET /allocation_candidates with the real Placement 8.0.0, aimed at
// how amounts of one resource class from several request groups are merged: granular groups,
// the same class in several groups (and in the unsuffixed group), group_policy none and
// isolate, amounts at max_unit and at the free capacity, allocation ratios, reserved space and
// existing allocations, trees and sharing providers. Seeded, so a difference can be replayed.
//
//   npx tsx scripts/compare-allocation-candidates.ts [--seed N] [--scenarios N] [--queries N] [--real URL]
//
// The real Placement must be running (conformance/placement's start-real-placement.sh, e.g.
// PLACEMENT_PORT=21284); novamock's Placement runs in this process. Each scenario builds the
// same providers (same uuids), inventories and allocations on both sides, asks the queries and
// compares status, allocation_requests (as a set: the real order is arbitrary), mappings and
// provider_summaries; then removes what it made from the real one. Exit code 1 on a difference.
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { testConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { seededRandom } from '../src/runtime/seeded-random.js';
import { buildPlacementApp, createServices } from '../src/app.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    scenarios: { type: 'string', default: '40' },
    queries: { type: 'string', default: '12' },
    real: { type: 'string', default: `http://127.0.0.1:${process.env.PLACEMENT_PORT ?? '21284'}` },
    verbose: { type: 'boolean', default: false },
    only: { type: 'string' },
    // restrict the family: no sharing providers, one group_policy
    'no-sharing': { type: 'boolean', default: false },
    policy: { type: 'string' },
  },
});
const SEED = Number(values.seed);
const SCENARIOS = Number(values.scenarios);
const QUERIES = Number(values.queries);
const REAL = values.real!;

/** mulberry32: small, seedable, good enough to spread cases. */
function rng(seed: number) {
  const next = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    h[12] = '4';
    h[16] = '89ab'[Math.floor(next() * 4)]!;
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, chance, uuid };
}
type Rng = ReturnType<typeof rng>;

interface Reply { status: number; body: any }
type Side = (method: string, path: string, version: string, body?: unknown) => Promise<Reply>;

const services = createServices(createRuntime(testConfig()));
const app = await buildPlacementApp(services);
await app.ready();

const ours: Side = async (method, path, version, body) => {
  const r = await app.inject({
    method: method as 'GET', url: path,
    headers: { 'x-auth-token': 'admin', 'openstack-api-version': `placement ${version}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: r.statusCode, body: r.body ? safeJson(r.body) : null };
};
const real: Side = async (method, path, version, body) => {
  const r = await request(`${REAL}${path}`, {
    method: method as 'GET',
    headers: { 'x-auth-token': 'admin', 'openstack-api-version': `placement ${version}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.body.text();
  return { status: r.statusCode, body: text ? safeJson(text) : null };
};
function safeJson(s: string): unknown { try { return JSON.parse(s); } catch { return s; } }

const CLASSES = ['VCPU', 'MEMORY_MB', 'DISK_GB', 'CUSTOM_EDGE_A'] as const;

interface Provider { uuid: string; name: string; parent: string | null; inventories: Record<string, Record<string, number>>; sharing: boolean }
interface Scenario { providers: Provider[]; allocations: Array<{ consumer: string; allocations: Record<string, Record<string, number>> }>; aggregate: string }

function inventoryFor(r: Rng): Record<string, number> {
  const total = r.int(2, 16);
  const reserved = r.chance(0.3) ? r.int(0, Math.min(2, total - 1)) : 0;
  const maxUnit = r.chance(0.5) ? total : r.int(1, total);
  return {
    total, reserved, max_unit: maxUnit, min_unit: 1,
    step_size: r.chance(0.15) ? 2 : 1,
    allocation_ratio: r.pick([1, 1, 1, 1.5, 2]),
  };
}

function buildScenario(r: Rng, n: number): Scenario {
  const providers: Provider[] = [];
  const roots = r.int(1, 3);
  for (let i = 0; i < roots; i++) {
    const root: Provider = { uuid: r.uuid(), name: `edge-s${n}-cn${i}`, parent: null, inventories: {}, sharing: false };
    for (const rc of CLASSES) if (r.chance(rc === 'CUSTOM_EDGE_A' ? 0.3 : 0.7)) root.inventories[rc] = inventoryFor(r);
    providers.push(root);
    const children = r.int(0, 2);
    for (let j = 0; j < children; j++) {
      const child: Provider = { uuid: r.uuid(), name: `edge-s${n}-cn${i}-numa${j}`, parent: root.uuid, inventories: {}, sharing: false };
      for (const rc of CLASSES) if (r.chance(0.5)) child.inventories[rc] = inventoryFor(r);
      providers.push(child);
    }
  }
  if (r.chance(0.35) && !values['no-sharing']) {
    const ss: Provider = { uuid: r.uuid(), name: `edge-s${n}-shared`, parent: null, inventories: { DISK_GB: inventoryFor(r) }, sharing: true };
    if (r.chance(0.4)) ss.inventories.VCPU = inventoryFor(r);
    providers.push(ss);
  }
  const allocations: Scenario['allocations'] = [];
  for (let k = r.int(0, 2); k > 0; k--) {
    const p = r.pick(providers);
    const rcs = Object.keys(p.inventories);
    if (!rcs.length) continue;
    const rc = r.pick(rcs);
    const inv = p.inventories[rc]!;
    const amount = Math.max(1, Math.min(inv.max_unit!, r.int(1, inv.total! - inv.reserved!)));
    allocations.push({ consumer: r.uuid(), allocations: { [p.uuid]: { [rc]: amount - (amount % inv.step_size!) || inv.step_size! } } });
  }
  return { providers, allocations, aggregate: r.uuid() };
}

/** Amounts that sit at an edge of some provider's inventory of `rc` in the scenario. */
function edgeAmount(r: Rng, s: Scenario, rc: string): number {
  const invs = s.providers.map((p) => p.inventories[rc]).filter((x): x is Record<string, number> => x !== undefined);
  if (!invs.length) return r.int(1, 4);
  const inv = r.pick(invs);
  const capacity = Math.floor((inv.total! - inv.reserved!) * inv.allocation_ratio!);
  const base = r.pick([inv.max_unit!, capacity, Math.ceil(inv.max_unit! / 2), Math.ceil(capacity / 2), 1, inv.max_unit! + 1, capacity - inv.max_unit!]);
  return Math.max(1, base + r.pick([0, 0, 0, -1, 1]));
}

function buildQuery(r: Rng, s: Scenario): { version: string; query: string } {
  const parts: string[] = [];
  const groups = r.int(1, 3);
  const shared = r.pick(CLASSES.slice(0, 3));
  const group = (forceShared: boolean) => {
    const rcs = new Set<string>();
    if (forceShared || r.chance(0.5)) rcs.add(shared);
    if (!rcs.size || r.chance(0.4)) rcs.add(r.pick(CLASSES));
    return [...rcs].map((rc) => `${rc}:${edgeAmount(r, s, rc)}`).join(',');
  };
  if (r.chance(0.7)) parts.push(`resources=${group(true)}`);
  for (let g = 1; g <= groups; g++) parts.push(`resources${g}=${group(r.chance(0.7))}`);
  const policy = r.pick(['none', 'isolate']);
  if (groups > 1 || r.chance(0.5) || values.policy) parts.push(`group_policy=${values.policy ?? policy}`);
  return { version: r.pick(['1.29', '1.33', '1.36', '1.39']), query: parts.join('&') };
}

async function apply(side: Side, s: Scenario): Promise<string[]> {
  const errs: string[] = [];
  const ok = (what: string, rep: Reply, want: number[]) => { if (!want.includes(rep.status)) errs.push(`${what}: ${rep.status} ${JSON.stringify(rep.body)}`); };
  ok('resource class', await side('PUT', '/resource_classes/CUSTOM_EDGE_A', '1.7'), [201, 204]);
  for (const p of s.providers) {
    ok(`provider ${p.name}`, await side('POST', '/resource_providers', '1.20', { uuid: p.uuid, name: p.name, ...(p.parent ? { parent_provider_uuid: p.parent } : {}) }), [200]);
    if (Object.keys(p.inventories).length) {
      ok(`inventories ${p.name}`, await side('PUT', `/resource_providers/${p.uuid}/inventories`, '1.26', { resource_provider_generation: 0, inventories: p.inventories }), [200]);
    }
  }
  const sharing = s.providers.find((p) => p.sharing);
  if (sharing) {
    const gen = (await side('GET', `/resource_providers/${sharing.uuid}`, '1.20')).body.generation;
    ok('sharing trait', await side('PUT', `/resource_providers/${sharing.uuid}/traits`, '1.20', { resource_provider_generation: gen, traits: ['MISC_SHARES_VIA_AGGREGATE'] }), [200]);
    for (const p of s.providers.filter((x) => x.parent === null)) {
      const g = (await side('GET', `/resource_providers/${p.uuid}`, '1.20')).body.generation;
      ok(`aggregate ${p.name}`, await side('PUT', `/resource_providers/${p.uuid}/aggregates`, '1.20', { resource_provider_generation: g, aggregates: [s.aggregate] }), [200]);
    }
  }
  for (const a of s.allocations) {
    const body = { allocations: Object.fromEntries(Object.entries(a.allocations).map(([rp, res]) => [rp, { resources: res }])), project_id: 'edge', user_id: 'edge', consumer_generation: null };
    const rep = await side('PUT', `/allocations/${a.consumer}`, '1.28', body);
    // an allocation one side refuses the other must refuse too: record the status
    errs.push(`#alloc ${rep.status}`);
  }
  return errs;
}

/** Empty the real Placement: every consumer's allocations, then every provider, leaves first. */
async function wipeReal(): Promise<void> {
  const list = (await real('GET', '/resource_providers', '1.20')).body.resource_providers as Array<{ uuid: string; parent_provider_uuid: string | null }>;
  for (const p of list) {
    const allocs = (await real('GET', `/resource_providers/${p.uuid}/allocations`, '1.20')).body.allocations as Record<string, unknown>;
    for (const consumer of Object.keys(allocs)) await real('DELETE', `/allocations/${consumer}`, '1.28');
  }
  const depth = (uuid: string): number => { const p = list.find((x) => x.uuid === uuid); return p?.parent_provider_uuid ? 1 + depth(p.parent_provider_uuid) : 0; };
  for (const p of [...list].sort((a, b) => depth(b.uuid) - depth(a.uuid))) await real('DELETE', `/resource_providers/${p.uuid}`, '1.20');
}

/** A canonical form: allocation requests as a sorted list, summaries as sorted keys. */
function canonical(body: any): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
    return v;
  };
  if (!body || typeof body !== 'object' || !Array.isArray(body.allocation_requests)) return JSON.stringify(body?.errors?.[0]?.detail ?? body);
  const areqs = body.allocation_requests.map((a: any) => {
    const mappings = a.mappings ? Object.fromEntries(Object.entries(a.mappings).map(([k, v]) => [k, [...(v as string[])].sort()])) : undefined;
    return JSON.stringify(sortKeys({ ...a, ...(mappings ? { mappings } : {}) }));
  }).sort();
  return JSON.stringify({ allocation_requests: areqs, provider_summaries: sortKeys(body.provider_summaries) });
}

let compared = 0;
let differences = 0;
let candidatesSeen = 0;
let multiGroupSameClass = 0;
const r = rng(SEED);
for (let n = 0; n < SCENARIOS; n++) {
  const s = buildScenario(r, n);
  if (values.only !== undefined && Number(values.only) !== n) {
    for (let q = 0; q < QUERIES; q++) buildQuery(r, s);
    continue;
  }
  if (values.verbose) console.log(JSON.stringify(s, null, 1));
  await services.placement.reset();
  await wipeReal();
  const [ea, eb] = [await apply(ours, s), await apply(real, s)];
  if (JSON.stringify(ea) !== JSON.stringify(eb)) {
    differences++;
    console.log(`scenario ${n}: set-up differs\n  ours: ${ea.join('; ')}\n  real: ${eb.join('; ')}`);
  }
  for (let q = 0; q < QUERIES; q++) {
    const { version, query } = buildQuery(r, s);
    const path = `/allocation_candidates?${query}`;
    const [a, b] = [await ours('GET', path, version), await real('GET', path, version)];
    compared++;
    if (b.status === 200) candidatesSeen += b.body.allocation_requests.length;
    const rcs = query.split('&').filter((x) => x.startsWith('resources')).flatMap((x) => x.split('=')[1]!.split(',').map((y) => y.split(':')[0]));
    if (new Set(rcs).size < rcs.length) multiGroupSameClass++;
    if (a.status !== b.status || canonical(a.body) !== canonical(b.body)) {
      differences++;
      console.log(`scenario ${n} query ${q} (${version}) ${path}\n  ours ${a.status}: ${canonical(a.body).slice(0, values.verbose ? undefined : 2000)}\n  real ${b.status}: ${canonical(b.body).slice(0, values.verbose ? undefined : 2000)}`);
    }
  }
}
await wipeReal();
console.log(`seed ${SEED}: ${SCENARIOS} scenarios, ${compared} queries (${multiGroupSameClass} with one class in several groups), ${candidatesSeen} real candidates, ${differences} differences`);
await app.close();
services.runtime.db.close();
process.exit(differences ? 1 : 0);
