import { describe, expect, it } from 'vitest';
import { summarise } from '../../bench/lib/latency-stats.js';

// The bench must compute p50/p95 as the real-Placement anchor did (perf_tool.py), or the
// side-by-side figures would not compare like with like.
describe('bench latency summary', () => {
  it('uses the median for p50 and nearest rank on (n-1) for p95, like perf_tool.py', () => {
    const samples = Array.from({ length: 50 }, (_, i) => 50 - i); // 50..1, unsorted
    const s = summarise(samples);
    expect(s).toMatchObject({ n: 50, minMs: 1, maxMs: 50, p50Ms: 25.5, meanMs: 25.5 });
    // python: s[min(49, int(round(0.95 * 49)))] = s[47] = 48
    expect(s.p95Ms).toBe(48);
  });
  it('takes the middle sample for an odd count', () => {
    expect(summarise([3, 1, 2]).p50Ms).toBe(2);
  });
  it('refuses an empty run', () => {
    expect(() => summarise([])).toThrow(/no samples/);
  });
});
