// The route fuzz (scripts/fuzz-routes.ts) in npm test: every route of every service, reached
// over real loopback sockets with bent bodies, paths, queries, headers and methods, must be
// answered, in its service's own envelope and inside its route's declared response schema, never with a 5xx. Run as the script it is (its own
// process, its own app), bounded in requests and seconds; two fixed seeds so a failure replays
// with `npx tsx scripts/fuzz-routes.ts --seed N`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'novamock-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface FuzzReport {
  seed: number; routes: number; sent: number;
  unanswered: number; offEnvelope: number; offSchema: number; serverErrors: number;
  findings: Array<{ service: string; route: string; problem: string; example: string }>;
}

describe('route fuzz', () => {
  for (const seed of [15, 16]) {
    test(`seed ${seed}: every answer in its service's envelope, no 5xx, nothing unanswered`, async () => {
      const out = join(dir, `fuzz-${seed}.json`);
      // exit code 1 means findings: read the report either way and show them
      await run('npx', ['tsx', 'scripts/fuzz-routes.ts', '--seed', String(seed), '--requests', '1500',
        '--max-seconds', '90', '--concurrency', '4', '--timeout-ms', '10000', '--json', out],
      { maxBuffer: 16 * 1024 * 1024, timeout: 150_000 }).catch(() => undefined);
      const report = JSON.parse(readFileSync(out, 'utf8')) as FuzzReport;
      expect(report.routes).toBeGreaterThan(500);
      // a run cut short by its time bound still has to have reached a good share of the routes
      expect(report.sent).toBeGreaterThan(300);
      expect(report.findings.map((f) => `[${f.service}] ${f.route}: ${f.problem} -- ${f.example}`)).toEqual([]);
      expect({ unanswered: report.unanswered, offEnvelope: report.offEnvelope, offSchema: report.offSchema, serverErrors: report.serverErrors })
        .toEqual({ unanswered: 0, offEnvelope: 0, offSchema: 0, serverErrors: 0 });
    }, 180_000);
  }
});
