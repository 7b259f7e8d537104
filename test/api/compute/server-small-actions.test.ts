// The small server actions and sub-resources (admin_actions.py, console_output.py,
// remote_consoles.py, server_diagnostics.py, ips.py, attach_interfaces.py, volumes.py,
// security_groups.py, extension_info.py, trigger_crash_dump, admin_password.py): answers per
// microversion, errors, state guards and policies, as checked against the real Nova 26.2.2.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';
import { tailLog } from '../../../src/workflows/guest-actions.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const OWNER = 'ex1:ex1';
const OTHER = 'ex2:ex2';
const UNKNOWN = '11111111-2222-3333-4444-555555555555';

async function actionsOf(id: string): Promise<{ action: string; request_id: string; message: string | null }[]> {
  await t.services.compute.workflows.idle();
  return (await c.call('GET', `/servers/${id}/os-instance-actions`, { version: '2.84' })).body.instanceActions;
}
async function eventsOf(id: string, requestId: string): Promise<{ event: string; result: string; details: string | null }[]> {
  return (await c.call('GET', `/servers/${id}/os-instance-actions/${requestId}`, { version: '2.84' })).body.instanceAction.events;
}

describe('os-resetState, injectNetworkInfo, resetNetwork', () => {
  test('admin resets to error and back to active: a finished resetState action, task_state cleared', async () => {
    const { id } = await c.createServer({ name: 'reset', token: OWNER });
    expect((await c.action(id, { 'os-resetState': { state: 'error' } })).status).toBe(202);
    const s = (await c.call('GET', `/servers/${id}`, { version: '2.93' })).body.server;
    expect([s.status, s['OS-EXT-STS:vm_state'], s['OS-EXT-STS:task_state']]).toEqual(['ERROR', 'error', null]);
    expect((await c.action(id, { 'os-resetState': { state: 'active' } })).status).toBe(202);
    await c.waitForServerStatus(id, 'ACTIVE');
    const acts = await actionsOf(id);
    expect(acts.map((a) => a.action)).toEqual(['resetState', 'resetState', 'create']);
    expect(await eventsOf(id, acts[0]!.request_id)).toEqual([]);
  });

  test('schema, policy and the removed resetNetwork', async () => {
    const { id } = await c.createServer({ name: 'reset2', token: OWNER });
    expect((await c.action(id, { 'os-resetState': { state: 'foo' } })).body.badRequest.message)
      .toBe("Invalid input for field/attribute state. Value: foo. 'foo' is not one of ['active', 'error']");
    expect((await c.action(id, { 'os-resetState': {} })).body.badRequest.message)
      .toBe("Invalid input for field/attribute os-resetState. Value: {}. 'state' is a required property");
    expect((await c.action(id, { 'os-resetState': { state: 'error' } }, { token: OWNER })).body)
      .toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-admin-actions:reset_state to be performed." } });
    expect((await c.action(id, { injectNetworkInfo: null }, { token: OWNER })).status).toBe(403);
    expect((await c.action(id, { injectNetworkInfo: null })).status).toBe(202);
    const gone = await c.action(UNKNOWN, { resetNetwork: null }, { token: OTHER });
    expect(gone.status).toBe(410);
    expect(gone.body).toEqual({ computeFault: { code: 410, message: 'This resource is no longer available. No forwarding address is given.' } });
    // injectNetworkInfo records no action
    expect((await actionsOf(id)).map((a) => a.action)).toEqual(['create']);
  });
});

