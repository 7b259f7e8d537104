// progression=manual (steps advanced through POST /_mock/progress) and progression=timed on a
// manual clock: the same build, observed one step at a time.
import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';
import { ManualClock } from '../../../src/runtime/clock.js';

const H = { 'x-auth-token': 'admin', 'openstack-api-version': 'compute 2.93' };
let t: TestApp;
afterEach(async () => { await t.close(); });

async function boot(): Promise<string> {
  const r = await t.app.inject({
    method: 'POST', url: '/compute/v2.1/servers', headers: H,
    payload: { server: { name: 's', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none', availability_zone: 'nova:host1' } },
  });
  expect(r.statusCode).toBe(202);
  return r.json().server.id;
}
async function state(id: string): Promise<string> {
  const s = (await t.app.inject({ method: 'GET', url: `/compute/v2.1/servers/${id}`, headers: H })).json().server;
  return `${s.status}/${s['OS-EXT-STS:vm_state']}/${s['OS-EXT-STS:task_state']}/${s['OS-EXT-SRV-ATTR:host']}`;
}

describe('progression=manual', () => {
  test('each POST /_mock/progress runs one step', async () => {
    t = await createTestApp({ seed: true, progression: 'manual' });
    const id = await boot();
    await t.services.compute.workflows.idle();
    expect(await state(id)).toBe('BUILD/building/scheduling/null');
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const p = (await t.app.inject({ method: 'GET', url: '/_mock/progress', headers: H })).json();
      if (p.waiting.length === 0) break;
      const adv = await t.app.inject({ method: 'POST', url: '/_mock/progress', headers: H, payload: { steps: 1 } });
      expect(adv.statusCode).toBe(200);
      expect(adv.json().advanced).toBe(1);
      await t.services.compute.workflows.idle();
      seen.push(`${p.waiting[0]} -> ${await state(id)}`);
    }
    expect(seen).toEqual([
      'build:select_destinations -> BUILD/building/scheduling/null',
      'build:start -> BUILD/building/null/null',
      'build:instance_claim -> BUILD/building/null/host1',
      'build:allocate_network -> BUILD/building/networking/host1',
      'build:block_device_mapping -> BUILD/building/block_device_mapping/host1',
      'build:spawning -> BUILD/building/spawning/host1',
      'build:spawn -> BUILD/building/spawning/host1',
      'build:active -> ACTIVE/active/null/host1',
    ]);
  });

  test('progress is refused outside manual mode and validated', async () => {
    t = await createTestApp({ seed: true });
    expect((await t.app.inject({ method: 'POST', url: '/_mock/progress', headers: H, payload: {} })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: '/_mock/progress', headers: H, payload: { steps: 0 } })).statusCode).toBe(400);
  });

  test('reset aborts parked workflows', async () => {
    t = await createTestApp({ seed: true, progression: 'manual' });
    await boot();
    await t.services.compute.workflows.idle();
    expect(t.services.compute.progression.waiting()).toHaveLength(1);
    expect((await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: H, payload: {} })).statusCode).toBe(200);
    expect(t.services.compute.progression.waiting()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/compute/v2.1/servers', headers: H })).json().servers).toEqual([]);
  });
});

test('reset with a parked resize and a delete queued behind it does not hang', async () => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const c = t.services.compute;
  const id = await boot();
  await runManualToEnd(c);
  expect((await t.app.inject({ method: 'POST', url: `/compute/v2.1/servers/${id}/action`, headers: H, payload: { resize: { flavorRef: '2' } } })).statusCode).toBe(202);
  await c.workflows.idle();
  expect((await t.app.inject({ method: 'DELETE', url: `/compute/v2.1/servers/${id}`, headers: H })).statusCode).toBe(204);
  await c.workflows.idle();
  expect(c.progression.waiting()).toHaveLength(1);
  expect((await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: H, payload: {} })).statusCode).toBe(200);
  await c.workflows.idle();
  expect(c.progression.waiting()).toEqual([]);
  expect((await t.app.inject({ method: 'GET', url: '/compute/v2.1/servers', headers: H })).json().servers).toEqual([]);
  // the new cloud works
  const id2 = await boot();
  await runManualToEnd(c);
  expect(await state(id2)).toBe('ACTIVE/active/null/host1');
});

describe('progression=timed on a manual clock', () => {
  test('nothing moves until time passes; 75 ms (x timedScale) per boot step', async () => {
    const clock = new ManualClock();
    t = await createTestApp({ seed: true, progression: 'timed', timedScale: 2 }, { clock });
    const id = await boot();
    const flush = async () => { for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r)); };
    await flush();
    expect(await state(id)).toBe('BUILD/building/scheduling/null');
    clock.advance(149);
    await flush();
    expect(await state(id)).toBe('BUILD/building/scheduling/null');
    let steps = 0;
    while ((await state(id)) !== 'ACTIVE/active/null/host1' && steps < 20) {
      clock.advance(150);
      await flush();
      steps++;
    }
    expect(await state(id)).toBe('ACTIVE/active/null/host1');
    expect(steps).toBe(8);
  });
});
