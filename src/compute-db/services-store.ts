// SQL for nova services and compute nodes (nova/objects/service.py, compute_node.py).
import type { Db } from '../db/open-database.js';
import { statementCache } from '../db/statement-cache.js';
import type { ComputeNodeRecord, ComputeNodeUsage, ServiceBinary, ServiceRecord } from './records.js';

interface ServiceRow {
  id: number; uuid: string; host: string; binary: string; topic: string | null; disabled: number; disabled_reason: string | null;
  forced_down: number; version: number; created_at: string; updated_at: string | null;
}
interface NodeRow {
  id: number; uuid: string; service_id: number; host: string; hypervisor_hostname: string; driver: string; vcpus: number;
  memory_mb: number; local_gb: number; traits: string; created_at: string; updated_at: string | null;
}

export interface ServiceFilter { host?: string; binary?: ServiceBinary }

interface MoveRow {
  source_node: string | null; dest_node: string | null; migration_type: string; old_instance_type_id: number | null;
  node: string | null; flavor: string; old_flavor: string | null; new_flavor: string | null; vm_state: string; task_state: string | null;
}
interface FlavorSize { id: number; vcpus: number; memoryMb: number; rootGb: number; ephemeralGb: number }

/** A node_usage row (migration 111). */
export interface UsageRow { n: number; vcpus: number; mem: number; disk: number }
export interface NodeUsageRow extends UsageRow { node: string; seq: number }
const NO_USAGE: UsageRow = { n: 0, vcpus: 0, mem: 0, disk: 0 };

function withMoves(r: UsageRow, moves: readonly MoveRow[], node: string): ComputeNodeUsage {
  const m = migrationUsage(moves, node);
  return { runningVms: r.n, vcpusUsed: r.vcpus + m.vcpus, memoryMbUsed: r.mem + m.mem, localGbUsed: r.disk + m.disk };
}

const RESIZING_TASKS = new Set(['resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish']);

/**
 * resource_tracker._update_usage_from_migrations: an in-progress move also holds usage on a node the
 * instance is not (or no longer) tracked on: the new flavor on an incoming node, the old flavor on the
 * source until confirm/revert (kept for a revert), and on the same node the flavor it is not using yet.
 */
function migrationUsage(rows: readonly MoveRow[], node: string): { vcpus: number; mem: number; disk: number } {
  const out = { vcpus: 0, mem: 0, disk: 0 };
  for (const m of rows) {
    // _instance_in_resize_state
    if (!(m.vm_state === 'resized' || ((m.vm_state === 'active' || m.vm_state === 'stopped') && RESIZING_TASKS.has(m.task_state ?? '')))) continue;
    const incoming = m.dest_node === node;
    const outbound = m.source_node === node;
    const tracked = m.node === node;
    const current = JSON.parse(m.flavor) as FlavorSize;
    // _get_instance_type: only a resize stashes old_/new_ flavors
    const typed = (prefix: 'old' | 'new'): FlavorSize | null => (m.migration_type !== 'resize'
      ? current : JSON.parse((prefix === 'old' ? m.old_flavor : m.new_flavor) ?? 'null') as FlavorSize | null);
    let f: FlavorSize | null = null;
    if (incoming && outbound) f = current.id === m.old_instance_type_id ? typed('new') : typed('old');
    else if (incoming && !tracked) f = typed('new');
    else if (outbound && !tracked) f = typed('old');
    if (!f) continue;
    out.vcpus += f.vcpus;
    out.mem += f.memoryMb;
    out.disk += f.rootGb + f.ephemeralGb;
  }
  return out;
}

