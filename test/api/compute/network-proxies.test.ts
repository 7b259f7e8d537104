// nova's network proxies that still answer through Neutron up to 2.35 (404 from 2.36):
// os-security-groups, os-security-group-rules, os-floating-ips, and the addFloatingIp /
// removeFloatingIp actions (up to 2.43), with the bodies and errors of security_groups.py,
// floating_ips.py, network/security_group_api.py and network/neutron.py.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { NetworkingClient } from '../../helpers/networking.js';

let t: TestApp;
let c: ComputeClient;
let neutron: NetworkingClient;
let nets: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
  c = new ComputeClient(t.transport);
  neutron = new NetworkingClient(t.transport);
  nets = await neutron.networkIds();
});
afterAll(async () => { await t.close(); });

const DEMO = 'demo:demo';
const V = '2.35';
const UNKNOWN = '9d6f7b4e-0000-4000-8000-000000000001';

const demo = (method: string, path: string, body?: unknown, version = V) => c.call(method, path, { version, token: DEMO, body });

describe('os-security-groups', () => {
  test('create, show, list, update and delete as nova formats them; ingress rules only', async () => {
    const created = await demo('POST', '/os-security-groups', { security_group: { name: 'web', description: 'web servers' } });
    expect(created.status, created.text).toBe(200);
    const sg = created.body.security_group;
    expect(sg).toEqual({ id: sg.id, description: 'web servers', name: 'web', tenant_id: 'demo', rules: [] });
    expect((await demo('GET', `/os-security-groups/${sg.id}`)).body.security_group).toEqual(sg);
    // the project's groups, default included (made on first use), sorted by (tenant_id, name)
    const list = (await demo('GET', '/os-security-groups')).body.security_groups;
    expect(list.map((g: { name: string }) => g.name)).toEqual(['default', 'web']);
    const def = list[0];
    // neutron's default group: two ingress rules from itself (IPv4, IPv6), egress not shown
    expect(def.rules).toHaveLength(2);
    expect(def.rules[0]).toEqual({ id: def.rules[0].id, parent_group_id: def.id, ip_protocol: null, from_port: null, to_port: null, group: { name: 'default', tenant_id: 'demo' }, ip_range: {} });
    expect((await demo('GET', '/os-security-groups?limit=1&offset=1')).body.security_groups.map((g: { name: string }) => g.name)).toEqual(['web']);
    const updated = await demo('PUT', `/os-security-groups/${sg.id}`, { security_group: { name: 'web2', description: 'renamed' } });
    expect(updated.body.security_group).toMatchObject({ id: sg.id, name: 'web2', description: 'renamed' });
    expect((await neutron.call('GET', `/security-groups/${sg.id}`)).body.security_group.name).toBe('web2');
    const del = await demo('DELETE', `/os-security-groups/${sg.id}`);
    expect(del.status).toBe(202);
    expect((await demo('GET', `/os-security-groups/${sg.id}`)).body).toEqual({ itemNotFound: { code: 404, message: `Security group ${sg.id} does not exist` } });
  });

  test("nova's own checks: body, name and description, ids", async () => {
    expect((await demo('POST', '/os-security-groups', {})).body).toEqual({ badRequest: { code: 400, message: "The request body can't be empty" } });
    expect((await demo('POST', '/os-security-groups', { other: 1 })).body.badRequest.message).toBe('Missing parameter security_group');
    expect((await demo('POST', '/os-security-groups', { security_group: { name: 'x' } })).body.badRequest.message).toBe('description is not a string or unicode');
    expect((await demo('POST', '/os-security-groups', { security_group: { description: 'x' } })).body.badRequest.message).toBe('name is not a string or unicode');
    expect((await demo('POST', '/os-security-groups', { security_group: { name: 'n'.repeat(256), description: '' } })).body.badRequest.message).toBe('name has 256 characters, more than 255.');
    expect((await demo('GET', '/os-security-groups/not-a-uuid')).body).toEqual({ badRequest: { code: 400, message: 'Security group id should be uuid' } });
    expect((await demo('DELETE', `/os-security-groups/${UNKNOWN}`)).status).toBe(404);
    expect((await demo('PUT', `/os-security-groups/${UNKNOWN}`, { security_group: { name: 'a', description: 'b' } })).status).toBe(404);
    // a group in use by a port: neutron's 409 is nova's Invalid, a 400
    const sg = (await demo('POST', '/os-security-groups', { security_group: { name: 'busy', description: '' } })).body.security_group;
    const port = (await neutron.call('POST', '/ports', { body: { port: { network_id: nets.private, security_groups: [sg.id] } }, token: DEMO })).body;
    const busy = await demo('DELETE', `/os-security-groups/${sg.id}`);
    expect(busy.status).toBe(400);
    await neutron.call('DELETE', `/ports/${port.port.id}`);
    expect((await demo('DELETE', `/os-security-groups/${sg.id}`)).status).toBe(202);
  });

  test('gone from 2.36', async () => {
    expect((await demo('GET', '/os-security-groups', undefined, '2.36')).status).toBe(404);
    expect((await demo('POST', '/os-security-groups', { security_group: { name: 'a', description: 'b' } }, '2.36')).status).toBe(404);
    expect((await demo('POST', '/os-security-group-rules', { security_group_rule: {} }, '2.36')).status).toBe(404);
    expect((await demo('GET', '/os-floating-ips', undefined, '2.36')).status).toBe(404);
    expect((await demo('POST', '/os-floating-ips', {}, '2.36')).status).toBe(404);
  });
});

