// How the image client reaches an image service: in-process (app.inject on a private Fastify
// with the same image plugin over the same ImageService) or HTTP (undici to any glance v2, the
// real one included, at IMAGE_URL).
import type { Readable } from 'node:stream';

export interface ImageCallContext {
  /** The caller's token, passed through as nova passes the user's context to glance. */
  readonly token: string;
  /** Roles for a noauth token (x-roles), as compute passes its caller on. */
  readonly roles?: readonly string[];
}

export interface ImageRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** glance path, e.g. '/v2/images/{id}' */
  path: string;
  contentType?: string;
  body?: string | Buffer | Readable;
}

export interface ImageResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface ImageTransport {
  request(ctx: ImageCallContext, req: ImageRequest): Promise<ImageResponse>;
  close(): Promise<void>;
}

export function imageHeaders(ctx: ImageCallContext, contentType: string | undefined): Record<string, string> {
  const h: Record<string, string> = { 'x-auth-token': ctx.token, accept: 'application/json' };
  if (ctx.roles) h['x-roles'] = ctx.roles.join(',');
  if (contentType) h['content-type'] = contentType;
  return h;
}
