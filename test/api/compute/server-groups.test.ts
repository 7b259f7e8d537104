// os-server-groups per microversion, errors, quotas and policies, and where the scheduler puts
// group members (nova's ServerGroup(Anti)AffinityFilter, max_server_per_host, soft weighers).
// Messages and shapes follow nova 26 (server_groups.py, schemas/server_groups.py, quota.py).
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';
import { FIXTURE_PROJECT_ID as PROJECT } from '../../../src/compute/compute-auth.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

async function reset(hosts?: { name: string }[]): Promise<void> {
  const r = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: { 'x-auth-token': 'admin' }, payload: hosts ? { hosts } : {} });
  expect(r.statusCode).toBe(200);
}

async function createGroup(group: Record<string, unknown>, version = '2.64', token?: string): Promise<any> {
  const r = await c.call('POST', '/os-server-groups', { version, token, body: { server_group: group } });
  expect(r.status, r.text).toBe(200);
  return r.body.server_group;
}

/** Boot with the group hint; wait until the cloud is idle; the server as an admin sees it. */
async function bootInGroup(group: string, o: { token?: string; hintKey?: string; extra?: Record<string, unknown> } = {}): Promise<any> {
  const r = await c.call('POST', '/servers', {
    version: '2.93', token: o.token,
    body: { server: { name: 'vm', imageRef: IMAGE, flavorRef: '1', networks: 'none', ...o.extra }, [o.hintKey ?? 'os:scheduler_hints']: { group } },
  });
  expect(r.status, r.text).toBe(202);
  await t.services.compute.workflows.idle();
  return (await c.call('GET', `/servers/${r.body.server.id}`, { version: '2.93' })).body.server;
}

const badRequest = (message: string) => ({ badRequest: { code: 400, message } });