describe('os-security-group-rules', () => {
  test('a CIDR rule and a source-group rule created in neutron as ingress; duplicates and bad input refused as nova does', async () => {
    const sg = (await demo('POST', '/os-security-groups', { security_group: { name: 'rules', description: '' } })).body.security_group;
    const r = await demo('POST', '/os-security-group-rules', { security_group_rule: { parent_group_id: sg.id, ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr: '10.0.0.0/24' } });
    expect(r.status, r.text).toBe(200);
    const rule = r.body.security_group_rule;
    expect(rule).toEqual({ id: rule.id, parent_group_id: sg.id, ip_protocol: 'tcp', from_port: 22, to_port: 22, group: {}, ip_range: { cidr: '10.0.0.0/24' } });
    const inNeutron = (await neutron.call('GET', `/security-group-rules/${rule.id}`)).body.security_group_rule;
    expect(inNeutron).toMatchObject({ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '10.0.0.0/24' });
    // a source group without ports opens every TCP port
    const src = await demo('POST', '/os-security-group-rules', { security_group_rule: { parent_group_id: sg.id, ip_protocol: 'tcp', group_id: sg.id } });
    expect(src.body.security_group_rule).toMatchObject({ from_port: 1, to_port: 65535, group: { name: 'rules', tenant_id: 'demo' }, ip_range: {} });
    expect((await demo('GET', `/os-security-groups/${sg.id}`)).body.security_group.rules).toHaveLength(2);

    const bad = async (rule: Record<string, unknown>) => (await demo('POST', '/os-security-group-rules', { security_group_rule: { parent_group_id: sg.id, ...rule } })).body;
    expect(await bad({ ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr: '10.0.0.0/24' })).toEqual({ badRequest: { code: 400, message: `This rule already exists in group ${sg.id}` } });
    expect((await bad({ cidr: '10.0.0.0/24' })).badRequest.message).toBe('Not enough parameters to build a valid rule.');
    expect((await bad({ ip_protocol: 'tcp', from_port: 30, to_port: 20 })).badRequest.message).toBe('Invalid port range 30:20. Former value cannot be greater than the later');
    expect((await bad({ ip_protocol: 'tcp', from_port: 0, to_port: 20 })).badRequest.message).toBe('Invalid port range 0:20. Valid TCP ports should be between 1-65535');
    expect((await bad({ ip_protocol: 'icmp', from_port: 300, to_port: 0 })).badRequest.message).toBe('Invalid port range 300:0. For ICMP, the type:code must be valid');
    expect((await bad({ ip_protocol: 'gre', from_port: 1, to_port: 2 })).badRequest.message).toBe('Invalid IP protocol gre.');
    expect((await bad({ ip_protocol: 'tcp', from_port: 'a', to_port: 2 })).badRequest.message).toBe('Invalid input received: To and From ports must be integers');
    expect((await bad({ ip_protocol: 'tcp', from_port: 1, to_port: 2, cidr: 'nope' })).badRequest.message).toBe('nope is not a valid IP network.');
    expect((await bad({ ip_protocol: 'tcp', from_port: 1, to_port: 2, cidr: '10.0.0.0/0' })).badRequest.message).toBe('Bad prefix for network in cidr 10.0.0.0/0');
    expect((await bad({ ip_protocol: 'tcp', from_port: 1, to_port: 2, group_id: 'x' })).badRequest.message).toBe('Security group id should be uuid');
    expect((await demo('POST', '/os-security-group-rules', { security_group_rule: { parent_group_id: UNKNOWN, ip_protocol: 'tcp', from_port: 1, to_port: 2 } })).status).toBe(404);

    expect((await demo('DELETE', `/os-security-group-rules/${rule.id}`)).status).toBe(202);
    expect((await neutron.call('GET', `/security-group-rules?id=${rule.id}`)).body.security_group_rules).toEqual([]);
    expect((await demo('DELETE', `/os-security-group-rules/${rule.id}`)).status).toBe(404);
    expect((await demo('DELETE', '/os-security-group-rules/not-a-uuid')).body.badRequest.message).toBe('Security group id should be uuid');
  });
});

