// The compute node `stats` the scheduler reads (nova/compute/stats.py, kept by each compute's
// resource tracker): per node the state of each instance as the tracker last saw it, which
// gives `io_workload` (IoOpsWeigher) and `failed_builds` (BuildFailureWeigher).
//
// The tracker sees an instance only when one of its methods runs (instance_claim, abort of a
// claim, update_usage at deletion or shelve offload) and writes the compute node (`_update`)
// at those points and on move claims; the `update_available_resource` periodic that would
// recount every instance is not run here (as in nova's functional environment; a deployment
// runs it every 60 s). So, as in nova, a booted instance keeps counting as a build in
// io_workload, and a failed build is counted in memory but reaches the scheduler only at the
// node's next write (`_build_failed`: "wait for the next ... periodic to flush it").
import type { TaskState } from '../compute-db/task-states.js';

/** stats.io_workload: builds, and these task states. */
const IO_TASKS = new Set(['resize_migrating', 'rebuilding', 'resize_prep', 'image_snapshot', 'image_backup', 'rescuing', 'unshelving']);

/** What the scheduler consumed on a node since the node was last written (HostState.consume_from_request). */
export interface Consumed {
  ramMb: number;
  vcpus: number;
  diskMb: number;
  ioOps: number;
}

interface InstanceState { vmState: string; taskState: TaskState | null }

interface LiveStats {
  states: Map<string, InstanceState>;
  failedBuilds: number;
  /** How many of states count in io_workload, kept as they change (as nova's Stats keeps its
   * counters): a save at each claim no longer walks every instance of the node. */
  io: number;
}

const countsAsIo = (st: InstanceState): boolean => st.vmState === 'building' || (st.taskState !== null && IO_TASKS.has(st.taskState));

/** What the scheduler reads of a node: its last written stats. */
export interface SavedStats {
  ioWorkload: number;
  failedBuilds: number;
}

// Read for every candidate host of every instance scheduled: one shared value, not one per read.
const NOTHING_CONSUMED: Readonly<Consumed> = Object.freeze({ ramMb: 0, vcpus: 0, diskMb: 0, ioOps: 0 });
const NO_SAVED_STATS: Readonly<SavedStats> = Object.freeze({ ioWorkload: 0, failedBuilds: 0 });

export class HostStats {
  private readonly live = new Map<string, LiveStats>();
  private readonly saved = new Map<string, SavedStats>();
  // The scheduler's HostState keeps what it consumed until the compute node is written again
  // (_update_from_compute_node skips a node not updated since): a host picked for a member of a
  // multi-create that then failed, or for a move whose claim never ran, stays that much fuller.
  private readonly consumed = new Map<string, Consumed>();

  private of(node: string): LiveStats {
    let s = this.live.get(node);
    if (!s) {
      s = { states: new Map(), failedBuilds: 0, io: 0 };
      this.live.set(node, s);
    }
    return s;
  }

  /** update_stats_for_instance (a deleted or offloaded instance leaves the stats). */
  trackInstance(node: string, uuid: string, vmState: string, taskState: TaskState | null): void {
    const s = this.of(node);
    if (vmState === 'deleted' || (vmState === 'shelved_offloaded' && taskState !== 'spawning' && taskState !== 'unshelving')) this.setState(s, uuid, null);
    else this.setState(s, uuid, { vmState, taskState });
  }

  removeInstance(node: string, uuid: string): void {
    this.setState(this.of(node), uuid, null);
  }

  private setState(s: LiveStats, uuid: string, next: InstanceState | null): void {
    const prev = s.states.get(uuid);
    if (prev !== undefined && countsAsIo(prev)) s.io--;
    if (next === null) { s.states.delete(uuid); return; }
    s.states.set(uuid, next);
    if (countsAsIo(next)) s.io++;
  }

  /** rt.build_failed / build_succeeded: in memory only until the node is next written. */
  buildFailed(node: string): void { this.of(node).failedBuilds++; }
  buildSucceeded(node: string): void { this.of(node).failedBuilds = 0; }

  /** The tracker's _update: the compute node record gets the current stats. */
  save(node: string): void {
    const s = this.of(node);
    this.saved.set(node, { ioWorkload: s.io, failedBuilds: s.failedBuilds });
    this.consumed.delete(node);
  }

  /** consume_from_request on the selected host. */
  consume(node: string, c: Omit<Consumed, 'ioOps'>): void {
    const was = this.consumedOn(node);
    this.consumed.set(node, { ramMb: was.ramMb + c.ramMb, vcpus: was.vcpus + c.vcpus, diskMb: was.diskMb + c.diskMb, ioOps: was.ioOps + 1 });
  }

  consumedOn(node: string): Readonly<Consumed> {
    return this.consumed.get(node) ?? NOTHING_CONSUMED;
  }

  view(node: string): Readonly<SavedStats> {
    return this.saved.get(node) ?? NO_SAVED_STATS;
  }

  /** A compute that starts (or leaves) begins with empty stats. */
  forget(node: string): void {
    this.live.delete(node);
    this.saved.delete(node);
    this.consumed.delete(node);
  }

  clear(): void {
    this.live.clear();
    this.saved.clear();
    this.consumed.clear();
  }
}
