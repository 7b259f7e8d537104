// The image API (Glance v2) for tests, over inject or HTTP: requests as a given caller, and the
// record, upload and patch steps the stories repeat; the callers and checksums they compare.
import { createHash } from 'node:crypto';
import { sendRequest, type ApiReply, type ApiTransport, type RequestOptions } from './api-transport.js';

export const ADMIN = 'admin';
export const ALICE = 'alice:project-a';
export const BOB = 'bob:project-b';

export const PATCH_TYPE = 'application/openstack-images-v2.1-json-patch';

export class ImageClient {
  readonly token: string | null;

  /** token null: requests without one. */
  constructor(readonly transport: ApiTransport, o: { token?: string | null } = {}) {
    this.token = o.token === undefined ? ADMIN : o.token;
  }

  /** The same service as another caller. */
  as(token: string | null): ImageClient { return new ImageClient(this.transport, { token }); }

  /** A request under /image, JSON accepted. */
  call(method: string, path: string, o: RequestOptions = {}): Promise<ApiReply> {
    return sendRequest(this.transport, method, `/image${path}`, { ...o, token: o.token === undefined ? this.token : o.token }, { accept: 'application/json' });
  }

  /** POST /v2/images (201): the record, a raw bare image unless `body` says otherwise. */
  async createImage(body: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const r = await this.call('POST', '/v2/images', { body: { name: 'img', disk_format: 'raw', container_format: 'bare', ...body } });
    if (r.status !== 201) throw new Error(`create image: ${r.status} ${r.text}`);
    return r.body;
  }

  uploadImage(id: string, data: Buffer | string): Promise<ApiReply> {
    return this.call('PUT', `/v2/images/${id}/file`, { raw: data, contentType: 'application/octet-stream' });
  }

  patchImage(id: string, ops: unknown[]): Promise<ApiReply> {
    return this.call('PATCH', `/v2/images/${id}`, { raw: JSON.stringify(ops), contentType: PATCH_TYPE });
  }
}

export const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');
export const sha512 = (b: Buffer | string) => createHash('sha512').update(b).digest('hex');

/** The text of a webob JSON error page. */
export const errorMessage = (body: string): string => (JSON.parse(body) as { message: string }).message.replace(/<br \/><br \/>[\s\S]*$/, '');