describe('os-floating-ips and the floating IP actions', () => {
  test('allocate from a pool, list, show, associate with a server, disassociate, release', async () => {
    const { id: server } = await c.createServer({ token: DEMO, extra: { networks: [{ uuid: nets.private }] } });
    const fixed = (await demo('GET', `/servers/${server}`)).body.server.addresses.private.find((a: { version: number }) => a.version === 4).addr;

    const alloc = await demo('POST', '/os-floating-ips', { pool: 'public' });
    expect(alloc.status, alloc.text).toBe(200);
    const fip = alloc.body.floating_ip;
    expect(fip).toEqual({ id: fip.id, ip: fip.ip, pool: 'public', fixed_ip: null, instance_id: null });
    expect(fip.ip).toMatch(/^172\.24\.4\./);
    expect((await demo('GET', '/os-floating-ips')).body.floating_ips).toEqual([fip]);
    expect((await demo('GET', `/os-floating-ips/${fip.id}`)).body.floating_ip).toEqual(fip);

    const add = await c.action(server, { addFloatingIp: { address: fip.ip } }, { version: '2.43', token: DEMO });
    expect(add.status, add.text).toBe(202);
    expect((await demo('GET', `/os-floating-ips/${fip.id}`)).body.floating_ip).toEqual({ ...fip, fixed_ip: fixed, instance_id: server });
    const addresses = (await demo('GET', `/servers/${server}`)).body.server.addresses.private;
    expect(addresses).toContainEqual(expect.objectContaining({ addr: fip.ip, 'OS-EXT-IPS:type': 'floating' }));

    // removeFloatingIp looks at the floating IP's instance, not at the URL's server
    const other = await c.action(UNKNOWN, { removeFloatingIp: { address: fip.ip } }, { version: '2.43', token: DEMO });
    expect(other.body).toEqual({ conflictingRequest: { code: 409, message: `Floating IP ${fip.ip} is not associated with instance ${UNKNOWN}.` } });
    expect((await c.action(server, { removeFloatingIp: { address: fip.ip } }, { version: '2.43', token: DEMO })).status).toBe(202);
    expect((await demo('GET', `/os-floating-ips/${fip.id}`)).body.floating_ip.instance_id).toBeNull();
    expect((await demo('GET', `/servers/${server}`)).body.server.addresses.private.map((a: { addr: string }) => a.addr)).not.toContain(fip.ip);

    // released while associated: nova disassociates and deletes it
    expect((await c.action(server, { addFloatingIp: { address: fip.ip, fixed_address: fixed } }, { version: '2.43', token: DEMO })).status).toBe(202);
    expect((await demo('DELETE', `/os-floating-ips/${fip.id}`)).status).toBe(202);
    expect((await neutron.call('GET', `/floatingips?id=${fip.id}`)).body.floatingips).toEqual([]);
    expect((await demo('GET', `/servers/${server}`)).body.server.addresses.private.map((a: { addr: string }) => a.addr)).not.toContain(fip.ip);
    expect((await demo('GET', `/os-floating-ips/${fip.id}`)).body).toEqual({ itemNotFound: { code: 404, message: `Floating IP not found for ID ${fip.id}` } });
  });

  test("nova's errors: pools, addresses, servers without networks, versions", async () => {
    // [neutron] default_floating_pool is nova's 'nova': no such external network
    expect((await demo('POST', '/os-floating-ips', {})).body).toEqual({ itemNotFound: { code: 404, message: 'Floating IP pool not found.' } });
    expect((await demo('POST', '/os-floating-ips', { pool: 'private' })).status).toBe(404);
    expect((await demo('DELETE', `/os-floating-ips/${UNKNOWN}`)).body.itemNotFound.message).toBe(`Floating IP not found for ID ${UNKNOWN}`);
    const { id: server } = await c.createServer({ token: DEMO, extra: { networks: [{ uuid: nets.private }] } });
    const act = (body: unknown, version = '2.43') => c.action(server, body, { version, token: DEMO });
    expect((await act({ addFloatingIp: { address: '172.24.4.250' } })).body).toEqual({ itemNotFound: { code: 404, message: 'floating IP not found' } });
    expect((await act({ removeFloatingIp: { address: '172.24.4.250' } })).body.itemNotFound.message).toBe('Floating IP not found for address 172.24.4.250.');
    const fip = (await demo('POST', '/os-floating-ips', { pool: 'public' })).body.floating_ip;
    expect((await act({ addFloatingIp: { address: fip.ip, fixed_address: '10.9.9.9' } })).body.badRequest.message).toBe('Specified fixed address not assigned to instance');
    expect((await act({ addFloatingIp: { address: 'x' } })).status).toBe(400);
    expect((await act({ addFloatingIp: { address: fip.ip } }, '2.44')).status).toBe(404);
    expect((await act({ removeFloatingIp: { address: fip.ip } }, '2.44')).status).toBe(404);
    const { id: bare } = await c.createServer({ token: DEMO });
    expect((await c.action(bare, { addFloatingIp: { address: fip.ip } }, { version: '2.43', token: DEMO })).body.badRequest.message).toBe('Instance network is not ready yet');
    expect((await c.action(UNKNOWN, { addFloatingIp: { address: fip.ip } }, { version: '2.43', token: DEMO })).status).toBe(404);
    // another project cannot reach the server
    expect((await c.action(server, { addFloatingIp: { address: fip.ip } }, { version: '2.43', token: 'other:other' })).status).toBe(404);
  });
});

