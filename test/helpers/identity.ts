// Domain helpers for identity stories: sign in, call with a token.
import type { FastifyInstance } from 'fastify';

export interface Scope { project?: string; domain?: string; system?: boolean }

export function passwordBody(user: string, password: string, scope: Scope = {}, domain = 'Default'): Record<string, unknown> {
  const s = scope.project !== undefined ? { project: { name: scope.project, domain: { name: domain } } }
    : scope.domain !== undefined ? { domain: { name: scope.domain } }
      : scope.system ? { system: { all: true } } : undefined;
  return { auth: { identity: { methods: ['password'], password: { user: { name: user, domain: { name: domain }, password } } }, ...(s ? { scope: s } : {}) } };
}

/** POST /identity/v3/auth/tokens; throws unless 201. */
export async function login(app: FastifyInstance, user: string, password: string, scope: Scope = {}): Promise<{ token: string; body: any }> {
  const res = await app.inject({ method: 'POST', url: '/identity/v3/auth/tokens', payload: passwordBody(user, password, scope) });
  if (res.statusCode !== 201) throw new Error(`login ${user}: ${res.statusCode} ${res.body}`);
  return { token: res.headers['x-subject-token'] as string, body: res.json() };
}

export async function call(app: FastifyInstance, token: string, method: string, url: string, payload?: unknown) {
  return app.inject({ method: method as 'GET', url, headers: { 'x-auth-token': token }, ...(payload !== undefined ? { payload: payload as object } : {}) });
}
