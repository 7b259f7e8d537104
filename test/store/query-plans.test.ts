// The lookups a boot, a resize and GET /servers/{id} run read their rows in the order they
// answer in: no temp b-tree (SQLite allocates and touches a fresh page cache for each one, page
// faults that cost more than the query; issue #20). The statements are the ones the stores really
// ran during the bug-1825537 scenario, explained as SQLite plans them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { bug1825537Scenario, type ScenarioCloud } from '../../bench/resize-scenario.bench.js';

const HOT: Record<string, RegExp> = {
  'a server\'s latest fault': /FROM instance_faults WHERE instance_uuid = \? ORDER BY created_at DESC, id DESC LIMIT 1/,
  'a server\'s migrations': /FROM migrations WHERE instance_uuid = \?.* ORDER BY created_at DESC, id DESC/,
  'the moves in progress': /FROM migrations m JOIN instances i ON i\.uuid = m\.instance_uuid\s+WHERE m\.deleted = 0 AND i\.deleted = 0\s+AND m\.status NOT IN/,
  'an image\'s properties': /FROM image_properties WHERE image_id = \?/,
  'an image\'s tags': /FROM image_tags WHERE image_id = \?/,
  'the providers of a consumer\'s allocations': /SELECT .*resource_provider_id FROM allocations WHERE consumer_id = \?/,
  'the aggregates with a metadata key and value': /FROM aggregate_metadata WHERE key = \? AND value = \? ORDER BY aggregate_id/,
};

let t: TestApp;
let db: Db;
const ran = new Set<string>();

beforeAll(async () => {
  db = openDatabase(':memory:');
  const prepare = db.prepare.bind(db);
  (db as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    const st = prepare(sql) as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['run', 'get', 'all', 'iterate']) {
      const f = st[m]!;
      st[m] = function (this: unknown, ...a: unknown[]) { ran.add(sql); return f.apply(this, a); };
    }
    return st;
  };
  t = await createTestApp({ seed: true }, { db });
  const admin = { 'x-auth-token': 'admin' };
  const call = async (method: string, url: string, body: unknown, headers: Record<string, string>) => {
    const r = await t.app.inject({
      method: method as 'GET', url, headers: { ...admin, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    return { __status: r.statusCode, ...(r.body ? JSON.parse(r.body) : {}) };
  };
  const cloud: ScenarioCloud = {
    compute: (m, p, body) => call(m, `/compute/v2.1${p}`, body, { 'openstack-api-version': 'compute 2.93' }),
    control: (m, p, body) => call(m, `/_mock${p}`, body, {}),
    placement: (m, p) => call(m, `/placement${p}`, undefined, { 'openstack-api-version': 'placement 1.28' }),
    settle: () => t.services.compute.workflows.idle(),
  };
  const hosts = (await cloud.control('GET', '/hosts')).hosts as { name: string; resource_provider: string }[];
  const rp = (name: string) => hosts.find((h) => h.name === name)!.resource_provider;
  await bug1825537Scenario(cloud, { host1: rp('host1'), host2: rp('host2') });
  // and a boot into an availability zone (the scheduler's zone filter)
  const agg = (await cloud.compute('POST', '/os-aggregates', { aggregate: { name: 'az1', availability_zone: 'az1' } })).aggregate;
  await cloud.compute('POST', `/os-aggregates/${agg.id}/action`, { add_host: { host: 'host1' } });
  const boot = await cloud.compute('POST', '/servers', { server: { name: 'in-az1', flavorRef: '1', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', networks: 'none', availability_zone: 'az1' } });
  expect(boot.__status).toBe(202);
  await cloud.settle();
}, 120_000);

afterAll(async () => { await t.close(); });

describe('query plans of the hot lookups', () => {
  test.each(Object.entries(HOT))('%s: run, and without a temp b-tree', (_name, re) => {
    const statements = [...ran].filter((sql) => re.test(sql));
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) {
      const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
      let plan: string | null = null;
      // bind NULLs: as many positional parameters as the statement takes
      for (let n = 0; n < 40 && plan === null; n++) {
        const args: unknown[] = Array(n).fill(null);
        if (named.length) args.unshift(Object.fromEntries(named.map((k) => [k, null])));
        try { plan = (explain.all(...args) as { detail: string }[]).map((r) => r.detail).join(' | '); } catch { /* more parameters */ }
      }
      expect(plan, sql).not.toBeNull();
      expect(plan, sql).not.toMatch(/TEMP B-TREE/);
    }
  });
});
