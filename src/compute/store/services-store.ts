// SQL for nova services and compute nodes (nova/objects/service.py, compute_node.py).
import type { Db } from '../../db/open-database.js';
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

export function createServicesStore(db: Db, now: () => string) {
  const svcById = db.prepare('SELECT * FROM services WHERE id = ?');
  const svcByUuid = db.prepare('SELECT * FROM services WHERE uuid = ?');
  const svcByHostBinary = db.prepare('SELECT * FROM services WHERE host = ? AND binary = ?');
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
  const usage = db.prepare(`SELECT COUNT(*) AS n,
      COALESCE(SUM(json_extract(flavor, '$.vcpus')), 0) AS vcpus,
      COALESCE(SUM(json_extract(flavor, '$.memoryMb')), 0) AS mem,
      COALESCE(SUM(json_extract(flavor, '$.rootGb') + json_extract(flavor, '$.ephemeralGb')), 0) AS disk
    FROM instances WHERE node = ? AND deleted = 0`);

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
    listServices(f: ServiceFilter = {}): ServiceRecord[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.host !== undefined) { where.push('host = ?'); args.push(f.host); }
      if (f.binary !== undefined) { where.push('binary = ?'); args.push(f.binary); }
      return (db.prepare(`SELECT * FROM services${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY id`).all(...args) as ServiceRow[]).map(toService);
    },
    createService(s: { uuid: string; host: string; binary: ServiceBinary; disabled?: boolean; disabledReason?: string | null }): ServiceRecord {
      const ts = now();
      const topic = s.binary === 'nova-compute' ? 'compute' : s.binary === 'nova-conductor' ? 'conductor' : 'scheduler';
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
      db.prepare(`UPDATE services SET ${sets.join(', ')} WHERE id = @id`).run(args);
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
      const r = usage.get(hypervisorHostname) as { n: number; vcpus: number; mem: number; disk: number };
      return { runningVms: r.n, vcpusUsed: r.vcpus, memoryMbUsed: r.mem, localGbUsed: r.disk };
    },
  };
}

export type ServicesStore = ReturnType<typeof createServicesStore>;