describe("a server's groups and interfaces as nova lists them", () => {
  test('a group on two ports is listed twice (per port, as get_instances_security_groups_bindings); attach answers its tag from 2.70', async () => {
    const { id: server } = await c.createServer({ token: DEMO, extra: { networks: [{ uuid: nets.private }] } });
    const att = await c.call('POST', `/servers/${server}/os-interface`, { version: '2.70', token: DEMO, body: { interfaceAttachment: { net_id: nets.shared, tag: 'nic2' } } });
    expect(att.status, att.text).toBe(200);
    expect(att.body.interfaceAttachment.tag).toBe('nic2');
    const untagged = await c.call('POST', `/servers/${server}/os-interface`, { version: '2.93', token: DEMO, body: { interfaceAttachment: { net_id: nets.shared } } });
    expect(untagged.body.interfaceAttachment.tag).toBeNull();
    expect('tag' in (await c.call('POST', `/servers/${server}/os-interface`, { version: '2.69', token: DEMO, body: { interfaceAttachment: { net_id: nets.shared } } })).body.interfaceAttachment).toBe(false);
    await t.services.compute.workflows.idle();
    const shown = (await c.call('GET', `/servers/${server}`, { version: '2.93', token: DEMO })).body.server;
    expect(shown.security_groups).toEqual([{ name: 'default' }, { name: 'default' }, { name: 'default' }, { name: 'default' }]);
    const listed = (await demo('GET', `/servers/${server}/os-security-groups`, undefined, '2.93')).body.security_groups;
    expect(listed.map((g: { name: string }) => g.name)).toEqual(['default', 'default', 'default', 'default']);
  });
});
