// The server process at LOG_LEVEL=info, its stdout a pipe: every request's line is there when it
// stops on SIGTERM or SIGINT, the lines of its last turns and the shutdown line included (log
// lines are batched per event-loop turn and written at exit: src/runtime/log-destination.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/cloud-process.js';

const ROOT = join(import.meta.dirname, '..', '..');
const REQUESTS = 300;

async function serveAndStop(signal: 'SIGTERM' | 'SIGINT'): Promise<{ code: number | null; lines: Record<string, unknown>[]; ids: string[] }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), PLACEMENT_STANDALONE_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 10 });
  const ids: string[] = [];
  try {
    let ready = false;
    for (let i = 0; i < 600 && !ready && child.exitCode === null; i++) {
      ready = await pool.request({ method: 'GET', path: '/placement/' }).then(async (r) => { await r.body.dump(); return r.statusCode === 200; }, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, `server did not answer: ${stderr}`).toBe(true);
    // ten at a time, so that a turn answers several; the signal follows the last answer at once
    for (let i = 0; i < REQUESTS; i += 10) {
      await Promise.all(Array.from({ length: 10 }, async () => {
        const r = await pool.request({ method: 'GET', path: '/placement/resource_providers', headers: { 'x-auth-token': 'admin' } });
        await r.body.dump();
        expect(r.statusCode).toBe(200);
        ids.push(String(r.headers['x-openstack-request-id']));
      }));
    }
  } finally {
    await pool.close();
    child.kill(signal);
  }
  const code = await exited;
  const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, ids };
}

describe('request log of the server process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`has every request's line on stdout after ${signal}`, async () => {
      const { code, lines, ids } = await serveAndStop(signal);
      expect(code).toBe(0);
      const logged = new Set(lines.filter((l) => l.msg === 'request completed').map((l) => l.reqId));
      expect(ids).toHaveLength(REQUESTS);
      expect(ids.filter((id) => !logged.has(id))).toEqual([]);
      expect(lines.at(-1)).toMatchObject({ msg: 'shutting down', signal });
    }, 90_000);
  }
});
