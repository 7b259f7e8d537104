// SQL for neutron's resources (migrations/040_networking.sql). Statements are prepared once;
// callers own transactions (networking-service.ts wraps each API write in one).
import type { Db } from '../../db/open-database.js';

export type Doc = Record<string, unknown> & { id: string; project_id: string };

export interface StoredResource {
  readonly seq: number;
  readonly doc: Doc;
}

interface Row { seq: number; doc: string }

export class ResourcesStore {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly byNetworkStmt;
  private readonly byDeviceStmt;
  private readonly byDevicesStmt;
  private readonly deleteAllStmt;
  private readonly countStmt;
  private readonly byNameStmt;
  private readonly macStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT INTO neutron_resources (kind, id, project_id, network_id, device_id, mac_address, doc) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.updateStmt = db.prepare('UPDATE neutron_resources SET device_id = ?, mac_address = ?, doc = ? WHERE id = ? AND kind = ?');
    this.deleteStmt = db.prepare('DELETE FROM neutron_resources WHERE id = ? AND kind = ?');
    this.getStmt = db.prepare('SELECT seq, doc FROM neutron_resources WHERE id = ? AND kind = ?');
    this.listStmt = db.prepare('SELECT seq, doc FROM neutron_resources WHERE kind = ? ORDER BY seq');
    this.byNetworkStmt = db.prepare('SELECT seq, doc FROM neutron_resources WHERE network_id = ? AND kind = ? ORDER BY seq');
    this.byDeviceStmt = db.prepare('SELECT seq, doc FROM neutron_resources WHERE device_id = ? AND kind = \'port\' ORDER BY seq');
    // +kind: through the device_id index (the (kind, seq) index would walk every port for the ORDER BY)
    this.byDevicesStmt = db.prepare('SELECT seq, doc FROM neutron_resources WHERE device_id IN (SELECT value FROM json_each(?)) AND +kind = \'port\' ORDER BY seq');
    this.deleteAllStmt = db.prepare('DELETE FROM neutron_resources');
    this.countStmt = db.prepare('SELECT COUNT(*) FROM neutron_resources WHERE kind = ? AND project_id = ?').pluck();
    this.byNameStmt = db.prepare("SELECT seq, doc FROM neutron_resources WHERE kind = ? AND project_id = ? AND json_extract(doc, '$.name') = ? ORDER BY seq");
    this.macStmt = db.prepare("SELECT 1 FROM neutron_resources WHERE network_id = ? AND kind = 'port' AND mac_address = ?").pluck();
  }

  insert(kind: string, doc: Doc): number {
    const r = this.insertStmt.run(kind, doc.id, doc.project_id, str(doc.network_id), str(doc.device_id), kind === 'port' ? str(doc.mac_address) : null, JSON.stringify(doc));
    return Number(r.lastInsertRowid);
  }

  update(kind: string, doc: Doc): void {
    this.updateStmt.run(str(doc.device_id), kind === 'port' ? str(doc.mac_address) : null, JSON.stringify(doc), doc.id, kind);
  }

  delete(kind: string, id: string): boolean {
    return this.deleteStmt.run(id, kind).changes === 1;
  }

  get(kind: string, id: string): StoredResource | undefined {
    const row = this.getStmt.get(id, kind) as Row | undefined;
    return row && parse(row);
  }

  list(kind: string): StoredResource[] {
    return (this.listStmt.all(kind) as Row[]).map(parse);
  }

  listOnNetwork(kind: string, networkId: string): StoredResource[] {
    return (this.byNetworkStmt.all(networkId, kind) as Row[]).map(parse);
  }

  portsOfDevice(deviceId: string): StoredResource[] {
    return (this.byDeviceStmt.all(deviceId) as Row[]).map(parse);
  }

  /** The ports of any of the devices, in creation order (through the device_id index, not a scan of every port). */
  portsOfDevices(deviceIds: readonly string[]): StoredResource[] {
    return (this.byDevicesStmt.all(JSON.stringify(deviceIds)) as Row[]).map(parse);
  }

  countOf(kind: string, projectId: string): number {
    return this.countStmt.get(kind, projectId) as number;
  }

  findByName(kind: string, projectId: string, name: string): StoredResource[] {
    return (this.byNameStmt.all(kind, projectId, name) as Row[]).map(parse);
  }

  macInUse(networkId: string, mac: string): boolean {
    return this.macStmt.get(networkId, mac) !== undefined;
  }

  deleteAll(): void {
    this.deleteAllStmt.run();
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const parse = (r: Row): StoredResource => ({ seq: r.seq, doc: JSON.parse(r.doc) as Doc });
