// A small autocannon: `connections` keep-alive connections, one request in flight on each, for
// a fixed time; req/s and latency percentiles. Runs in the bench process, so it competes with
// the server for the same cores: compare only figures taken alike in the same run.
import { Pool } from 'undici';

export interface LoadResult {
  readonly requests: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

export async function generateLoad(origin: string, path: string, o: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let non2xx = 0;
  const deadline = performance.now() + o.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const res = await pool.request({ method: 'GET', path, headers: o.headers });
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
