// Host aggregates and availability zones: the os-aggregates API per microversion and its
// errors, add/remove host mirrored into Placement (the host's provider aggregates compared on
// both sides), the availability_zone metadata rules, os-availability-zone (and /detail) and
// os-services zones after them, boots into an aggregate's zone (where they land, NoValidHost
// when the zone has no room), moves that keep the requested zone, and a server whose host
// joins a zone. Aggregate ids are integers counted from 1 after each reset on both sides;
// their uuids (2.41) are named AGG_<id>.
import { action, addHost, boot, call, IMAGE, type Flow, type Step } from '../lib/flow.js';
import type { HttpAnswer } from '../lib/target.js';

const MEMBER = 'member:6f70656e737461636b20342065766572';

/** POST /os-aggregates; the new aggregate's uuid is named AGG_<id> (looked up at 2.41 when created at an older version). */
function createAggregate(aggregate: Record<string, unknown>, opts: { version?: string; expect?: number } = {}): Step {
  return {
    name: `create aggregate ${String(aggregate.name)}${aggregate.availability_zone ? ` in ${String(aggregate.availability_zone)}` : ''}${opts.version ? ` at ${opts.version}` : ''}`,
    observe: false,
    expect: { answer: opts.expect ?? 200 },
    async run(ctx) {
      const res = await ctx.t.compute('POST', '/os-aggregates', { body: { aggregate }, version: opts.version });
      const id = (res.body as { aggregate?: { id?: number } })?.aggregate?.id;
      if (res.status === 200 && id !== undefined) {
        const shown = await ctx.t.compute('GET', `/os-aggregates/${id}`, { version: '2.41' });
        const uuid = (shown.body as { aggregate?: { uuid?: string } })?.aggregate?.uuid;
        if (uuid) ctx.norm.name(uuid, `AGG_${id}`);
      }
      return res;
    },
  };
}

const aggAction = (id: number, body: Record<string, unknown>, expect: number, opts: { version?: string; observe?: boolean } = {}): Step =>
  call(`${Object.keys(body)[0]} ${JSON.stringify(Object.values(body)[0])} on aggregate ${id}`, 'POST', `/os-aggregates/${id}/action`,
    { body, version: opts.version, observe: opts.observe, expect: { answer: expect } });
const addHostTo = (id: number, host: string, expect = 200) => aggAction(id, { add_host: { host } }, expect);
const removeHostFrom = (id: number, host: string, expect = 200) => aggAction(id, { remove_host: { host } }, expect);
const setMetadata = (id: number, metadata: Record<string, unknown>, expect = 200, observe = false) => aggAction(id, { set_metadata: { metadata } }, expect, { observe });

/** The host's compute node provider aggregates in Placement (1.1: no generation), by name. */
function placementAggregates(host: string): Step {
  return {
    name: `placement aggregates of ${host}`,
    observe: false,
    expect: { answer: 200 },
    async run(ctx): Promise<HttpAnswer> {
      const rps = await ctx.t.placement('GET', `/resource_providers?name=${host}`);
      const rp = (rps.body as { resource_providers: { uuid: string }[] }).resource_providers[0];
      if (!rp) return rps;
      ctx.norm.name(rp.uuid, `RP_${host}`);
      const res = await ctx.t.placement('GET', `/resource_providers/${rp.uuid}/aggregates`, { version: '1.1' });
      const list = (res.body as { aggregates?: string[] })?.aggregates;
      // Placement lists a set: compare it sorted by name
      return Array.isArray(list) ? { ...res, body: { aggregates: list.map((u) => ctx.norm.symbolOf(u) ?? u).sort() } } : res;
    },
  };
}

const zones = (): Step => call('availability zones', 'GET', '/os-availability-zone', { expect: { answer: 200 } });
const zonesDetail = (): Step => call('availability zones detail', 'GET', '/os-availability-zone/detail', { expect: { answer: 200 } });
/** The services with their zones (the answer's timestamps and ids differ by nature: only host, binary, zone kept). */
function serviceZones(): Step {
  return {
    name: 'services zones',
    observe: false,
    expect: { answer: 200 },
    async run(ctx) {
      const res = await ctx.t.compute('GET', '/os-services');
      const services = (res.body as { services?: { host: string; binary: string; zone: string }[] })?.services ?? [];
      return { ...res, body: services.map((s) => `${s.binary}@${s.host}: ${s.zone}`).sort() };
    },
  };
}

