// os-keypairs per microversion; expected bodies and the fingerprint were taken from the real Nova.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBk6DcmRZnwQ4ZAjJ8G2P6GSYBgpTsH/g9ULr8/ZzTFm test@x';
const FP = 'bb:20:4b:ee:a5:98:d9:0f:98:b4:e4:6a:0b:08:69:f0';

describe('os-keypairs', () => {
  test('import at 2.1 answers 200 without type; show/list/delete per version', async () => {
    const made = await c.call('POST', '/os-keypairs', { version: '2.1', body: { keypair: { name: 'k1', public_key: KEY } } });
    expect(made.status).toBe(200);
    expect(made.body).toEqual({ keypair: { name: 'k1', public_key: KEY, fingerprint: FP, user_id: 'admin' } });

    const dup = await c.call('POST', '/os-keypairs', { version: '2.2', body: { keypair: { name: 'k1', public_key: KEY } } });
    expect(dup.body).toEqual({ conflictingRequest: { code: 409, message: "Key pair 'k1' already exists." } });

    const show = (await c.call('GET', '/os-keypairs/k1', { version: '2.2' })).body.keypair;
    expect(show).toEqual({ name: 'k1', public_key: KEY, fingerprint: FP, user_id: 'admin', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
      deleted: false, deleted_at: null, id: expect.any(Number), updated_at: null, type: 'ssh' });
    expect((await c.call('GET', '/os-keypairs/nope')).body).toEqual({ itemNotFound: { code: 404, message: 'Keypair nope not found for user admin' } });

    await c.call('POST', '/os-keypairs', { version: '2.2', body: { keypair: { name: 'k2', public_key: KEY } } });
    const page = await c.call('GET', '/os-keypairs?limit=1', { version: '2.35' });
    expect(page.body).toEqual({
      keypairs: [{ keypair: { name: 'k1', public_key: KEY, fingerprint: FP, type: 'ssh' } }],
      keypairs_links: [{ rel: 'next', href: 'http://localhost:80/compute/v2.1/os-keypairs?limit=1&marker=k1' }],
    });
    expect((await c.call('GET', '/os-keypairs')).body.keypairs[0].keypair).not.toHaveProperty('type');

    expect((await c.call('DELETE', '/os-keypairs/k1')).status).toBe(202);
    expect((await c.call('DELETE', '/os-keypairs/k2', { version: '2.2' })).status).toBe(204);
    expect((await c.call('DELETE', '/os-keypairs/k2')).status).toBe(404);
  });

  test('generation before 2.92 returns a private key; 2.92 requires public_key', async () => {
    const gen = await c.call('POST', '/os-keypairs', { version: '2.91', body: { keypair: { name: 'gen' } } });
    expect(gen.status).toBe(201);
    expect(gen.body.keypair.private_key).toContain('PRIVATE KEY');
    expect(gen.body.keypair.public_key).toMatch(/^ssh-rsa AAAAB3NzaC1yc2E/);
    expect(gen.body.keypair.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const need = await c.call('POST', '/os-keypairs', { version: '2.92', body: { keypair: { name: 'k3' } } });
    expect(need.body.badRequest.message).toBe("Invalid input for field/attribute keypair. Value: {'name': 'k3'}. 'public_key' is a required property");
  });

  test('name characters and invalid keys', async () => {
    const bad = await c.call('POST', '/os-keypairs', { version: '2.2', body: { keypair: { name: 'bad!' } } });
    expect(bad.body.badRequest.message).toBe(
      "An invalid 'name' value was provided. The name must be: Only expected characters: [_- 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ]");
    expect((await c.call('POST', '/os-keypairs', { version: '2.92', body: { keypair: { name: 'a.b@c', public_key: KEY } } })).status).toBe(201);
    const junk = await c.call('POST', '/os-keypairs', { version: '2.2', body: { keypair: { name: 'k4', public_key: 'junk' } } });
    expect(junk.body).toEqual({ badRequest: { code: 400, message: 'Keypair data is invalid: failed to generate fingerprint' } });
  });

  test('keypairs are per user; other users need admin (2.10)', async () => {
    await c.call('POST', '/os-keypairs', { token: 'alice:p', version: '2.10', body: { keypair: { name: 'mine', public_key: KEY } } });
    expect((await c.call('GET', '/os-keypairs', { token: 'bob:p' })).body.keypairs).toEqual([]);
    expect((await c.call('GET', '/os-keypairs?user_id=alice', { token: 'bob:p', version: '2.10' })).status).toBe(403);
    const admin = await c.call('GET', '/os-keypairs?user_id=alice', { version: '2.10' });
    expect(admin.body.keypairs.map((k: { keypair: { name: string } }) => k.keypair.name)).toEqual(['mine']);
    const forAlice = await c.call('POST', '/os-keypairs', { version: '2.10', body: { keypair: { name: 'given', public_key: KEY, user_id: 'alice' } } });
    expect(forAlice.body.keypair.user_id).toBe('alice');
  });
});
