// The README's performance figures, rendered from a results file of `npm run bench`
// (.bench-results/latest.json) and written between the markers: never copied by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import type { CaseResult } from './bench-runner.js';
import { metricGoal } from './bench-report.js';

export const BEGIN = '<!-- bench:begin (written by `npm run bench:readme` from .bench-results/latest.json; do not edit) -->';
export const END = '<!-- bench:end -->';

export interface ResultsFile {
  finishedAt: string;
  commit: string | null;
  machine: { node: string; cpus: number; loadavgBefore: number[]; loadavgAfter: number[] };
  options: { filters: string[]; keepAlive: boolean; quick?: boolean; oracle: boolean };
  results: CaseResult[];
}

const n2 = (x: number | undefined) => (x === undefined ? '' : x.toFixed(2));
const cell = (s: string) => s.replace(/\|/g, '\\|');
const value = (v: number | null, unit: string) => (v === null ? 'not measured' : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${unit}`);

export function renderSection(r: ResultsFile): string {
  const load = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  const out: string[] = [
    BEGIN,
    `Figures of ${r.finishedAt.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit ?? '?'}, node ${r.machine.node}, ${r.machine.cpus} cores; `
      + `load average ${load(r.machine.loadavgBefore)} before the run, ${load(r.machine.loadavgAfter)} after`
      + `${r.options.quick ? ' (`--quick`: fewer rounds and shorter runs)' : ''}${r.options.filters.length ? `; cases matching ${r.options.filters.map((f) => `\`${f}\``).join(', ')}` : ''}. `
      + 'Absolute figures move with the load; compare ratios measured in the same run (the baselines are in the tables).',
    '',
  ];
  const metrics = r.results.filter((x) => x.kind === 'metric');
  if (metrics.length > 0) {
    out.push('| figure | value | goal | note |', '|---|---:|---|---|');
    for (const m of metrics) {
      if (m.status === 'failed') { out.push(`| ${cell(m.name)} | failed | | ${cell((m.error ?? '').slice(0, 160))} |`); continue; }
      for (const x of m.metrics) out.push(`| ${cell(`${m.name}: ${x.name}`)} | ${value(x.value, x.unit)} | ${cell(metricGoal(x))} | ${cell(x.note ?? '')} |`);
    }
    out.push('');
  }
  const latency = r.results.filter((x) => x.kind === 'latency');
  if (latency.length > 0) {
    out.push(`Latency (${r.options.keepAlive ? 'keep-alive connections' : 'a new TCP connection per request, like the anchor'}):`, '');
    out.push('| case | n | p50 ms | p95 ms | reference p50 / p95 ms | speed-up (p50) | goal |', '|---|---:|---:|---:|---|---:|---|');
    for (const l of latency) {
      if (l.kind !== 'latency') continue;
      if (l.status === 'failed' || !l.stats) { out.push(`| ${cell(l.name)} | failed | | | | | ${cell((l.error ?? '').slice(0, 120))} |`); continue; }
      const ref = l.reference ? `${n2(l.reference.p50Ms)} / ${n2(l.reference.p95Ms)} (${l.reference.label})` : '';
      const goal = l.targetSpeedup && l.speedup !== undefined ? `>= ${l.targetSpeedup}x ${l.speedup >= l.targetSpeedup ? 'ok' : 'MISSED'}` : '';
      out.push(`| ${cell(l.name)} | ${l.stats.n}${l.truncated ? '*' : ''} | ${n2(l.stats.p50Ms)} | ${n2(l.stats.p95Ms)} | ${cell(ref)} | ${l.speedup === undefined ? '' : `${l.speedup}x`} | ${goal} |`);
    }
    if (latency.some((l) => l.kind === 'latency' && l.truncated)) out.push('', '\\* stopped early by `--max-seconds`.');
    out.push('');
  }
  out.push(END);
  return out.join('\n');
}

/** Replace the section between the markers of `readmePath` (appended when absent). */
export function writeReadmeSection(readmePath: string, results: ResultsFile): void {
  const text = readFileSync(readmePath, 'utf8');
  const section = renderSection(results);
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next = begin >= 0 && end > begin
    ? text.slice(0, begin) + section + text.slice(end + END.length)
    : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(readmePath, next);
}
