// Compute with Neutron as nova uses it: create validates `networks`, the build allocates and
// binds ports, addresses come from the info cache, moves rebind, every delete path (and every
// failed build or reschedule) leaves no port behind: the audit stays empty.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ComputeClient, IMAGE } from '../helpers/compute.js';
import { startCloud, type Cloud } from '../helpers/app.js';
import { MockControl } from '../helpers/mock-control.js';
import { NetworkingClient } from '../helpers/networking.js';

let cloud: Cloud;
let admin: ComputeClient;
let demo: ComputeClient;
let control: MockControl;
let adminNet: NetworkingClient;
let demoNet: NetworkingClient;
let nets: Record<string, string>;

async function expectAuditEmpty(): Promise<void> {
  await admin.settle();
  expect(await control.audit()).toEqual([]);
}
const portsOf = (server: string) => adminNet.portsOf(server);
async function boot(c: ComputeClient, networks: unknown, extra: Record<string, unknown> = {}, version?: string) {
  const body: Record<string, unknown> = { name: 'vm', imageRef: IMAGE, flavorRef: '1', ...extra };
  if (networks !== undefined) body.networks = networks;
  return c.call('POST', '/servers', { body: { server: body }, ...(version ? { version } : {}) });
}

beforeAll(async () => {
  cloud = await startCloud();
  admin = new ComputeClient(cloud.transport, { version: '2.93' });
  demo = new ComputeClient(cloud.transport, { token: 'demo:demo', version: '2.93' });
  control = new MockControl(cloud.transport);
  adminNet = new NetworkingClient(cloud.transport);
  demoNet = new NetworkingClient(cloud.transport, { token: 'demo:demo' });
});
afterAll(async () => { await cloud.close(); });
beforeEach(async () => {
  await control.reset();
  nets = await adminNet.networkIds();
});

