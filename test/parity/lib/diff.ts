// Step-by-step comparison of two flow records (real first) into a flat list of differences.
import type { FlowRecord, StepRecord } from './flow.js';

export interface Difference {
  flow: string;
  /** Which novamock run: 'mock' (immediate progression) or 'mock-timed'. */
  side: string;
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
    const rk = real.map(itemKey);
    const mk = mock.map(itemKey);
    if (rk.every((k) => k !== null) && mk.every((k) => k !== null)) {
      // Instance actions and events: aligned on what they are, so that one extra or
      // missing action is reported once instead of shifting every later element.
      for (const [i, j] of align(rk as string[], mk as string[])) {
        if (i !== null && j !== null) diffValues(real[i], mock[j], `${path}[${i}]`, out);
        else if (i !== null) out.push({ path: `${path}[${i}]`, real: real[i], mock: ABSENT });
        else out.push({ path: `${path}[+${j}]`, real: ABSENT, mock: mock[j!] });
      }
      return;
    }
    const n = Math.min(real.length, mock.length);
    for (let i = 0; i < n; i++) diffValues(real[i], mock[i], `${path}[${i}]`, out);
    for (let i = n; i < real.length; i++) out.push({ path: `${path}[${i}]`, real: real[i], mock: ABSENT });
    for (let i = n; i < mock.length; i++) out.push({ path: `${path}[${i}]`, real: ABSENT, mock: mock[i] });
    return;
  }
  if (JSON.stringify(real) !== JSON.stringify(mock)) out.push({ path, real, mock });
}

/** What an element of a list is, for the lists whose order is by time (actions, events). */
function itemKey(v: unknown): string | null {
  if (!isObject(v)) return null;
  const listed = v.listed;
  if (isObject(listed)) return `${String(listed.action)} ${String(listed.request_id)}`;
  if (typeof v.event === 'string') return `${v.event} ${String(v.host)}`;
  return null;
}

/** Longest common subsequence of two key lists, as index pairs (null = only on one side). */
function align(a: string[], b: string[]): [number | null, number | null][] {
  const dp: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const pairs: [number | null, number | null][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) pairs.push([i++, j++]);
    else if (j >= b.length || (i < a.length && dp[i + 1]![j]! >= dp[i]![j + 1]!)) pairs.push([i++, null]);
    else pairs.push([null, j++]);
  }
  return pairs;
}

function stepView(s: StepRecord, compareSeen: boolean): Record<string, unknown> {
  const v: Record<string, unknown> = { answer: s.answer, settled: s.settled };
  if (s.snapshot) Object.assign(v, s.snapshot);
  if (s.compareSeen && compareSeen) {
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

/**
 * `compareSeen` false skips the states right after the answers: for novamock in its
 * `immediate` progression, which by design finishes the work before the next request.
 */
export function diffFlows(real: FlowRecord, mock: FlowRecord, compareSeen = true): Difference[] {
  const out: Difference[] = [];
  const n = Math.max(real.steps.length, mock.steps.length);
  for (let i = 0; i < n; i++) {
    const r = real.steps[i];
    const m = mock.steps[i];
    const name = (r ?? m)!.name;
    const found: { path: string; real: unknown; mock: unknown }[] = [];
    if (!r || !m) found.push({ path: '', real: r ? 'step ran' : ABSENT, mock: m ? 'step ran' : ABSENT });
    else diffValues(stepView(r, compareSeen), stepView(m, compareSeen), '', found);
    for (const d of found) out.push({ flow: real.flow, step: `${i + 1}. ${name}`, side: mock.side, ...d });
  }
  return out;
}

/** How many steps have no difference at all. */
export function matchingSteps(record: FlowRecord, diffs: Difference[]): number {
  const bad = new Set(diffs.map((d) => d.step));
  // A step matches when no novamock run differs there.
  return record.steps.filter((s, i) => !bad.has(`${i + 1}. ${s.name}`)).length;
}
