// A small autocannon / ab: `connections` keep-alive connections, one request in flight on each,
// for a fixed time (autocannon -d) or a fixed number of requests (ab -n); req/s and latency
// percentiles. Runs in the bench process, so it competes with the server for the same cores:
// compare only figures taken alike in the same run.
import { Pool } from 'undici';

export interface LoadResult {
  readonly requests: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

export interface LoadOptions {
  connections: number;
  /** Stop after this many seconds (autocannon -d) ... */
  seconds?: number;
  /** ... or after this many requests in all (ab -n). One of the two is required. */
  requests?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A new connection per request, as ab without -k (default: keep-alive, as autocannon). */
  closeEach?: boolean;
}

export async function generateLoad(origin: string, path: string, o: LoadOptions): Promise<LoadResult> {
  if (o.seconds === undefined && o.requests === undefined) throw new Error('generateLoad needs seconds or requests');
  const pool = new Pool(origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let non2xx = 0;
  let started = 0;
  const deadline = o.seconds === undefined ? Infinity : performance.now() + o.seconds * 1000;
  const more = () => performance.now() < deadline && (o.requests === undefined || started < o.requests);
  const worker = async () => {
    while (more()) {
      started++;
      const t0 = performance.now();
      const res = await pool.request({ method: o.method ?? 'GET', path, headers: o.closeEach ? { ...o.headers, connection: 'close' } : o.headers, body: o.body });
      await res.body.dump();
      latencies.push(performance.now() - t0);
      if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.connections }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.round((p / 100) * (latencies.length - 1)))] ?? NaN;
  return { requests: latencies.length, reqPerSec: latencies.length / elapsed, p50Ms: pct(50), p99Ms: pct(99), non2xx };
}