describe('os-server-groups API', () => {
  beforeEach(async () => { await reset(); });

  test('create and show per microversion: policies + metadata before 2.64, project/user from 2.13, policy + rules from 2.64', async () => {
    const v21 = await createGroup({ name: 'g1', policies: ['affinity'] }, '2.1');
    expect(v21).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'g1', policies: ['affinity'], members: [], metadata: {} });
    const v213 = await createGroup({ name: 'g2', policies: ['anti-affinity'] }, '2.13');
    expect(v213).toEqual({ id: expect.any(String), name: 'g2', policies: ['anti-affinity'], members: [], metadata: {}, project_id: PROJECT, user_id: 'admin' });
    const v215 = await createGroup({ name: 'g3', policies: ['soft-affinity'] }, '2.15');
    expect(v215.policies).toEqual(['soft-affinity']);
    const v264 = await createGroup({ name: 'g4', policy: 'anti-affinity', rules: { max_server_per_host: '3' } });
    expect(v264).toEqual({ id: expect.any(String), name: 'g4', policy: 'anti-affinity', rules: { max_server_per_host: 3 }, members: [], project_id: PROJECT, user_id: 'admin' });

    // a 2.64 group shown at 2.1, a 2.1 group shown at 2.64 (rules {})
    expect((await c.call('GET', `/os-server-groups/${v264.id}`, { version: '2.1' })).body.server_group)
      .toEqual({ id: v264.id, name: 'g4', policies: ['anti-affinity'], members: [], metadata: {} });
    expect((await c.call('GET', `/os-server-groups/${v21.id}`, { version: '2.64' })).body.server_group)
      .toEqual({ id: v21.id, name: 'g1', policy: 'affinity', rules: {}, members: [], project_id: PROJECT, user_id: 'admin' });
  });

  test('schema and semantic errors answer nova\'s 400s', async () => {
    const post = async (group: unknown, version: string) => (await c.call('POST', '/os-server-groups', { version, body: { server_group: group } })).body;
    expect(await post({ name: 'x', policies: ['soft-affinity'] }, '2.14'))
      .toEqual(badRequest("Invalid input for field/attribute 0. Value: soft-affinity. 'soft-affinity' is not one of ['anti-affinity', 'affinity']"));
    expect(await post({ name: 'x', policies: ['affinity', 'anti-affinity'] }, '2.15'))
      .toEqual(badRequest("Invalid input for field/attribute policies. Value: ['affinity', 'anti-affinity']. ['affinity', 'anti-affinity'] is too long"));
    expect(await post({ name: 'x', policy: 'affinity' }, '2.63'))
      .toEqual(badRequest("Invalid input for field/attribute server_group. Value: {'name': 'x', 'policy': 'affinity'}. 'policies' is a required property"));
    expect(await post({ name: 'x', policy: 'bogus' }, '2.64'))
      .toEqual(badRequest("Invalid input for field/attribute policy. Value: bogus. 'bogus' is not one of ['anti-affinity', 'affinity', 'soft-anti-affinity', 'soft-affinity']"));
    expect(await post({ name: 'x', policy: 'affinity', rules: { max_server_per_host: 2 } }, '2.64'))
      .toEqual(badRequest('Only anti-affinity policy supports rules.'));
    expect(await post({ name: 'x', policy: 'anti-affinity', rules: { max_server_per_host: 0 } }, '2.64'))
      .toEqual(badRequest('Invalid input for field/attribute max_server_per_host. Value: 0. 0 is less than the minimum of 1'));
    expect(await post({ name: 'x', policy: 'anti-affinity', rules: { bogus: 1 } }, '2.64'))
      .toEqual(badRequest("Invalid input for field/attribute rules. Value: {'bogus': 1}. Additional properties are not allowed ('bogus' was unexpected)"));
    // an empty rules object is no rule: accepted for any policy
    expect((await c.call('POST', '/os-server-groups', { version: '2.64', body: { server_group: { name: 'x', policy: 'affinity', rules: {} } } })).status).toBe(200);
    expect((await c.call('GET', '/os-server-groups?bogus=1', { version: '2.75' })).status).toBe(400);
    expect((await c.call('GET', '/os-server-groups?bogus=1', { version: '2.74' })).status).toBe(200);
    // nothing half-written by the refusals
    expect((await c.call('GET', '/os-server-groups', { version: '2.64' })).body.server_groups).toHaveLength(1);
  });

  test('404s, delete, paging with offset/limit', async () => {
    const missing = '9a6b8e1c-0000-4000-8000-00000000beef';
    expect((await c.call('GET', `/os-server-groups/${missing}`)).body)
      .toEqual({ itemNotFound: { code: 404, message: `Instance group ${missing} could not be found.` } });
    expect((await c.call('DELETE', `/os-server-groups/${missing}`)).status).toBe(404);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push((await createGroup({ name, policy: 'affinity' })).id);
    const page = (await c.call('GET', '/os-server-groups?offset=1&limit=1', { version: '2.64' })).body.server_groups;
    expect(page.map((g: any) => g.name)).toEqual(['b']);
    expect((await c.call('GET', '/os-server-groups?limit=0', { version: '2.64' })).body.server_groups).toHaveLength(3);
    expect((await c.call('DELETE', `/os-server-groups/${ids[0]}`)).status).toBe(204);
    expect((await c.call('GET', `/os-server-groups/${ids[0]}`)).status).toBe(404);
    expect((await c.call('GET', '/os-server-groups')).body.server_groups).toHaveLength(2);
  });

  test('other projects\' groups are not found for members (the query is project-filtered); all_projects only widens the list for admins', async () => {
    const mine = await createGroup({ name: 'mine', policy: 'affinity' }, '2.64', 'alice:p1');
    const theirs = await createGroup({ name: 'theirs', policy: 'affinity' }, '2.64', 'bob:p2');
    expect(mine).toMatchObject({ project_id: 'p1', user_id: 'alice' });
    const notFound = { itemNotFound: { code: 404, message: `Instance group ${theirs.id} could not be found.` } };
    expect((await c.call('GET', `/os-server-groups/${theirs.id}`, { token: 'alice:p1' })).body).toEqual(notFound);
    expect((await c.call('DELETE', `/os-server-groups/${theirs.id}`, { token: 'alice:p1' })).body).toEqual(notFound);
    const boot = await c.call('POST', '/servers', {
      version: '2.93', token: 'alice:p1',
      body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none' }, 'os:scheduler_hints': { group: theirs.id } },
    });
    expect(boot.body).toEqual(badRequest(`Instance group ${theirs.id} could not be found.`));
    const names = async (query: string, token?: string) =>
      (await c.call('GET', `/os-server-groups${query}`, { token })).body.server_groups.map((g: any) => g.name);
    expect(await names('', 'alice:p1')).toEqual(['mine']);
    expect(await names('?all_projects=True', 'alice:p1')).toEqual(['mine']);
    expect(await names('')).toEqual([]);
    expect(await names('?all_projects=False')).toEqual(['mine', 'theirs']);
    expect((await c.call('GET', `/os-server-groups/${theirs.id}`)).status).toBe(200);
    expect((await c.call('DELETE', `/os-server-groups/${theirs.id}`)).status).toBe(204);
  });

  test('quotas: server_groups counted per project in quota detail and limits; over quota is 403', async () => {
    await createGroup({ name: 'a', policy: 'affinity' });
    const detail = (await c.call('GET', `/os-quota-sets/${PROJECT}/detail`)).body.quota_set;
    expect(detail.server_groups).toEqual({ limit: 10, in_use: 1, reserved: 0 });
    expect(detail.server_group_members).toEqual({ limit: 10, in_use: 0, reserved: 0 });
    expect((await c.call('GET', '/limits')).body.limits.absolute.totalServerGroupsUsed).toBe(1);
    expect((await c.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { server_groups: 0 } } })).body)
      .toEqual(badRequest('Quota limit 0 for server_groups must be greater than or equal to already used and reserved 1.'));
    expect((await c.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { server_groups: 1 } } })).status).toBe(200);
    expect((await c.call('POST', '/os-server-groups', { version: '2.64', body: { server_group: { name: 'b', policy: 'affinity' } } })).body)
      .toEqual({ forbidden: { code: 403, message: 'Quota exceeded, too many server groups.' } });
    // another project has its own count
    await createGroup({ name: 'other', policy: 'affinity' }, '2.64', 'bob:p2');
  });
});

