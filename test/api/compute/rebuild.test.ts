// The rebuild action (servers.py _action_rebuild, compute/api.py rebuild, the compute's
// rebuild_instance with _rebuild_default_impl): request schemas per microversion, guards, the
// 202 answer, the task states step by step, a STOPPED server stopped again, faults.
import { afterEach, expect, test } from 'vitest';
import { createTestApp, runManualToEnd, type TestApp } from '../../helpers/app.js';

const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
const OTHER_IMAGE = '76fa36fc-c930-4bf3-8c8a-ea2a2420deb6';
const UNKNOWN = '9a6b8e1c-0000-4000-8000-00000000beef';
const TINY = { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 };

let t: TestApp;
afterEach(async () => { await t.close(); });

function client(app: TestApp) {
  const call = async (method: string, url: string, payload?: unknown, opts: { version?: string; token?: string } = {}) => {
    const r = await app.app.inject({
      method: method as 'GET', url,
      headers: { 'x-auth-token': opts.token ?? 'admin', 'openstack-api-version': `compute ${opts.version ?? '2.93'}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: r.statusCode, body: r.body ? r.json() : null, headers: r.headers };
  };
  const compute = app.services.compute;
  return {
    call,
    compute,
    action: (id: string, body: unknown, opts: { version?: string; token?: string } = {}) => call('POST', `/compute/v2.1/servers/${id}/action`, body, opts),
    show: async (id: string, version = '2.93') => (await call('GET', `/compute/v2.1/servers/${id}`, undefined, { version })).body.server,
    async boot(extra: Record<string, unknown> = {}, token = 'admin') {
      const r = await call('POST', '/compute/v2.1/servers', { server: { name: 'vm', imageRef: IMAGE, flavorRef: '1', networks: 'none', ...extra } }, { token });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      await compute.workflows.idle();
      return r.body.server.id as string;
    },
    async allocations(id: string) {
      const r = await app.app.inject({ method: 'GET', url: `/placement/allocations/${id}`, headers: { 'x-auth-token': 'admin' } });
      return Object.values(r.json().allocations as Record<string, { resources: object }>).map((a) => a.resources);
    },
    async actions(id: string) {
      const list = (await call('GET', `/compute/v2.1/servers/${id}/os-instance-actions`, undefined, { version: '2.84' })).body.instanceActions;
      const out: { action: string; events: string[] }[] = [];
      for (const a of list) {
        const d = (await call('GET', `/compute/v2.1/servers/${id}/os-instance-actions/${a.request_id}`, undefined, { version: '2.84' })).body.instanceAction;
        out.push({ action: a.action, events: d.events.map((e: any) => `${e.event}@${e.host}:${e.result}`).sort() });
      }
      return out;
    },
  };
}

test('rebuild an ACTIVE server with a new name, metadata and description: 202 with the server view, then ACTIVE', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot({ metadata: { old: 'x' } });
  const before = await c.show(id);
  const r = await c.action(id, { rebuild: { imageRef: IMAGE, name: 'renamed', metadata: { k: 'v' }, description: 'rebuilt', adminPass: 'secret', user_data: 'aGVsbG8=' } });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  expect(r.headers.location).toBe(`http://localhost:80/compute/v2.1/servers/${id}`);
  const s = r.body.server;
  expect(s).toMatchObject({
    id, name: 'renamed', status: 'REBUILD', metadata: { k: 'v' }, description: 'rebuilt', adminPass: 'secret', user_data: 'aGVsbG8=',
    progress: 0, 'OS-EXT-STS:task_state': 'rebuilding', 'OS-EXT-STS:vm_state': 'active', server_groups: [],
  });
  // show_user_data=False: the answer carries user_data, not OS-EXT-SRV-ATTR:user_data
  expect(s).not.toHaveProperty('OS-EXT-SRV-ATTR:user_data');
  await c.compute.workflows.idle();
  const after = await c.show(id);
  expect(after).toMatchObject({ status: 'ACTIVE', name: 'renamed', metadata: { k: 'v' }, 'OS-EXT-STS:power_state': 1, 'OS-EXT-SRV-ATTR:user_data': 'aGVsbG8=' });
  expect(after['OS-SRV-USG:launched_at'] >= before['OS-SRV-USG:launched_at']).toBe(true);
  expect(await c.allocations(id)).toEqual([TINY]);
  expect((await c.actions(id))[0]).toEqual({ action: 'rebuild', events: ['compute_rebuild_instance@host1:Success', 'rebuild_server@fake-mini:Success'].sort() });
});

/** Advance a manual workflow one step at a time: "<next step> STATUS vm/task power" after each. */
async function stepThrough(c: ReturnType<typeof client>, id: string): Promise<string[]> {
  await c.compute.workflows.idle();
  const seen: string[] = [];
  for (;;) {
    const s = await c.show(id);
    seen.push(`${c.compute.progression.waiting()[0] ?? '-'} ${s.status} ${s['OS-EXT-STS:vm_state']}/${s['OS-EXT-STS:task_state']} ${s['OS-EXT-STS:power_state']}`);
    if (!c.compute.progression.waiting().length) return seen;
    c.compute.progression.advance();
    await c.compute.workflows.idle();
  }
}

test('the task states of a rebuild, one workflow step at a time', async () => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const c = client(t);
  const created = await c.call('POST', '/compute/v2.1/servers', { server: { name: 'vm', imageRef: IMAGE, flavorRef: '1', networks: 'none' } });
  const id = created.body.server.id as string;
  await runManualToEnd(c.compute);
  expect((await c.action(id, { rebuild: { imageRef: OTHER_IMAGE } })).status).toBe(202);
  const seen = await stepThrough(c, id);
  expect(seen).toEqual([
    'rebuild:conductor REBUILD active/rebuilding 1',
    'rebuild:start REBUILD active/rebuilding 1',
    'rebuild:power_off REBUILD active/rebuilding 1',
    'rebuild:destroy REBUILD active/rebuilding 1',
    'rebuild:block_device_mapping REBUILD active/rebuilding 1',
    'rebuild:spawning REBUILD active/rebuild_block_device_mapping 1',
    'rebuild:spawn REBUILD active/rebuild_spawning 1',
    'rebuild:active REBUILD active/rebuild_spawning 1',
    '- ACTIVE active/null 1',
  ]);
  expect((await c.show(id)).image.id).toBe(OTHER_IMAGE);
  expect(await c.allocations(id)).toEqual([TINY]);
});

test('a STOPPED server step by step: spawned ACTIVE, then powering-off and stopped by stop_instance', async () => {
  t = await createTestApp({ seed: true, progression: 'manual' });
  const c = client(t);
  const created = await c.call('POST', '/compute/v2.1/servers', { server: { name: 'vm', imageRef: IMAGE, flavorRef: '1', networks: 'none' } });
  const id = created.body.server.id as string;
  await runManualToEnd(c.compute);
  await c.action(id, { 'os-stop': null });
  await runManualToEnd(c.compute);
  expect((await c.action(id, { rebuild: { imageRef: IMAGE } })).status).toBe(202);
  const seen = await stepThrough(c, id);
  expect(seen).toEqual([
    'rebuild:conductor REBUILD stopped/rebuilding 4',
    'rebuild:start REBUILD stopped/rebuilding 4',
    'rebuild:power_off REBUILD stopped/rebuilding 4',
    'rebuild:destroy REBUILD stopped/rebuilding 4',
    'rebuild:block_device_mapping REBUILD stopped/rebuilding 4',
    'rebuild:spawning REBUILD stopped/rebuild_block_device_mapping 4',
    'rebuild:spawn REBUILD stopped/rebuild_spawning 4',
    'rebuild:active REBUILD stopped/rebuild_spawning 4',
    'rebuild:powering_off ACTIVE active/null 1',
    'rebuild:stop_instance ACTIVE active/powering-off 1',
    '- SHUTOFF stopped/null 4',
  ]);
});

test('a STOPPED server is rebuilt and stopped again (its stop event in the rebuild action)', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  expect((await c.action(id, { 'os-stop': null })).status).toBe(202);
  await c.compute.workflows.idle();
  const r = await c.action(id, { rebuild: { imageRef: IMAGE } });
  expect(r.body.server).toMatchObject({ status: 'REBUILD', 'OS-EXT-STS:vm_state': 'stopped', 'OS-EXT-STS:power_state': 4 });
  await c.compute.workflows.idle();
  expect(await c.show(id)).toMatchObject({ status: 'SHUTOFF', 'OS-EXT-STS:vm_state': 'stopped', 'OS-EXT-STS:task_state': null, 'OS-EXT-STS:power_state': 4 });
  expect((await c.actions(id))[0]!.events).toEqual(['compute_rebuild_instance@host1:Success', 'compute_stop_instance@host1:Success', 'rebuild_server@fake-mini:Success']);
});

test('a spawn fault: ERROR with the fault and, as nova Zed does, the allocation on its own node removed; a second rebuild then finds no guest and stays REBUILD', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  expect((await c.call('POST', '/_mock/faults', { operation: 'spawn', times: 1, error: { type: 'VirtualInterfaceCreateException' } })).status).toBe(201);
  expect((await c.action(id, { rebuild: { imageRef: IMAGE } })).status).toBe(202);
  await c.compute.workflows.idle();
  const s = await c.show(id);
  expect(s).toMatchObject({ status: 'ERROR', 'OS-EXT-STS:task_state': null, 'OS-EXT-STS:power_state': 1, 'OS-EXT-SRV-ATTR:host': 'host1' });
  expect(s.fault).toMatchObject({ code: 500, message: 'Virtual Interface creation failed' });
  expect(await c.allocations(id)).toEqual([]);
  expect((await c.actions(id))[0]!.events).toEqual(['compute_rebuild_instance@host1:Error', 'rebuild_server@fake-mini:Success']);

  expect((await c.action(id, { rebuild: { imageRef: IMAGE } })).status).toBe(202);
  await c.compute.workflows.idle();
  expect(await c.show(id)).toMatchObject({ status: 'REBUILD', 'OS-EXT-STS:vm_state': 'error', 'OS-EXT-STS:task_state': 'rebuilding', 'OS-EXT-STS:power_state': 0 });
  expect((await c.actions(id))[0]!.events).toEqual(['compute_rebuild_instance@host1:Success', 'rebuild_server@fake-mini:Success']);
});

