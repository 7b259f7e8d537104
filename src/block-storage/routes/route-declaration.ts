// The shape of one entry in the block-storage route table (routes/index.ts) and what a handler
// receives. Handlers are thin: read `call`, one service call, a view, a status.
import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { Microversion } from '../../http/microversion.js';
import type { BlockStorageService, Caller } from '../block-storage-service.js';
import type { LinkBase } from '../views/links.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface BlockStorageResponse {
  status: number;
  /** JSON body; absent = empty body */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BlockStorageCall {
  readonly req: FastifyRequest;
  readonly version: Microversion;
  readonly caller: Caller;
  /** the {project_id} of the URL (the caller's project when the URL has none, 3.67) */
  readonly projectId: string;
  readonly service: BlockStorageService;
  readonly links: LinkBase;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The parsed body validated against the schema ("Malformed request body" / "Invalid input for field/attribute ..."). */
  body<T>(schema: TSchema): T;
}

export interface VersionedBody { readonly min: string; readonly max?: string; readonly schema: TSchema }

export interface RouteDeclaration {
  /** relative to /v3/{project_id}, cinder's form: '/volumes/{volume_id}' */
  readonly path: string;
  readonly method: HttpMethod;
  /** microversion window (inclusive); outside it cinder answers 404 (VersionNotFoundForAPIMethod) */
  readonly minVersion?: string;
  readonly maxVersion?: string;
  readonly summary: string;
  /** the OpenAPI operationId's name part, where the one derived from the path would repeat another's */
  readonly operationName?: string;
  /** request body schemas by version (documentation + validation through call.body) */
  readonly body?: readonly VersionedBody[];
  /** success response schema; null = empty body */
  readonly response: TSchema | null;
  readonly handler: (call: BlockStorageCall) => BlockStorageResponse | Promise<BlockStorageResponse>;
}
