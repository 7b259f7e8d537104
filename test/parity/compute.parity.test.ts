// Compute behaviour of novamock checked against the real Nova 26.2.2 (nova-live), over HTTP.
//
//   PARITY_REAL_URL=http://127.0.0.1:18774 PARITY_MOCK_URL=http://127.0.0.1:18600 npm run parity
//
// With both URLs every flow runs on the real side, then on novamock, and every observation
// after every step is compared (differences listed in known-differences.ts are reported
// but accepted). novamock's default `immediate` progression finishes the work before the
// next request by design, so the states right after an answer are compared only against a
// second novamock started with PROGRESSION=timed, given as PARITY_MOCK_TIMED_URL (optional;
// scripts/parity.sh starts both). With one URL the flows only run there (recording mode).
// PARITY_SELF_CHECK=1 runs the real side twice and compares it with itself (flakiness).
// PARITY_FLOWS=<regex> selects flows; PARITY_RESULTS=<dir> (default .parity-results).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffFlows, matchingSteps, type Difference } from './lib/diff.js';
import { runFlow, type Flow, type FlowRecord } from './lib/flow.js';
import { renderReport, writeResults, type FlowOutcome } from './lib/report.js';
import { Target } from './lib/target.js';
import { knownReason } from './known-differences.js';
import { FLOWS } from './flows/index.js';
import { answerContract, describeViolations, type AnswerContract } from './lib/response-contract.js';

const realUrl = process.env.PARITY_REAL_URL?.replace(/\/$/, '');
const selfCheck = process.env.PARITY_SELF_CHECK === '1';
const mockUrl = selfCheck ? realUrl : process.env.PARITY_MOCK_URL?.replace(/\/$/, '');
const only = process.env.PARITY_FLOWS ? new RegExp(process.env.PARITY_FLOWS) : null;
const resultsDir = process.env.PARITY_RESULTS ?? '.parity-results';

// The real side works in seconds: poll it every 100 ms for up to 20 s. novamock works in
// milliseconds; the same bound keeps a stuck flow from hanging CI.
const REAL_POLL = { intervalMs: 100, timeoutMs: 20_000, graceMs: 1_500 };
const MOCK_POLL = { intervalMs: 5, timeoutMs: 5_000, graceMs: 300, idle: true };
const real = realUrl ? new Target('real', realUrl, REAL_POLL) : null;
const mock = mockUrl ? new Target(selfCheck ? 'real' : 'mock', mockUrl, selfCheck ? REAL_POLL : MOCK_POLL) : null;
const timedUrl = selfCheck ? undefined : process.env.PARITY_MOCK_TIMED_URL?.replace(/\/$/, '');
const mockTimed = timedUrl ? new Target('mock-timed', timedUrl, MOCK_POLL) : null;

const outcomes: FlowOutcome[] = [];
/** novamock's answers against its declared response schemas (not in self-check: both sides are the real Nova). */
let contract: AnswerContract | null = null;
/** Flows whose test failed (a difference, a failed expectation on the real side, an error):
 *  written for scripts/parity.sh, which prints them last and retries them once. */
const failedFlows: string[] = [];

/** The real side must do what the flow says it exercises; otherwise the comparison is noise. */
function checkExpectations(flow: Flow, rec: FlowRecord): void {
  flow.steps.forEach((step, i) => {
    const s = rec.steps[i]!;
    if (step.expect?.answer !== undefined) {
      expect(s.answer?.status, `${flow.name} step ${i + 1} (${step.name}) answer`).toBe(step.expect.answer);
    }
    for (const [sym, status] of Object.entries(step.expect?.status ?? {})) {
      const view = (s.snapshot?.servers[sym] as { show?: { server?: { status?: string } } })?.show;
      expect(view?.server?.status, `${flow.name} step ${i + 1} (${step.name}) ${sym} status`).toBe(status);
    }
  });
}

describe.skipIf(!real && !mock)('compute parity', () => {
  beforeAll(async () => {
    for (const t of [real, mock, mockTimed]) if (t) await t.http('GET', '/_mock/status', { token: 'admin' });
    if (!selfCheck && (mock || mockTimed)) {
      contract = await answerContract();
      for (const t of [mock, mockTimed]) if (t) t.answerContract = contract;
    }
  });
  afterAll(async () => {
    writeResults(resultsDir, outcomes);
    writeFileSync(join(resultsDir, 'failed-flows.txt'), failedFlows.map((f) => `${f}\n`).join(''));
    console.log(`\nparity report (${resultsDir}/report.md)\n\n${renderReport(outcomes)}\n`);
    if (contract) console.log(`novamock answers checked against their routes' declared response schemas: ${contract.counts.checked} of ${contract.counts.answers} (the rest: no route, or one that declares none)`);
    await real?.close();
    await mock?.close();
    await mockTimed?.close();
    await contract?.close();
  });

  for (const flow of FLOWS.filter((f) => !only || only.test(f.name))) {
    it(flow.name, async () => {
      failedFlows.push(flow.name);
      await checkFlow(flow);
      failedFlows.pop();
    });
  }
});

async function checkFlow(flow: Flow): Promise<void> {
  const records: FlowRecord[] = [];
  const realRec = real ? await runFlow(flow, real) : null;
  if (realRec) {
    records.push(realRec);
    checkExpectations(flow, realRec);
  }
  const mockRec = mock && !(flow.timedOnly && mockTimed) ? await runFlow(flow, mock) : null;
  if (mockRec) records.push(mockRec);
  const timedRec = mockTimed ? await runFlow(flow, mockTimed) : null;
  if (timedRec) records.push(timedRec);
  const outcome: FlowOutcome = {
    flow: flow.name,
    steps: flow.steps.length,
    matching: null,
    realMs: realRec?.ms ?? null,
    mockMs: mockRec && !selfCheck ? mockRec.ms : null,
    mockTimedMs: timedRec?.ms ?? null,
    diffs: [],
    known: [],
    records,
  };
  if (realRec && (mockRec || timedRec)) {
    const immediate = mockRec ? diffFlows(realRec, mockRec, selfCheck) : [];
    const seen = new Set(immediate.map((d) => `${d.step} ${d.path} ${JSON.stringify(d.mock)}`));
    // A difference both novamock runs show is reported once, for the immediate one.
    const timed = (timedRec ? diffFlows(realRec, timedRec, true) : []).filter((d) => !seen.has(`${d.step} ${d.path} ${JSON.stringify(d.mock)}`));
    const all = [...immediate, ...timed];
    const fresh: Difference[] = [];
    for (const d of all) {
      const reason = selfCheck ? null : knownReason(d);
      if (reason) outcome.known.push({ ...d, reason });
      else fresh.push(d);
    }
    outcome.diffs = fresh;
    outcome.matching = matchingSteps(realRec, fresh);
  }
  outcomes.push(outcome);
  const violations = contract?.take() ?? [];
  expect.soft(violations, `${flow.name}: novamock answers its declared response schemas do not allow:\n${describeViolations(violations)}`).toEqual([]);
  expect(outcome.diffs, `${flow.name}: differences from the real Nova`).toEqual([]);
}

