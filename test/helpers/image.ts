// Image-service helpers for API tests (inject): create, upload, patch as a given token.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const ADMIN = 'admin';
export const ALICE = 'alice:project-a';
export const BOB = 'bob:project-b';

export const PATCH_TYPE = 'application/openstack-images-v2.1-json-patch';

export async function imageCall(app: FastifyInstance, token: string | null, method: string, path: string, opts: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
  if (token) headers['x-auth-token'] = token;
  let payload: string | Buffer | undefined;
  if (opts.raw !== undefined) payload = opts.raw;
  else if (opts.body !== undefined) {
    payload = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  return app.inject({ method: method as 'GET', url: `/image${path}`, headers, ...(payload !== undefined ? { payload } : {}) });
}

export async function createImage(app: FastifyInstance, token: string, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await imageCall(app, token, 'POST', '/v2/images', { body: { name: 'img', disk_format: 'raw', container_format: 'bare', ...body } });
  if (res.statusCode !== 201) throw new Error(`create image: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function uploadImage(app: FastifyInstance, token: string, id: string, data: Buffer | string) {
  return imageCall(app, token, 'PUT', `/v2/images/${id}/file`, { raw: data, headers: { 'content-type': 'application/octet-stream' } });
}

export async function patchImage(app: FastifyInstance, token: string, id: string, ops: unknown[]) {
  return imageCall(app, token, 'PATCH', `/v2/images/${id}`, { raw: JSON.stringify(ops), headers: { 'content-type': PATCH_TYPE } });
}

export const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');
export const sha512 = (b: Buffer | string) => createHash('sha512').update(b).digest('hex');

/** The text of a webob JSON error page. */
export const errorMessage = (body: string): string => (JSON.parse(body) as { message: string }).message.replace(/<br \/><br \/>[\s\S]*$/, '');
