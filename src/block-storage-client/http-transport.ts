// HTTP Cinder (novamock's own listener, or the real one) through undici. `baseUrl` is the
// endpoint without the version, e.g. http://127.0.0.1:8776 or http://host/volume.
import type { Agent } from 'undici';
import { parseJson, projectPath, volumeHeaders, type BlockStorageTransport } from './transport.js';

export function createHttpTransport(baseUrl: string): BlockStorageTransport {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v3$/, '');
  let agent: Agent | undefined;
  return {
    async request(ctx, method, path, version, body) {
      // undici is loaded at the first request: most runs never configure an HTTP transport
      const { Agent, request } = await import('undici');
      agent ??= new Agent({ connections: 8 });
      const res = await request(base + projectPath(ctx, path), {
        method: method as 'GET', headers: volumeHeaders(ctx, version, body !== undefined),
        body: body !== undefined ? JSON.stringify(body) : undefined, dispatcher: agent,
      });
      const rid = res.headers['x-openstack-request-id'];
      return { status: res.statusCode, body: parseJson(await res.body.text()), requestId: typeof rid === 'string' ? rid : null };
    },
    async close() { await agent?.close(); },
  };
}
