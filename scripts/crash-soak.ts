// `npm run crash-soak -- [--kills N] [--workers N] [--seed N] [--port P]`: kill -9 the real server
// (scripts/start.mjs on a database file) N times under a steady write load, restart it on the
// same file each time, and check what it acknowledged. Prints, and exits non-zero unless the last
// three are 0:
//   acknowledged writes        every 2xx answer to a write
//   lost acknowledged writes   an acknowledged create/delete/metadata/action not found after restart
//   transient after recovery   servers with a task_state (or BUILD), moves left in progress
//   audit entries              GET /_mock/audit findings after each recovery
// Loopback only; PROGRESSION=timed (scaled down) so that workflows are in flight when it dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { seededRandom } from '../src/runtime/seeded-random.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
const { values: opts } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    workers: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
    port: { type: 'string', default: '0' },
    'timed-scale': { type: 'string', default: '0.3' },
  },
});
const KILLS = Number(opts.kills);
const WORKERS = Number(opts.workers);

// mulberry32: the kill instants and the choice of operations are reproducible from --seed
const random = seededRandom(Number(opts.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const agent = new Agent({ pipelining: 0, connect: { timeout: 2000 } });
let base = '';

interface Reply { status: number; body: any; requestId: string | null }

async function http(method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await request(base + path, {
    method: method as 'GET',
    headers: {
      'x-auth-token': 'admin', 'openstack-api-version': 'compute 2.93',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    dispatcher: agent,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await res.body.text();
  const rid = res.headers['x-openstack-request-id'] ?? res.headers['x-compute-request-id'];
  return { status: res.statusCode, body: text ? JSON.parse(text) : null, requestId: typeof rid === 'string' ? rid : null };
}
const compute = (method: string, path: string, body?: unknown) => http(method, `/compute/v2.1${path}`, body);

/** What the server acknowledged (a 2xx to a write), to be found again after every restart. */
type Ack =
  | { kind: 'create'; server: string }
  | { kind: 'delete'; server: string }
  | { kind: 'metadata'; server: string; key: string; value: string }
  | { kind: 'action'; server: string; requestId: string; action: string };
const acks: Ack[] = [];
const deleted = new Set<string>();
/** DELETEs sent whose answer was lost with the process: the server may or may not be gone. */
const deleteSent = new Set<string>();
/** Acknowledged writes found missing (each counted once). */
const lostAcks = new Set<Ack>();
let ackCount = 0;

function ack(a: Ack): void {
  ackCount++;
  acks.push(a);
  if (a.kind === 'delete') deleted.add(a.server);
}

// --- the server process -------------------------------------------------------------------
let child: ChildProcess | null = null;
let exited: Promise<void> = Promise.resolve();

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

async function startServer(db: string, port: number): Promise<number> {
  const t0 = performance.now();
  let stderr = '';
  child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE: db, LOG_LEVEL: 'warn',
      PROGRESSION: 'timed', TIMED_SCALE: opts['timed-scale'],
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const c = child;
  exited = new Promise((r) => c.on('exit', () => r()));
  for (let i = 0; i < 600; i++) {
    if (c.exitCode !== null) throw new Error(`server exited with ${c.exitCode}: ${stderr}`);
    const up = await request(`${base}/placement/`, { dispatcher: agent }).then(async (r) => { await r.body.text(); return r.statusCode === 200; }, () => false);
    if (up) return performance.now() - t0;
    await sleep(25);
  }
  throw new Error(`server did not answer: ${stderr}`);
}

async function killServer(): Promise<void> {
  child?.kill('SIGKILL');
  await exited;
  child = null;
}

// --- the load -----------------------------------------------------------------------------
let running = false;

async function waitSettled(server: string): Promise<any | null> {
  for (let i = 0; i < 100 && running; i++) {
    const r = await compute('GET', `/servers/${server}`);
    if (r.status === 404) return null;
    const s = r.body.server;
    if (s['OS-EXT-STS:task_state'] === null && s.status !== 'BUILD') return s;
    await sleep(20);
  }
  return null;
}

/** One client: its own servers, a random write at a time; errors (the process died) end the round. */
async function worker(n: number, mine: string[]): Promise<void> {
  let seq = 0;
  while (running) {
    try {
      const live = mine.filter((s) => !deleted.has(s));
      if (live.length < 2) {
        const r = await compute('POST', '/servers', { server: { name: `w${n}-${seq++}`, imageRef: IMAGE, flavorRef: '1', networks: 'none' } });
        if (r.status === 202) { ack({ kind: 'create', server: r.body.server.id }); mine.push(r.body.server.id); }
        continue;
      }
      const id = pick(live);
      const s = await waitSettled(id);
      if (!s || !running) continue;
      const op = pick(['metadata', 'metadata', 'stop-start', 'reboot', 'resize', 'resize', 'delete']);
      if (op === 'metadata') {
        const key = `k${n}_${seq++}`;
        const r = await compute('POST', `/servers/${id}/metadata`, { metadata: { [key]: 'v' } });
        if (r.status === 200) ack({ kind: 'metadata', server: id, key, value: 'v' });
      } else if (op === 'delete') {
        deleteSent.add(id);
        const r = await compute('DELETE', `/servers/${id}`);
        if (r.status === 204) ack({ kind: 'delete', server: id });
      } else {
        const body = op === 'reboot' ? { reboot: { type: 'SOFT' } }
          : op === 'resize' ? (s.status === 'VERIFY_RESIZE' ? pick([{ confirmResize: null }, { revertResize: null }]) : { resize: { flavorRef: s.flavor.original_name === 'm1.tiny' ? '2' : '1' } })
          : s.status === 'SHUTOFF' ? { 'os-start': null } : { 'os-stop': null };
        const r = await compute('POST', `/servers/${id}/action`, body);
        if (r.status >= 200 && r.status < 300 && r.requestId) ack({ kind: 'action', server: id, requestId: r.requestId, action: Object.keys(body)[0]! });
      }
    } catch {
      await sleep(5); // the process is gone: unacknowledged; the loop ends when running drops
    }
  }
}

// --- the checks after a restart --------------------------------------------------------------
interface Round { lost: string[]; transient: string[]; audit: number; recoveryMs: number; details: string[] }

const TRANSIENT_MIGRATION = new Set(['pre-migrating', 'migrating', 'post-migrating', 'confirming', 'reverting']);

async function check(recoveryMs: number): Promise<Round> {
  const lost: string[] = [];
  const miss = (a: Ack, what: string) => { if (!lostAcks.has(a)) { lostAcks.add(a); lost.push(what); } };
  for (const a of acks) {
    if (lostAcks.has(a) || (a.kind !== 'delete' && deleted.has(a.server))) continue;
    const r = await compute('GET', `/servers/${a.server}`);
    if (a.kind === 'delete') {
      if (r.status !== 404) miss(a, `delete of ${a.server}: still ${r.body?.server?.status}/${r.body?.server?.['OS-EXT-STS:task_state']}`);
      continue;
    }
    if (r.status === 404) {
      // a DELETE the process applied but died before answering: not a lost write
      if (deleteSent.has(a.server)) { deleted.add(a.server); continue; }
      miss(a, `${a.kind} of ${a.server}: server not found`);
      continue;
    }
    if (a.kind === 'metadata' && r.body.server.metadata[a.key] !== a.value) miss(a, `metadata ${a.key} of ${a.server} missing`);
    if (a.kind === 'action') {
      const ev = await compute('GET', `/servers/${a.server}/os-instance-actions/${a.requestId}`);
      if (ev.status !== 200) miss(a, `${a.action} ${a.requestId} of ${a.server}: no instance action`);
    }
  }
  const transient: string[] = [];
  const servers = (await compute('GET', '/servers/detail?all_tenants=1')).body.servers as any[];
  for (const s of servers) {
    if (s['OS-EXT-STS:task_state'] !== null || s.status === 'BUILD') transient.push(`server ${s.id} ${s.status}/${s['OS-EXT-STS:task_state']}`);
  }
  const byId = new Map(servers.map((s) => [s.id, s]));
  for (const m of (await compute('GET', '/os-migrations')).body.migrations as any[]) {
    if (TRANSIENT_MIGRATION.has(m.status) || (m.status === 'finished' && byId.get(m.instance_uuid)?.status !== 'VERIFY_RESIZE')) {
      transient.push(`migration ${m.uuid} ${m.status}`);
    }
  }
  const audit = (await http('GET', '/_mock/audit')).body.audit as unknown[];
  for (const f of audit) transient.push(`audit: ${JSON.stringify(f)}`);
  return { lost, transient: transient.slice(0, transient.length - audit.length), audit: audit.length, recoveryMs, details: transient };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'novamock-soak-'));
  const db = join(dir, 'soak.db');
  const port = Number(opts.port) || await freePort();
  base = `http://127.0.0.1:${port}`;
  const owned: string[][] = Array.from({ length: WORKERS }, () => []);
  let lost = 0;
  let transient = 0;
  let audit = 0;
  const startMs: number[] = [];
  try {
    startMs.push(await startServer(db, port));
    for (let k = 1; k <= KILLS; k++) {
      running = true;
      const load = owned.map((mine, n) => worker(n, mine));
      await sleep(300 + Math.floor(random() * 900));
      await killServer();
      running = false;
      await Promise.all(load);
      const ms = await startServer(db, port);
      startMs.push(ms);
      const r = await check(ms);
      lost += r.lost.length;
      transient += r.transient.length;
      audit += r.audit;
      for (const line of [...r.lost, ...r.details]) console.log(`  kill ${k}: ${line}`);
      console.log(`kill ${String(k).padStart(2)}: acknowledged so far ${ackCount}, restart+recovery ${ms.toFixed(0)} ms, lost ${r.lost.length}, transient ${r.transient.length}, audit ${r.audit}`);
    }
  } finally {
    await killServer();
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const servers = new Set(acks.filter((a) => a.kind === 'create').map((a) => a.server));
  console.log('');
  console.log(`kills                          ${KILLS} (SIGKILL, file database, ${WORKERS} writers, PROGRESSION=timed x${opts['timed-scale']}, seed ${opts.seed})`);
  console.log(`acknowledged writes            ${ackCount} (servers created ${servers.size}, deleted ${deleted.size})`);
  console.log(`lost acknowledged writes       ${lost}`);
  console.log(`transient after recovery       ${transient}`);
  console.log(`audit entries                  ${audit}`);
  console.log(`start to first answer          median ${[...startMs].sort((a, b) => a - b)[Math.floor(startMs.length / 2)]!.toFixed(0)} ms (recovery included)`);
  process.exitCode = lost + transient + audit === 0 ? 0 : 1;
}

await main();
