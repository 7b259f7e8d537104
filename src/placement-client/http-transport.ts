// HTTP Placement (e.g. the real openstack/placement oracle) through undici.
import type { Agent } from 'undici';
import { parseJson, placementHeaders, type PlacementTransport } from './transport.js';

export function createHttpTransport(baseUrl: string): PlacementTransport {
  const base = baseUrl.replace(/\/+$/, '');
  // One request per connection: uwsgi (the real placement-api) drops idle keep-alive sockets,
  // and a reset socket would lose a non-idempotent POST /allocations.
  let agent: Agent | undefined;
  return {
    async request(method, path, version, body) {
      // undici is loaded at the first request: most runs never configure an HTTP transport
      const { Agent, request } = await import('undici');
      agent ??= new Agent({ pipelining: 0, connections: 8 });
      const res = await request(base + path, {
        method: method as 'GET',
        headers: { ...placementHeaders(version, body !== undefined), connection: 'close' },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        dispatcher: agent,
      });
      return { status: res.statusCode, body: parseJson(await res.body.text()) };
    },
    async close() { await agent?.close(); },
  };
}