test('preserve_ephemeral: the fake driver cannot, so the compute puts the server in ERROR (PreserveEphemeralNotSupported)', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  expect((await c.action(id, { rebuild: { imageRef: IMAGE, preserve_ephemeral: 'yes' } })).status).toBe(202);
  await c.compute.workflows.idle();
  const s = await c.show(id);
  expect(s).toMatchObject({ status: 'ERROR', 'OS-EXT-STS:power_state': 1 });
  expect(s.fault).toMatchObject({ code: 400, message: 'The current driver does not support preserving ephemeral partitions.' });
});

test('a hard reboot failing on a running guest is only a fault; on a stopped one ERROR, which a rebuild repairs', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  const rebootFault = () => c.call('POST', '/_mock/faults', { operation: 'reboot', times: 1, error: { type: 'TestingException', message: 'boom' } });
  await rebootFault();
  await c.action(id, { reboot: { type: 'HARD' } });
  await c.compute.workflows.idle();
  expect(await c.show(id)).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:task_state': null, 'OS-EXT-STS:power_state': 1 });
  expect((await c.actions(id))[0]).toEqual({ action: 'reboot', events: ['compute_reboot_instance@host1:Success'] });
  await c.action(id, { 'os-stop': null });
  await c.compute.workflows.idle();
  await rebootFault();
  await c.action(id, { reboot: { type: 'HARD' } });
  await c.compute.workflows.idle();
  expect(await c.show(id)).toMatchObject({ status: 'ERROR', 'OS-EXT-STS:power_state': 4, fault: { message: 'TestingException' } });
  const r = await c.action(id, { rebuild: { imageRef: IMAGE } });
  expect(r.body.server).toMatchObject({ status: 'REBUILD', 'OS-EXT-STS:vm_state': 'error' });
  await c.compute.workflows.idle();
  expect(await c.show(id)).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:vm_state': 'active', 'OS-EXT-STS:power_state': 1 });
  expect(await c.allocations(id)).toEqual([TINY]);
});

