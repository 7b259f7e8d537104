// The printed table: ours beside the reference, and whether each goal is met.
import type { CaseResult } from './bench-runner.js';
import type { BenchMetric } from './bench-case.js';

const f = (x: number | undefined, digits = 2) => (x === undefined ? '-' : x.toFixed(digits));

export function printTable(results: readonly CaseResult[]): void {
  const latency = results.filter((r) => r.kind === 'latency');
  if (latency.length > 0) {
    const rows = latency.map((r) => {
      if (r.status === 'failed' || !r.stats) return [r.name, 'FAILED', '', '', '', '', '', '', '', '', (r.error ?? '').slice(0, 120)];
      const ref = r.reference;
      const goal = r.targetSpeedup && r.speedup !== undefined ? (r.speedup >= r.targetSpeedup ? `>=${r.targetSpeedup}x ok` : `>=${r.targetSpeedup}x MISSED`) : '';
      return [r.name, String(r.stats.n) + (r.truncated ? '*' : ''), f(r.stats.p50Ms), f(r.stats.p95Ms), f(r.stats.minMs), f(r.stats.maxMs),
        f(ref?.p50Ms), f(ref?.p95Ms), r.speedup === undefined ? '-' : `${r.speedup}x`, goal, ref?.label ?? ''];
    });
    table(['case', 'n', 'p50 ms', 'p95 ms', 'min ms', 'max ms', 'ref p50', 'ref p95', 'speed-up', 'goal', 'reference'], rows);
    if (latency.some((r) => r.kind === 'latency' && r.truncated)) console.log('* stopped early by --max-seconds');
  }
  const metrics = results.filter((r) => r.kind === 'metric');
  if (metrics.length > 0) {
    console.log('');
    const rows: string[][] = [];
    for (const r of metrics) {
      if (r.status === 'failed') { rows.push([r.name, 'FAILED', '', '', (r.error ?? '').slice(0, 120)]); continue; }
      for (const m of r.metrics) {
        const value = m.value === null ? 'n/a' : `${f(m.value, 1)} ${m.unit}`;
        const goal = metricGoal(m);
        rows.push([`${r.name}: ${m.name}`, value, goal, '', m.note ?? '']);
      }
    }
    table(['metric', 'value', 'goal', '', 'note'], rows);
  }
}

/** '<= 300 ms ok', '>= 50 % MISSED', '' when the metric has no goal. */
export function metricGoal(m: BenchMetric): string {
  const [op, bound] = m.below !== undefined ? ['<=', m.below] : m.above !== undefined ? ['>=', m.above] : [null, 0];
  if (op === null) return '';
  if (m.value === null) return `${op} ${bound} ${m.unit} (not measured)`;
  const met = op === '<=' ? m.value <= bound : m.value >= bound;
  return `${op} ${bound} ${m.unit} ${met ? 'ok' : 'MISSED'}`;
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i >= head.length - 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