describe('boot with networks', () => {
  it('the PUT and rebuild answers before 2.75 show addresses without OS-EXT-IPS (extend_address=False), with them from 2.75', async () => {
    const r = await boot(demo, [{ uuid: nets.private }]);
    const server = await admin.waitForServerStatus(r.body.server.id, 'ACTIVE');
    const basic = Object.fromEntries(Object.entries(server.addresses as Record<string, any[]>).map(([k, ips]) => [k, ips.map((a) => ({ version: a.version, addr: a.addr }))]));
    const put = (v: string) => demo.call('PUT', `/servers/${server.id}`, { body: { server: { name: 'renamed' } }, version: v });
    expect((await put('2.74')).body.server.addresses).toEqual(basic);
    expect((await put('2.75')).body.server.addresses).toEqual(server.addresses);
    const rebuild = await demo.call('POST', `/servers/${server.id}/action`, { body: { rebuild: { imageRef: IMAGE } }, version: '2.74' });
    expect(rebuild.status, JSON.stringify(rebuild.body)).toBe(202);
    expect(rebuild.body.server.addresses).toEqual(basic);
  });

  it('a port on the requested network, bound to the host, addresses in every view, deleted with the server', async () => {
    const r = await boot(demo, [{ uuid: nets.private }]);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const server = await admin.waitForServerStatus(r.body.server.id, 'ACTIVE');
    const [port] = await portsOf(server.id);
    expect(port.device_owner).toBe('compute:nova');
    expect(port['binding:host_id']).toBe((await admin.getServer(server.id))['OS-EXT-SRV-ATTR:host']);
    expect(port['binding:vif_type']).toBe('ovs');
    const v4 = port.fixed_ips.find((f: any) => !f.ip_address.includes(':')).ip_address;
    expect(server.addresses.private).toContainEqual({ version: 4, addr: v4, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': port.mac_address });
    expect(server.addresses.private.map((a: any) => a.version).sort()).toEqual([4, 6]);
    expect(server.security_groups).toEqual([{ name: 'default' }]);
    const ips = await demo.call('GET', `/servers/${server.id}/ips/private`);
    expect(ips.body.private).toContainEqual({ version: 4, addr: v4 });
    const detail = await demo.call('GET', '/servers/detail');
    expect(detail.body.servers[0].addresses).toEqual(server.addresses);
    await expectAuditEmpty();
    expect((await demo.call('DELETE', `/servers/${server.id}`)).status).toBe(204);
    await admin.waitForServerGone(server.id);
    expect(await portsOf(server.id)).toEqual([]);
    await expectAuditEmpty();
  });

  it('GET /servers?ip= / ip6= finds servers through their ports (ip-substring-filtering), as nova does with such a Neutron', async () => {
    const a = await admin.waitForServerStatus((await boot(demo, [{ uuid: nets.private, fixed_ip: '10.0.0.41' }])).body.server.id, 'ACTIVE');
    const b = await admin.waitForServerStatus((await boot(demo, [{ uuid: nets.private, fixed_ip: '10.0.0.4' }])).body.server.id, 'ACTIVE');
    const c = await admin.waitForServerStatus((await boot(demo, [{ uuid: nets.shared }])).body.server.id, 'ACTIVE');
    const ids = async (query: string) => ((await demo.call('GET', `/servers?${query}`)).body.servers as any[]).map((x) => x.id).sort();
    // a substring, not an anchored regex: 10.0.0.4 also finds 10.0.0.41
    expect(await ids('ip=10.0.0.41')).toEqual([a.id]);
    expect(await ids('ip=10.0.0.4')).toEqual([a.id, b.id].sort());
    expect(await ids('ip=192.168.233.')).toEqual([c.id]);
    expect(await ids('ip6=fd00::')).toEqual([a.id, b.id].sort());
    expect(await ids('ip=10.9.9.9')).toEqual([]);
    // an admin's uuid option is added to the matches (nova extends the list); a member's is dropped
    expect(await ids(`ip=10.0.0.41&uuid=${c.id}`)).toEqual([a.id]);
    const all = ((await admin.call('GET', `/servers?all_tenants=1&ip=10.0.0.41&uuid=${c.id}`)).body.servers as any[]).map((x) => x.id).sort();
    expect(all).toEqual([a.id, c.id].sort());
    // ip6 is a 2.5 option for members: ignored before
    expect(((await demo.call('GET', '/servers?ip6=fd00::', { version: '2.4' })).body.servers as any[]).length).toBe(3);
    await expectAuditEmpty();
  });

  it('a port passed by the user is bound, then unbound and kept on delete', async () => {
    const port = await demoNet.createPort({ network_id: nets.private, name: 'mine' });
    const r = await boot(demo, [{ port: port.id }]);
    const server = await admin.waitForServerStatus(r.body.server.id, 'ACTIVE');
    expect((await adminNet.call('GET', `/ports/${port.id}`)).body.port.device_id).toBe(server.id);
    const again = await boot(demo, [{ port: port.id }]);
    expect(again.status).toBe(409);
    expect(again.body.conflictingRequest.message).toBe(`Port ${port.id} is still in use.`);
    await demo.call('DELETE', `/servers/${server.id}`);
    await admin.waitForServerGone(server.id);
    const kept = (await adminNet.call('GET', `/ports/${port.id}`)).body.port;
    expect([kept.device_id, kept.device_owner, kept['binding:host_id']]).toEqual(['', '', '']);
    await expectAuditEmpty();
  });

  it('nova\'s create checks: bad format, unknown network, ambiguity, security groups, fixed IP in use', async () => {
    expect((await boot(demo, [{ uuid: 'not-a-uuid' }], {}, '2.36')).body.badRequest.message).toBe('Bad networks format: network uuid is not in proper format (not-a-uuid)');
    const unknown = '9d6f7b4e-0000-4000-8000-000000000001';
    expect((await boot(demo, [{ uuid: unknown }])).body).toEqual({ badRequest: { code: 400, message: `Network ${unknown} could not be found.` } });
    // the demo project sees private (its own) and shared: 'auto' and no networks are ambiguous
    const amb = await boot(demo, 'auto');
    expect(amb.status).toBe(409);
    expect(amb.body.conflictingRequest.message).toBe('Multiple possible networks found, use a Network ID to be more specific.');
    expect((await boot(demo, undefined, {}, '2.36')).status).toBe(409);
    const sg = await boot(demo, [{ uuid: nets.private }], { security_groups: [{ name: 'nope' }] });
    // validate_name: neutronclient's find_resourceid_by_name_or_id, its NotFound / NoUniqueMatch text
    expect(sg.body).toEqual({ badRequest: { code: 400, message: "Unable to find security_group with name or id 'nope'" } });
    for (let n = 0; n < 2; n++) await demoNet.call('POST', '/security-groups', { body: { security_group: { name: 'dup' } } });
    const dup = await boot(demo, [{ uuid: nets.private }], { security_groups: [{ name: 'dup' }] });
    expect(dup.body).toEqual({ conflictingRequest: { code: 409, message: "Multiple security_group matches found for name 'dup', use an ID to be more specific." } });
    // by id: any group the caller sees
    const web = (await demoNet.call('POST', '/security-groups', { body: { security_group: { name: 'web' } } })).body.security_group;
    const byId = await boot(demo, [{ uuid: nets.private }], { security_groups: [{ name: web.id }] });
    expect(byId.status).toBe(202);
    const viaId = await admin.waitForServerStatus(byId.body.server.id, 'ACTIVE');
    expect((await portsOf(viaId.id))[0].security_groups).toEqual([web.id]);
    // the build resolves a name before an id (_process_security_groups): a group named as another
    // group's id wins there, though the API's check found the other by its id
    const named = (await demoNet.call('POST', '/security-groups', { body: { security_group: { name: web.id } } })).body.security_group;
    const viaName = await admin.waitForServerStatus((await boot(demo, [{ uuid: nets.private }], { security_groups: [{ name: web.id }] })).body.server.id, 'ACTIVE');
    expect((await portsOf(viaName.id))[0].security_groups).toEqual([named.id]);
    const first = await admin.waitForServerStatus((await boot(demo, [{ uuid: nets.private, fixed_ip: '10.0.0.30' }])).body.server.id, 'ACTIVE');
    const taken = await boot(demo, [{ uuid: nets.private, fixed_ip: '10.0.0.30' }]);
    expect(taken.body.badRequest.message).toBe(`Fixed IP address 10.0.0.30 is already in use on instance ${first.id}.`);
    // another project sees only shared: 'auto' takes it
    const other = new ComputeClient(cloud.transport, { token: 'alt:other', version: '2.93' });
    const auto = await admin.waitForServerStatus((await boot(other, 'auto')).body.server.id, 'ACTIVE');
    expect(Object.keys(auto.addresses)).toEqual(['shared']);
    // 'none': no port
    const none = await admin.waitForServerStatus((await boot(demo, 'none')).body.server.id, 'ACTIVE');
    expect(none.addresses).toEqual({});
    expect(await portsOf(none.id)).toEqual([]);
    await expectAuditEmpty();
  });

  it('parallel boots never share an address', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => boot(demo, [{ uuid: nets.private }])));
    const ids = replies.map((r) => r.body.server.id as string);
    const servers = await Promise.all(ids.map((id) => admin.waitForServerStatus(id, 'ACTIVE')));
    const v4 = servers.map((s) => s.addresses.private.find((a: any) => a.version === 4).addr);
    expect(new Set(v4).size).toBe(8);
    await expectAuditEmpty();
    await Promise.all(ids.map((id) => demo.call('DELETE', `/servers/${id}`)));
    for (const id of ids) await admin.waitForServerGone(id);
    await expectAuditEmpty();
  });
});