test('OS-DCF:diskConfig: from the request, else from the image property auto_disk_config', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  const disk = async (body: Record<string, unknown>) => {
    const r = await c.action(id, { rebuild: { imageRef: IMAGE, ...body } });
    await c.compute.workflows.idle();
    return [r.body.server['OS-DCF:diskConfig'], (await c.show(id))['OS-DCF:diskConfig']];
  };
  expect(await disk({ 'OS-DCF:diskConfig': 'AUTO' })).toEqual(['AUTO', 'AUTO']);
  expect(await disk({})).toEqual(['MANUAL', 'MANUAL']);
  expect(await disk({ imageRef: '70a599e0-31e7-49b7-b260-868f441e862b' })).toEqual(['AUTO', 'AUTO']);
  expect(await disk({ imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', 'OS-DCF:diskConfig': 'MANUAL' })).toEqual(['MANUAL', 'MANUAL']);
  // the same rule at create, in its answer too
  const made = await c.call('POST', '/compute/v2.1/servers', { server: { name: 'auto', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', flavorRef: '1', networks: 'none' } });
  expect(made.body.server['OS-DCF:diskConfig']).toBe('AUTO');
  await c.compute.workflows.idle();
  expect((await c.show(made.body.server.id))['OS-DCF:diskConfig']).toBe('AUTO');
  // PUT sets it; a resize without it resets it (API.resize: auto_disk_config or False)
  expect((await c.call('PUT', `/compute/v2.1/servers/${id}`, { server: { 'OS-DCF:diskConfig': 'AUTO' } })).body.server['OS-DCF:diskConfig']).toBe('AUTO');
  expect((await c.action(id, { resize: { flavorRef: '2' } })).status).toBe(202);
  await c.compute.workflows.idle();
  expect(await c.show(id)).toMatchObject({ status: 'VERIFY_RESIZE', 'OS-DCF:diskConfig': 'MANUAL' });
});

test('kernel and ramdisk come from the image properties at create and rebuild (nokernel = none)', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const KERNEL_IMAGE = 'c905cedb-7281-47e4-8a62-f26bc5fc4c77';
  const attrs = (s: any) => [s['OS-EXT-SRV-ATTR:kernel_id'], s['OS-EXT-SRV-ATTR:ramdisk_id']];
  const id = await c.boot({ imageRef: KERNEL_IMAGE });
  expect(attrs(await c.show(id))).toEqual([IMAGE, '']);
  expect(attrs((await c.action(id, { rebuild: { imageRef: IMAGE } })).body.server)).toEqual(['', '']);
  await c.compute.workflows.idle();
  expect(attrs((await c.action(id, { rebuild: { imageRef: KERNEL_IMAGE } })).body.server)).toEqual([IMAGE, '']);
});

test('a zero-disk flavor: a member may not rebuild nor create (zero_disk_flavor policy, 403), the admin may', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  expect((await c.call('POST', '/compute/v2.1/flavors', { flavor: { name: 'zero', id: 'zero', ram: 512, vcpus: 1, disk: 0 } })).status).toBe(200);
  const id = await c.boot({ flavorRef: 'zero' });
  const member = `member:${(await c.show(id)).tenant_id}`;
  // the same check at create (servers.py create answers it 403 too)
  expect((await c.call('POST', '/compute/v2.1/servers', { server: { name: 'x', imageRef: IMAGE, flavorRef: 'zero', networks: 'none' } }, { token: member })).status).toBe(403);
  expect(await c.action(id, { rebuild: { imageRef: IMAGE } }, { token: member })).toMatchObject({
    status: 403, body: { forbidden: { code: 403, message: 'Only volume-backed servers are allowed for flavors with zero disk.' } },
  });
  expect((await c.action(id, { rebuild: { imageRef: IMAGE } })).status).toBe(202);
});

test('state guards: 409 in a wrong vm or task state, while locked for a member, and for a server that never launched', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  await c.action(id, { pause: null });
  await c.compute.workflows.idle();
  expect(await c.action(id, { rebuild: { imageRef: IMAGE } })).toMatchObject({
    status: 409, body: { conflictingRequest: { code: 409, message: `Cannot 'rebuild' instance ${id} while it is in vm_state paused` } },
  });
  await c.action(id, { unpause: null });
  await c.compute.workflows.idle();
  expect((await c.action(id, { rebuild: { imageRef: IMAGE } })).status).toBe(202);
  expect(await c.action(id, { rebuild: { imageRef: IMAGE } })).toMatchObject({
    status: 409, body: { conflictingRequest: { message: `Cannot 'rebuild' instance ${id} while it is in task_state rebuilding` } },
  });
  await c.compute.workflows.idle();
  await c.action(id, { lock: null });
  const member = `member:${(await c.show(id)).tenant_id}`;
  expect(await c.action(id, { rebuild: { imageRef: IMAGE } }, { token: member })).toMatchObject({
    status: 409, body: { conflictingRequest: { message: `Instance ${id} is locked` } },
  });
  // NoValidHost at boot: ERROR but never launched
  const big = await c.boot({ flavorRef: '5' });
  expect(await c.action(big, { rebuild: { imageRef: IMAGE } })).toMatchObject({
    status: 409, body: { conflictingRequest: { message: `Instance ${big} is in an invalid state for 'rebuild'` } },
  });
});

test('bad requests: nova\'s schema messages per microversion, unknown image and key pair, metadata quota; nothing changes', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  const bad = async (body: unknown, version = '2.93') => {
    const r = await c.action(id, body, { version });
    return { status: r.status, message: r.body?.badRequest?.message ?? r.body?.forbidden?.message };
  };
  expect(await bad({ rebuild: {} })).toEqual({ status: 400, message: "Invalid input for field/attribute rebuild. Value: {}. 'imageRef' is a required property" });
  expect(await bad({ rebuild: { imageRef: 'abc' } })).toEqual({ status: 400, message: "Invalid input for field/attribute imageRef. Value: abc. 'abc' is not a 'uuid'" });
  expect(await bad({ rebuild: null })).toEqual({ status: 400, message: "Invalid input for field/attribute rebuild. Value: None. None is not of type 'object'" });
  expect(await bad({ rebuild: { imageRef: IMAGE, bogus: 1 } })).toEqual({
    status: 400, message: `Invalid input for field/attribute rebuild. Value: {'imageRef': '${IMAGE}', 'bogus': 1}. Additional properties are not allowed ('bogus' was unexpected)`,
  });
  expect((await bad({ rebuild: { imageRef: IMAGE, description: 'd' } }, '2.18')).message).toContain("Additional properties are not allowed ('description' was unexpected)");
  expect((await bad({ rebuild: { imageRef: IMAGE, key_name: null } }, '2.53')).message).toContain("('key_name' was unexpected)");
  expect((await bad({ rebuild: { imageRef: IMAGE, personality: [] } }, '2.57')).message).toContain("('personality' was unexpected)");
  expect((await bad({ rebuild: { imageRef: IMAGE, user_data: null } }, '2.56')).message).toContain("('user_data' was unexpected)");
  expect((await bad({ rebuild: { imageRef: IMAGE, trusted_image_certificates: ['a'] } }, '2.62')).message).toContain("('trusted_image_certificates' was unexpected)");
  expect((await bad({ rebuild: { imageRef: IMAGE, hostname: 'h1' } }, '2.89')).message).toContain("('hostname' was unexpected)");
  expect(await bad({ rebuild: { imageRef: IMAGE, key_name: '' } })).toEqual({ status: 400, message: "Invalid input for field/attribute key_name. Value: . '' is not valid under any of the given schemas" });
  expect(await bad({ rebuild: { imageRef: IMAGE, hostname: 'a_b' } })).toEqual({ status: 400, message: "Invalid input for field/attribute hostname. Value: a_b. 'a_b' does not match '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'" });
  expect((await bad({ rebuild: { imageRef: IMAGE, preserve_ephemeral: 'maybe' } })).message).toContain("'maybe' is not one of [True, 'True'");
  expect(await bad({ rebuild: { imageRef: UNKNOWN } })).toEqual({ status: 400, message: 'Cannot find image for rebuild' });
  expect(await bad({ rebuild: { imageRef: IMAGE, key_name: 'nokey' } })).toEqual({ status: 400, message: 'Invalid key_name provided.' });
  const md = Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`k${i}`, 'v']));
  expect(await bad({ rebuild: { imageRef: IMAGE, metadata: md } })).toEqual({ status: 403, message: 'Maximum number of metadata items exceeds 128' });
  expect(await bad({ rebuild: { imageRef: IMAGE, personality: Array.from({ length: 6 }, () => ({ path: '/f', contents: 'YQ==' })) } }, '2.56'))
    .toEqual({ status: 403, message: 'Personality file limit exceeded' });
  expect(await c.show(id)).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:task_state': null });
  expect((await c.actions(id)).map((a) => a.action)).toEqual(['create']);
});

