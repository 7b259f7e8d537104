// Issued tokens live in the database: on a file database they survive a restart, and a token
// revoked before the restart stays revoked.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp } from '../../helpers/app.js';
import { login } from '../../helpers/identity.js';
import { sendRequest } from '../../helpers/api-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'novamock-identity-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('tokens across a restart', () => {
  it('a token issued before the restart still works after it; a revoked one does not', async () => {
    const database = join(dir, 'cloud.db');
    const first = await createTestApp({ seed: true, authMode: 'keystone', database });
    const kept = await login(first.transport, 'demo', 'secret', { project: 'demo' });
    const revoked = await login(first.transport, 'alt_demo', 'secret', { project: 'alt_demo' });
    const user = await sendRequest(first.transport, 'POST', '/identity/v3/users/demo/application_credentials', { token: kept.token, body: { application_credential: { name: 'persisted' } } });
    expect(user.status).toBe(201);
    expect((await first.app.inject({ method: 'DELETE', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': revoked.token, 'x-subject-token': revoked.token } })).statusCode).toBe(204);
    await first.close();

    const second = await createTestApp({ seed: true, authMode: 'keystone', database });
    try {
      expect((await sendRequest(second.transport, 'GET', '/compute/v2.1/servers', { token: kept.token })).status).toBe(200);
      const shown = await second.app.inject({ method: 'GET', url: '/identity/v3/auth/tokens', headers: { 'x-auth-token': kept.token, 'x-subject-token': kept.token } });
      expect(shown.statusCode).toBe(200);
      expect(shown.json().token.expires_at).toBe(kept.body.token.expires_at);
      expect((await sendRequest(second.transport, 'GET', '/compute/v2.1/servers', { token: revoked.token })).status).toBe(401);
      const cred = user.body.application_credential;
      const auth = await second.app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: { auth: { identity: { methods: ['application_credential'], application_credential: { id: cred.id, secret: cred.secret } } } } });
      expect(auth.statusCode).toBe(201);
    } finally {
      await second.close();
    }
  });
});
