// One entry of Identity's route table (routes/index.ts) and what a handler receives.
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { AuthContext } from '../../http/auth-context.js';
import type { IdentityCore } from '../identity-service.js';
import type { TokenService } from '../tokens.js';
import type { PolicyTarget } from '../policy.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface IdentityResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface IdentityCall {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly core: IdentityCore;
  readonly tokens: TokenService;
  /** The caller; routes with `auth: false` may see null. */
  readonly caller: AuthContext;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: any;
  /** The v3 root the client used, for links: http://host/identity/v3 */
  readonly base: string;
  /** The main port's root for the catalog: http://host (or PUBLIC_URL) */
  readonly catalogBase: string;
  /** The request URL as the client sent it, absolute (collections' links.self). */
  readonly selfUrl: string;
  /** context.can(action): 403 in keystone's words when the policy says no. */
  can(action: string, target?: PolicyTarget): void;
}

export type IdentityHandler = (call: IdentityCall) => IdentityResponse | Promise<IdentityResponse>;

export interface RouteDeclaration {
  readonly method: HttpMethod;
  /** Fastify form: '/v3/projects/:project_id' */
  readonly path: string;
  /** false: served without a token (version documents, POST /v3/auth/tokens). */
  readonly auth?: boolean;
  readonly schema: FastifySchema;
  readonly handler: IdentityHandler;
}