describe('os-getConsoleOutput', () => {
  test('the fake driver output, tailed as Python slices', async () => {
    const { id } = await c.createServer({ name: 'console', token: OWNER });
    const out = async (length?: unknown) => (await c.action(id, { 'os-getConsoleOutput': length === undefined ? {} : { length } }, { token: OWNER })).body;
    expect(await out()).toEqual({ output: 'FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE' });
    expect(await out(null)).toEqual({ output: 'FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE' });
    expect(await out(1)).toEqual({ output: 'LAST LINE' });
    expect(await out('2')).toEqual({ output: 'ANOTHER\nLAST LINE' });
    expect(await out(0)).toEqual({ output: '' });
    expect(await out(-1)).toEqual({ output: 'ANOTHER\nLAST LINE' });
    // nova's validator applies the minimum to integer strings too
    expect((await out('-5')).badRequest.message).toBe('Invalid input for field/attribute length. Value: -5. -5 is less than the minimum of -1');
    expect(await out(10)).toEqual({ output: 'FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE' });
    expect((await out(-2)).badRequest.message).toBe('Invalid input for field/attribute length. Value: -2. -2 is less than the minimum of -1');
    expect((await out('x')).badRequest.message).toBe("Invalid input for field/attribute length. Value: x. 'x' does not match '^-?[0-9]+$'");
    expect((await out(1.5)).badRequest.message).toBe("Invalid input for field/attribute length. Value: 1.5. 1.5 is not of type 'integer', 'string', 'null'");
    expect((await c.action(id, { 'os-getConsoleOutput': null })).body.badRequest.message)
      .toBe("Invalid input for field/attribute os-getConsoleOutput. Value: None. None is not of type 'object'");
    expect((await c.action(id, { 'os-getConsoleOutput': {} }, { token: OTHER })).status).toBe(404);
  });

  test('tailLog slices like Python', () => {
    expect(tailLog('a\nb\nc', 2)).toBe('b\nc');
    expect(tailLog('a\nb\nc', -2)).toBe('c');
    expect(tailLog('a\nb\nc', -3)).toBe('');
  });

  test('an injected driver fault: 404 for ConsoleNotAvailable, a fault recorded', async () => {
    const { id } = await c.createServer({ name: 'console2', token: OWNER });
    t.services.compute.faults.add({ operation: 'get_console_output', server: id, times: 1, error: { type: 'ConsoleNotAvailable' } });
    const r = await c.action(id, { 'os-getConsoleOutput': {} }, { token: OWNER });
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: 'Guest does not have a console available.' } });
    expect((await c.action(id, { 'os-resetState': { state: 'error' } })).status).toBe(202);
    const s = (await c.call('GET', `/servers/${id}`, { version: '2.93' })).body.server;
    expect(s.fault).toMatchObject({ code: 404, message: 'Guest does not have a console available.' });
  });
});

describe('remote consoles', () => {
  test('2.6+: noVNC with a token url; the other protocols are disabled by default; mks from 2.8', async () => {
    const { id } = await c.createServer({ name: 'rc', token: OWNER });
    const post = (body: unknown, version = '2.93') => c.call('POST', `/servers/${id}/remote-consoles`, { version, token: OWNER, body: { remote_console: body } });
    const vnc = await post({ protocol: 'vnc', type: 'novnc' });
    expect(vnc.status).toBe(200);
    expect(vnc.body.remote_console).toMatchObject({ protocol: 'vnc', type: 'novnc' });
    expect(vnc.body.remote_console.url).toMatch(/^http:\/\/127\.0\.0\.1:6080\/vnc_auto\.html\?path=%3Ftoken%3D[0-9a-f-]{36}$/);
    expect((await post({ protocol: 'vnc', type: 'xvpvnc' })).body).toEqual({ badRequest: { code: 400, message: 'Invalid console type xvpvnc' } });
    expect((await post({ protocol: 'spice', type: 'spice-html5' })).body.badRequest.message).toBe('Unavailable console type spice-html5.');
    expect((await post({ protocol: 'serial', type: 'serial' })).body.badRequest.message).toBe('Unavailable console type serial.');
    expect((await post({ protocol: 'mks', type: 'webmks' })).body.badRequest.message).toBe('Unavailable console type webmks.');
    expect((await post({ protocol: 'mks', type: 'webmks' }, '2.6')).body.badRequest.message)
      .toBe("Invalid input for field/attribute protocol. Value: mks. 'mks' is not one of ['vnc', 'spice', 'rdp', 'serial']");
    expect((await post({ protocol: 'vnc' })).body.badRequest.message)
      .toBe("Invalid input for field/attribute remote_console. Value: {'protocol': 'vnc'}. 'type' is a required property");
    expect((await post({ protocol: 'vnc', type: 'novnc' }, '2.5')).status).toBe(404);
    // the console errors are instance faults (wrap_instance_fault): visible once the server is ERROR
    await c.action(id, { 'os-resetState': { state: 'error' } });
    expect((await c.call('GET', `/servers/${id}`, { version: '2.93' })).body.server.fault).toMatchObject({ code: 400, message: 'Unavailable console type webmks.' });
  });

  test('legacy actions up to 2.5: xvpvnc is an unexpected 500 there', async () => {
    const { id } = await c.createServer({ name: 'rc2', token: OWNER });
    const act = (body: unknown, version = '2.5') => c.action(id, body, { version, token: OWNER });
    const vnc = await act({ 'os-getVNCConsole': { type: 'novnc' } });
    expect(vnc.body.console.type).toBe('novnc');
    expect(vnc.body.console.url).toMatch(/^http:\/\/127\.0\.0\.1:6080\/vnc_auto\.html\?path=%3Ftoken%3D/);
    const xvp = await act({ 'os-getVNCConsole': { type: 'xvpvnc' } });
    expect(xvp.status).toBe(500);
    expect(xvp.body.computeFault.message).toMatch(/<class 'nova\.exception\.ConsoleTypeInvalid'>$/);
    expect((await act({ 'os-getSPICEConsole': { type: 'spice-html5' } })).body.badRequest.message).toBe('Unavailable console type spice-html5.');
    expect((await act({ 'os-getRDPConsole': { type: 'rdp-html5' } })).body.badRequest.message).toBe('Unavailable console type rdp-html5.');
    expect((await act({ 'os-getSerialConsole': { type: 'serial' } })).body.badRequest.message).toBe('Unavailable console type serial.');
    expect((await act({ 'os-getVNCConsole': {} })).body.badRequest.message)
      .toBe("Invalid input for field/attribute os-getVNCConsole. Value: {}. 'type' is a required property");
    expect((await act({ 'os-getVNCConsole': { type: 'novnc' } }, '2.6')).status).toBe(404);
    const v2 = await t.app.inject({
      method: 'POST', url: `/compute/v2/servers/${id}/action`, payload: { 'os-getVNCConsole': { type: 'novnc' } },
      headers: { 'x-auth-token': OWNER, 'content-type': 'application/json' },
    });
    expect(v2.json().console.url).toMatch(/^http:\/\/127\.0\.0\.1:6080\/vnc_auto\.html\?path=%3Ftoken%3D/);
  });
});

