// One entry of the image route table (routes/index.ts) and what its handler receives.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { TSchema } from 'typebox';
import type { ImageCaller, ImageService } from '../image-service.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** How the request body is read (glance's deserializer per action). */
export type BodyKind = 'none' | 'json' | 'json-patch' | 'octet-stream';

export interface ImageResponse {
  status: number;
  body?: unknown;
  stream?: Readable | null;
  headers?: Record<string, string>;
  /** An empty answer built as a bare webob.Response carries no content type. */
  bare?: boolean;
}

export interface ImageCall {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly caller: ImageCaller;
  readonly service: ImageService;
  /** '' on the standalone listener, '/image' on the main port. */
  readonly linkPrefix: string;
  readonly params: Readonly<Record<string, string>>;
  /** Query pairs in order, repeated keys kept (webob's req.params). */
  readonly queryPairs: readonly (readonly [string, string])[];
  /** The parsed JSON body; undefined when the request had none. */
  readonly json: unknown;
  /** The raw body stream for octet-stream routes. */
  readonly stream: Readable | null;
}

export interface ImageRoute {
  /** glance form: '/v2/images/{image_id}' */
  readonly path: string;
  readonly method: HttpMethod;
  readonly body: BodyKind;
  readonly summary: string;
  /** For the documentation (openapi) only: glance validates with its own schema documents. */
  readonly schemas: { readonly body?: TSchema; readonly response: Readonly<Record<number, TSchema>> };
  readonly handler: (call: ImageCall) => ImageResponse | Promise<ImageResponse>;
}
