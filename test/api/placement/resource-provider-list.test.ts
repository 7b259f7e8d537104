// GET /resource_providers is served from the provider index with cached per-provider text.
// Reference: GET /resource_providers/{uuid}, which reads the row from SQL on every call. After
// each kind of write the list must show exactly what the show route shows, byte for byte, and
// Last-Modified must be the newest of the shown providers' (from 1.15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { ManualClock } from '../../../src/runtime/clock.js';
import { buildApp, buildPlacementApp, createServices } from '../../../src/app.js';
import type { FastifyInstance } from 'fastify';
import { PlacementClient } from '../../helpers/placement.js';
import { injectTransport } from '../../helpers/api-transport.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
let app: FastifyInstance;
let mainApp: FastifyInstance;
let close: () => Promise<void>;
let pc: PlacementClient;

beforeAll(async () => {
  const services = createServices(createRuntime(testConfig({}), { clock }));
  app = await buildPlacementApp(services);
  await app.ready();
  // main.ts serves the same services under /placement on the main port: one cache, two prefixes.
  mainApp = await buildApp(services);
  await mainApp.ready();
  pc = new PlacementClient(injectTransport({ app }), '');
  close = async () => { await app.close(); await mainApp.close(); services.runtime.db.close(); };
});
afterAll(async () => { await close(); });

const VERSIONS = ['1.0', '1.1', '1.6', '1.11', '1.14', '1.15', '1.39'];

/** The list's text for each provider must be the show route's text, in the list's order. */
async function expectListMatchesShow(query = '', versions = VERSIONS): Promise<string[]> {
  let uuids: string[] = [];
  for (const version of versions) {
    const list = await pc.call('GET', `/resource_providers${query}`, { version });
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toBe('application/json');
    const shown = list.body.resource_providers as { uuid: string }[];
    uuids = shown.map((p) => p.uuid);
    const texts: string[] = [];
    let newest = -Infinity;
    for (const uuid of uuids) {
      const one = await pc.call('GET', `/resource_providers/${uuid}`, { version });
      texts.push(one.text);
      if (one.headers['last-modified']) newest = Math.max(newest, Date.parse(String(one.headers['last-modified'])));
    }
    expect(list.text).toBe(`{"resource_providers":[${texts.join(',')}]}`);
    if (version === '1.15' || version === '1.39') {
      expect(list.headers['cache-control']).toBe('no-cache');
      const expected = uuids.length ? new Date(newest) : clock.now();
      expect(list.headers['last-modified']).toBe(new Date(Math.floor(expected.getTime() / 1000) * 1000).toUTCString());
    } else {
      expect(list.headers['last-modified']).toBeUndefined();
    }
  }
  return uuids;
}

describe('GET /resource_providers from the index', () => {
  it('empty list: Last-Modified is now', async () => {
    expect(await expectListMatchesShow()).toEqual([]);
  });

  it('follows creates, generation bumps, renames (same name too), re-parenting and deletes', async () => {
    const root = await pc.createProvider('list-root');
    const mid = await pc.createProvider('list-mid', { parent_provider_uuid: root.uuid });
    const leaf = await pc.createProvider('list-leaf \u00e9\u4e2d', { parent_provider_uuid: mid.uuid });
    const other = await pc.createProvider('list-other');
    expect(await expectListMatchesShow()).toEqual([root.uuid, mid.uuid, leaf.uuid, other.uuid]);

    clock.advance(5_000);
    expect((await pc.setInventories(leaf.uuid, leaf.generation, { VCPU: { total: 8 } })).status).toBe(200);
    await expectListMatchesShow();

    // Renaming to the same name only moves updated_at; the list's Last-Modified must follow.
    clock.advance(7_000);
    const same = await pc.call('PUT', `/resource_providers/${other.uuid}`, { version: '1.14', body: { name: 'list-other' } });
    expect(same.status).toBe(200);
    const after = await pc.call('GET', '/resource_providers', { version: '1.15' });
    expect(after.headers['last-modified']).toBe(clock.now().toUTCString());
    await expectListMatchesShow();

    // Moving `mid` (and so `leaf`) under `other` changes the subtree's root uuid.
    clock.advance(3_000);
    const moved = await pc.call('PUT', `/resource_providers/${mid.uuid}`, { version: '1.37', body: { name: 'list-mid', parent_provider_uuid: other.uuid } });
    expect(moved.status).toBe(200);
    const tree = (await pc.call('GET', `/resource_providers?in_tree=${other.uuid}`, { version: '1.14' })).body.resource_providers;
    expect(tree.map((p: { root_provider_uuid: string }) => p.root_provider_uuid)).toEqual([other.uuid, other.uuid, other.uuid]);
    await expectListMatchesShow();

    expect((await pc.call('DELETE', `/resource_providers/${root.uuid}`)).status).toBe(204);
    expect(await expectListMatchesShow()).toEqual([mid.uuid, leaf.uuid, other.uuid]);
  });

  it("PUT's Last-Modified is the updated_at loaded before saving: roots have one from creation, new children none", async () => {
    // placement's _create_in_db sets a root's root_provider_id in a second flush (an UPDATE).
    clock.advance(1_000);
    const created = clock.now().toUTCString();
    const root = await pc.createProvider('lm-root');
    const child = await pc.createProvider('lm-child', { parent_provider_uuid: root.uuid });
    clock.advance(9_000);
    const put = (uuid: string, name: string) => pc.call('PUT', `/resource_providers/${uuid}`, { version: '1.15', body: { name } });
    const rootPut = await put(root.uuid, 'lm-root-renamed');
    expect(rootPut.headers['last-modified']).toBe(created);
    const childPut = await put(child.uuid, 'lm-child-renamed');
    expect(childPut.status).toBe(200);
    expect(childPut.headers['last-modified']).toBeUndefined();
    expect((await put(child.uuid, 'lm-child-again')).headers['last-modified']).toBe(clock.now().toUTCString());
  });

  it('filtered forms render the same fragments', async () => {
    const a = await pc.createProvider('list-filter-a');
    await pc.setInventories(a.uuid, a.generation, { VCPU: { total: 4 }, MEMORY_MB: { total: 1024 } });
    expect(await expectListMatchesShow('?resources=VCPU:2', ['1.4', '1.14', '1.39'])).toContain(a.uuid);
    expect(await expectListMatchesShow(`?name=list-filter-a`, ['1.0', '1.39'])).toEqual([a.uuid]);
    expect(await expectListMatchesShow('?resources=VCPU:100', ['1.39'])).toEqual([]);
  });

  it('serves both link prefixes from one service without mixing them', async () => {
    const mounted = new PlacementClient(injectTransport({ app: mainApp }), '/placement');
    for (let round = 0; round < 2; round++) {
      const bare = await pc.call('GET', '/resource_providers', { version: '1.39' });
      const prefixed = await mounted.call('GET', '/resource_providers', { version: '1.39' });
      expect(bare.body.resource_providers.length).toBeGreaterThan(0);
      expect(prefixed.text).toBe(bare.text.replaceAll('"/resource_providers/', '"/placement/resource_providers/'));
    }
  });
});
