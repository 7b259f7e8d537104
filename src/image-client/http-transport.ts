// An image service over HTTP (IMAGE_URL: novamock's own, or the real glance-api) through undici.
import { Agent, request } from 'undici';
import { imageHeaders, type ImageTransport } from './transport.js';

export function createHttpTransport(baseUrl: string): ImageTransport {
  const base = baseUrl.replace(/\/+$/, '');
  // uwsgi (the real glance-api) drops idle keep-alive sockets: one request per connection
  const agent = new Agent({ pipelining: 0, connections: 8 });
  return {
    async request(ctx, req) {
      const res = await request(base + req.path, {
        method: req.method, headers: imageHeaders(ctx, req.contentType), body: req.body, dispatcher: agent, reset: true,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
      return { status: res.statusCode, headers, body: Buffer.from(await res.body.arrayBuffer()) };
    },
    async close() { await agent.close(); },
  };
}