describe('diagnostics', () => {
  test('2.48 standard format, the older free-form dict, admin only, 409 when not running', async () => {
    const { id } = await c.createServer({ name: 'diag', token: OWNER });
    const std = (await c.call('GET', `/servers/${id}/diagnostics`, { version: '2.48' })).body;
    expect(Object.keys(std)).toEqual(['state', 'driver', 'hypervisor', 'hypervisor_os', 'uptime', 'config_drive', 'num_cpus', 'num_nics', 'num_disks', 'disk_details', 'cpu_details', 'nic_details', 'memory_details']);
    expect(std).toMatchObject({ state: 'running', driver: 'libvirt', num_cpus: 1, memory_details: { maximum: 524288, used: 0 } });
    const old = (await c.call('GET', `/servers/${id}/diagnostics`, { version: '2.47' })).body;
    expect(old).toMatchObject({ cpu0_time: 17300000000, memory: 524288, vda_errors: -1, vnet1_tx_packets: 662 });
    expect((await c.call('GET', `/servers/${id}/diagnostics`, { token: OWNER })).body.forbidden.message)
      .toBe("Policy doesn't allow os_compute_api:os-server-diagnostics to be performed.");
    expect((await c.action(id, { 'os-stop': null })).status).toBe(202);
    await c.waitForServerStatus(id, 'SHUTOFF');
    expect((await c.call('GET', `/servers/${id}/diagnostics`, { version: '2.93' })).body)
      .toEqual({ conflictingRequest: { code: 409, message: `Cannot 'get_diagnostics' instance ${id} while it is in power state shutdown` } });
  });
});