export function createServicesStore(db: Db, now: () => string) {
  const prepared = statementCache(db);
  const svcById = db.prepare('SELECT * FROM services WHERE id = ?');
  const svcByUuid = db.prepare('SELECT * FROM services WHERE uuid = ?');
  const svcByHostBinary = db.prepare('SELECT * FROM services WHERE host = ? AND binary = ?');
  const svcsByHostsBinary = db.prepare('SELECT * FROM services WHERE binary = ? AND host IN (SELECT value FROM json_each(?))');
  const insertSvc = db.prepare(`INSERT INTO services (uuid, host, binary, topic, disabled, disabled_reason, created_at, updated_at, last_seen_up)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const deleteSvc = db.prepare('DELETE FROM services WHERE id = ?');
  const nodeByUuid = db.prepare('SELECT * FROM compute_nodes WHERE uuid = ?');
  const nodeById = db.prepare('SELECT * FROM compute_nodes WHERE id = ?');
  const nodeByName = db.prepare('SELECT * FROM compute_nodes WHERE hypervisor_hostname = ?');
  const nodesByService = db.prepare('SELECT * FROM compute_nodes WHERE service_id = ? ORDER BY id');
  const allNodes = db.prepare('SELECT * FROM compute_nodes ORDER BY id');
  const insertNode = db.prepare(`INSERT INTO compute_nodes (uuid, service_id, host, hypervisor_hostname, driver, vcpus, memory_mb, local_gb, traits, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const deleteNodes = db.prepare('DELETE FROM compute_nodes WHERE service_id = ?');
  // node_usage is kept by triggers on instances (migration 111): what summing the node's live
  // instances' flavors gives, one row per node
  const usage = db.prepare('SELECT n, vcpus, mem, disk FROM node_usage WHERE node = ?');
  const usageSince = db.prepare('SELECT node, n, vcpus, mem, disk, seq FROM node_usage WHERE seq > ? ORDER BY seq');
  const changeSeq = db.prepare('SELECT v FROM change_seq WHERE name = ?').pluck();
  const allServices = db.prepare('SELECT * FROM services ORDER BY id');
  // MigrationList.get_in_progress_by_host_and_node, joined with the instance (innerjoin)
  const movesOfNode = db.prepare(`SELECT m.source_node, m.dest_node, m.migration_type, m.old_instance_type_id,
      i.node, i.flavor, i.old_flavor, i.new_flavor, i.vm_state, i.task_state
    FROM migrations m JOIN instances i ON i.uuid = m.instance_uuid
    WHERE m.deleted = 0 AND i.deleted = 0 AND (m.source_node = ? OR m.dest_node = ?)
      AND m.status NOT IN ('confirmed', 'reverted', 'error', 'failed', 'completed', 'cancelled', 'done')`);
  // its WHERE is migrations_in_progress's (migration 200), term for term: keep them the same
  const movesInProgress = db.prepare(`SELECT m.source_node, m.dest_node, m.migration_type, m.old_instance_type_id,
      i.node, i.flavor, i.old_flavor, i.new_flavor, i.vm_state, i.task_state
    FROM migrations m JOIN instances i ON i.uuid = m.instance_uuid
    WHERE m.deleted = 0 AND i.deleted = 0
      AND m.status NOT IN ('confirmed', 'reverted', 'error', 'failed', 'completed', 'cancelled', 'done')`);

  const toService = (r: ServiceRow): ServiceRecord => ({
    id: r.id, uuid: r.uuid, host: r.host, binary: r.binary as ServiceBinary, topic: r.topic, disabled: r.disabled === 1,
    disabledReason: r.disabled_reason, forcedDown: r.forced_down === 1, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  });
  const toNode = (r: NodeRow): ComputeNodeRecord => ({
    id: r.id, uuid: r.uuid, serviceId: r.service_id, host: r.host, hypervisorHostname: r.hypervisor_hostname, driver: r.driver,
    vcpus: r.vcpus, memoryMb: r.memory_mb, localGb: r.local_gb, traits: JSON.parse(r.traits) as string[],
    createdAt: r.created_at, updatedAt: r.updated_at,
  });
  const svc = (row: unknown) => (row ? toService(row as ServiceRow) : null);
  const node = (row: unknown) => (row ? toNode(row as NodeRow) : null);

  return {
    getService: (id: number): ServiceRecord | null => svc(svcById.get(id)),
    getServiceByUuid: (uuid: string): ServiceRecord | null => svc(svcByUuid.get(uuid)),
    findService: (host: string, binary: ServiceBinary): ServiceRecord | null => svc(svcByHostBinary.get(host, binary)),
    /** findService for many hosts in one query (a page of servers): host -> its service; unknown hosts left out. */
    findServices(hosts: readonly string[], binary: ServiceBinary): Map<string, ServiceRecord> {
      const out = new Map<string, ServiceRecord>();
      // (host, binary) is unique: one row per host
      for (const r of svcsByHostsBinary.all(binary, JSON.stringify(hosts)) as ServiceRow[]) out.set(r.host, toService(r));
      return out;
    },
    /** The services the API shows: its own (nova-osapi_compute) are left out, as nova's api_services. */
    listServices(f: ServiceFilter = {}): ServiceRecord[] {
      const where: string[] = ["binary != 'nova-osapi_compute'"];
      const args: unknown[] = [];
      if (f.host !== undefined) { where.push('host = ?'); args.push(f.host); }
      if (f.binary !== undefined) { where.push('binary = ?'); args.push(f.binary); }
      return (prepared(`SELECT * FROM services WHERE ${where.join(' AND ')} ORDER BY id`).all(...args) as ServiceRow[]).map(toService);
    },
    createService(s: { uuid: string; host: string; binary: ServiceBinary; disabled?: boolean; disabledReason?: string | null }): ServiceRecord {
      const ts = now();
      const topic = ({ 'nova-compute': 'compute', 'nova-conductor': 'conductor', 'nova-scheduler': 'scheduler', 'nova-osapi_compute': null } as const)[s.binary];
      const info = insertSvc.run(s.uuid, s.host, s.binary, topic, s.disabled ? 1 : 0, s.disabledReason ?? null, ts, ts, ts);
      return toService(svcById.get(Number(info.lastInsertRowid)) as ServiceRow);
    },
    /** Service.save for the os-services actions (disable/enable/force-down). */
    updateService(id: number, c: { disabled?: boolean; disabledReason?: string | null; forcedDown?: boolean }): ServiceRecord {
      const sets = ['updated_at = @ts'];
      const args: Record<string, unknown> = { id, ts: now() };
      if (c.disabled !== undefined) { sets.push('disabled = @disabled'); args.disabled = c.disabled ? 1 : 0; }
      if (c.disabledReason !== undefined) { sets.push('disabled_reason = @reason'); args.reason = c.disabledReason; }
      if (c.forcedDown !== undefined) { sets.push('forced_down = @fd'); args.fd = c.forcedDown ? 1 : 0; }
      prepared(`UPDATE services SET ${sets.join(', ')} WHERE id = @id`).run(args);
      return toService(svcById.get(id) as ServiceRow);
    },
    /** Deletes a service and its compute nodes (caller removes the provider from placement). */
    deleteService(id: number): void { deleteNodes.run(id); deleteSvc.run(id); },

    getNode: (uuid: string): ComputeNodeRecord | null => node(nodeByUuid.get(uuid)),
    getNodeById: (id: number): ComputeNodeRecord | null => node(nodeById.get(id)),
    getNodeByName: (hypervisorHostname: string): ComputeNodeRecord | null => node(nodeByName.get(hypervisorHostname)),
    listNodes: (): ComputeNodeRecord[] => (allNodes.all() as NodeRow[]).map(toNode),
    nodesOfService: (serviceId: number): ComputeNodeRecord[] => (nodesByService.all(serviceId) as NodeRow[]).map(toNode),
    createNode(n: { uuid: string; serviceId: number; host: string; hypervisorHostname: string; driver: string; vcpus: number; memoryMb: number; localGb: number; traits: readonly string[] }): ComputeNodeRecord {
      const info = insertNode.run(n.uuid, n.serviceId, n.host, n.hypervisorHostname, n.driver, n.vcpus, n.memoryMb, n.localGb, JSON.stringify(n.traits), now());
      return toNode(nodeById.get(Number(info.lastInsertRowid)) as NodeRow);
    },
    /** What the resource tracker reports (hypervisors API): the instances whose node it is. */
    nodeUsage(hypervisorHostname: string): ComputeNodeUsage {
      const r = (usage.get(hypervisorHostname) as UsageRow | undefined) ?? NO_USAGE;
      return withMoves(r, movesOfNode.all(hypervisorHostname, hypervisorHostname) as MoveRow[], hypervisorHostname);
    },
    /** Every service (the API's own included), as getService reads them. */
    listAllServices: (): ServiceRecord[] => (allServices.all() as ServiceRow[]).map(toService),
    /** Moves with every write to services or compute_nodes (a cache of them compares it). */
    hostsVersion: (): number => changeSeq.get('hosts') as number,
    /** The usage rows of the nodes whose instances changed after `seq` (0: all), for a reader keeping them. */
    usageChangedSince: (seq: number): NodeUsageRow[] => usageSince.all(seq) as NodeUsageRow[],
    /**
     * nodeUsage for many nodes at once, from usage rows the caller keeps (usageChangedSince):
     * the in-progress moves are read once for all of them.
     */
    nodeUsages(nodes: readonly string[], rows: ReadonlyMap<string, UsageRow>): Map<string, ComputeNodeUsage> {
      const moves = new Map<string, MoveRow[]>();
      for (const m of movesInProgress.all() as MoveRow[]) {
        for (const n of new Set([m.source_node, m.dest_node])) {
          if (n === null) continue;
          const list = moves.get(n);
          if (list) list.push(m); else moves.set(n, [m]);
        }
      }
      const out = new Map<string, ComputeNodeUsage>();
      for (const n of nodes) out.set(n, withMoves(rows.get(n) ?? NO_USAGE, moves.get(n) ?? [], n));
      return out;
    },
  };
}

export type ServicesStore = ReturnType<typeof createServicesStore>;
