// One full garbage collection once the server has gone quiet. V8 gives back the heap a burst of
// requests (or the start-up) left behind only at its next major GC, and an idle server never
// reaches one: RSS stayed at the load's peak after everything was deleted (the soak bench:
// +14% after 20 s idle). A full GC also shrinks the young generation the burst grew (16 MB of
// semi-spaces back to 1 MB), which V8 otherwise keeps for the process's life — but only when
// the allocation rate V8 measured since its previous GC is low and not zero: right after a burst
// it is high, and a second GC with nothing allocated between measures zero. So when the first
// left the young generation grown, a second GC runs after a small allocation two quiet periods
// later (soak --quick on a quiet machine, a minute idle: +50% -> +14% over the start). Not one:
// V8 averages the rate over the last 5 s of running time since its GCs, and a GC one 5 s period
// after the first came 5 s minus the first GC's own duration after it, so the burst's rate was
// still in the average (a standalone test: shrinks 4,990 ms after a GC, not 4,800); under load
// the first GC is long and the young generation stayed at 32 MB through the soak's idle minute.
//
// The first GC of a quiet spell waits for six whole quiet periods (30 s), not one: every full GC
// deoptimizes the code the requests ran (V8 --trace-deopt-verbose: 72-120 functions "marked for
// deoptimization, reason: weak objects": maps that only the requests' short-lived objects had die
// with them), and the next burst re-optimizes ~200 functions. A server that went quiet for 12 s
// between bursts (a CI job between phases, the benches' turns) paid 2x the CPU per request for
// the next burst: 732 against 366 us per GET /placement/resource_providers without the GC (same
// minutes, both servers loaded at once, load 11). Half a minute of quiet is worth the re-tiering;
// a server that stays quiet still gives its memory back well inside the soak's idle minute.
//
// After each of these GCs the C heap's free pages go back too (native-heap-trim.ts: glibc keeps
// what the burst freed inside its heaps otherwise).
import v8 from 'node:v8';
import vm from 'node:vm';
import { trimNativeHeap } from './native-heap-trim.js';

export interface IdleGcOptions {
  /** The timer's period (5 s). */
  readonly periodMs?: number;
  /** Whole quiet periods (after activity) before the spell's GC (6: 30 s). */
  readonly quietPeriods?: number;
  /** Tests: the collector, whether it left the young generation grown, and the timer. */
  readonly gc?: () => void;
  readonly youngGenerationGrown?: () => boolean;
  readonly every?: (fn: () => void, ms: number) => { unref(): unknown };
  /** Tests: what returns the C heap's free pages after each GC (native-heap-trim.ts). */
  readonly trim?: () => unknown;
}

export interface IdleGc {
  /** A request arrived (or other work ran). */
  touch(): void;
}

/** The start-up counts as activity: its garbage goes at the first quiet period too. */
export function collectGarbageWhenIdle(o: IdleGcOptions = {}): IdleGc {
  let served = true;
  let busy = true;
  // whole quiet periods since the last activity
  let quiet = 0;
  const quietPeriods = o.quietPeriods ?? QUIET_PERIODS;
  // quiet periods left before the follow-up GC (0: none due)
  let followUpIn = 0;
  let gc = o.gc;
  const grown = o.youngGenerationGrown ?? youngGenerationGrown;
  const every = o.every ?? ((fn, ms) => setInterval(fn, ms));
  const trim = o.trim ?? trimNativeHeap;
  every(() => {
    if (busy) { busy = false; quiet = 0; followUpIn = 0; return; }
    const followUp = followUpIn > 0;
    if (followUp && --followUpIn > 0) return;
    if (!followUp && ++quiet < quietPeriods) return;
    if (!served && !followUp) return;
    served = false;
    gc ??= exposedGc();
    // a measured rate of exactly zero keeps the young generation as it is
    if (followUp) quietAllocation = new Array(16_384).fill(0);
    gc();
    quietAllocation = null;
    trim();
    if (!followUp && grown()) followUpIn = FOLLOW_UP_PERIODS;
  }, o.periodMs ?? 5_000).unref();
  return { touch() { served = true; busy = true; } };
}

/** Whole quiet periods before a spell's GC: 30 s (see the top of this file). */
const QUIET_PERIODS = 6;

/** The follow-up's distance from the first GC, in quiet periods: more than V8's 5 s window. */
const FOLLOW_UP_PERIODS = 2;

let quietAllocation: unknown = null;

/** New space above its floor (1 MB at rest; a burst grows it to 32 MB). */
function youngGenerationGrown(): boolean {
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return young !== undefined && young.space_size > 8 * 1024 * 1024;
}

/**
 * A full GC without a node flag: the gc() of a context created while --expose-gc is set. It
 * compacts: a plain full GC evacuates only the pages V8's heuristics pick, and after a burst it
 * left the old space a third free (soak: 38.7 MB committed for 27.7 used) and, when the burst's
 * allocation rate was still in its figures, the young generation at 32 MB instead of 1 MB.
 */
function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  let gc: () => void;
  try {
    gc = vm.runInNewContext('gc') as () => void;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  return () => {
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}
