// `npm run bench -- [filter...] [options]`: discover bench/*.bench.ts, run the cases whose
// name contains any filter, print a table, write .bench-results/latest.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { discoverCases, groupByFixture, toMatcher } from './lib/discover-cases.js';
import { runCases, type CaseResult } from './lib/bench-runner.js';
import { printTable } from './lib/bench-report.js';
import { runOracle } from './lib/placement-oracle.js';
import { useReferenceDir } from './lib/real-placement-figures.js';
import { writeReadmeSection, type ResultsFile } from './lib/readme-section.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

const USAGE = `usage: npm run bench -- [filter...] [options]
  filter              run cases whose name matches any filter (case-insensitive regex or substring: 'N=10$');
                      opt-in cases (scale/...: minutes to hours) run only when a filter names them
  --list              list the cases and exit
  --iterations N      timed iterations per latency case (default: each case's own, usually 50)
  --warmup N          untimed iterations first (default: each case's own, usually 3)
  --max-seconds S     stop a latency case's timed loop after S seconds (default 60)
  --keep-alive        reuse connections (default: a new TCP connection per request, like the anchor)
  --spawn             serve each fixture from its own \`npm start\` process (logging at info), not in-process;
                      fixtures that load state through in-process services then fail (ports 18730/18731,
                      BENCH_SPAWN_PORT)
  --oracle            first re-measure the real Placement live (port 18785; takes minutes)
  --out FILE          results JSON (default .bench-results/latest.json)
  --quick             fewer rounds, shorter runs, 10 iterations per latency case (a few minutes)
  --readme            then write the README's performance figures from the results (npm run bench:readme)`;

/** The commit measured, '+dirty' when the work tree has changes (figures then mean less). */
function currentCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      list: { type: 'boolean' },
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      'max-seconds': { type: 'string' },
      'keep-alive': { type: 'boolean' },
      spawn: { type: 'boolean' },
      oracle: { type: 'boolean' },
      out: { type: 'string' },
      quick: { type: 'boolean' },
      readme: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { console.log(USAGE); return 0; }
  const count = (flag: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${flag} must be a non-negative number`);
    return n;
  };
  const filters = positionals.map(toMatcher);
  // read by the metric cases (startup, throughput, ...): fewer rounds, shorter runs
  if (values.quick) process.env.BENCH_QUICK = '1';

  if (values.oracle) {
    const dir = await runOracle(join(ROOT, '.bench-results', 'oracle'), (m) => console.error(m));
    useReferenceDir(dir, 'real 8.0.0 (live)');
  }
  // opt-in cases (minutes to hours) run only when a filter names them
  const all = await discoverCases();
  if (values.list) {
    for (const c of all) if (filters.length === 0 || filters.some((f) => f.test(c.name))) console.log(`${c.kind.padEnd(8)} ${c.name}${c.kind === 'metric' && c.optIn ? '  (opt-in)' : ''}`);
    return 0;
  }
  const selected = groupByFixture(all.filter((c) => (filters.length === 0 ? !(c.kind === 'metric' && c.optIn) : filters.some((f) => f.test(c.name)))));
  if (selected.length === 0) { console.error('no bench case matches', positionals.join(' ')); return 2; }

  const options = {
    iterations: count('iterations', values.iterations) ?? (values.quick ? 10 : undefined),
    warmup: count('warmup', values.warmup),
    maxSeconds: count('max-seconds', values['max-seconds']) ?? (values.quick ? 10 : 60),
    keepAlive: Boolean(values['keep-alive']),
    spawnPort: values.spawn ? Number(process.env.BENCH_SPAWN_PORT ?? 18730) : undefined,
  };
  const loadBefore = loadavg();
  const results: CaseResult[] = await runCases(selected, options, (m) => console.error(m));
  printTable(results);
  console.log(`\nloadavg before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cpus)`);

  const out = values.out ?? join(ROOT, '.bench-results', 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({
    finishedAt: new Date().toISOString(),
    commit: currentCommit(),
    machine: { node: process.version, cpus: cpus().length, loadavgBefore: loadBefore, loadavgAfter: loadavg() },
    options: { ...options, filters: positionals, oracle: Boolean(values.oracle), quick: Boolean(values.quick) },
    results,
  }, null, 1));
  console.log(`\nresults: ${out}`);
  if (values.readme) {
    writeReadmeSection(join(ROOT, 'README.md'), JSON.parse(readFileSync(out, 'utf8')) as ResultsFile);
    console.log('README.md: performance figures written');
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(2);
});
