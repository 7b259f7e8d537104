// Neutron v2.0 at /networking: the devstack seed, policy, IPAM, security groups, routers,
// floating IPs and the list conventions, as HTTP stories.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
const ADMIN = { 'x-auth-token': 'admin' };
const DEMO = { 'x-auth-token': 'demo:demo' };
const OTHER = { 'x-auth-token': 'alt:other' };

async function api(method: string, url: string, payload?: unknown, headers: Record<string, string> = ADMIN) {
  const res = await t.app.inject({ method: method as 'GET', url: `/networking${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}
const byName = async (name: string, headers = ADMIN) => (await api('GET', `/v2.0/networks?name=${name}`, undefined, headers)).body.networks[0];

beforeAll(async () => { t = await createTestApp({ seed: true }); });
afterAll(async () => { await t.close(); });

describe('devstack seed', () => {
  it('has public, private and shared, router1 and their subnets', async () => {
    const nets = (await api('GET', '/v2.0/networks?fields=name&sort_key=name&sort_dir=asc')).body.networks.map((n: { name: string }) => n.name);
    expect(nets).toEqual(['private', 'public', 'shared']);
    const subnets = (await api('GET', '/v2.0/subnets?fields=name&fields=cidr')).body.subnets;
    expect(subnets).toEqual(expect.arrayContaining([{ name: 'public-subnet', cidr: '172.24.4.0/24' }, { name: 'private-subnet', cidr: '10.0.0.0/26' }, { name: 'shared-subnet', cidr: '192.168.233.0/24' }]));
    const router = (await api('GET', '/v2.0/routers?name=router1')).body.routers[0];
    expect(router.external_gateway_info.network_id).toBe((await byName('public')).id);
    const ifaces = (await api('GET', `/v2.0/ports?device_id=${router.id}&device_owner=network:router_interface`)).body.ports;
    expect(ifaces.flatMap((p: { fixed_ips: { ip_address: string }[] }) => p.fixed_ips.map((f) => f.ip_address)).sort()).toEqual(['10.0.0.1', 'fd00::1']);
  });

  it('a member sees its own, shared and external networks, without provider attributes', async () => {
    const demo = (await api('GET', '/v2.0/networks', undefined, DEMO)).body.networks;
    expect(demo.map((n: { name: string }) => n.name).sort()).toEqual(['private', 'public', 'shared']);
    expect(demo.every((n: Record<string, unknown>) => !('provider:network_type' in n))).toBe(true);
    const other = (await api('GET', '/v2.0/networks', undefined, OTHER)).body.networks;
    expect(other.map((n: { name: string }) => n.name).sort()).toEqual(['public', 'shared']);
    const priv = await byName('private');
    expect((await api('GET', `/v2.0/networks/${priv.id}`, undefined, OTHER)).body).toEqual({ NeutronError: { type: 'NetworkNotFound', message: `Network ${priv.id} could not be found.`, detail: '' } });
  });

  it('a member cannot make a shared network (policy 403)', async () => {
    const res = await api('POST', '/v2.0/networks', { network: { name: 'x', shared: true } }, OTHER);
    expect(res.status).toBe(403);
    expect(res.body.NeutronError.type).toBe('PolicyNotAuthorized');
  });
});

describe('ports and IPAM', () => {
  it('parallel creates never share an address, and an exhausted pool answers 409', async () => {
    const net = (await api('POST', '/v2.0/networks', { network: { name: 'small' } })).body.network;
    const subnet = (await api('POST', '/v2.0/subnets', { subnet: { network_id: net.id, cidr: '10.50.0.0/28', ip_version: 4 } })).body.subnet;
    expect(subnet.allocation_pools).toEqual([{ start: '10.50.0.2', end: '10.50.0.14' }]);
    const results = await Promise.all(Array.from({ length: 16 }, () => api('POST', '/v2.0/ports', { port: { network_id: net.id } })));
    const made = results.filter((r) => r.status === 201);
    expect(made).toHaveLength(13);
    const ips = made.map((r) => r.body.port.fixed_ips[0].ip_address);
    expect(new Set(ips).size).toBe(13);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.body.NeutronError.type)).toEqual(['IpAddressGenerationFailure', 'IpAddressGenerationFailure', 'IpAddressGenerationFailure']);
    const macs = made.map((r) => r.body.port.mac_address);
    expect(new Set(macs).size).toBe(13);
    expect(macs.every((m: string) => /^fa:16:3e(:[0-9a-f]{2}){3}$/.test(m))).toBe(true);
  });

  it('a requested address is taken once; the SLAAC address follows the MAC', async () => {
    const priv = await byName('private');
    const p = await api('POST', '/v2.0/ports', { port: { network_id: priv.id, fixed_ips: [{ ip_address: '10.0.0.40' }] } });
    expect(p.status).toBe(201);
    const [v4, v6] = p.body.port.fixed_ips;
    expect(v4.ip_address).toBe('10.0.0.40');
    const mac = p.body.port.mac_address.split(':');
    expect(v6.ip_address).toBe(`fd00::f816:3eff:fe${mac[3]}:${mac[4]}${mac[5]}`.replace(/:0+([0-9a-f])/g, ':$1'));
    const again = await api('POST', '/v2.0/ports', { port: { network_id: priv.id, fixed_ips: [{ ip_address: '10.0.0.40' }] } });
    expect(again.status).toBe(409);
    expect(again.body.NeutronError).toEqual({ type: 'IpAddressAlreadyAllocated', message: `IP address 10.0.0.40 already allocated in subnet ${v4.subnet_id}`, detail: '' });
    // freed by the delete, then free again
    expect((await api('DELETE', `/v2.0/ports/${p.body.port.id}`)).status).toBe(204);
    expect((await api('POST', '/v2.0/ports', { port: { network_id: priv.id, fixed_ips: [{ ip_address: '10.0.0.40' }] } })).status).toBe(201);
  });

  it('an update of fixed_ips keeps the SLAAC address, asked again or not (the subnet requires it)', async () => {
    const priv = await byName('private');
    const subnets = (await api('GET', `/v2.0/subnets?network_id=${priv.id}`)).body.subnets as { id: string; ip_version: number }[];
    const v4 = subnets.find((s) => s.ip_version === 4)!.id;
    const port = (await api('POST', '/v2.0/ports', { port: { network_id: priv.id } })).body.port;
    const slaac = port.fixed_ips.find((f: { ip_address: string }) => f.ip_address.includes(':'));
    // nova's add_fixed_ip_to_instance: the current list plus {subnet_id}
    const added = await api('PUT', `/v2.0/ports/${port.id}`, { port: { fixed_ips: [...port.fixed_ips, { subnet_id: v4 }] } });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.port.fixed_ips).toHaveLength(3);
    expect(added.body.port.fixed_ips).toContainEqual(slaac);
    // only the v4 address asked: the SLAAC one stays
    const first = port.fixed_ips.find((f: { ip_address: string }) => !f.ip_address.includes(':'));
    const only = await api('PUT', `/v2.0/ports/${port.id}`, { port: { fixed_ips: [first] } });
    expect(only.body.port.fixed_ips).toEqual([first, slaac]);
    await api('DELETE', `/v2.0/ports/${port.id}`);
  });

  it('binding: vif_type ovs on an agent host, binding_failed elsewhere; hidden from members', async () => {
    const shared = await byName('shared');
    const port = (await api('POST', '/v2.0/ports', { port: { network_id: shared.id, device_owner: 'compute:nova', device_id: 'vm1', project_id: 'other' } })).body.port;
    const bound = await api('PUT', `/v2.0/ports/${port.id}`, { port: { 'binding:host_id': 'host1' } });
    expect(bound.body.port['binding:vif_type']).toBe('ovs');
    expect(bound.body.port.status).toBe('ACTIVE');
    expect((await api('PUT', `/v2.0/ports/${port.id}`, { port: { 'binding:host_id': 'nowhere' } })).body.port['binding:vif_type']).toBe('binding_failed');
    const seen = (await api('GET', `/v2.0/ports/${port.id}`, undefined, OTHER)).body.port;
    expect(Object.keys(seen).filter((k) => k.startsWith('binding:'))).toEqual(['binding:vnic_type']);
    expect((await api('PUT', `/v2.0/ports/${port.id}`, { port: { 'binding:host_id': 'host2' } }, OTHER)).status).toBe(403);
  });

  it('ports of several devices: each device_id value matches, in creation order, with the other filters applied', async () => {
    const shared = await byName('shared');
    const made: { id: string; device_id: string }[] = [];
    for (const [device, owner] of [['dev-b', 'compute:nova'], ['dev-a', 'compute:nova'], ['dev-c', 'compute:nova'], ['dev-a', 'network:dhcp']]) {
      made.push((await api('POST', '/v2.0/ports', { port: { network_id: shared.id, device_owner: owner, device_id: device } })).body.port);
    }
    const ids = async (query: string) => (await api('GET', `/v2.0/ports?${query}`)).body.ports.map((p: { id: string }) => p.id);
    expect(await ids('device_id=dev-a&device_id=dev-b&device_id=nothing')).toEqual([made[0]!.id, made[1]!.id, made[3]!.id]);
    expect(await ids('device_id=dev-a&device_id=dev-c&device_owner=compute:nova')).toEqual([made[1]!.id, made[2]!.id]);
    expect(await ids('device_id=nothing&device_id=none')).toEqual([]);
    for (const p of made) await api('DELETE', `/v2.0/ports/${p.id}`);
  });

  it('a network with ports cannot be deleted', async () => {
    const priv = await byName('private');
    const res = await api('DELETE', `/v2.0/networks/${priv.id}`);
    expect(res.status).toBe(409);
    expect(res.body.NeutronError.type).toBe('NetworkInUse');
  });
});

describe('security groups', () => {
  it('each project gets a default group with four rules on first use', async () => {
    const groups = (await api('GET', '/v2.0/security-groups', undefined, { 'x-auth-token': 'u:fresh' })).body.security_groups;
    expect(groups).toHaveLength(1);
    expect(groups[0].name).toBe('default');
    const rules = groups[0].security_group_rules.map((r: Record<string, unknown>) => `${r.direction as string} ${r.ethertype as string} ${r.remote_group_id === groups[0].id ? 'self' : 'any'}`).sort();
    expect(rules).toEqual(['egress IPv4 any', 'egress IPv6 any', 'ingress IPv4 self', 'ingress IPv6 self']);
    // a port of that project gets it
    const shared = await byName('shared');
    const port = (await api('POST', '/v2.0/ports', { port: { network_id: shared.id } }, { 'x-auth-token': 'u:fresh' })).body.port;
    expect(port.security_groups).toEqual([groups[0].id]);
    // type:uuid_list (_validate_list_of_items): duplicates are refused before the items are checked
    const dup = await api('PUT', `/v2.0/ports/${port.id}`, { port: { security_groups: [groups[0].id, groups[0].id] } }, { 'x-auth-token': 'u:fresh' });
    expect(dup.status).toBe(400);
    expect(dup.body.NeutronError).toMatchObject({ type: 'HTTPBadRequest', message: `Invalid input for security_groups. Reason: Duplicate items in the list: '${groups[0].id}'.` });
    const notList = await api('PUT', `/v2.0/ports/${port.id}`, { port: { security_groups: ['x', 'x'] } }, { 'x-auth-token': 'u:fresh' });
    expect(notList.body.NeutronError.message).toBe("Invalid input for security_groups. Reason: Duplicate items in the list: 'x'.");
  });

  it('rules are validated and duplicates refused as neutron does', async () => {
    const sg = (await api('POST', '/v2.0/security-groups', { security_group: { name: 'web' } })).body.security_group;
    const rule = { security_group_id: sg.id, direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22 };
    const first = await api('POST', '/v2.0/security-group-rules', { security_group_rule: rule });
    expect(first.status).toBe(201);
    const dup = await api('POST', '/v2.0/security-group-rules', { security_group_rule: rule });
    expect(dup.body.NeutronError).toEqual({ type: 'SecurityGroupRuleExists', message: `Security group rule already exists. Rule id is ${first.body.security_group_rule.id}.`, detail: '' });
    const reversed = await api('POST', '/v2.0/security-group-rules', { security_group_rule: { ...rule, port_range_min: 30 } });
    expect(reversed.body.NeutronError.type).toBe('SecurityGroupInvalidPortRange');
    expect((await api('POST', '/v2.0/security-groups', { security_group: { name: 'default' } })).status).toBe(409);
  });
});

describe('routers and floating IPs', () => {
  it('a floating IP from public follows its port and is released with it', async () => {
    const priv = await byName('private');
    const pub = await byName('public');
    const port = (await api('POST', '/v2.0/ports', { port: { network_id: priv.id } })).body.port;
    const fip = (await api('POST', '/v2.0/floatingips', { floatingip: { floating_network_id: pub.id, port_id: port.id } })).body.floatingip;
    expect(fip.floating_ip_address).toMatch(/^172\.24\.4\./);
    expect(fip.fixed_ip_address).toBe(port.fixed_ips[0].ip_address);
    expect(fip.router_id).toBe((await api('GET', '/v2.0/routers?name=router1')).body.routers[0].id);
    await api('DELETE', `/v2.0/ports/${port.id}`);
    const after = (await api('GET', `/v2.0/floatingips/${fip.id}`)).body.floatingip;
    expect([after.port_id, after.fixed_ip_address, after.router_id]).toEqual([null, null, null]);
  });
});

describe('list conventions', () => {
  it('limit/marker pages with links, filters, fields and tags', async () => {
    const first = (await api('GET', '/v2.0/networks?limit=2&sort_key=name&sort_dir=asc&fields=name')).body;
    expect(first.networks.map((n: { name: string }) => n.name)).toEqual(['private', 'public']);
    expect(first.networks_links.map((l: { rel: string }) => l.rel)).toEqual(['next', 'previous']);
    const next = new URL(first.networks_links[0].href);
    const second = (await api('GET', `/v2.0/networks${next.search}`)).body;
    expect(second.networks.map((n: { name: string }) => n.name)[0]).toBe('shared');
    expect((await api('GET', '/v2.0/networks?bogus=1')).body.NeutronError.message).toBe("['bogus'] is invalid attribute for filtering");
    const priv = await byName('private');
    expect((await api('PUT', `/v2.0/networks/${priv.id}/tags`, { tags: ['blue', 'red'] })).body).toEqual({ tags: ['blue', 'red'] });
    expect((await api('GET', '/v2.0/networks?tags-any=red,green&fields=name')).body.networks).toEqual([{ name: 'private' }]);
    expect((await api('GET', '/v2.0/networks?shared=true&fields=name')).body.networks).toEqual([{ name: 'shared' }]);
  });

  it('errors come in the NeutronError envelope', async () => {
    expect(await api('POST', '/v2.0/networks', { network: { name: 'x', bogus: 1 } })).toEqual({ status: 400, body: { NeutronError: { type: 'HTTPBadRequest', message: "Unrecognized attribute(s) 'bogus'", detail: '' } } });
    expect((await api('GET', '/v2.0/nothing')).status).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/networking/v2.0/networks' })).statusCode).toBe(401);
  });

  it('quotas default to neutron\'s and count usage', async () => {
    const q = (await api('GET', '/v2.0/quotas/demo')).body.quota;
    expect(q).toMatchObject({ network: 100, subnet: 100, port: 500, router: 10, floatingip: 50, security_group: 10, security_group_rule: 100 });
    await api('PUT', '/v2.0/quotas/tight', { quota: { network: 1 } });
    expect((await api('POST', '/v2.0/networks', { network: { name: 'a' } }, { 'x-auth-token': 'u:tight' })).status).toBe(201);
    expect((await api('POST', '/v2.0/networks', { network: { name: 'b' } }, { 'x-auth-token': 'u:tight' })).body.NeutronError.type).toBe('OverQuota');
  });
});

describe('control plane', () => {
  it('POST /_mock/reset restores the seed, and a reset body may replace it', async () => {
    const custom = await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: ADMIN, payload: { networking: { networks: [{ name: 'only', shared: true, subnets: [{ cidr: '10.77.0.0/24', ip_version: 4 }] }], routers: [] } } });
    expect(custom.statusCode).toBe(200);
    expect((await api('GET', '/v2.0/networks?fields=name')).body.networks).toEqual([{ name: 'only' }]);
    await t.app.inject({ method: 'POST', url: '/_mock/reset', headers: ADMIN });
    expect((await api('GET', '/v2.0/networks?fields=name&sort_key=name&sort_dir=asc')).body.networks.map((n: { name: string }) => n.name)).toEqual(['private', 'public', 'shared']);
    expect((await api('GET', '/v2.0/ports?device_owner=compute:nova')).body.ports).toEqual([]);
  });
});

describe('as neutron answers what tempest.api.network sends', () => {
  it('external_gateway_info {} clears a router gateway, as null does (dict_or_nodata)', async () => {
    const pub = await byName('public');
    const router = (await api('POST', '/v2.0/routers', { router: { name: 'gw-clear', external_gateway_info: { network_id: pub.id } } })).body.router;
    expect(router.external_gateway_info.network_id).toBe(pub.id);
    const res = await api('PUT', `/v2.0/routers/${router.id}`, { router: { external_gateway_info: {} } });
    expect(res.status).toBe(200);
    expect(res.body.router.external_gateway_info).toBeNull();
    expect((await api('GET', `/v2.0/ports?device_id=${router.id}&device_owner=network:router_gateway`)).body.ports).toEqual([]);
    const partial = await api('PUT', `/v2.0/routers/${router.id}`, { router: { external_gateway_info: { enable_snat: false } } });
    expect(partial.status).toBe(400);
  });

  it('routes, host_routes and dns_nameservers set to null are cleared (convert_none_to_empty_list)', async () => {
    const net = (await api('POST', '/v2.0/networks', { network: { name: 'routes-null' } })).body.network;
    const subnet = (await api('POST', '/v2.0/subnets', { subnet: {
      network_id: net.id, cidr: '10.77.0.0/24', ip_version: 4,
      host_routes: [{ destination: '10.98.0.0/24', nexthop: '10.77.0.9' }], dns_nameservers: ['10.77.0.2'],
    } })).body.subnet;
    const cleared = await api('PUT', `/v2.0/subnets/${subnet.id}`, { subnet: { host_routes: null, dns_nameservers: null } });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect([cleared.body.subnet.host_routes, cleared.body.subnet.dns_nameservers]).toEqual([[], []]);
    const router = (await api('POST', '/v2.0/routers', { router: { name: 'routes-null' } })).body.router;
    expect((await api('PUT', `/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id })).status).toBe(200);
    const routed = await api('PUT', `/v2.0/routers/${router.id}`, { router: { routes: [{ destination: '10.99.0.0/24', nexthop: '10.77.0.5' }] } });
    expect(routed.status, JSON.stringify(routed.body)).toBe(200);
    expect(routed.body.router.routes).toEqual([{ destination: '10.99.0.0/24', nexthop: '10.77.0.5' }]);
    const none = await api('PUT', `/v2.0/routers/${router.id}`, { router: { routes: null } });
    expect(none.status, JSON.stringify(none.body)).toBe(200);
    expect(none.body.router.routes).toEqual([]);
    expect((await api('PUT', `/v2.0/routers/${router.id}`, { router: { routes: 'x' } })).body.NeutronError.message)
      .toBe("Invalid input for routes. Reason: Invalid data format for hostroute: 'x'.");
  });

  it('deleting an external network takes its unassociated floating IPs along', async () => {
    const ext = (await api('POST', '/v2.0/networks', { network: { name: 'ext-del', 'router:external': true } })).body.network;
    await api('POST', '/v2.0/subnets', { subnet: { network_id: ext.id, cidr: '172.30.9.0/24', ip_version: 4, enable_dhcp: false } });
    const fip = (await api('POST', '/v2.0/floatingips', { floatingip: { floating_network_id: ext.id } })).body.floatingip;
    expect((await api('DELETE', `/v2.0/networks/${ext.id}`)).status).toBe(204);
    expect((await api('GET', `/v2.0/floatingips/${fip.id}`)).status).toBe(404);
    expect((await api('GET', `/v2.0/ports?network_id=${ext.id}`)).body.ports).toEqual([]);
  });

  it('the owner of a network may choose a port MAC on it (create_port:mac_address), others may not', async () => {
    const net = (await api('POST', '/v2.0/networks', { network: { name: 'mine' } }, OTHER)).body.network;
    const made = await api('POST', '/v2.0/ports', { port: { network_id: net.id, mac_address: 'fa:16:3e:00:00:42' } }, OTHER);
    expect(made.status).toBe(201);
    expect(made.body.port.mac_address).toBe('fa:16:3e:00:00:42');
    const shared = await byName('shared');
    const refused = await api('POST', '/v2.0/ports', { port: { network_id: shared.id, mac_address: 'fa:16:3e:00:00:43' } }, OTHER);
    expect(refused.status).toBe(403);
    expect(refused.body.NeutronError.message).toBe('(rule:create_port and rule:create_port:mac_address) is disallowed by policy');
    const update = await api('PUT', `/v2.0/ports/${made.body.port.id}`, { port: { mac_address: 'fa:16:3e:00:00:44' } }, OTHER);
    expect(update.status).toBe(403);
  });

  it('creates in bulk, all or none (pecan allows bulk on every create)', async () => {
    const made = await api('POST', '/v2.0/networks', { networks: [{ name: 'bulk-a' }, { network: { name: 'bulk-b' } }] }, OTHER);
    expect(made.status).toBe(201);
    expect(made.body.networks.map((n: { name: string }) => n.name)).toEqual(['bulk-a', 'bulk-b']);
    const ports = await api('POST', '/v2.0/ports', { ports: [{ network_id: made.body.networks[0].id }, { network_id: made.body.networks[1].id }] }, OTHER);
    expect(ports.status).toBe(201);
    expect(ports.body.ports).toHaveLength(2);
    const half = await api('POST', '/v2.0/networks', { networks: [{ name: 'bulk-c' }, { name: 'bulk-d', shared: true }] }, OTHER);
    expect(half.status).toBe(403);
    expect((await api('GET', '/v2.0/networks?name=bulk-c')).body.networks).toEqual([]);
    expect((await api('POST', '/v2.0/networks', { networks: [] })).body.NeutronError.message).toBe('Resources required');
    expect((await api('PUT', `/v2.0/networks/${made.body.networks[0].id}`, { networks: [{ name: 'x' }] })).body.NeutronError.message).toBe('Bulk operation not supported');
  });

  it('security group rules: ports converted as neutron converts them, any remote_group_id looked up', async () => {
    const sg = (await api('POST', '/v2.0/security-groups', { security_group: { name: 'ports' } }, OTHER)).body.security_group;
    const rule = (extra: Record<string, unknown>) => api('POST', '/v2.0/security-group-rules', { security_group_rule: { security_group_id: sg.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', ...extra } }, OTHER);
    const msg = async (extra: Record<string, unknown>) => (await rule(extra)).body.NeutronError.message;
    expect(await msg({ port_range_min: -16, port_range_max: 80 })).toBe('Invalid value for port -16');
    expect(await msg({ port_range_min: 80, port_range_max: 65536 })).toBe('Invalid value for port 65536');
    expect(await msg({ port_range_min: 'x', port_range_max: 80 })).toBe('Invalid value for port x');
    expect(await msg({ port_range_max: 6 })).toBe('For TCP/UDP protocols, port_range_min must be <= port_range_max');
    expect(await msg({ port_range_min: 0, port_range_max: 6 })).toBe('Invalid value for port 0');
    expect(await msg({ protocol: 'icmp', port_range_min: -1, port_range_max: 25 })).toBe('Invalid value for port -1');
    expect(await msg({ protocol: 'icmp', port_range_min: 1, port_range_max: 256 })).toBe('Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255.');
    const bad = await rule({ remote_group_id: 'bad_group_id' });
    expect(bad.status).toBe(404);
    expect(bad.body.NeutronError.type).toBe('SecurityGroupNotFound');
    expect((await rule({ port_range_min: '22', port_range_max: 22 })).status).toBe(201);
  });

  it('a SLAAC subnet is deleted from under its ports; a plain subnet with ports is in use', async () => {
    const net = (await api('POST', '/v2.0/networks', { network: { name: 'v6-del' } }, OTHER)).body.network;
    const v4 = (await api('POST', '/v2.0/subnets', { subnet: { network_id: net.id, cidr: '10.61.0.0/24', ip_version: 4 } }, OTHER)).body.subnet;
    const v6 = (await api('POST', '/v2.0/subnets', { subnet: { network_id: net.id, cidr: '2001:db8:61::/64', ip_version: 6, ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' } }, OTHER)).body.subnet;
    const port = (await api('POST', '/v2.0/ports', { port: { network_id: net.id } }, OTHER)).body.port;
    expect(port.fixed_ips.map((f: { subnet_id: string }) => f.subnet_id).sort()).toEqual([v4.id, v6.id].sort());
    expect((await api('DELETE', `/v2.0/subnets/${v4.id}`, undefined, OTHER)).body.NeutronError.type).toBe('SubnetInUse');
    expect((await api('DELETE', `/v2.0/subnets/${v6.id}`, undefined, OTHER)).status).toBe(204);
    const after = (await api('GET', `/v2.0/ports/${port.id}`, undefined, OTHER)).body.port;
    expect(after.fixed_ips.map((f: { subnet_id: string }) => f.subnet_id)).toEqual([v4.id]);
  });

  it('no security group may be renamed default, in any case (name_not_default)', async () => {
    const sg = (await api('POST', '/v2.0/security-groups', { security_group: { name: 'plain' } }, OTHER)).body.security_group;
    for (const name of ['default', 'Default']) {
      const res = await api('PUT', `/v2.0/security-groups/${sg.id}`, { security_group: { name } }, OTHER);
      expect(res.status).toBe(409);
      expect(res.body.NeutronError.type).toBe('SecurityGroupDefaultAlreadyExists');
    }
    expect((await api('POST', '/v2.0/security-groups', { security_group: { name: 'DEFAULT' } }, OTHER)).status).toBe(409);
  });

  it('a member lists no agents (200, empty) rather than a 403', async () => {
    const res = await api('GET', '/v2.0/agents', undefined, DEMO);
    expect(res).toEqual({ status: 200, body: { agents: [] } });
    expect((await api('GET', '/v2.0/agents')).body.agents.length).toBeGreaterThan(0);
  });

  it('answers the .json form of a path (pecan guess_content_type_from_ext)', async () => {
    const details = await api('GET', '/v2.0/quotas/someproject/details.json');
    expect(details.status).toBe(200);
    expect(details.body.quota.network).toEqual({ limit: 100, used: 0, reserved: 0 });
    const pub = await byName('public');
    expect((await api('GET', '/v2.0/networks.json?name=public')).body.networks.map((n: { id: string }) => n.id)).toEqual([pub.id]);
    expect((await api('GET', `/v2.0/networks/${pub.id}.json`)).body.network.id).toBe(pub.id);
  });
});