describe('addresses, interfaces, volume attachments, security groups', () => {
  test('a server without ports or volumes', async () => {
    const { id } = await c.createServer({ name: 'net', token: OWNER });
    const get = (path: string, token = OWNER) => c.call('GET', `/servers/${id}${path}`, { version: '2.93', token });
    expect((await get('/ips')).body).toEqual({ addresses: {} });
    expect((await get('/ips/private')).body).toEqual({ itemNotFound: { code: 404, message: 'Instance is not a member of specified network' } });
    expect((await get('/os-interface')).body).toEqual({ interfaceAttachments: [] });
    expect((await get('/os-interface/foo')).body.itemNotFound.message).toBe('Port id foo could not be found.');
    expect((await get('/os-volume_attachments')).body).toEqual({ volumeAttachments: [] });
    expect((await get('/os-volume_attachments?foo=1')).status).toBe(400);
    expect((await c.call('GET', `/servers/${id}/os-volume_attachments?foo=1`, { version: '2.74', token: OWNER })).status).toBe(200);
    expect((await get('/os-volume_attachments/foo')).body.itemNotFound.message).toBe(`Instance ${id} is not attached to volume foo`);
    expect((await get('/os-security-groups')).body).toEqual({ security_groups: [] });
    expect((await get('/ips', OTHER)).status).toBe(404);
    expect((await get('/topology')).body).toEqual({ nodes: [], pagesize_kb: null });
    expect((await c.call('GET', `/servers/${id}/topology`, { version: '2.77', token: OWNER })).status).toBe(404);
    expect((await c.call('GET', `/servers/${UNKNOWN}/os-virtual-interfaces`, { token: OTHER })).body)
      .toEqual({ computeFault: { code: 410, message: 'This resource is no longer available. No forwarding address is given.' } });
  });

  test('attach/detach errors: the actions and events nova records', async () => {
    const { id } = await c.createServer({ name: 'net2', token: OWNER });
    const post = (att: unknown) => c.call('POST', `/servers/${id}/os-interface`, { version: '2.93', token: OWNER, body: { interfaceAttachment: att } });
    expect((await post({ net_id: UNKNOWN, port_id: UNKNOWN })).body.badRequest.message).toBe('Must not input both network_id and port_id');
    expect((await post({ port_id: UNKNOWN, fixed_ips: [{ ip_address: '10.0.0.1' }] })).body.badRequest.message).toBe('Must input network_id when request IP address');
    expect((await post({ foo: 1 })).body.badRequest.message)
      .toBe("Invalid input for field/attribute interfaceAttachment. Value: {'foo': 1}. Additional properties are not allowed ('foo' was unexpected)");
    expect((await post({ port_id: UNKNOWN })).body.itemNotFound.message).toBe(`Port id ${UNKNOWN} could not be found.`);
    const net = await post({ net_id: UNKNOWN });
    expect(net.status).toBe(500);
    expect(net.body.computeFault.message).toMatch(/<class 'neutronclient\.common\.exceptions\.NetworkNotFoundClient'>$/);
    expect((await c.call('DELETE', `/servers/${id}/os-interface/${UNKNOWN}`, { token: OWNER })).status).toBe(202);
    const acts = await actionsOf(id);
    expect(acts.map((a) => [a.action, a.message])).toEqual([['detach_interface', 'Error'], ['attach_interface', 'Error'], ['attach_interface', null], ['create', null]]);
    expect((await eventsOf(id, acts[0]!.request_id)).map((e) => [e.event, e.result, e.details]))
      .toEqual([['compute_detach_interface', 'Error', `Port ${UNKNOWN} is not attached`]]);
    expect((await eventsOf(id, acts[1]!.request_id)).map((e) => [e.event, e.result, e.details]))
      .toEqual([['compute_attach_interface', 'Error', 'NetworkNotFoundClient']]);
    // the state guard of attach/detach
    await c.action(id, { 'os-resetState': { state: 'error' } });
    expect((await post({ port_id: UNKNOWN })).body.conflictingRequest.message).toBe(`Cannot 'attach_interface' instance ${id} while it is in vm_state error`);
  });

  test('volume attach/detach/update without a volume service', async () => {
    const { id } = await c.createServer({ name: 'vol', token: OWNER });
    const path = `/servers/${id}/os-volume_attachments`;
    expect((await c.call('DELETE', `${path}/${UNKNOWN}`, { token: OWNER })).body.itemNotFound.message).toBe(`Volume ${UNKNOWN} could not be found.`);
    expect((await c.call('POST', path, { token: OWNER, version: '2.93', body: { volumeAttachment: {} } })).body.badRequest.message)
      .toBe("Invalid input for field/attribute volumeAttachment. Value: {}. 'volumeId' is a required property");
    expect((await c.call('POST', path, { token: OWNER, version: '2.93', body: { volumeAttachment: { volumeId: UNKNOWN } } })).status).toBe(404);
    expect((await c.call('PUT', `${path}/${UNKNOWN}`, { token: OWNER, version: '2.93', body: { volumeAttachment: { volumeId: UNKNOWN } } })).body.itemNotFound.message)
      .toBe(`No volume Block Device Mapping with id ${UNKNOWN}.`);
    expect((await c.call('PUT', `${path}/${UNKNOWN}`, { token: OWNER, version: '2.84', body: { volumeAttachment: { volumeId: UNKNOWN } } })).status).toBe(403);
    await c.action(id, { 'os-resetState': { state: 'error' } });
    expect((await c.call('POST', path, { token: OWNER, version: '2.93', body: { volumeAttachment: { volumeId: UNKNOWN } } })).body.conflictingRequest.message)
      .toBe(`Cannot 'attach_volume' instance ${id} while it is in vm_state error`);
  });
});

