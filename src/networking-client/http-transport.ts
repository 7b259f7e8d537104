// HTTP Neutron (novamock's own listener or a real neutron-server) through undici.
import type { Agent } from 'undici';
import { parseJson, type NetworkingTransport } from './transport.js';

export function createHttpTransport(baseUrl: string): NetworkingTransport {
  const base = baseUrl.replace(/\/+$/, '');
  let agent: Agent | undefined;
  return {
    async request(method, path, token, body, query) {
      // undici is loaded at the first request: most runs never configure an HTTP transport
      const { Agent, request } = await import('undici');
      agent ??= new Agent({ connections: 8 });
      const res = await request(base + path + queryString(query), {
        method: method as 'GET',
        headers: { 'x-auth-token': token, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        dispatcher: agent,
      });
      return { status: res.statusCode, body: parseJson(await res.body.text()) };
    },
    async close() { await agent?.close(); },
  };
}

function queryString(query: readonly (readonly [string, string])[] | undefined): string {
  if (!query?.length) return '';
  const p = new URLSearchParams();
  for (const [k, v] of query) p.append(k, v);
  return `?${p}`;
}