describe('booting into a group', () => {
  test('hint errors: unknown group and non-uuid are 400; the members quota is 403 and leaves nothing behind', async () => {
    await reset();
    const missing = '9a6b8e1c-0000-4000-8000-00000000beef';
    const boot = async (hints: unknown, extra: Record<string, unknown> = {}) => c.call('POST', '/servers', {
      version: '2.93', body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none', ...extra }, 'os:scheduler_hints': hints },
    });
    expect((await boot({ group: missing })).body).toEqual(badRequest(`Instance group ${missing} could not be found.`));
    expect((await boot({ group: 'bogus' })).body).toEqual(badRequest("Invalid input for field/attribute group. Value: bogus. 'bogus' is not a 'uuid'"));
    // other hints are validated too, unknown ones pass
    expect((await boot({ same_host: ['x'] })).body).toEqual(badRequest("Invalid input for field/attribute 0. Value: x. 'x' is not a 'uuid'"));
    expect((await boot({ whatever: 1 })).status).toBe(202);
    await t.services.compute.workflows.idle();

    const g = await createGroup({ name: 'g', policy: 'soft-affinity' });
    expect((await c.call('PUT', `/os-quota-sets/${PROJECT}`, { body: { quota_set: { server_group_members: 2 } } })).status).toBe(200);
    const over = await boot({ group: g.id }, { min_count: 3 });
    expect(over.body).toEqual({ forbidden: { code: 403, message: 'Quota exceeded, too many servers in group' } });
    const before = (await c.call('GET', '/servers')).body.servers.length;
    expect((await boot({ group: g.id }, { min_count: 2 })).status).toBe(202);
    await t.services.compute.workflows.idle();
    expect((await c.call('GET', '/servers')).body.servers.length).toBe(before + 2);
    expect((await boot({ group: g.id })).body).toEqual({ forbidden: { code: 403, message: 'Quota exceeded, too many servers in group' } });
    expect((await c.call('GET', '/servers')).body.servers.length).toBe(before + 2);
    expect((await c.call('GET', `/os-server-groups/${g.id}`)).body.server_group.members).toHaveLength(2);
  });

  test('affinity: members share a host; server_groups in show (2.71); deleted members leave the list', async () => {
    await reset();
    const g = await createGroup({ name: 'aff', policy: 'affinity' });
    const s1 = await bootInGroup(g.id);
    const s2 = await bootInGroup(g.id, { hintKey: 'OS-SCH-HNT:scheduler_hints' });
    expect(s1.status).toBe('ACTIVE');
    expect(s2['OS-EXT-SRV-ATTR:host']).toBe(s1['OS-EXT-SRV-ATTR:host']);
    expect(s1.server_groups).toEqual([g.id]);
    expect((await c.call('GET', `/servers/${s1.id}`, { version: '2.70' })).body.server).not.toHaveProperty('server_groups');
    const members = (await c.call('GET', `/os-server-groups/${g.id}`)).body.server_group.members;
    expect(new Set(members)).toEqual(new Set([s1.id, s2.id]));
    expect((await c.call('DELETE', `/servers/${s1.id}`)).status).toBe(204);
    await t.services.compute.workflows.idle();
    expect((await c.call('GET', `/os-server-groups/${g.id}`)).body.server_group.members).toEqual([s2.id]);
    // deleting the group: the server stays, without a group
    expect((await c.call('DELETE', `/os-server-groups/${g.id}`)).status).toBe(204);
    expect((await c.call('GET', `/servers/${s2.id}`, { version: '2.71' })).body.server.server_groups).toEqual([]);
  });

  test('anti-affinity: one member per host; with one host left the next is ERROR NoValidHost', async () => {
    await reset();
    const g = await createGroup({ name: 'anti', policy: 'anti-affinity' });
    const s1 = await bootInGroup(g.id);
    const s2 = await bootInGroup(g.id);
    expect(s1.status).toBe('ACTIVE');
    expect(s2.status).toBe('ACTIVE');
    expect(s2['OS-EXT-SRV-ATTR:host']).not.toBe(s1['OS-EXT-SRV-ATTR:host']);
    const s3 = await bootInGroup(g.id);
    expect(s3.status).toBe('ERROR');
    expect(s3.fault.message).toBe('No valid host was found. There are not enough hosts available.');
    // cell0 is a database of its own: its first instance is instance-00000001 again
    expect([s1, s2, s3].map((s) => s['OS-EXT-SRV-ATTR:instance_name'])).toEqual(['instance-00000001', 'instance-00000002', 'instance-00000001']);
    // the ERROR member is still a member (it is not deleted); nova lists the members cell by
    // cell, the cells in the order of their members' smallest uuid, newest first within a cell
    const members = (await c.call('GET', `/os-server-groups/${g.id}`)).body.server_group.members;
    const cell1 = [s2.id, s1.id];
    expect(members).toEqual(s3.id < [s1.id, s2.id].sort()[0]! ? [s3.id, ...cell1] : [...cell1, s3.id]);
  });

  test('anti-affinity in one multi-create request: the members spread over the hosts', async () => {
    await reset();
    const g = await createGroup({ name: 'anti', policy: 'anti-affinity' });
    const r = await c.call('POST', '/servers', {
      version: '2.93', body: { server: { name: 'm', imageRef: IMAGE, flavorRef: '1', networks: 'none', min_count: 2 }, 'os:scheduler_hints': { group: g.id } },
    });
    expect(r.status).toBe(202);
    await t.services.compute.workflows.idle();
    const servers = (await c.call('GET', '/servers/detail', { version: '2.93' })).body.servers;
    expect(servers.map((s: any) => s.status)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(new Set(servers.map((s: any) => s['OS-EXT-SRV-ATTR:host']))).toEqual(new Set(['host1', 'host2']));
  });

  test('a multi-create is scheduled as one request: no host for one member = NoValidHost for all, no claim left', async () => {
    await reset();
    const g = await createGroup({ name: 'anti', policy: 'anti-affinity' });
    const r = await c.call('POST', '/servers', {
      version: '2.93', body: { server: { name: 'm', imageRef: IMAGE, flavorRef: '1', networks: 'none', min_count: 3 }, 'os:scheduler_hints': { group: g.id } },
    });
    expect(r.status).toBe(202);
    await t.services.compute.workflows.idle();
    const servers = (await c.call('GET', '/servers/detail', { version: '2.93' })).body.servers;
    // buried in cell0: the list has no fault (fill_faults reads the main database), show has it
    expect(servers.map((s: any) => [s.status, s['OS-EXT-SRV-ATTR:host'], s.fault])).toEqual([0, 1, 2].map(() => ['ERROR', null, undefined]));
    for (const s of servers) {
      const shown = (await c.call('GET', `/servers/${s.id}`, { version: '2.93' })).body.server;
      expect(shown.fault.message).toBe('No valid host was found. There are not enough hosts available.');
      const alloc = await t.app.inject({ method: 'GET', url: `/placement/allocations/${s.id}`, headers: { 'x-auth-token': 'admin' } });
      expect(alloc.json().allocations).toEqual({});
    }
    // the same without a group: m1.large (8192 MB) fits once per host, three do not fit at all
    await reset();
    const big = await c.call('POST', '/servers', { version: '2.93', body: { server: { name: 'b', imageRef: IMAGE, flavorRef: '4', networks: 'none', min_count: 3 } } });
    expect(big.status).toBe(202);
    await t.services.compute.workflows.idle();
    expect((await c.call('GET', '/servers/detail')).body.servers.map((s: any) => s.status)).toEqual(['ERROR', 'ERROR', 'ERROR']);
  });

  test('a multi-create asks Placement for candidates once per request (select_destinations) and claims every member from that list', async () => {
    const asked = vi.spyOn(t.services.compute.placementClient, 'allocationCandidates');
    try {
      await reset();
      const many = await c.call('POST', '/servers', { version: '2.93', body: { server: { name: 'm', imageRef: IMAGE, flavorRef: '1', networks: 'none', min_count: 6 } } });
      expect(many.status).toBe(202);
      await t.services.compute.workflows.idle();
      expect(asked).toHaveBeenCalledTimes(1);
      const servers = (await c.call('GET', '/servers/detail', { version: '2.93' })).body.servers;
      expect(servers.map((s: any) => s.status)).toEqual(Array(6).fill('ACTIVE'));
      for (const s of servers) {
        const alloc = await t.app.inject({ method: 'GET', url: `/placement/allocations/${s.id}`, headers: { 'x-auth-token': 'admin' } });
        expect(Object.values(alloc.json().allocations).map((a: any) => a.resources)).toEqual([{ VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 }]);
      }
      // in a group, and when the request does not fit: still one search
      await reset();
      asked.mockClear();
      const g = await createGroup({ name: 'anti', policy: 'anti-affinity' });
      const spread = await c.call('POST', '/servers', { version: '2.93', body: { server: { name: 'a', imageRef: IMAGE, flavorRef: '1', networks: 'none', min_count: 3 }, 'os:scheduler_hints': { group: g.id } } });
      expect(spread.status).toBe(202);
      await t.services.compute.workflows.idle();
      expect(asked).toHaveBeenCalledTimes(1);
      expect((await c.call('GET', '/servers/detail')).body.servers.map((s: any) => s.status)).toEqual(['ERROR', 'ERROR', 'ERROR']);
    } finally {
      asked.mockRestore();
    }
  });

  test('max_server_per_host (2.64): that many members per host, then NoValidHost', async () => {
    await reset([{ name: 'host1' }]);
    const g = await createGroup({ name: 'two', policy: 'anti-affinity', rules: { max_server_per_host: 2 } });
    expect((await bootInGroup(g.id)).status).toBe('ACTIVE');
    expect((await bootInGroup(g.id)).status).toBe('ACTIVE');
    expect((await bootInGroup(g.id)).status).toBe('ERROR');
  });

  test('soft policies never refuse a host; soft-anti-affinity prefers the host without members', async () => {
    await reset([{ name: 'host1' }]);
    const anti = await createGroup({ name: 'soft-anti', policy: 'soft-anti-affinity' });
    expect((await bootInGroup(anti.id)).status).toBe('ACTIVE');
    expect((await bootInGroup(anti.id)).status).toBe('ACTIVE');

    await reset();
    const g = await createGroup({ name: 'soft-anti', policy: 'soft-anti-affinity' });
    const s1 = await bootInGroup(g.id);
    const s2 = await bootInGroup(g.id);
    expect(s2['OS-EXT-SRV-ATTR:host']).not.toBe(s1['OS-EXT-SRV-ATTR:host']);

    // soft-affinity weighs 1.0 against RAM + CPU + disk (1.0 each) preferring an empty new host,
    // as the real Nova does at the default multipliers
    await reset([{ name: 'host1' }]);
    const soft = await createGroup({ name: 'soft', policy: 'soft-affinity' });
    expect((await bootInGroup(soft.id))['OS-EXT-SRV-ATTR:host']).toBe('host1');
    await t.app.inject({ method: 'POST', url: '/_mock/hosts', headers: { 'x-auth-token': 'admin' }, payload: { name: 'host2' } });
    expect((await bootInGroup(soft.id))['OS-EXT-SRV-ATTR:host']).toBe('host2');
  });

  test('a forced host skips the filters; the compute\'s late check refuses the member, no retry, allocation kept', async () => {
    await reset();
    const anti = await createGroup({ name: 'anti', policy: 'anti-affinity' });
    const s1 = await bootInGroup(anti.id, { extra: { availability_zone: 'nova:host1' } });
    expect(s1['OS-EXT-SRV-ATTR:host']).toBe('host1');
    const s2 = await bootInGroup(anti.id, { extra: { availability_zone: 'nova:host1' } });
    expect(s2.status).toBe('ERROR');
    expect(s2['OS-EXT-SRV-ATTR:host']).toBeNull();
    expect(s2['OS-EXT-AZ:availability_zone']).toBe('');
    expect(s2.fault).toMatchObject({ code: 500, message: 'Anti-affinity instance group policy was violated' });
    // RescheduledByPolicyException: FAILED_BY_POLICY keeps the claim (unlike any other failed build)
    const alloc = await t.app.inject({ method: 'GET', url: `/placement/allocations/${s2.id}`, headers: { 'x-auth-token': 'admin' } });
    expect(Object.keys(alloc.json().allocations)).toHaveLength(1);

    const aff = await createGroup({ name: 'aff', policy: 'affinity' });
    await bootInGroup(aff.id, { extra: { availability_zone: 'nova:host1' } });
    const away = await bootInGroup(aff.id, { extra: { availability_zone: 'nova:host2' } });
    expect(away.fault.message).toBe('Affinity instance group policy was violated');
  });

  test('moves honour anti-affinity: migrate to the only free host, NoValidHost when none is', async () => {
    await reset();
    const g = await createGroup({ name: 'anti', policy: 'anti-affinity' });
    const s1 = await bootInGroup(g.id);
    const s2 = await bootInGroup(g.id);
    expect((await c.action(s1.id, { migrate: null })).status).toBe(202);
    await t.services.compute.workflows.idle();
    const stay = (await c.call('GET', `/servers/${s1.id}`, { version: '2.93' })).body.server;
    expect(stay.status).toBe('ACTIVE');
    expect(stay['OS-EXT-SRV-ATTR:host']).toBe(s1['OS-EXT-SRV-ATTR:host']);
    const migs = (await c.call('GET', `/os-migrations?instance_uuid=${s1.id}`, { version: '2.80' })).body.migrations;
    expect(migs.map((m: any) => m.status)).toEqual(['error']);

    const add = await t.app.inject({ method: 'POST', url: '/_mock/hosts', headers: { 'x-auth-token': 'admin' }, payload: { name: 'host3' } });
    expect(add.statusCode).toBe(201);
    expect((await c.action(s2.id, { migrate: null })).status).toBe(202);
    const moved = await c.waitForServerStatus(s2.id, 'VERIFY_RESIZE');
    expect(moved['OS-EXT-SRV-ATTR:host']).toBe('host3');
  });
});
