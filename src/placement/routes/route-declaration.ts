// The shape of one entry in Placement's route table (routes/index.ts), and what a handler
// receives. Handlers are thin: read `call`, check policy, call a store, return a response.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Microversion } from '../../http/microversion.js';
import type { AuthContext } from '../../http/auth-context.js';
import type { PlacementService } from '../placement-service.js';
import type { PolicyTarget } from '../policy.js';
import type { VersionedSchemas } from '../schemas/versioned.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface PlacementResponse {
  status: number;
  /** JSON body; omit for an empty body (204, or 201 before 1.20). */
  body?: unknown;
  /**
   * An already serialized JSON body, sent as is (big answers skip a parse/serialize round);
   * as bytes when the route keeps its answer encoded (no copy per request).
   */
  rawJson?: string | Buffer;
  headers?: Record<string, string>;
}

export interface PlacementCall {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly version: Microversion;
  readonly auth: AuthContext;
  readonly service: PlacementService;
  /** '' on the standalone listener, '/placement' on the main port: prefix of links and Location. */
  readonly linkPrefix: string;
  /** Path parameters, URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Query string pairs in order (repeated keys kept), as webob's req.GET. */
  readonly queryPairs: readonly (readonly [string, string])[];
  /** The query as a dict, last value wins (python dict(req.GET)). */
  readonly query: Readonly<Record<string, string>>;
  /** context.can(action): throws the 403 when the policy says no. */
  can(action: string, target?: PolicyTarget): void;
  /** util.extract_json: parse the body ("Malformed JSON") and validate it with the schema for this version. */
  json<T = unknown>(schemas: VersionedSchemas): T;
  /** util.validate_query_params with the schema for this version. */
  validateQuery(schemas: VersionedSchemas): void;
  /**
   * A buffer of `size` bytes for this call's rawJson body and nothing else: over HTTP it is reused
   * once the response has been sent (see http/response-buffers.ts).
   */
  responseBuffer(size: number): Buffer;
}

export type PlacementHandler = (call: PlacementCall) => PlacementResponse | Promise<PlacementResponse>;

export interface RouteDeclaration {
  /** Placement form, e.g. '/resource_providers/{uuid}/inventories/{resource_class}'. */
  readonly path: string;
  readonly method: HttpMethod;
  /** Microversion window (inclusive); absent = 1.0 / latest. */
  readonly minVersion?: string;
  readonly maxVersion?: string;
  /**
   * Status outside the window (microversion.version_handler's status_code): 404 for a URL
   * that is new in this version, 405 for a new method on an older URL.
   */
  readonly outsideWindow?: 404 | 405;
  /** util.require_content: the exact request media type (415 otherwise). */
  readonly requireContent?: 'application/json';
  /** util.check_accept('application/json'): 406 when Accept excludes JSON. */
  readonly checkAccept?: boolean;
  /**
   * The Accept/Content-Type checks run before the version window (their decorators sit
   * outside version_handler in placement, as on the aggregates handlers).
   */
  readonly headerChecksFirst?: boolean;
  /** Documentation and contract tests: the request/response schemas by version. */
  readonly schemas: {
    readonly body?: VersionedSchemas;
    readonly query?: VersionedSchemas;
    /** Response body by version; `null` = no body. */
    readonly response: VersionedSchemas | null;
  };
  readonly summary: string;
  readonly handler: PlacementHandler;
}
