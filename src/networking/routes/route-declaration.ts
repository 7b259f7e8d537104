// One entry of the Neutron route table (routes/index.ts) and what its handler receives.
// Handlers are thin: parse the body through the attribute maps, call the service, render.
import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { AuthContext } from '../../http/auth-context.js';
import type { NetworkingService } from '../networking-service.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface NetworkingCall {
  readonly req: FastifyRequest;
  readonly auth: AuthContext;
  readonly service: NetworkingService;
  readonly params: Readonly<Record<string, string>>;
  /** Query pairs in order, repeated keys kept (webob's req.GET). */
  readonly queryPairs: readonly (readonly [string, string])[];
  /** scheme://host + prefix + path, without the query: the base of *_links. */
  readonly selfUrl: string;
  /** scheme://host + prefix: the base of links to other resources. */
  readonly baseUrl: string;
  readonly body: unknown;
}

export interface NetworkingResponse {
  readonly status: number;
  /** undefined = empty body (204). */
  readonly body?: unknown;
  /** A webob HTML error page instead of a JSON body. */
  readonly html?: string;
  /** ... and its plain-text form (webob picks by Accept). */
  readonly text?: string;
}

export interface RouteDeclaration {
  /** '/v2.0/networks/{id}' */
  readonly path: string;
  readonly method: HttpMethod;
  readonly summary: string;
  readonly schemas: { readonly body?: TSchema; readonly response: Readonly<Record<number, TSchema>> };
  readonly handler: (call: NetworkingCall) => NetworkingResponse;
}