describe('addSecurityGroup / removeSecurityGroup', () => {
  test("nova's parse errors, then a network where only 'default' exists and the server has no ports", async () => {
    const { id } = await c.createServer({ name: 'sg', token: 'ex4:ex4' });
    const act = (body: unknown) => c.action(id, body, { token: 'ex4:ex4' });
    expect((await act({ addSecurityGroup: null })).body.badRequest.message).toBe('Missing parameter dict');
    expect((await act({ addSecurityGroup: [] })).body.badRequest.message).toBe('Missing parameter dict');
    expect((await act({ addSecurityGroup: {} })).body.badRequest.message).toBe('Security group not specified');
    expect((await act({ removeSecurityGroup: { name: ' ' } })).body.badRequest.message).toBe('Security group name cannot be empty');
    expect((await act({ addSecurityGroup: { name: 0 } })).body.badRequest.message).toBe('Security group name cannot be empty');
    expect((await act({ addSecurityGroup: { name: 1 } })).body.computeFault.message).toMatch(/<class 'AttributeError'>$/);
    expect((await act({ addSecurityGroup: { name: 'default' } })).body.itemNotFound.message).toBe(`instance_id ${id} could not be found as device id on any ports`);
    expect((await act({ removeSecurityGroup: { name: 'web' } })).body.itemNotFound.message).toBe('Security group web is not found for project ex4');
    expect((await c.action(id, { addSecurityGroup: null }, { token: OTHER })).status).toBe(404);
  });
});

describe('extensions', () => {
  test('the static list and a show by alias', async () => {
    const list = (await c.call('GET', '/extensions', { token: OTHER })).body.extensions;
    expect(list[0]).toEqual({ alias: 'NMN', description: 'Multiple network support.', links: [], name: 'Multinic', namespace: 'http://docs.openstack.org/compute/ext/fake_xml', updated: '2014-12-03T00:00:00Z' });
    expect(list.some((e: { alias: string }) => e.alias === 'OS-EXT-VIF-NET')).toBe(false);
    expect((await c.call('GET', '/extensions/os-console-output')).body.extension.name).toBe('ConsoleOutput');
    expect((await c.call('GET', '/extensions/foo')).body).toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    // the legacy /v2 API lists the v2-compatible set: one more entry, sorted by alias
    const legacy = (await t.app.inject({ method: 'GET', url: '/compute/v2/extensions', headers: { 'x-auth-token': 'admin' } })).json().extensions;
    expect(legacy).toHaveLength(list.length + 1);
    expect(legacy.map((e: { alias: string }) => e.alias)).toEqual([...legacy.map((e: { alias: string }) => e.alias)].sort());
    expect(legacy.find((e: { alias: string }) => e.alias === 'OS-EXT-VIF-NET').name).toBe('ExtendedVIFNet');
  });
});

