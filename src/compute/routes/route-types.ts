// The shape of one compute route in the table (routes/index.ts) and what its handler gets.
// Handlers are thin: validated input -> policy -> one service/store call -> view -> status.
import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { Microversion } from '../../http/microversion.js';
import type { AuthContext } from '../../http/auth-context.js';
import type { ComputeService } from '../compute-service.js';
import type { Links } from '../views/links.js';
import type { ActionDef } from './action-dispatch.js';

/** One row of a versioned schema table: nova's @validation.schema(schema, min, max). */
export interface VersionedSchema {
  readonly min: string;
  /** Inclusive; undefined = up to the newest version. */
  readonly max?: string;
  readonly schema: TSchema;
}

/**
 * The schema row that applies (nova's validation.schema windows). The legacy v2 API (2.0) uses
 * the 2.1 row in relaxed mode, the way nova's *_v20 schemas relax the 2.1 ones.
 */
export function schemaFor(table: readonly VersionedSchema[] | undefined, version: Microversion, legacy: boolean): VersionedSchema | undefined {
  return table?.find((row) => (legacy ? row.min === '2.1' : version.within(row.min, row.max)));
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  readonly req: FastifyRequest;
  /** 2.0 on the legacy /v2 API. */
  readonly version: Microversion;
  /** The legacy v2 API: no microversions, unknown body keys stripped, v2.0 name rules. */
  readonly legacy: boolean;
  readonly auth: AuthContext;
  readonly requestId: string;
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters as nova sees them: name -> every value given. */
  readonly query: Readonly<Record<string, string[]>>;
  /** The validated JSON body (null when there is none). */
  readonly body: any;
  readonly links: Links;
  readonly service: ComputeService;
}

export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface ComputeRoute {
  readonly method: Method;
  /** Path under /v2.1, e.g. '/servers/:server_id'. */
  readonly url: string;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /** The route's version window (nova: @wsgi.Controller.api_version); below/above it -> 404. */
  readonly min?: string;
  readonly max?: string;
  /** Body schema per version window (POST/PUT). Windows must not overlap. */
  readonly body?: readonly VersionedSchema[];
  /** Query schema per version window (values are arrays, as nova's multi_params). */
  readonly query?: readonly VersionedSchema[];
  /**
   * The answers by status, for the OpenAPI document and the response contract test (never for
   * serialization). Where the body changes with the microversion the schema is the widest
   * superset, the fields of other windows optional (their descriptions say which versions).
   */
  readonly responses?: Readonly<Record<number, TSchema>>;
  /** For POST .../action: the actions the body key selects (each with its own schema table). */
  readonly actions?: readonly ActionDef[];
  readonly handler: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}
