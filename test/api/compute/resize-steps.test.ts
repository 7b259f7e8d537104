// The resize table of the spec (§4, steps 0-7b) checked step by step with progression=manual:
// after each workflow step, the server's task state, host and flavor, the migration's status and
// dest, and the allocations of both consumers.
import { afterEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

const H = { 'x-auth-token': 'admin', 'openstack-api-version': 'compute 2.93' };
let t: TestApp;
afterEach(async () => { await t.close(); });

test('resize host1 -> host2, tiny -> small, one step at a time', async () => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const compute = t.services.compute;
  const run = async () => { compute.progression.advance(); await compute.workflows.idle(); };
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: H })).json();
  const rp = (h: string) => compute.store.services.getNodeByName(h)!.uuid;
  const allocs = async (consumer: string) => {
    const a = (await t.app.inject({ method: 'GET', url: `/placement/allocations/${consumer}`, headers: { 'x-auth-token': 'admin' } })).json().allocations;
    return Object.fromEntries(Object.entries(a as Record<string, any>).map(([u, v]) => [u === rp('host1') ? 'host1' : 'host2', v.resources]));
  };
  const created = await t.app.inject({
    method: 'POST', url: '/compute/v2.1/servers', headers: H,
    payload: { server: { name: 's', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none', availability_zone: 'nova:host1' } },
  });
  const id = created.json().server.id as string;
  await compute.workflows.idle();
  while (compute.progression.waiting().length) await run();

  const tiny = { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 };
  const small = { VCPU: 1, MEMORY_MB: 2048, DISK_GB: 20 };
  const snapshot = async () => {
    const s = (await get(`/compute/v2.1/servers/${id}`)).server;
    const m = (await get(`/compute/v2.1/os-migrations?instance_uuid=${id}`)).migrations[0];
    return {
      next: compute.progression.waiting()[0] ?? null,
      status: s.status, task: s['OS-EXT-STS:task_state'], host: s['OS-EXT-SRV-ATTR:host'], flavor: s.flavor.original_name,
      migration: m ? `${m.status}:${m.dest_compute}` : null,
      I: await allocs(id), M: m ? await allocs(m.uuid) : null,
    };
  };
  expect((await t.app.inject({ method: 'POST', url: `/compute/v2.1/servers/${id}/action`, headers: H, payload: { resize: { flavorRef: '2' } } })).statusCode).toBe(202);
  await compute.workflows.idle();
  const seen = [await snapshot()];
  while (compute.progression.waiting().length) {
    await run();
    seen.push(await snapshot());
  }
  const row = (next: string | null, status: string, task: string | null, host: string, flavor: string, migration: string | null, I: object, M: object | null) =>
    ({ next, status, task, host, flavor, migration, I, M });
  expect(seen).toEqual([
    // 1: API: task resize_prep, 202
    row('migrate:preallocate_migration', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', null, { host1: tiny }, null),
    // 2: migration pre-migrating, then I -> M
    row('migrate:replace_allocation_with_migration', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'pre-migrating:null', { host1: tiny }, {}),
    row('migrate:select_destinations', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'pre-migrating:null', {}, { host1: tiny }),
    // 3: the scheduler claims the new flavor on host2 for I
    row('prep_resize:claim_fault_point', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'pre-migrating:null', { host2: small }, { host1: tiny }),
    // 5: dest prep_resize: new_flavor stashed, migration dest set
    row('prep_resize:check_same_host', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'pre-migrating:null', { host2: small }, { host1: tiny }),
    row('prep_resize:stash_flavor', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'pre-migrating:null', { host2: small }, { host1: tiny }),
    row('prep_resize:resize_claim', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'pre-migrating:null', { host2: small }, { host1: tiny }),
    // 6: source resize_instance
    row('resize_instance:migrating', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'pre-migrating:host2', { host2: small }, { host1: tiny }),
    row('resize_instance:resize_migrating', 'RESIZE', 'resize_prep', 'host1', 'm1.tiny', 'migrating:host2', { host2: small }, { host1: tiny }),
    row('resize_instance:migrate_disk_and_power_off', 'RESIZE', 'resize_migrating', 'host1', 'm1.tiny', 'migrating:host2', { host2: small }, { host1: tiny }),
    row('resize_instance:post_migrating', 'RESIZE', 'resize_migrating', 'host1', 'm1.tiny', 'migrating:host2', { host2: small }, { host1: tiny }),
    row('resize_instance:resize_migrated', 'RESIZE', 'resize_migrating', 'host1', 'm1.tiny', 'post-migrating:host2', { host2: small }, { host1: tiny }),
    // 6c: host switches to the dest, still the old flavor
    row('finish_resize:resize_finish', 'RESIZE', 'resize_migrated', 'host2', 'm1.tiny', 'post-migrating:host2', { host2: small }, { host1: tiny }),
    // 7: new flavor, resize_finish
    row('finish_resize:finish_migration', 'RESIZE', 'resize_finish', 'host2', 'm1.small', 'post-migrating:host2', { host2: small }, { host1: tiny }),
    row('finish_resize:finished', 'RESIZE', 'resize_finish', 'host2', 'm1.small', 'post-migrating:host2', { host2: small }, { host1: tiny }),
    row('finish_resize:resized', 'RESIZE', 'resize_finish', 'host2', 'm1.small', 'finished:host2', { host2: small }, { host1: tiny }),
    // 7b: VERIFY_RESIZE
    row(null, 'VERIFY_RESIZE', null, 'host2', 'm1.small', 'finished:host2', { host2: small }, { host1: tiny }),
  ]);
});
