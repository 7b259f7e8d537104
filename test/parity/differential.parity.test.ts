// The randomized differential against the real Nova (issue 21): seeded step lists
// (lib/differential.ts) run as parity flows on both sides and compared after every settled
// step, with the known-differences table applied. A seed with a hard difference fails; with
// DIFF_SHRINK=1 it is first shrunk to the ops that still differ, printed as a spec to add to
// flows/differential.ts.
//
//   DIFF_SEEDS="1 2 3" DIFF_LENGTH=12 bash scripts/differential.sh
//
// Skipped unless DIFF_SEEDS is set (the parity stage runs the hand-written flows only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffFlows, type Difference } from './lib/diff.js';
import { runFlow } from './lib/flow.js';
import { generate, shrink, toFlow, type DiffSpec } from './lib/differential.js';
import { Target } from './lib/target.js';
import { knownReason } from './known-differences.js';
import { answerContract, describeViolations, type AnswerContract } from './lib/response-contract.js';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';

const realUrl = process.env.PARITY_REAL_URL?.replace(/\/$/, '');
const mockUrl = process.env.PARITY_MOCK_URL?.replace(/\/$/, '');
const seeds = (process.env.DIFF_SEEDS ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
const length = Number(process.env.DIFF_LENGTH ?? 12);
const shrinkOn = process.env.DIFF_SHRINK === '1';
const resultsDir = process.env.PARITY_RESULTS ?? '.parity-results';

const real = realUrl ? new Target('real', realUrl, { intervalMs: 100, timeoutMs: 20_000, graceMs: 1_500 }) : null;
const mock = mockUrl ? new Target('mock', mockUrl, { intervalMs: 5, timeoutMs: 5_000, graceMs: 300, idle: true }) : null;
/** novamock's answers against its declared response schemas. */
let contract: AnswerContract | null = null;

/** Both sides run the spec; the differences not in the known table. */
async function hardDifferences(spec: DiffSpec, name: string): Promise<Difference[]> {
  const flow = toFlow(spec, name);
  const r = await runFlow(flow, real!);
  const m = await runFlow(flow, mock!);
  // settled states only: novamock's immediate progression finishes work before the next request
  return diffFlows(r, m, false).filter((d) => knownReason(d) === null);
}

const summary: string[] = [];
const summaryFile = `${resultsDir}/differential.md`;
/** Written as it goes: a long run (shrinking) that is stopped keeps what it found. */
function note(line: string): void {
  summary.push(line);
  appendFileSync(summaryFile, line + '\n');
  console.log(line);
}

describe.skipIf(!real || !mock || seeds.length === 0)('randomized differential', () => {
  beforeAll(async () => {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(summaryFile, '');
    contract = await answerContract();
    mock!.answerContract = contract;
  });
  afterAll(async () => {
    console.log(`\ndifferential (${summaryFile})\n${summary.join('\n')}\n`);
    await real?.close();
    await mock?.close();
    await contract?.close();
  });

  for (const seed of seeds) {
    it(`seed ${seed}`, async () => {
      const spec = generate(seed, length);
      let diffs = await hardDifferences(spec, `differential_seed_${seed}`);
      note(`- seed ${seed}: ${spec.ops.length} ops, ${spec.hosts.length} hosts, ${diffs.length} hard differences`);
      const show = (ds: Difference[]) => {
        for (const d of ds.slice(0, 40)) note(`  - ${d.step} \`${d.path}\`: real ${JSON.stringify(d.real)?.slice(0, 200)} / novamock ${JSON.stringify(d.mock)?.slice(0, 200)}`);
      };
      show(diffs);
      if (diffs.length > 0 && shrinkOn) {
        const small = await shrink(spec, async (s) => (await hardDifferences(s, `differential_seed_${seed}_shrinking`)).length > 0, (m) => console.log(`seed ${seed}: ${m}`));
        diffs = await hardDifferences(small, `differential_seed_${seed}_shrunk`);
        note(`  shrunk to ${small.ops.length} ops:\n\n\`\`\`json\n${JSON.stringify(small, null, 2)}\n\`\`\``);
        show(diffs);
      }
      const violations = contract!.take();
      expect.soft(violations, `seed ${seed}: novamock answers its declared response schemas do not allow:\n${describeViolations(violations)}`).toEqual([]);
      expect(diffs, `seed ${seed}: hard differences from the real Nova`).toEqual([]);
    }, 1_800_000);
  }
});