test('key pairs (2.54: null unsets), user data (2.57: null unsets), trusted certs (2.63) and hostname (2.90)', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  expect((await c.call('POST', '/compute/v2.1/os-keypairs', { keypair: { name: 'kp', public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBk6DcmRZnwQ4ZAjJ8G2P6GSYBgpTsH/g9ULr8/ZzTFm test@x' } }, { version: '2.1' })).status).toBe(200);
  const id = await c.boot({ user_data: 'aGVsbG8=' });
  const r = await c.action(id, { rebuild: { imageRef: IMAGE, key_name: 'kp', trusted_image_certificates: ['cert-1'], hostname: 'renamed-host' } });
  expect(r.body.server).toMatchObject({ key_name: 'kp', trusted_image_certificates: ['cert-1'], 'OS-EXT-SRV-ATTR:hostname': 'renamed-host', user_data: 'aGVsbG8=' });
  await c.compute.workflows.idle();
  const r2 = await c.action(id, { rebuild: { imageRef: IMAGE, key_name: null, user_data: null, trusted_image_certificates: null } });
  expect(r2.body.server).toMatchObject({ key_name: null, user_data: null, trusted_image_certificates: null });
  await c.compute.workflows.idle();
  // before 2.54 the key pair stays and the answer has no key_name
  const r3 = await c.action(id, { rebuild: { imageRef: IMAGE } }, { version: '2.53' });
  expect(r3.body.server).not.toHaveProperty('key_name');
  expect(r3.body.server).not.toHaveProperty('user_data');
});

test('the answer before 2.75 leaves out the extended attributes; enable_instance_password=False drops adminPass', async () => {
  t = await createTestApp({ seed: true });
  const c = client(t);
  const id = await c.boot();
  const old = (await c.action(id, { rebuild: { imageRef: IMAGE } }, { version: '2.1' })).body.server;
  expect(Object.keys(old).sort()).toEqual([
    'OS-DCF:diskConfig', 'accessIPv4', 'accessIPv6', 'addresses', 'adminPass', 'created', 'flavor', 'hostId', 'id', 'image',
    'links', 'metadata', 'name', 'progress', 'status', 'tenant_id', 'updated', 'user_id',
  ]);
  expect(old.adminPass).toMatch(/^[0-9a-f]{12}$/);
  await c.compute.workflows.idle();
  expect((await c.call('POST', '/_mock/reset', { config: { api: { enable_instance_password: false } } })).status).toBe(200);
  const id2 = await c.boot();
  expect((await c.action(id2, { rebuild: { imageRef: IMAGE } })).body.server).not.toHaveProperty('adminPass');
  // the create answer follows the same option (servers.py create)
  const created = await c.call('POST', '/compute/v2.1/servers', { server: { name: 'nopass', imageRef: IMAGE, flavorRef: '1', networks: 'none' } });
  expect(created.status).toBe(202);
  expect(created.body.server).not.toHaveProperty('adminPass');
  await c.compute.workflows.idle();
});
