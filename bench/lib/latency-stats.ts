// Summary of timed samples, computed as the real-Placement anchor computed its figures
// (conformance/placement/perf_tool.py: median for p50, nearest-rank on (n-1) for p95).
export interface LatencyStats {
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

export function summarise(samplesMs: readonly number[]): LatencyStats {
  if (samplesMs.length === 0) throw new Error('no samples');
  const s = [...samplesMs].sort((a, b) => a - b);
  const n = s.length;
  const pct = (p: number) => s[Math.min(n - 1, Math.round((p / 100) * (n - 1)))]!;
  const median = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n,
    p50Ms: round(median),
    p95Ms: round(pct(95)),
    minMs: round(s[0]!),
    maxMs: round(s[n - 1]!),
    meanMs: round(s.reduce((a, b) => a + b, 0) / n),
  };
}
