// GET /servers/detail reads a page's faults, info caches, BDMs, host services and host zones in
// one query each: every listed server must read as GET /servers/{id} shows it (zones from an
// aggregate, host_status of a disabled host, attached volumes, faults, cell0's fault left out),
// and walking limit + marker must give the whole list, with deleted servers, all_tenants, sort
// keys, filters and the regex path.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { BlockStorageClient } from '../../helpers/block-storage.js';
import { MockControl } from '../../helpers/mock-control.js';

let t: TestApp;
let c: ComputeClient;
const ALICE = 'alice:pa';
const BOB = 'bob:pb';
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  c = new ComputeClient(t.transport, { token: 'admin:admin', version: '2.93' });
  const volumes = new BlockStorageClient(t.transport, { token: 'admin:admin', project: 'admin' });
  const control = new MockControl(t.transport);
  // host1 in zone-a through an aggregate; host2 stays in nova's default zone
  const agg = await c.call('POST', '/os-aggregates', { body: { aggregate: { name: 'agg-a', availability_zone: 'zone-a' } } });
  expect(agg.status, agg.text).toBe(200);
  expect((await c.call('POST', `/os-aggregates/${agg.body.aggregate.id}/action`, { body: { add_host: { host: 'host1' } } })).status).toBe(200);
  for (const [name, token] of [['a1', ALICE], ['a2', ALICE], ['a3', ALICE], ['b1', BOB], ['b2', BOB]] as const) {
    ids[name] = (await c.createServer({ name, token })).id;
  }
  ids.h1 = (await c.createServer({ name: 'h1', host: 'host1' })).id;
  ids.h2 = (await c.createServer({ name: 'h2', host: 'host2' })).id;
  // a volume attached to h2
  const v = (await volumes.createVolume({ size: 1 })).id;
  expect((await c.call('POST', `/servers/${ids.h2}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: v } } })).status).toBe(200);
  await c.settle();
  // a failed spawn on a host (its fault in cell1), and NoValidHost (buried in cell0)
  await control.addFault({ operation: 'spawn', times: 5 }); // every retry fails too
  ids.err = (await c.createServer({ name: 'err', token: ALICE, waitFor: 'ERROR' })).id;
  ids.cell0 = (await c.createServer({ name: 'cell0', token: BOB, flavorRef: '5', waitFor: 'ERROR' })).id;
  // one deleted, and host2's compute disabled (host_status MAINTENANCE)
  expect((await c.call('DELETE', `/servers/${ids.a2}`, { token: ALICE })).status).toBe(204);
  await c.waitForServerGone(ids.a2);
  const svc = (await c.call('GET', '/os-services?binary=nova-compute&host=host2')).body.services[0];
  expect((await c.call('PUT', `/os-services/${svc.id}`, { body: { status: 'disabled', disabled_reason: 'maint' } })).status).toBe(200);
});
afterAll(async () => { await t.close(); });

const list = async (query: string, token = 'admin:admin', version = '2.93') => {
  const r = await c.call('GET', `/servers/detail?${query}`, { token, version });
  expect(r.status, r.text).toBe(200);
  return r.body as { servers: any[]; servers_links?: unknown };
};

/** The pages of `query` with limit=`size`, following the marker until a short page. */
async function walk(query: string, size: number, token = 'admin:admin'): Promise<any[]> {
  const out: any[] = [];
  let marker = '';
  for (;;) {
    const page = (await list(`${query}&limit=${size}${marker}`, token)).servers;
    out.push(...page);
    if (page.length < size) return out;
    marker = `&marker=${page.at(-1).id}`;
  }
}

describe('detail pages', () => {
  test('each listed server reads as GET /servers/{id} shows it (cell0 faults left out, as nova lists them)', async () => {
    for (const [token, query, n] of [['admin:admin', 'all_tenants=1', 8], [ALICE, '', 3], [BOB, '', 3]] as const) {
      const { servers } = await list(query, token);
      expect(servers).toHaveLength(n);
      for (const s of servers) {
        const shown = await c.getServer(s.id, { token, version: '2.93' });
        delete shown.server_groups; // show only (2.71)
        if (s.id === ids.cell0) {
          expect(shown.fault.message).toContain('No valid host was found');
          delete shown.fault;
        }
        expect(s, s.name).toEqual(shown);
      }
    }
    const { servers } = await list('all_tenants=1');
    const by = Object.fromEntries(servers.map((s) => [s.name, s]));
    // what the batched reads brought
    expect(by.h1['OS-EXT-AZ:availability_zone']).toBe('zone-a');
    expect(by.h2['OS-EXT-AZ:availability_zone']).toBe('nova');
    expect(by.h1.host_status).toBe('UP');
    expect(by.h2.host_status).toBe('MAINTENANCE');
    expect(by.h2['os-extended-volumes:volumes_attached']).toHaveLength(1);
    expect(by.err.fault).toMatchObject({ code: expect.any(Number), message: expect.any(String) });
    expect(by.cell0.fault).toBeUndefined();
    expect(by.cell0.host_status).toBe('');
  });

  test('limit + marker walks give the whole list, whatever the filter or sort', async () => {
    for (const query of [
      'all_tenants=1', 'all_tenants=1&deleted=True', 'all_tenants=1&changes-since=2000-01-01T00:00:00Z',
      'all_tenants=1&status=ACTIVE&sort_key=display_name&sort_dir=asc', 'all_tenants=1&sort_key=host&sort_dir=desc&sort_key=display_name',
      'all_tenants=1&project_id=pa', 'all_tenants=1&name=^[ab]', 'all_tenants=1&host=host2',
    ]) {
      const whole = (await list(query)).servers;
      expect(whole.length, query).toBeGreaterThan(0);
      for (const size of [1, 2, 3]) expect((await walk(query, size)).map((s) => s.id), `${query} by ${size}`).toEqual(whole.map((s) => s.id));
      // and each walked page's bodies are the whole list's
      expect(await walk(query, 2), query).toEqual(whole);
    }
    expect((await walk('', 2, ALICE)).map((s) => s.name).sort()).toEqual(['a1', 'a3', 'err']);
  });

  test('deleted servers are listed (admin) with their views, and only as asked', async () => {
    const deleted = (await list('all_tenants=1&deleted=True')).servers;
    expect(deleted.map((s) => [s.id, s.status])).toEqual([[ids.a2, 'DELETED']]);
    expect((await list('all_tenants=1')).servers.map((s) => s.id)).not.toContain(ids.a2);
    const since = (await list('all_tenants=1&changes-since=2000-01-01T00:00:00Z')).servers;
    expect(since.find((s) => s.id === ids.a2)).toEqual(deleted[0]);
  });

  test('a marker outside the filtered list is a 400, as an unknown one', async () => {
    for (const [token, query, marker] of [
      [ALICE, '', ids.b1], // another project's server
      ['admin:admin', 'all_tenants=1', ids.a2], // deleted, not asked for
      ['admin:admin', 'all_tenants=1&host=host1', ids.h2], // filtered out
      ['admin:admin', 'all_tenants=1&name=^a', ids.b1], // the regex path
      ['admin:admin', 'all_tenants=1&flavor=nope', ids.h1], // unknown flavor: an empty list
      ['admin:admin', 'all_tenants=1', 'nope'],
    ] as const) {
      const r = await c.call('GET', `/servers/detail?${query}&marker=${marker}`, { token });
      expect(r.status, `${query} ${marker}`).toBe(400);
      expect(r.body).toEqual({ badRequest: { code: 400, message: `marker [${marker}] not found` } });
    }
    // the same marker in a list that holds it pages on
    expect((await c.call('GET', `/servers/detail?all_tenants=1&deleted=True&marker=${ids.a2}`)).body.servers).toEqual([]);
    expect((await c.call('GET', '/servers/detail?all_tenants=1&flavor=nope')).body.servers).toEqual([]);
  });

  test('host_status follows the services between two pages: enabled, forced down, disabled again', async () => {
    const statusOf = async () => Object.fromEntries((await list('all_tenants=1')).servers.map((s) => [s.name, s.host_status]));
    expect(await statusOf()).toMatchObject({ h1: 'UP', h2: 'MAINTENANCE' });
    const svc = async (host: string) => (await c.call('GET', `/os-services?binary=nova-compute&host=${host}`)).body.services[0];
    const h1 = await svc('host1');
    const h2 = await svc('host2');
    expect((await c.call('PUT', `/os-services/${h2.id}`, { body: { status: 'enabled' } })).status).toBe(200);
    expect(await statusOf()).toMatchObject({ h1: 'UP', h2: 'UP' });
    expect((await c.call('PUT', `/os-services/${h1.id}`, { body: { forced_down: true } })).status).toBe(200);
    expect(await statusOf()).toMatchObject({ h1: 'DOWN', h2: 'UP' });
    expect((await c.call('PUT', `/os-services/${h1.id}`, { body: { forced_down: false } })).status).toBe(200);
    expect((await c.call('PUT', `/os-services/${h2.id}`, { body: { status: 'disabled', disabled_reason: 'maint' } })).status).toBe(200);
    expect(await statusOf()).toMatchObject({ h1: 'UP', h2: 'MAINTENANCE' });
  });
});

describe('a page past 64 KiB (written into a reused buffer, a view at a time)', () => {
  test('reads as the whole list does and as each server shows, odd characters included', async () => {
    const t2 = await createTestApp({ seed: true });
    try {
      const c2 = new ComputeClient(t2.transport, { token: 'admin:admin', version: '2.93' });
      const odd = ['"q" \\ b', 'tab\tnl\n', '\u2603 \u{1F600} \u00e9', '\u2028\u2029', '\u0001'];
      for (let n = 0; n < 3; n++) {
        // 100 items of ~250 characters: ~25 KB of metadata each
        const metadata = Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`k${k}`, `${odd[(k + n) % odd.length]}${'x'.repeat(240)}`]));
        await c2.createServer({ name: `big-${n} ${["\"q\" \\\\ b", "\u2603 \u{1F600} \u00e9", "x"][n]}`, extra: { metadata } });
      }
      const r = await c2.call('GET', '/servers/detail?all_tenants=1', { version: '2.93' });
      expect(r.status, r.text).toBe(200);
      expect(Buffer.byteLength(r.text)).toBeGreaterThan(65536);
      // the text is JSON.stringify's (no separators' spaces, the same escapes)
      expect(r.text).toBe(JSON.stringify(r.body));
      expect(r.body.servers).toHaveLength(3);
      for (const s of r.body.servers) {
        const shown = await c2.getServer(s.id, { version: '2.93' });
        delete shown.server_groups;
        expect(s).toEqual(shown);
      }
      const paged = await c2.call('GET', '/servers/detail?all_tenants=1&limit=2', { version: '2.93' });
      expect(paged.body.servers).toEqual(r.body.servers.slice(0, 2));
      expect(paged.text).toBe(JSON.stringify(paged.body));
      expect(paged.body.servers_links).toHaveLength(1);
    } finally {
      await t2.close();
    }
  });
});
