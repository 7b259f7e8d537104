// instances.listPage (GET /servers paged in SQL: the marker's sort values, then the rows after
// them) against list(f) cut after the marker, over random clouds, filters, sort keys and markers:
// ties, NULLs in nullable sort keys, deleted and soft-deleted rows, markers outside the filter.
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/db/open-database.js';
import { createComputeStore, type ComputeStore } from '../../../src/compute-db/compute-store.js';
import type { InstanceFilter } from '../../../src/compute-db/instances-store.js';
import type { VmState } from '../../../src/compute-db/records.js';
import { DEFAULT_FLAVORS } from '../../../src/workflows/cloud-seed.js';
import { seededRandom as rng } from '../../../src/runtime/seeded-random.js';

type SortKey = NonNullable<InstanceFilter['sortKeys']>[number]['key'];
const SORT_KEYS: SortKey[] = ['created_at', 'updated_at', 'display_name', 'uuid', 'vm_state', 'task_state', 'host', 'launched_at', 'project_id', 'id'];
const VM_STATES: VmState[] = ['active', 'building', 'stopped', 'error', 'soft-delete', 'deleted'];

function cloud(seed: number): { store: ComputeStore; uuids: string[]; pick: <T>(xs: readonly T[]) => T; r: () => number } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // a clock with few distinct values: many rows share created_at / updated_at
  const times = ['2026-01-01T00:00:00.000000', '2026-01-01T00:00:01.000000', '2026-01-01T00:00:02.000000'];
  const store = createComputeStore(openDatabase(':memory:'), () => pick(times));
  for (const f of DEFAULT_FLAVORS) store.flavors.create(f);
  const uuids: string[] = [];
  const n = 5 + Math.floor(r() * 40);
  for (let i = 0; i < n; i++) {
    const uuid = `${Math.floor(r() * 1e8).toString(16).padStart(8, '0')}-0000-0000-0000-${String(i).padStart(12, '0')}`;
    store.instances.create({
      uuid, displayName: pick(['a', 'b', 'web']), projectId: pick(['p0', 'p1', 'p2']), userId: 'u',
      flavor: store.flavors.get(pick(['1', '2']))!, vmState: pick(VM_STATES), taskState: pick([null, null, 'spawning', 'deleting']),
      host: pick([null, 'h0', 'h1', 'h2']), launchedAt: pick([null, ...times]),
    });
    if (r() < 0.5) store.instances.save(uuid, { displayName: pick(['a', 'b', 'c']) }); // updated_at set
    if (r() < 0.15) store.instances.save(uuid, { deleted: true, vmState: 'deleted' });
    uuids.push(uuid);
  }
  return { store, uuids, pick, r };
}

function randomFilter(c: ReturnType<typeof cloud>): InstanceFilter {
  const { r, pick } = c;
  const f: { -readonly [K in keyof InstanceFilter]: InstanceFilter[K] } = {};
  if (r() < 0.4) f.projectId = pick(['p0', 'p1', 'p2']);
  if (r() < 0.2) f.host = pick(['h0', 'h1']);
  if (r() < 0.2) f.vmStates = [pick(VM_STATES), pick(VM_STATES)];
  if (r() < 0.15) f.taskStates = [pick([null, 'spawning', 'deleting'])];
  if (r() < 0.1) f.flavorId = 1;
  f.deleted = pick(['exclude', 'exclude', 'include', 'only'] as const);
  f.softDeletedAsDeleted = r() < 0.7;
  if (r() < 0.1) f.changesSince = '2026-01-01T00:00:01.000000';
  if (r() < 0.1) f.name = pick(['^a', 'b|c', 'web']); // the regex path
  if (r() < 0.7) {
    const keys: { key: SortKey; dir: 'asc' | 'desc' }[] = [];
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) keys.push({ key: pick(SORT_KEYS), dir: pick(['asc', 'desc'] as const) });
    f.sortKeys = keys;
  }
  return f;
}

