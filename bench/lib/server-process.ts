// The service as users start it (`npm start`), in its own process group, for the one-shot
// metrics: time to the first 200 on /placement/, and the RSS of the server process read
// from /proc/<pid>/status (npm and sh are parents; the server is the biggest node below them).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';

export interface ServerProcess {
  readonly mainUrl: string;
  readonly placementUrl: string | null;
  /** ms from spawn to the first 200 on GET /placement/. */
  readonly readyMs: number;
  /**
   * CPU time (user + system) the whole process tree (npm, sh, node) had used at that first 200:
   * what the start costs on an idle machine, unlike readyMs, which waits for the CPU when the
   * cores are shared. 10 ms resolution (clock ticks).
   */
  readonly readyCpuMs: number;
  /** VmRSS in MB of the server process (the largest node process in the tree). */
  rssMb(): { pid: number; rssMb: number; hwmMb: number };
  /** CPU time (user + system) the process tree has used so far, 10 ms resolution. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  port: number;
  placementStandalonePort?: number;
  env?: Record<string, string>;
  /** Give up after this many ms (default 30 s). */
  timeoutMs?: number;
  /** What to start (default `npm start --silent`); it must answer 200 on GET /placement/ at `port`. */
  command?: readonly [string, ...string[]];
}

export async function startServerProcess(o: SpawnOptions): Promise<ServerProcess> {
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(o.port),
    PLACEMENT_STANDALONE_PORT: String(o.placementStandalonePort ?? 0),
    LOG_LEVEL: 'warn',
    ...o.env,
  };
  const t0 = performance.now();
  // detached: its own process group, so stop() can end npm, sh and node together.
  const [file, ...args] = o.command ?? ['npm', 'start', '--silent'];
  const child = spawn(file, args, { cwd: o.cwd, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const mainUrl = `http://127.0.0.1:${o.port}`;
  const deadline = t0 + (o.timeoutMs ?? 30_000);
  let readyMs: number | undefined;
  let dead = false;
  void exited.then(() => { dead = true; });
  while (readyMs === undefined) {
    if (dead) throw new Error(`${file} ${args.join(' ')} exited before serving: ${stderr.trim()}`);
    if (performance.now() > deadline) { await stopGroup(child, exited); throw new Error(`${file} ${args.join(' ')}: no 200 on /placement/ within ${o.timeoutMs ?? 30_000} ms`); }
    try {
      const res = await request(`${mainUrl}/placement/`, { headers: { connection: 'close' } });
      await res.body.dump();
      if (res.statusCode === 200) readyMs = performance.now() - t0;
    } catch { /* not listening yet */ }
    if (readyMs === undefined) await new Promise((r) => setTimeout(r, 5));
  }
  const readyCpuMs = treeCpuMs(child.pid!);
  return {
    mainUrl,
    placementUrl: o.placementStandalonePort ? `http://127.0.0.1:${o.placementStandalonePort}` : null,
    readyMs,
    readyCpuMs,
    rssMb: () => serverRss(child.pid!),
    cpuMs: () => treeCpuMs(child.pid!),
    stop: () => stopGroup(child, exited),
  };
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  try { process.kill(-child.pid!, 'SIGTERM'); } catch { return; }
  const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000);
  await exited;
  clearTimeout(timer);
}

function status(pid: number): Record<string, string> | null {
  try {
    return Object.fromEntries(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i), l.slice(i + 1).trim()];
    }));
  } catch { return null; }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = status(Number(entry));
    if (!s) continue;
    const ppid = Number(s.PPid);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

function serverRss(root: number): { pid: number; rssMb: number; hwmMb: number } {
  const kb = (v: string | undefined) => Number((v ?? '0').replace(/\s*kB$/, ''));
  let best = { pid: root, rssMb: 0, hwmMb: 0 };
  for (const pid of descendants(root)) {
    const s = status(pid);
    if (!s || s.Name !== 'node') continue;
    const rssMb = kb(s.VmRSS) / 1024;
    if (rssMb > best.rssMb) best = { pid, rssMb, hwmMb: kb(s.VmHWM) / 1024 };
  }
  return best;
}

/** utime + stime of every live process in the tree, and what their finished children used. */
function treeCpuMs(root: number): number {
  const TICK_MS = 10; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const pid of descendants(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[11..14] = utime, stime, cutime, cstime (stat fields 14..17)
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch { /* exited meanwhile */ }
  }
  return ticks * TICK_MS;
}
