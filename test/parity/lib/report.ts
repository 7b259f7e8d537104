// The run's outcome, for people: per flow the steps that match, the differences (new and
// known), and the time each side took. Written to .parity-results/ and printed at the end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Difference } from './diff.js';
import type { FlowRecord } from './flow.js';

export interface FlowOutcome {
  flow: string;
  steps: number;
  matching: number | null;
  realMs: number | null;
  mockMs: number | null;
  /** novamock with PROGRESSION=timed (only its states right after answers are extra). */
  mockTimedMs: number | null;
  diffs: Difference[];
  known: (Difference & { reason: string })[];
  records: FlowRecord[];
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 300 ? `${s.slice(0, 297)}...` : s;
};

export function renderReport(outcomes: FlowOutcome[]): string {
  const lines: string[] = [];
  lines.push('| flow | steps matching | real Nova (s) | novamock (ms) | novamock timed (ms) | new diffs | known |');
  lines.push('|---|---|---|---|---|---|---|');
  let realTotal = 0;
  let mockTotal = 0;
  let timedTotal = 0;
  for (const o of outcomes) {
    realTotal += o.realMs ?? 0;
    mockTotal += o.mockMs ?? 0;
    timedTotal += o.mockTimedMs ?? 0;
    lines.push(
      `| ${o.flow} | ${o.matching === null ? '-' : `${o.matching}/${o.steps}`} | ${o.realMs === null ? '-' : (o.realMs / 1000).toFixed(2)} | ${o.mockMs ?? '-'} | ${o.mockTimedMs ?? '-'} | ${o.diffs.length} | ${o.known.length} |`,
    );
  }
  lines.push(`| **total** | ${outcomes.reduce((n, o) => n + (o.matching ?? 0), 0)}/${outcomes.reduce((n, o) => n + o.steps, 0)} | ${(realTotal / 1000).toFixed(1)} | ${mockTotal} | ${timedTotal} | ${outcomes.reduce((n, o) => n + o.diffs.length, 0)} | ${outcomes.reduce((n, o) => n + o.known.length, 0)} |`);
  lines.push('', 'Times are the flow steps only (requests and settling, not the reset).');
  for (const o of outcomes) {
    if (o.diffs.length === 0 && o.known.length === 0) continue;
    lines.push('', `### ${o.flow}`);
    for (const d of o.diffs) lines.push(`- ${d.step} \`${d.path}\`: real ${show(d.real)} / ${d.side === 'mock' ? 'novamock' : 'novamock timed'} ${show(d.mock)}`);
    for (const d of o.known) lines.push(`- (known) ${d.step} \`${d.path}\`: real ${show(d.real)} / ${d.side === 'mock' ? 'novamock' : 'novamock timed'} ${show(d.mock)} — ${d.reason}`);
  }
  return lines.join('\n');
}

export function writeResults(dir: string, outcomes: FlowOutcome[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(outcomes, null, 1));
  writeFileSync(join(dir, 'report.md'), `${renderReport(outcomes)}\n`);
}
