// Placement on both listeners: under /placement on the main port (links and Location carry
// the prefix, as devstack's mounted placement) and at / on the standalone port (no prefix).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, createTestApp, type TestApp } from '../../helpers/app.js';
import { PlacementClient } from '../../helpers/placement.js';

const mounts = [
  { name: 'main port', prefix: '/placement', make: () => createTestApp() },
  { name: 'standalone port', prefix: '', make: () => createPlacementTestApp() },
];

for (const m of mounts) {
  describe(`Placement on the ${m.name}`, () => {
    let t: TestApp;
    let pc: PlacementClient;
    beforeAll(async () => { t = await m.make(); pc = new PlacementClient(t.transport, m.prefix); });
    afterAll(async () => { await t.close(); });

    it('serves the version document at the mount point', async () => {
      const r = await pc.call('GET', '/');
      expect(r.status).toBe(200);
      expect(r.body.versions[0].max_version).toBe('1.39');
    });

    it(`puts '${m.prefix}' in links and Location`, async () => {
      const created = await pc.call('POST', '/resource_providers', { version: '1.20', body: { name: `rp-${m.name}` } });
      expect(created.status).toBe(200);
      const uuid = created.body.uuid as string;
      expect(created.headers.location).toBe(`http://localhost:80${m.prefix}/resource_providers/${uuid}`);
      const links = created.body.links as { rel: string; href: string }[];
      expect(links.find((l) => l.rel === 'self')!.href).toBe(`${m.prefix}/resource_providers/${uuid}`);
      expect(links.find((l) => l.rel === 'inventories')!.href).toBe(`${m.prefix}/resource_providers/${uuid}/inventories`);
      const rc = await pc.call('PUT', '/resource_classes/CUSTOM_MOUNTED', { version: '1.7' });
      expect(rc.status).toBe(201);
      expect(rc.headers.location).toBe(`http://localhost:80${m.prefix}/resource_classes/CUSTOM_MOUNTED`);
    });

    it('answers unknown and undecodable URLs under the mount in the Placement envelope', async () => {
      for (const path of ['/nope', '/resource_providers/%E0%A4%A']) {
        const r = await pc.call('GET', path);
        expect(r.status, path).toBe(404);
        expect(r.body.errors[0].title).toBe('Not Found');
      }
    });
  });
}
