// An image service over HTTP (IMAGE_URL: novamock's own, or the real glance-api) through undici.
import type { Agent } from 'undici';
import { imageHeaders, type ImageTransport } from './transport.js';

export function createHttpTransport(baseUrl: string): ImageTransport {
  const base = baseUrl.replace(/\/+$/, '');
  // uwsgi (the real glance-api) drops idle keep-alive sockets: one request per connection
  let agent: Agent | undefined;
  return {
    async request(ctx, req) {
      // undici is loaded at the first request: most runs never configure an HTTP transport
      const { Agent, request } = await import('undici');
      agent ??= new Agent({ pipelining: 0, connections: 8 });
      const res = await request(base + req.path, {
        method: req.method, headers: imageHeaders(ctx, req.contentType), body: req.body, dispatcher: agent, reset: true,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
      return { status: res.statusCode, headers, body: Buffer.from(await res.body.arrayBuffer()) };
    },
    async close() { await agent?.close(); },
  };
}
