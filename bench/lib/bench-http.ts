// The benchmark's HTTP client: undici over a real loopback socket. By default every request
// opens a new TCP connection (`connection: close`), as the real-Placement anchor was measured
// (perf_tool.py); keepAlive reuses connections as a pooled client would.
import { Agent, request } from 'undici';
import type { BenchHttp, BenchRequestOptions, BenchResponse } from './bench-case.js';

export interface BenchHttpOptions {
  mainUrl: string;
  placementUrl: string;
  keepAlive: boolean;
}

export function createBenchHttp(o: BenchHttpOptions): BenchHttp & { close(): Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const send = async (method: string, url: string, opts: BenchRequestOptions = {}): Promise<BenchResponse> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (!o.keepAlive) headers.connection = 'close';
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await request(url, { method: method as 'GET', headers, body, dispatcher: agent });
    // Read in full as bytes, as perf_tool.py's r.read(); decoded only if a case asks for text.
    const bytes = Buffer.from(await res.body.arrayBuffer());
    let text: string | null = null;
    const decoded = () => (text ??= bytes.toString('utf8'));
    if (opts.expect && !opts.expect.includes(res.statusCode)) {
      throw new Error(`${method} ${url} -> ${res.statusCode} ${decoded().slice(0, 300)}`);
    }
    return {
      status: res.statusCode,
      headers: res.headers,
      bytes,
      get text() { return decoded(); },
      json: <T>() => JSON.parse(decoded()) as T,
    };
  };
  return {
    request: send,
    placement: (method, path, opts = {}) => send(method, o.placementUrl + path, {
      ...opts,
      headers: { 'x-auth-token': 'admin', 'openstack-api-version': `placement ${opts.version ?? '1.39'}`, ...opts.headers },
    }),
    compute: (method, path, opts = {}) => send(method, `${o.mainUrl}/compute/v2.1${path}`, {
      ...opts,
      headers: { 'x-auth-token': 'admin', 'openstack-api-version': `compute ${opts.version ?? '2.93'}`, ...opts.headers },
    }),
    close: () => agent.close(),
  };
}
