// Step-by-step comparison of two flow records (real first) into a flat list of differences.
import type { FlowRecord, StepRecord } from './flow.js';

export interface Difference {
  flow: string;
  step: string;
  /** Where in the step's observation: answer.body.badRequest.message, servers.SERVER_1.show.server.status, ... */
  path: string;
  real: unknown;
  mock: unknown;
}

export const ABSENT = '<absent>';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function diffValues(real: unknown, mock: unknown, path: string, out: { path: string; real: unknown; mock: unknown }[]): void {
  if (isObject(real) && isObject(mock)) {
    const keys = new Set([...Object.keys(real), ...Object.keys(mock)]);
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in mock)) out.push({ path: p, real: real[k], mock: ABSENT });
      else if (!(k in real)) out.push({ path: p, real: ABSENT, mock: mock[k] });
      else diffValues(real[k], mock[k], p, out);
    }
    return;
  }
  if (Array.isArray(real) && Array.isArray(mock)) {
    if (real.length !== mock.length) {
      out.push({ path: `${path}.length`, real: real.length, mock: mock.length });
    }
    const n = Math.min(real.length, mock.length);
    for (let i = 0; i < n; i++) diffValues(real[i], mock[i], `${path}[${i}]`, out);
    for (let i = n; i < real.length; i++) out.push({ path: `${path}[${i}]`, real: real[i], mock: ABSENT });
    for (let i = n; i < mock.length; i++) out.push({ path: `${path}[${i}]`, real: ABSENT, mock: mock[i] });
    return;
  }
  if (JSON.stringify(real) !== JSON.stringify(mock)) out.push({ path, real, mock });
}

function stepView(s: StepRecord): Record<string, unknown> {
  const v: Record<string, unknown> = { answer: s.answer, settled: s.settled };
  if (s.snapshot) Object.assign(v, s.snapshot);
  if (s.compareSeen) {
    const level = s.compareSeen;
    v.justAfter = Object.fromEntries(
      Object.entries(s.justAfter).map(([sym, j]) => {
        const server = level === 'status' ? j.server.replace(/\/.*$/, '') : j.server;
        return [sym, level === 'state+migration' ? `${server} | ${j.migration}` : server];
      }),
    );
  }
  return v;
}

export function diffFlows(real: FlowRecord, mock: FlowRecord): Difference[] {
  const out: Difference[] = [];
  const n = Math.max(real.steps.length, mock.steps.length);
  for (let i = 0; i < n; i++) {
    const r = real.steps[i];
    const m = mock.steps[i];
    const name = (r ?? m)!.name;
    const found: { path: string; real: unknown; mock: unknown }[] = [];
    if (!r || !m) found.push({ path: '', real: r ? 'step ran' : ABSENT, mock: m ? 'step ran' : ABSENT });
    else diffValues(stepView(r), stepView(m), '', found);
    for (const d of found) out.push({ flow: real.flow, step: `${i + 1}. ${name}`, ...d });
  }
  return out;
}

/** How many steps have no difference at all. */
export function matchingSteps(record: FlowRecord, diffs: Difference[]): number {
  const bad = new Set(diffs.map((d) => d.step));
  return record.steps.filter((s, i) => !bad.has(`${i + 1}. ${s.name}`)).length;
}
