// `--oracle`: re-measure the real Placement 8.0.0 now, on this machine, with the conformance
// kit's own perf-bench.sh (fresh DB per size), on infra's oracle port. Takes minutes (N=1000
// loads 1000 providers at ~27 ms each). PERF_SIZES / PERF_ITERS pass through.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const KIT = '/work/shared/conformance/placement';

export async function runOracle(outDir: string, log: (m: string) => void): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const port = process.env.BENCH_ORACLE_PORT ?? '18785';
  const env = {
    ...process.env,
    PLACEMENT_PORT: port,
    PLACEMENT_STATE_DIR: process.env.BENCH_ORACLE_STATE_DIR ?? '/tmp/placement-oracle-infra',
  };
  log(`[bench] live oracle: real Placement on 127.0.0.1:${port} -> ${outDir}`);
  try {
    await run('bash', [join(KIT, 'perf-bench.sh'), `http://127.0.0.1:${port}`, join(KIT, 'start-real-placement.sh'), outDir], env);
  } finally {
    await run('bash', [join(KIT, 'stop-real-placement.sh')], env).catch(() => undefined);
  }
  return outDir;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args[0]} exited ${code}`))));
  });
}
