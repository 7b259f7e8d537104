// The identity API (Keystone v3) for tests, over inject or HTTP: password sign-in with a scope.
// Requests with the token it gives go through the transport (sendRequest) to any service.
import { sendRequest, type ApiTransport } from './api-transport.js';

export interface Scope { project?: string; domain?: string; system?: boolean }

export function passwordBody(user: string, password: string, scope: Scope = {}, domain = 'Default'): Record<string, unknown> {
  const s = scope.project !== undefined ? { project: { name: scope.project, domain: { name: domain } } }
    : scope.domain !== undefined ? { domain: { name: scope.domain } }
      : scope.system ? { system: { all: true } } : undefined;
  return { auth: { identity: { methods: ['password'], password: { user: { name: user, domain: { name: domain }, password } } }, ...(s ? { scope: s } : {}) } };
}

/** POST /identity/v3/auth/tokens; throws unless 201. */
export async function login(transport: ApiTransport, user: string, password: string, scope: Scope = {}): Promise<{ token: string; body: any }> {
  const r = await sendRequest(transport, 'POST', '/identity/v3/auth/tokens', { token: null, body: passwordBody(user, password, scope) });
  if (r.status !== 201) throw new Error(`login ${user}: ${r.status} ${r.text}`);
  return { token: r.headers['x-subject-token'] as string, body: r.body };
}