describe('trigger_crash_dump and changePassword', () => {
  // another project: the quota of ten instances is used up by the stories above
  const OWNER = 'ex3:ex3';
  test('crash dump from 2.17: an action with its compute event; state guard and lock', async () => {
    const { id } = await c.createServer({ name: 'crash', token: OWNER });
    expect((await c.action(id, { trigger_crash_dump: null }, { version: '2.16', token: OWNER })).status).toBe(404);
    expect((await c.action(id, { trigger_crash_dump: {} }, { token: OWNER })).body.badRequest.message)
      .toBe("Invalid input for field/attribute trigger_crash_dump. Value: {}. {} is not of type 'null'");
    expect((await c.action(id, { trigger_crash_dump: null }, { token: OWNER })).status).toBe(202);
    const [dump] = await actionsOf(id);
    expect(dump!.action).toBe('trigger_crash_dump');
    expect((await eventsOf(id, dump!.request_id)).map((e) => [e.event, e.result])).toEqual([['compute_trigger_crash_dump', 'Success']]);
    await c.action(id, { 'os-stop': null });
    await c.waitForServerStatus(id, 'SHUTOFF');
    expect((await c.action(id, { trigger_crash_dump: null }, { token: OWNER })).body.conflictingRequest.message)
      .toBe(`Cannot 'trigger_crash_dump' instance ${id} while it is in vm_state stopped`);
    await c.action(id, { lock: null });
    expect((await c.action(id, { trigger_crash_dump: null }, { token: OWNER })).body.conflictingRequest.message).toBe(`Instance ${id} is locked`);
  });

  test('crash dump failing in the driver: event Error, nothing else changes', async () => {
    const { id } = await c.createServer({ name: 'crash2', token: OWNER });
    t.services.compute.faults.add({ operation: 'trigger_crash_dump', server: id, times: 1, error: { type: 'TriggerCrashDumpNotSupported' } });
    expect((await c.action(id, { trigger_crash_dump: null }, { token: OWNER })).status).toBe(202);
    const [dump] = await actionsOf(id);
    expect(dump!.message).toBe('Error');
    expect((await eventsOf(id, dump!.request_id))[0]).toMatchObject({ event: 'compute_trigger_crash_dump', result: 'Error', details: 'Triggering crash dump is not supported' });
    await c.waitForServerStatus(id, 'ACTIVE');
  });

  test('changePassword: 202 after the compute set it; guards; agent errors are 409', async () => {
    const { id } = await c.createServer({ name: 'pw', token: OWNER });
    expect((await c.action(id, { changePassword: { adminPass: 'x' } }, { token: OWNER })).status).toBe(202);
    expect((await c.action(id, { changePassword: {} }, { token: OWNER })).body.badRequest.message)
      .toBe("Invalid input for field/attribute changePassword. Value: {}. 'adminPass' is a required property");
    const [pw] = await actionsOf(id);
    expect(pw!.action).toBe('changePassword');
    expect((await eventsOf(id, pw!.request_id)).map((e) => [e.event, e.result])).toEqual([['compute_set_admin_password', 'Success']]);
    t.services.compute.faults.add({ operation: 'set_admin_password', server: id, times: 1, error: { type: 'InstanceAgentNotEnabled' } });
    expect((await c.action(id, { changePassword: { adminPass: 'x' } }, { token: OWNER })).body)
      .toEqual({ conflictingRequest: { code: 409, message: 'Guest agent is not enabled for the instance' } });
    t.services.compute.faults.add({ operation: 'set_admin_password', server: id, times: 1, error: { type: 'TestingException' } });
    expect((await c.action(id, { changePassword: { adminPass: 'x' } }, { token: OWNER })).body.conflictingRequest.message)
      .toBe(`Failed to set admin password on ${id} because error setting admin password`);
    const s = await c.waitForServerStatus(id, 'ACTIVE');
    expect(s['OS-EXT-STS:task_state']).toBeNull();
    await c.action(id, { pause: null });
    await c.waitForServerStatus(id, 'PAUSED');
    expect((await c.action(id, { changePassword: { adminPass: 'x' } }, { token: OWNER })).body.conflictingRequest.message)
      .toBe(`Cannot 'changePassword' instance ${id} while it is in vm_state paused`);
  });
});

describe('a server still building (progression=manual)', () => {
  test('no host yet: console output, consoles and diagnostics are 409 not ready; crash dump too', async () => {
    const m = await createTestApp({ seed: true, progression: 'manual' });
    try {
      const mc = new ComputeClient(m.transport);
      const r = await mc.call('POST', '/servers', { version: '2.93', body: { server: { name: 'b', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none' } } });
      const id = r.body.server.id as string;
      const notReady = { conflictingRequest: { code: 409, message: `Instance ${id} is not ready` } };
      expect((await mc.action(id, { 'os-getConsoleOutput': {} })).body).toEqual(notReady);
      expect((await mc.call('POST', `/servers/${id}/remote-consoles`, { version: '2.93', body: { remote_console: { protocol: 'vnc', type: 'novnc' } } })).body).toEqual(notReady);
      expect((await mc.call('GET', `/servers/${id}/diagnostics`, { version: '2.93' })).body).toEqual(notReady);
      expect((await mc.action(id, { trigger_crash_dump: null })).body).toEqual(notReady);
    } finally {
      await m.close();
    }
  });
});
