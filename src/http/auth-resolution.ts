// The token resolution hook: registered at the root of every listener, before the services,
// it resolves X-Auth-Token once per request (a Map lookup for an issued token) and records the
// caller where authFromHeaders reads it. Cross-cutting, so it is a fastify-plugin.
import fp from 'fastify-plugin';
import type { AuthMode } from '../config.js';
import { first, noauthFromHeaders, recordAuth, type AuthContext } from './auth-context.js';

export interface TokenResolver {
  readonly mode: AuthMode;
  /** The caller an issued token stands for, or null when it is not (or no longer) valid. */
  issuedCaller(token: string): AuthContext | null;
}

export const authResolutionPlugin = fp<{ resolver: TokenResolver }>(async (app, { resolver }) => {
  // a callback hook: an async one costs a promise per request
  app.addHook('onRequest', (req, _reply, done) => {
    const headers = req.headers;
    const token = first(headers['x-auth-token']);
    if (token === undefined) recordAuth(headers, null);
    else recordAuth(headers, resolver.issuedCaller(token) ?? (resolver.mode === 'permissive' ? noauthFromHeaders(headers) : null));
    done();
  });
}, { name: 'auth-resolution' });
