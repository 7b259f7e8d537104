// nova/api/openstack/compute/views/server_diagnostics.py: the 2.48 standard format, fields in
// nova's order (primitive fields, then the lists, then memory_details).
import type { InstanceDiagnostics } from '../../driver/fake-guest-data.js';

export function instanceDiagnostics(d: InstanceDiagnostics): Record<string, unknown> {
  return {
    state: d.state,
    driver: d.driver,
    hypervisor: d.hypervisor,
    hypervisor_os: d.hypervisorOs,
    uptime: d.uptime,
    config_drive: d.configDrive,
    num_cpus: d.cpus.length,
    num_nics: d.nics.length,
    num_disks: d.disks.length,
    disk_details: d.disks.map((x) => ({
      read_bytes: x.readBytes, read_requests: x.readRequests, write_bytes: x.writeBytes, write_requests: x.writeRequests, errors_count: x.errorsCount,
    })),
    cpu_details: d.cpus.map((x) => ({ id: x.id, time: x.time, utilisation: x.utilisation })),
    nic_details: d.nics.map((x) => ({
      mac_address: x.macAddress, rx_octets: x.rxOctets, rx_errors: x.rxErrors, rx_drop: x.rxDrop, rx_packets: x.rxPackets, rx_rate: x.rxRate,
      tx_octets: x.txOctets, tx_errors: x.txErrors, tx_drop: x.txDrop, tx_packets: x.txPackets, tx_rate: x.txRate,
    })),
    memory_details: { maximum: d.memory.maximum, used: d.memory.used },
  };
}
