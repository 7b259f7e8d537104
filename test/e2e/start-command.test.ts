// `npm start` as users run it (scripts/start.mjs: bundle when src/ changed, then serve): both
// listeners answer over real sockets, and SIGTERM closes it cleanly with exit code 0.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/cloud-process.js';

const ROOT = join(import.meta.dirname, '..', '..');

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await request(url, { headers: { 'x-auth-token': 'admin' } });
  return { status: res.statusCode, body: await res.body.text() };
}

describe('npm start (scripts/start.mjs)', () => {
  it('serves the main port and the standalone Placement port, and stops cleanly on SIGTERM', async () => {
    const [port, placementPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), PLACEMENT_STANDALONE_PORT: String(placementPort), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let ready = false;
      for (let i = 0; i < 600 && !ready && child.exitCode === null; i++) {
        ready = await get(`http://127.0.0.1:${port}/placement/`).then((r) => r.status === 200, () => false);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready, `server did not answer: ${stderr}`).toBe(true);

      const placement = await get(`http://127.0.0.1:${port}/placement/`);
      expect(JSON.parse(placement.body)).toMatchObject({ versions: [{ id: 'v1.0', max_version: '1.39', min_version: '1.0' }] });
      const standalone = await get(`http://127.0.0.1:${placementPort}/`);
      expect(standalone.status).toBe(200);
      expect(JSON.parse(standalone.body)).toMatchObject({ versions: [{ max_version: '1.39' }] });
      const compute = await get(`http://127.0.0.1:${port}/compute/v2.1/`);
      expect(compute.status).toBe(200);
      expect(JSON.parse(compute.body)).toMatchObject({ version: { id: 'v2.1', version: '2.93' } });
      // Swagger UI's assets come from a package left outside the bundle (scripts/build.mjs).
      const docs = await get(`http://127.0.0.1:${port}/docs/static/swagger-ui.css`);
      expect(docs.status).toBe(200);
      const openapi = await get(`http://127.0.0.1:${port}/docs/json`);
      expect(JSON.parse(openapi.body)).toMatchObject({ openapi: '3.1.0' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 90_000);
});
