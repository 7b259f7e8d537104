// SQL for ipallocations: (subnet, address) is the primary key, so two ports can never hold
// one address, whatever the order of concurrent creates.
import type { Db } from '../../db/open-database.js';

export interface IpAllocation {
  readonly subnet_id: string;
  readonly ip_address: string;
  readonly network_id: string;
  readonly port_id: string;
}

export class IpAllocationsStore {
  private readonly insertStmt;
  private readonly ofSubnetStmt;
  private readonly findStmt;
  private readonly deletePortStmt;
  private readonly deleteOneStmt;
  private readonly countSubnetStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO neutron_ip_allocations (subnet_id, ip_address, network_id, port_id) VALUES (?, ?, ?, ?)');
    this.ofSubnetStmt = db.prepare('SELECT ip_address FROM neutron_ip_allocations WHERE subnet_id = ?').pluck();
    this.findStmt = db.prepare('SELECT subnet_id, ip_address, network_id, port_id FROM neutron_ip_allocations WHERE subnet_id = ? AND ip_address = ?');
    this.deletePortStmt = db.prepare('DELETE FROM neutron_ip_allocations WHERE port_id = ?');
    this.deleteOneStmt = db.prepare('DELETE FROM neutron_ip_allocations WHERE port_id = ? AND subnet_id = ? AND ip_address = ?');
    this.countSubnetStmt = db.prepare('SELECT COUNT(*) FROM neutron_ip_allocations WHERE subnet_id = ?').pluck();
  }

  /** false when the address is already held (the primary key refused it). */
  allocate(a: IpAllocation): boolean {
    return this.insertStmt.run(a.subnet_id, a.ip_address, a.network_id, a.port_id).changes === 1;
  }

  addressesOf(subnetId: string): Set<string> {
    return new Set(this.ofSubnetStmt.all(subnetId) as string[]);
  }

  holder(subnetId: string, ip: string): IpAllocation | undefined {
    return this.findStmt.get(subnetId, ip) as IpAllocation | undefined;
  }

  releasePort(portId: string): void {
    this.deletePortStmt.run(portId);
  }

  release(portId: string, subnetId: string, ip: string): void {
    this.deleteOneStmt.run(portId, subnetId, ip);
  }

  countOnSubnet(subnetId: string): number {
    return this.countSubnetStmt.get(subnetId) as number;
  }
}
