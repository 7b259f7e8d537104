// Defects tempest, gophercloud's and openstacksdk's suites found, each pinned with the real
// Nova 26.2.2's answer (asked through shared/reference/nova-live).
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient, IMAGE } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const boot = (extra: Record<string, unknown>, o: { token?: string; version?: string } = {}) => c.call('POST', '/servers', {
  version: o.version ?? '2.37', token: o.token, body: { server: { name: 'vm', imageRef: IMAGE, flavorRef: '1', networks: 'none', ...extra } },
});

describe('1. version documents need no token', () => {
  it.each([['/compute', 300], ['/compute/', 200], ['/compute/v2', 200], ['/compute/v2.1', 200]])('%s', async (url, status) => {
    const r = await t.app.inject({ method: 'GET', url });
    expect(r.statusCode).toBe(status);
  });
  it.each(['/compute/v2/', '/compute/v2.1/', '/compute/v2.1/flavors', '/compute/v2.1/?x=/compute/v2.1'])('%s still needs one', async (url) => {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});

describe('2. changes-since/changes-before are ISO 8601 as iso8601 parses it', () => {
  it.each(['2011/01/01', '1', '201101', '2011-13-01', '2011-02-29T00:00:00Z'])('changes-since=%s is a 400', async (v) => {
    const r = await c.call('GET', `/servers?changes-since=${encodeURIComponent(v)}`, { version: '2.66' });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe(`Invalid input for query parameters changes-since. Value: ${v}. '${v}' is not a 'date-time'`);
  });
  it('changes-before too, and what iso8601 takes still works', async () => {
    const r = await c.call('GET', '/servers?changes-before=2011/01/01', { version: '2.66' });
    expect(r.body.badRequest.message).toBe("Invalid input for query parameters changes-before. Value: 2011/01/01. '2011/01/01' is not a 'date-time'");
    for (const v of ['2011', '20110101', '2011-01-01 10:00:00.5+01:00']) {
      expect((await c.call('GET', `/servers?changes-since=${encodeURIComponent(v)}`, { version: '2.66' })).status).toBe(200);
    }
  });
});

describe('3. accessIPv6 is stored as netaddr prints it', () => {
  it('create, update and rebuild normalise; a bad address is a 400', async () => {
    const r = await boot({ accessIPv6: '0000:0000:0000:0000:0000:babe:220.12.22.2' });
    expect(r.status, r.text).toBe(202);
    const id = r.body.server.id;
    await t.services.compute.workflows.idle();
    expect((await c.call('GET', `/servers/${id}`)).body.server.accessIPv6).toBe('::babe:dc0c:1602');
    const u = await c.call('PUT', `/servers/${id}`, { body: { server: { accessIPv6: 'FE80:0000:0000:0000:0000:0000:0000:0001' } } });
    expect(u.body.server.accessIPv6).toBe('fe80::1');
    const bad = await boot({ accessIPv6: '1:2' });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toBe("Invalid input for field/attribute accessIPv6. Value: 1:2. '1:2' is not a 'ipv6'");
  });
});

describe('4. DELETE of a flavor extra spec', () => {
  it('answers 200 with an empty body', async () => {
    await c.call('POST', '/flavors/1/os-extra_specs', { body: { extra_specs: { k1: 'v' } } });
    const r = await c.call('DELETE', '/flavors/1/os-extra_specs/k1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
  });
});

describe('5. os-hypervisors/{id}/uptime below 2.88', () => {
  it('403 for members, the fake driver\'s 501 for admins, 404 from 2.88', async () => {
    expect((await c.call('GET', '/os-hypervisors/1/uptime', { token: 'bob:p1' })).body)
      .toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:os-hypervisors:uptime to be performed." } });
    expect((await c.call('GET', '/os-hypervisors/1/uptime')).body)
      .toEqual({ notImplemented: { code: 501, message: 'The requested functionality is not supported.' } });
    expect((await c.call('GET', '/os-hypervisors/99/uptime')).body.itemNotFound.message).toBe("Hypervisor with ID '99' could not be found.");
    expect((await c.call('GET', '/os-hypervisors/abc/uptime')).status).toBe(404);
    expect((await c.call('GET', '/os-hypervisors/1/uptime', { version: '2.53' })).body.badRequest.message).toBe('Invalid uuid 1');
    const uuid = (await c.call('GET', '/os-hypervisors', { version: '2.53' })).body.hypervisors[0].id;
    expect((await c.call('GET', `/os-hypervisors/${uuid}/uptime`, { version: '2.87' })).status).toBe(501);
    expect((await c.call('GET', `/os-hypervisors/${uuid}/uptime`, { version: '2.88' })).body)
      .toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
  });
});

describe('6. a private flavor boots only for projects granted it (and admins)', () => {
  it('400 Flavor … could not be found. otherwise', async () => {
    const f = await c.call('POST', '/flavors', { body: { flavor: { name: 'priv', ram: 512, vcpus: 1, disk: 1, id: 'priv', 'os-flavor-access:is_public': false } } });
    expect(f.status).toBe(200);
    const denied = await boot({ flavorRef: 'priv' }, { token: 'bob:pbob' });
    expect(denied.status).toBe(400);
    expect(denied.body.badRequest.message).toBe('Flavor priv could not be found.');
    expect((await boot({ flavorRef: 'priv' })).status).toBe(202);
    await c.call('POST', '/flavors/priv/action', { body: { addTenantAccess: { tenant: 'pbob' } } });
    expect((await boot({ flavorRef: 'priv' }, { token: 'bob:pbob' })).status).toBe(202);
    await t.services.compute.workflows.idle();
  });
});

describe('7. network uuids are checked before the boot', () => {
  it('400 Bad networks format (2.1); the schema refuses it from 2.37', async () => {
    const r = await boot({ networks: [{ uuid: 'a-b-c-d-e-f-g-h-i-j' }] }, { version: '2.1' });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe('Bad networks format: network uuid is not in proper format (a-b-c-d-e-f-g-h-i-j)');
    const s = await boot({ networks: [{ uuid: 'a-b-c-d-e-f-g-h-i-j' }] });
    expect(s.status).toBe(400);
    expect(s.body.badRequest.message).toMatch(/is not valid under any of the given schemas$/);
  });
});

describe('8. an empty {id} segment matches no route', () => {
  it.each(['/os-simple-tenant-usage/', '/os-aggregates/', '/os-hypervisors/'])('%s is nova\'s 404 page', async (path) => {
    const r = await c.call('GET', path);
    expect(r.status).toBe(404);
    expect(r.text).toContain('404 Not Found');
  });
});

describe('10. x509 key pairs (2.2+)', () => {
  it('are generated as nova\'s crypto.generate_winrm_x509_cert makes them', async () => {
    const r = await c.call('POST', '/os-keypairs', { version: '2.2', body: { keypair: { name: 'x1', type: 'x509' } } });
    expect(r.status, r.text).toBe(201);
    const k = r.body.keypair;
    expect(k.type).toBe('x509');
    const cert = new X509Certificate(k.public_key);
    expect(cert.subject).toBe('CN=admin');
    expect(cert.subjectAltName).toContain('admin@localhost');
    expect(cert.fingerprint.toLowerCase()).toBe(k.fingerprint);
    // a PKCS#12 (DER SEQUENCE), base64
    expect(Buffer.from(k.private_key, 'base64')[0]).toBe(0x30);
    const shown = await c.call('GET', '/os-keypairs/x1', { version: '2.2' });
    expect(shown.body.keypair).toMatchObject({ type: 'x509', fingerprint: k.fingerprint, public_key: k.public_key });
  }, 20_000);
});