const BOOT_AZ = (sym: string, az: string, status: string, flavor = '1'): Step =>
  ({ ...boot(sym, { flavor, extra: { availability_zone: az }, expect: { answer: 202, status: { [sym]: status } } }), name: `boot ${sym} into ${az} (flavor ${flavor})` });

export const aggregateFlows: Flow[] = [
  {
    name: 'aggregates_api',
    description: 'create (2.1 with a zone, 2.41 uuid), list/show per version, update name and zone, set_metadata (null deletes a key), delete, 2.81 images, the 400/404/409 answers and policies',
    hosts: [{ name: 'host1' }],
    steps: [
      createAggregate({ name: 'agg1', availability_zone: 'az1' }, { version: '2.1' }),
      createAggregate({ name: 'agg2' }, { version: '2.41' }),
      createAggregate({ name: 'agg2' }, { expect: 409 }),
      createAggregate({ name: ' padded' }, { expect: 400 }),
      createAggregate({ name: 'x', availability_zone: 'a:b' }, { expect: 400 }),
      createAggregate({ name: 'x', availability_zone: '' }, { expect: 400 }),
      createAggregate({ name: 'x', bogus: 1 }, { expect: 400 }),
      createAggregate({ name: 'x', availability_zone: null }),
      call('create without aggregate', 'POST', '/os-aggregates', { body: { name: 'x' }, expect: { answer: 400 } }),
      call('list at 2.1', 'GET', '/os-aggregates', { version: '2.1', expect: { answer: 200 } }),
      call('list at 2.41', 'GET', '/os-aggregates', { version: '2.41', expect: { answer: 200 } }),
      call('show 1 at 2.40', 'GET', '/os-aggregates/1', { version: '2.40', expect: { answer: 200 } }),
      call('show 1', 'GET', '/os-aggregates/1', { expect: { answer: 200 } }),
      call('show a non-integer id', 'GET', '/os-aggregates/abc', { expect: { answer: 400 } }),
      call('show an unknown id', 'GET', '/os-aggregates/99', { expect: { answer: 404 } }),
      call('rename 2', 'PUT', '/os-aggregates/2', { body: { aggregate: { name: 'agg2b' } }, expect: { answer: 200 } }),
      call('zone of 2', 'PUT', '/os-aggregates/2', { body: { aggregate: { availability_zone: 'az2' } }, expect: { answer: 200 } }),
      call('rename 1 to a taken name', 'PUT', '/os-aggregates/1', { body: { aggregate: { name: 'agg2b' } }, expect: { answer: 409 } }),
      call('null zone on update', 'PUT', '/os-aggregates/1', { body: { aggregate: { availability_zone: null } }, expect: { answer: 400 } }),
      call('update with neither name nor zone', 'PUT', '/os-aggregates/1', { body: { aggregate: {} }, expect: { answer: 400 } }),
      call('update an unknown id', 'PUT', '/os-aggregates/99', { body: { aggregate: { name: 'z' } }, expect: { answer: 404 } }),
      setMetadata(1, { foo: 'bar', gone: null }),
      setMetadata(1, { foo: null, k: 'v' }),
      setMetadata(1, { availability_zone: null }, 400),
      setMetadata(1, { availability_zone: '' }, 400),
      setMetadata(99, { k: 'v' }, 404),
      call('show 1 after set_metadata', 'GET', '/os-aggregates/1', { expect: { answer: 200 } }),
      aggAction(1, { bogus: {} }, 400),
      aggAction(1, { add_host: {} }, 400),
      aggAction(1, { set_metadata: { metadata: { 'bad/key': 'v' } } }, 400),
      call('images at 2.81', 'POST', '/os-aggregates/1/images', { version: '2.81', body: { cache: [{ id: IMAGE }] }, expect: { answer: 202 } }),
      call('images at 2.80', 'POST', '/os-aggregates/1/images', { version: '2.80', body: { cache: [{ id: IMAGE }] }, expect: { answer: 404 } }),
      call('images: duplicates', 'POST', '/os-aggregates/1/images', { body: { cache: [{ id: IMAGE }, { id: IMAGE }] }, expect: { answer: 400 } }),
      call('images: unknown image', 'POST', '/os-aggregates/1/images', { body: { cache: [{ id: 'aaaaaaaa-4e14-4e4c-a73d-069cbf4541e6' }] }, expect: { answer: 400 } }),
      call('images: unknown aggregate', 'POST', '/os-aggregates/99/images', { body: { cache: [{ id: IMAGE }] }, expect: { answer: 404 } }),
      call('images: empty list', 'POST', '/os-aggregates/1/images', { body: { cache: [] }, expect: { answer: 400 } }),
      call('list as a member', 'GET', '/os-aggregates', { token: MEMBER, expect: { answer: 403 } }),
      call('create as a member', 'POST', '/os-aggregates', { token: MEMBER, body: { aggregate: { name: 'm' } }, expect: { answer: 403 } }),
      call('add_host as a member', 'POST', '/os-aggregates/1/action', { token: MEMBER, body: { add_host: { host: 'host1' } }, expect: { answer: 403 } }),
      call('delete 2', 'DELETE', '/os-aggregates/2', { expect: { answer: 200 } }),
      call('delete 2 again', 'DELETE', '/os-aggregates/2', { expect: { answer: 404 } }),
      call('delete a non-integer id', 'DELETE', '/os-aggregates/x', { expect: { answer: 400 } }),
      createAggregate({ name: 'agg4' }),
      call('list after delete and create', 'GET', '/os-aggregates', { expect: { answer: 200 } }),
      zones(),
    ],
  },
  {
    name: 'aggregates_hosts',
    description: 'add/remove host with the Placement mirroring compared, the zone conflicts (a host in two zones), host not found, host already in, delete a non-empty aggregate, zones and services after',
    steps: [
      createAggregate({ name: 'agg1', availability_zone: 'az1' }),
      addHostTo(1, 'host1'),
      placementAggregates('host1'),
      placementAggregates('host2'),
      addHostTo(1, 'host1', 409),
      addHostTo(1, 'nohost', 404),
      addHostTo(1, 'conductor', 404),
      addHostTo(99, 'host1', 404),
      addHostTo(1, 'bad host!', 400),
      createAggregate({ name: 'agg2', availability_zone: 'az2' }),
      addHostTo(2, 'host1', 409),
      createAggregate({ name: 'agg3' }),
      addHostTo(3, 'host1'),
      addHostTo(3, 'host2'),
      placementAggregates('host1'),
      placementAggregates('host2'),
      setMetadata(3, { availability_zone: 'az3' }, 400),
      setMetadata(3, { availability_zone: 'az1' }),
      call('zone of 3 to az2 on update', 'PUT', '/os-aggregates/3', { body: { aggregate: { availability_zone: 'az2' } }, expect: { answer: 400 } }),
      zones(),
      zonesDetail(),
      serviceZones(),
      call('delete non-empty 1', 'DELETE', '/os-aggregates/1', { expect: { answer: 400 } }),
      removeHostFrom(1, 'host2', 404),
      removeHostFrom(1, 'nohost', 404),
      removeHostFrom(99, 'host1', 404),
      removeHostFrom(1, 'host1'),
      placementAggregates('host1'),
      removeHostFrom(1, 'host1', 404),
      call('delete emptied 1', 'DELETE', '/os-aggregates/1', { expect: { answer: 200 } }),
      removeHostFrom(3, 'host1'),
      removeHostFrom(3, 'host2'),
      placementAggregates('host1'),
      placementAggregates('host2'),
      zones(),
      serviceZones(),
      call('list', 'GET', '/os-aggregates', { expect: { answer: 200 } }),
    ],
  },
  {
    name: 'aggregates_az_boot',
    description: 'host2 in zone az1: a boot into az1 lands on host2, a boot without zone on host1; list filter by zone; renaming a zone with instances; a migrate must stay in az1 (NoValidHost) until host3 joins it',
    steps: [
      createAggregate({ name: 'agg1' }),
      addHostTo(1, 'host2'),
      setMetadata(1, { availability_zone: 'az1' }),
      zones(),
      zonesDetail(),
      BOOT_AZ('SERVER_1', 'az1', 'ACTIVE'),
      boot('SERVER_2', { expect: { answer: 202, status: { SERVER_2: 'ACTIVE' } } }),
      call('servers in az1', 'GET', '/servers/detail?availability_zone=az1', { expect: { answer: 200 } }),
      call('servers in nova', 'GET', '/servers?availability_zone=nova', { expect: { answer: 200 } }),
      setMetadata(1, { availability_zone: 'az9' }, 400),
      call('rename zone az1 with instances on update', 'PUT', '/os-aggregates/1', { body: { aggregate: { availability_zone: 'az9' } }, expect: { answer: 400 } }),
      setMetadata(1, { availability_zone: 'az1', note: 'same zone is fine' }),
      action('SERVER_1', { migrate: null }, { name: 'migrate SERVER_1 (az1 has no other host)', compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      addHost({ name: 'host3' }),
      addHostTo(1, 'host3'),
      placementAggregates('host3'),
      action('SERVER_1', { migrate: null }, { name: 'migrate SERVER_1 (host3 joined az1)', compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      action('SERVER_1', { confirmResize: null }, { compareSeen: 'state', expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } }),
      call('boot into an unknown zone', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none', availability_zone: 'nowhere' } }, expect: { answer: 400 },
      }),
      call('boot into the internal zone', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none', availability_zone: 'internal' } }, expect: { answer: 202 },
      }),
    ],
  },
  {
    name: 'aggregates_az_no_capacity',
    description: 'a small host1 alone in az1: m1.small into az1 is NoValidHost although host2 has room; into nova it lands (on host2)',
    hosts: [{ name: 'host1', vcpus: 1, memory_mb: 1024, local_gb: 10 }, { name: 'host2' }],
    steps: [
      createAggregate({ name: 'small', availability_zone: 'az1' }),
      addHostTo(1, 'host1'),
      BOOT_AZ('SERVER_1', 'az1', 'ERROR', '2'),
      BOOT_AZ('SERVER_2', 'nova', 'ACTIVE', '2'),
      BOOT_AZ('SERVER_3', 'az1', 'ACTIVE', '1'),
    ],
  },
  {
    name: 'aggregates_move_across_zones',
    description: 'a server forced onto host1 (in az1) without keeping the zone migrates to host2 (nova) and back on revert: the instance row\'s zone follows (list filter)',
    steps: [
      createAggregate({ name: 'a1', availability_zone: 'az1' }),
      addHostTo(1, 'host1'),
      { ...boot('SERVER_1', { extra: { availability_zone: ':host1' }, expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }), name: 'boot SERVER_1 forced onto host1' },
      call('servers in az1', 'GET', '/servers?availability_zone=az1', { expect: { answer: 200 } }),
      action('SERVER_1', { migrate: null }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      call('servers in nova after the migrate', 'GET', '/servers?availability_zone=nova', { expect: { answer: 200 } }),
      action('SERVER_1', { revertResize: null }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      call('servers in az1 after the revert', 'GET', '/servers?availability_zone=az1', { expect: { answer: 200 } }),
      call('servers in nova after the revert', 'GET', '/servers?availability_zone=nova', { expect: { answer: 200 } }),
    ],
  },
  {
    name: 'aggregates_host_joins_zone',
    description: 'a server booted without a zone shows its host\'s zone once the host joins an aggregate with one, and nova again once it leaves',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      createAggregate({ name: 'later', availability_zone: 'az7' }),
      { ...addHostTo(1, 'host1'), observe: true },
      call('servers in az7 (the instance row keeps nova)', 'GET', '/servers?availability_zone=az7', { expect: { answer: 200 } }),
      { ...removeHostFrom(1, 'host1'), observe: true },
    ],
  },
];
