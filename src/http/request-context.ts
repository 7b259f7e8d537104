// Request decorations shared by the service plugins (each decorates its own encapsulated
// context): the negotiated microversion and the caller. Declared once here so the services'
// declarations cannot disagree.
import type { Microversion } from './microversion.js';
import type { AuthContext } from './auth-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The microversion negotiated by the plugin serving this request. */
    microversion: Microversion;
    /** The caller, once the plugin's auth hook ran (null before / without a token). */
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** The route is served without a token (version documents, health): decided by the matched
     *  route, never by looking at the raw URL, whose query string and escapes a client controls. */
    public?: boolean;
  }
}

export {};
