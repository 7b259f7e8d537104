// The real server process (scripts/start.mjs) on a database file, for restart and crash tests:
// start, stop with SIGTERM or SIGKILL, start again on the same file and port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';

const ROOT = join(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class CloudProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> | null = null;
  stderr = '';

  constructor(readonly database: string, readonly port: number, readonly env: Record<string, string> = {}) {}

  get baseUrl(): string { return `http://127.0.0.1:${this.port}`; }

  /** Start and wait until the API answers (recovery runs before it listens). */
  async start(): Promise<void> {
    if (this.child) throw new Error('already running');
    this.stderr = '';
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(this.port), DATABASE: this.database, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.child = child;
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${this.stderr}`);
      const up = await request(`${this.baseUrl}/placement/`).then(async (r) => { await r.body.text(); return r.statusCode === 200; }, () => false);
      if (up) return;
      await pause(50);
    }
    throw new Error(`server did not answer: ${this.stderr}`);
  }

  /** Stop it: SIGKILL is a crash (nothing runs after it), SIGTERM the graceful stop. */
  async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    child.kill(signal);
    const code = await this.exited;
    this.child = null;
    return code;
  }
}