describe('moves, floating IPs and failures', () => {
  it('resize rebinds to the destination, revert back to the source; a floating IP shows in addresses', async () => {
    const server = await admin.waitForServerStatus((await boot(admin, [{ uuid: nets.private }])).body.server.id, 'ACTIVE');
    const src = server['OS-EXT-SRV-ATTR:host'];
    const resized = await admin.resizeServer(server.id, '2');
    const dst = resized['OS-EXT-SRV-ATTR:host'];
    expect(dst).not.toBe(src);
    expect((await portsOf(server.id))[0]['binding:host_id']).toBe(dst);
    await expectAuditEmpty();
    expect((await admin.action(server.id, { revertResize: null })).status).toBe(202);
    await admin.waitForServerStatus(server.id, 'ACTIVE');
    expect((await portsOf(server.id))[0]['binding:host_id']).toBe(src);
    const [port] = await portsOf(server.id);
    const fip = (await adminNet.call('POST', '/floatingips', { body: { floatingip: { floating_network_id: nets.public, port_id: port.id } } })).body.floatingip;
    await admin.settle();
    const shown = await admin.getServer(server.id);
    expect(shown.addresses.private).toContainEqual({ version: 4, addr: fip.floating_ip_address, 'OS-EXT-IPS:type': 'floating', 'OS-EXT-IPS-MAC:mac_addr': port.mac_address });
    await admin.call('DELETE', `/servers/${server.id}`);
    await admin.waitForServerGone(server.id);
    const after = (await adminNet.call('GET', `/floatingips/${fip.id}`)).body.floatingip;
    expect(after.port_id).toBeNull();
    await expectAuditEmpty();
  });

  it('a binding failure reschedules; when every host fails the server is ERROR with no port left, and boots once the fault is gone', async () => {
    expect((await control.call('POST', '/faults', { operation: 'bind_port', host: 'host1', error: { type: 'PortBindingFailed' } })).status).toBe(201);
    expect((await control.call('POST', '/faults', { operation: 'bind_port', host: 'host2', times: 1, error: { type: 'PortBindingFailed' } })).status).toBe(201);
    const id = (await boot(admin, [{ uuid: nets.private }])).body.server.id;
    const server = await admin.waitForServerStatus(id, 'ERROR');
    expect(server.fault.message).toContain('Exhausted all hosts');
    expect(await portsOf(id)).toEqual([]);
    await expectAuditEmpty();
    await control.call('DELETE', '/faults');
    const ok = await admin.waitForServerStatus((await boot(admin, [{ uuid: nets.private }])).body.server.id, 'ACTIVE');
    expect((await portsOf(ok.id))).toHaveLength(1);
    await expectAuditEmpty();
  });

  it('plug_vifs failing aborts the build (no reschedule) and cleans the ports; a failing deallocate leaves the server ERROR', async () => {
    await control.call('POST', '/faults', { operation: 'plug_vifs', times: 1, error: { type: 'VirtualInterfaceCreateException' } });
    const id = (await boot(admin, [{ uuid: nets.private }])).body.server.id;
    const failed = await admin.waitForServerStatus(id, 'ERROR');
    expect(failed.fault.message).toContain('Virtual Interface creation failed');
    expect(await portsOf(id)).toEqual([]);
    await expectAuditEmpty();
    const server = await admin.waitForServerStatus((await boot(admin, [{ uuid: nets.private }])).body.server.id, 'ACTIVE');
    await control.call('POST', '/faults', { operation: 'deallocate_for_instance', times: 1, error: { type: 'NeutronClientException' } });
    await admin.call('DELETE', `/servers/${server.id}`);
    await admin.waitForServerStatus(server.id, 'ERROR');
    expect(await portsOf(server.id)).toHaveLength(1);
    await admin.call('DELETE', `/servers/${server.id}`);
    await admin.waitForServerGone(server.id);
    await expectAuditEmpty();
  });

  it('the audit reports a leaked port and a port bound elsewhere', async () => {
    const server = await admin.waitForServerStatus((await boot(admin, [{ uuid: nets.private }])).body.server.id, 'ACTIVE');
    const [port] = await portsOf(server.id);
    await adminNet.call('PUT', `/ports/${port.id}`, { body: { port: { 'binding:host_id': 'elsewhere' } } });
    await adminNet.createPort({ network_id: nets.private, device_id: 'gone-server', device_owner: 'compute:nova' });
    const audit = (await control.call('GET', '/audit')).body.audit.map((f: any) => f.kind).sort();
    expect(audit).toEqual(['leaked_port', 'port_host_mismatch']);
  });

  it('os-interface attaches a port on a network and detaches it; security groups follow addSecurityGroup/removeSecurityGroup', async () => {
    const server = await admin.waitForServerStatus((await boot(demo, [{ uuid: nets.private }])).body.server.id, 'ACTIVE');
    const attached = await demo.call('POST', `/servers/${server.id}/os-interface`, { body: { interfaceAttachment: { net_id: nets.shared } } });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    const iface = attached.body.interfaceAttachment;
    expect(iface.net_id).toBe(nets.shared);
    expect(iface.fixed_ips[0].ip_address).toMatch(/^192\.168\.233\./);
    const list = (await demo.call('GET', `/servers/${server.id}/os-interface`)).body.interfaceAttachments;
    expect(list.map((a: any) => a.net_id).sort()).toEqual([nets.private, nets.shared].sort());
    expect(Object.keys((await admin.getServer(server.id)).addresses).sort()).toEqual(['private', 'shared']);
    expect((await demo.call('DELETE', `/servers/${server.id}/os-interface/${iface.port_id}`)).status).toBe(202);
    await admin.settle();
    expect(Object.keys((await admin.getServer(server.id)).addresses)).toEqual(['private']);
    expect((await portsOf(server.id))).toHaveLength(1);
    // security groups
    const web = (await demoNet.call('POST', '/security-groups', { body: { security_group: { name: 'web' } } })).body.security_group;
    expect((await demo.action(server.id, { addSecurityGroup: { name: 'web' } })).status).toBe(202);
    await admin.settle();
    expect((await admin.getServer(server.id)).security_groups).toEqual([{ name: 'default' }, { name: 'web' }]);
    // a second add puts the group on the port twice: Neutron's duplicate-items 400 becomes nova's
    // SecurityGroupCannotBeApplied (400), and the port keeps one copy
    const again = await demo.action(server.id, { addSecurityGroup: { name: 'web' } });
    expect(again.status).toBe(400);
    expect(again.body.badRequest.message).toBe(`Invalid input for security_groups. Reason: Duplicate items in the list: '${web.id}'.`);
    expect((await portsOf(server.id))[0].security_groups.filter((g: string) => g === web.id)).toHaveLength(1);
    const groups = (await demo.call('GET', `/servers/${server.id}/os-security-groups`)).body.security_groups;
    expect(groups.map((g: any) => g.name).sort()).toEqual(['default', 'web']);
    expect((await demo.action(server.id, { removeSecurityGroup: { name: 'web' } })).status).toBe(202);
    expect((await demo.action(server.id, { removeSecurityGroup: { name: 'web' } })).body.itemNotFound.message).toBe(`Security group web not associated with the instance ${server.id}`);
    expect((await demo.action(server.id, { addSecurityGroup: { name: 'nope' } })).body.itemNotFound.message).toBe('Security group nope is not found for project demo');
    void web;
    await expectAuditEmpty();
  });

  it("a server's security groups are read with the caller's token: a group the caller cannot see is not listed; a rename shows at once", async () => {
    const server = await admin.waitForServerStatus((await boot(demo, [{ uuid: nets.private }])).body.server.id, 'ACTIVE');
    // neutron sends nova no event for a group renamed: the view asks neutron, as nova's does
    const web = (await demoNet.call('POST', '/security-groups', { body: { security_group: { name: 'web' } } })).body.security_group;
    expect((await demo.action(server.id, { addSecurityGroup: { name: 'web' } })).status).toBe(202);
    expect((await demoNet.call('PUT', `/security-groups/${web.id}`, { body: { security_group: { name: 'renamed' } } })).status).toBe(200);
    expect((await demo.getServer(server.id)).security_groups).toEqual([{ name: 'default' }, { name: 'renamed' }]);
    // a group of the admin project put on the port by the admin
    const [port] = await portsOf(server.id);
    const hidden = (await adminNet.call('POST', '/security-groups', { body: { security_group: { name: 'ops' } } })).body.security_group;
    const put = await adminNet.call('PUT', `/ports/${port.id}`, { body: { port: { security_groups: [...port.security_groups, hidden.id] } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await admin.settle();
    expect((await demo.getServer(server.id)).security_groups).toEqual([{ name: 'default' }, { name: 'renamed' }]);
    expect((await admin.getServer(server.id)).security_groups).toEqual([{ name: 'default' }, { name: 'renamed' }, { name: 'ops' }]);
    const listed = (c: ComputeClient) => c.call('GET', `/servers/${server.id}/os-security-groups`).then((r) => r.body.security_groups.map((g: any) => g.name).sort());
    expect(await listed(demo)).toEqual(['default', 'renamed']);
    expect(await listed(admin)).toEqual(['default', 'ops', 'renamed']);
    const detail = await demo.call('GET', '/servers/detail');
    expect(detail.body.servers.find((x: any) => x.id === server.id).security_groups).toEqual([{ name: 'default' }, { name: 'renamed' }]);
    await expectAuditEmpty();
  });

  it('a tag given at boot (2.42+) or attach (2.49+) is kept on the VIF record: os-interface shows it from 2.70, gone with the port', async () => {
    const r = await boot(demo, [{ uuid: nets.private, tag: 'boot-nic' }], {}, '2.42');
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const server = await admin.waitForServerStatus(r.body.server.id, 'ACTIVE');
    const attached = await demo.call('POST', `/servers/${server.id}/os-interface`, { body: { interfaceAttachment: { net_id: nets.shared, tag: 'hot' } }, version: '2.70' });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    expect(attached.body.interfaceAttachment.tag).toBe('hot');
    const [bootPort] = await portsOf(server.id).then((ps) => ps.filter((p) => p.network_id === nets.private));
    const list = (await demo.call('GET', `/servers/${server.id}/os-interface`, { version: '2.70' })).body.interfaceAttachments;
    expect(Object.fromEntries(list.map((a: any) => [a.net_id, a.tag]))).toEqual({ [nets.private!]: 'boot-nic', [nets.shared!]: 'hot' });
    const show = (id: string, v: string) => demo.call('GET', `/servers/${server.id}/os-interface/${id}`, { version: v });
    expect((await show(bootPort.id, '2.70')).body.interfaceAttachment.tag).toBe('boot-nic');
    expect((await show(bootPort.id, '2.69')).body.interfaceAttachment).not.toHaveProperty('tag');
    // detached and re-attached without a tag: the old record is gone
    const port = attached.body.interfaceAttachment.port_id;
    const mine = await demoNet.createPort({ network_id: nets.shared });
    expect((await demo.call('DELETE', `/servers/${server.id}/os-interface/${port}`)).status).toBe(202);
    await admin.settle();
    expect((await demo.call('POST', `/servers/${server.id}/os-interface`, { body: { interfaceAttachment: { port_id: mine.id } }, version: '2.70' })).body.interfaceAttachment.tag).toBeNull();
    const after = (await demo.call('GET', `/servers/${server.id}/os-interface`, { version: '2.70' })).body.interfaceAttachments;
    expect(Object.fromEntries(after.map((a: any) => [a.port_id, a.tag]))).toEqual({ [bootPort.id]: 'boot-nic', [mine.id]: null });
    expect(cloud.services.compute.store.virtualInterfaces.list(server.id)).toHaveLength(2);
    expect((await demo.call('DELETE', `/servers/${server.id}`)).status).toBe(204);
    await admin.waitForServerGone(server.id);
    expect(cloud.services.compute.store.virtualInterfaces.list(server.id)).toEqual([]);
    await expectAuditEmpty();
  });

  it("nova's network proxies answer through Neutron up to 2.35 and are gone from 2.36", async () => {
    const old = new ComputeClient(cloud.transport, { token: 'demo:demo', version: '2.35' });
    const tenant = (await old.call('GET', '/os-tenant-networks')).body.networks;
    expect(tenant.map((n: any) => n.label).sort()).toEqual(['private', 'public', 'shared']);
    expect(tenant[0].cidr).toBe('None');
    expect((await old.call('GET', `/os-networks/${nets.private}`)).body.network).toMatchObject({ id: nets.private, label: 'private', cidr: null });
    expect((await old.call('GET', '/os-networks/9d6f7b4e-0000-4000-8000-000000000001')).status).toBe(404);
    expect((await old.call('GET', '/os-floating-ip-pools')).body).toEqual({ floating_ip_pools: [{ name: 'public' }] });
    expect((await old.call('POST', '/os-tenant-networks', { body: {} })).status).toBe(410);
    expect((await demo.call('GET', '/os-tenant-networks')).status).toBe(404);
    expect((await demo.call('GET', '/os-floating-ip-pools')).status).toBe(404);
  });
});