/** What the route did before: the whole list, then the items after the marker, at most limit. */
function expected(store: ComputeStore, f: InstanceFilter, limit: number, marker?: string): string[] | 'marker-not-found' {
  const all = store.instances.list(f).map((i) => i.uuid);
  let start = 0;
  if (marker !== undefined) {
    const at = all.indexOf(marker);
    if (at < 0) return 'marker-not-found';
    start = at + 1;
  }
  return all.slice(start, start + limit);
}

describe('instances.listPage', () => {
  test('equals list(f) cut after the marker, over 150 random clouds', () => {
    let pages = 0;
    let notFound = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const c = cloud(seed);
      for (let q = 0; q < 12; q++) {
        const f = randomFilter(c);
        const listed = c.store.instances.list(f).map((i) => i.uuid);
        const limit = c.pick([0, 1, 2, 3, 7, 1000]);
        // a marker in the list, one outside the filter (or unknown), or none
        const marker = c.pick([undefined, listed.length ? c.pick(listed) : undefined, c.pick(c.uuids), 'no-such-uuid']);
        const page = c.store.instances.listPage(f, { limit, ...(marker !== undefined ? { marker } : {}) });
        const got = page === 'marker-not-found' ? page : page.map((i) => i.uuid);
        expect(got, `seed ${seed} query ${q}: ${JSON.stringify({ f, limit, marker })}`).toEqual(expected(c.store, f, limit, marker));
        if (got === 'marker-not-found') notFound++; else pages++;
      }
    }
    // both outcomes were exercised
    expect(pages).toBeGreaterThan(800);
    expect(notFound).toBeGreaterThan(150);
  });

  test('walking the pages with the last uuid as marker lists every row once, in order', () => {
    for (let seed = 1000; seed < 1040; seed++) {
      const c = cloud(seed);
      const f = randomFilter(c);
      const walked: string[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = c.store.instances.listPage(f, { limit: 2, ...(marker !== undefined ? { marker } : {}) });
        if (page === 'marker-not-found') throw new Error(`seed ${seed}: own marker not found`);
        walked.push(...page.map((i) => i.uuid));
        if (page.length < 2) break;
        marker = page.at(-1)!.uuid;
      }
      expect(walked, `seed ${seed}`).toEqual(c.store.instances.list(f).map((i) => i.uuid));
    }
  });

  test('the rows come back whole (deleted ones included when asked)', () => {
    const c = cloud(7);
    const f: InstanceFilter = { deleted: 'include' };
    const page = c.store.instances.listPage(f, { limit: 1000 });
    expect(page).toEqual(c.store.instances.list(f));
  });

  test('values read as a JSON array text (the page path) equal the raw row values, odd text included', () => {
    const store = createComputeStore(openDatabase(':memory:'), () => '2026-01-01T00:00:00.000000');
    for (const f of DEFAULT_FLAVORS) store.flavors.create(f);
    const odd = ['"quoted" \\ back', 'tab\tnl\ncr\r\u0000nul\u001f', '\u2603 snow \u{1F600} emoji \u00e9', '\u2028\u2029 separators', '', ' ', 'null', '[1]', '{"a":1}'];
    odd.forEach((name, k) => store.instances.create({
      uuid: `00000000-0000-0000-0000-${String(k).padStart(12, '0')}`, displayName: name, projectId: 'p', userId: 'u',
      flavor: store.flavors.get('1')!, vmState: 'active', metadata: { [name || 'k']: name }, tags: [name], userData: name,
      displayDescription: k % 2 ? null : name, hostname: name, launchIndex: k * 1e9, progress: k % 3 ? null : 100, locked: k % 2 === 0,
      keyName: name, accessIpV4: null, trustedCerts: k % 2 ? [name] : null,
    }));
    const page = store.instances.listPage({}, { limit: 1000 });
    if (page === 'marker-not-found') throw new Error('no page');
    expect(page.length).toBe(odd.length);
    for (const r of page) expect(r).toEqual(store.instances.get(r.uuid));
  });
});
