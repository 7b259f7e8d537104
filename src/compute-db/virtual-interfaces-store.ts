// SQL for virtual_interfaces (migrations/090): nova's VirtualInterface records, one per port of
// an instance, which hold the device tag the API shows in os-interface from 2.70.
import type { Db } from '../db/open-database.js';

/** What nova's _update_ports_for_instance records per port (vif.create()). */
export interface VirtualInterfaceRecord {
  portId: string;
  networkId: string | null;
  tag: string | null;
}

export function createVirtualInterfacesStore(db: Db) {
  const insert = db.prepare(`INSERT INTO virtual_interfaces (port_id, instance_uuid, network_id, tag) VALUES (?, ?, ?, ?)
    ON CONFLICT (port_id) DO UPDATE SET instance_uuid = excluded.instance_uuid, network_id = excluded.network_id, tag = excluded.tag`);
  const byInstance = db.prepare('SELECT port_id, network_id, tag FROM virtual_interfaces WHERE instance_uuid = ?');
  const delByInstance = db.prepare('DELETE FROM virtual_interfaces WHERE instance_uuid = ?');
  const delPort = db.prepare('DELETE FROM virtual_interfaces WHERE instance_uuid = ? AND port_id = ?');
  type Row = { port_id: string; network_id: string | null; tag: string | null };
  return {
    create(instanceUuid: string, vifs: readonly VirtualInterfaceRecord[]): void {
      for (const v of vifs) insert.run(v.portId, instanceUuid, v.networkId, v.tag);
    },
    list(instanceUuid: string): VirtualInterfaceRecord[] {
      return (byInstance.all(instanceUuid) as Row[]).map((r) => ({ portId: r.port_id, networkId: r.network_id, tag: r.tag }));
    },
    /** VirtualInterface.delete_by_instance_uuid (deallocate_for_instance). */
    deleteByInstance(instanceUuid: string): void {
      delByInstance.run(instanceUuid);
    },
    /** deallocate_port_for_instance: the detached port's record. */
    deletePort(instanceUuid: string, portId: string): void {
      delPort.run(instanceUuid, portId);
    },
  };
}

export type VirtualInterfacesStore = ReturnType<typeof createVirtualInterfacesStore>;
