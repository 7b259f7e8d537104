// A server deleted at any step of a resize (progression=manual) ends with nothing in Placement:
// no allocation for the server, none for the migration, zero usage on both hosts.
import { afterEach, expect, test } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { MockControl } from '../../helpers/mock-control.js';
import { PlacementClient } from '../../helpers/placement.js';

let t: TestApp;
afterEach(async () => { await t.close(); });

/** Release up to `steps` parked workflow steps, one at a time. */
async function advance(steps: number): Promise<void> {
  const c = t.services.compute;
  for (let i = 0; i < steps && c.progression.waiting().length; i++) { c.progression.advance(1); await c.workflows.idle(); }
}

/** DELETE (204), every workflow to its end, then: the server is gone and nothing is left in Placement. */
async function expectDeleteFreesEverything(api: ComputeClient, id: string): Promise<void> {
  const c = t.services.compute;
  expect((await api.call('DELETE', `/servers/${id}`)).status).toBe(204);
  await c.workflows.idle();
  await runManualToEnd(c);
  expect((await api.call('GET', `/servers/${id}`)).status).toBe(404);
  const placement = new PlacementClient(t.transport);
  for (const node of c.store.services.listNodes()) {
    const u = (await placement.call('GET', `/resource_providers/${node.uuid}/usages`)).body;
    expect(u.usages, node.hypervisorHostname).toEqual({ VCPU: 0, MEMORY_MB: 0, DISK_GB: 0 });
  }
  expect(await new MockControl(t.transport).audit()).toEqual([]);
}

test.each(Array.from({ length: 17 }, (_, i) => i))('delete after %i resize steps frees everything', async (steps) => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const api = new ComputeClient(t.transport, { version: '2.93' });
  const { id } = await api.createServer({ name: 's', host: 'host1', waitFor: null });
  await t.services.compute.workflows.idle();
  await runManualToEnd(t.services.compute);
  expect((await api.action(id, { resize: { flavorRef: '2' } })).status).toBe(202);
  await t.services.compute.workflows.idle();
  await advance(steps);
  await expectDeleteFreesEverything(api, id);
});

test.each(Array.from({ length: 9 }, (_, i) => i))('delete after %i build steps frees everything', async (steps) => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const api = new ComputeClient(t.transport, { version: '2.93' });
  const { id } = await api.createServer({ name: 's', waitFor: null });
  await t.services.compute.workflows.idle();
  await advance(steps);
  await expectDeleteFreesEverything(api, id);
});
