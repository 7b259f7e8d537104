// What nova/virt/fake.py's FakeDriver answers about a guest, as data: the console log, the
// console endpoints (nova/console/type.py objects) and the two diagnostics formats.

/** FakeDriver.get_console_output */
export const FAKE_CONSOLE_OUTPUT = 'FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE';

/** The console protocols of POST /servers/{id}/remote-consoles (remote_consoles.py handlers). */
export type ConsoleProtocol = 'vnc' | 'spice' | 'rdp' | 'serial' | 'mks';

/** FakeDriver.get_<protocol>_console: where the guest's console listens. */
export interface ConsoleEndpoint {
  host: string;
  port: number;
  internalAccessPath: string;
}

export const FAKE_CONSOLES: Readonly<Record<ConsoleProtocol, ConsoleEndpoint>> = {
  vnc: { host: 'fakevncconsole.com', port: 6969, internalAccessPath: 'FAKE' },
  spice: { host: 'fakespiceconsole.com', port: 6969, internalAccessPath: 'FAKE' },
  rdp: { host: 'fakerdpconsole.com', port: 6969, internalAccessPath: 'FAKE' },
  serial: { host: 'fakerdpconsole.com', port: 6969, internalAccessPath: 'FAKE' },
  mks: { host: 'fakemksconsole.com', port: 6969, internalAccessPath: 'FAKE' },
};

/** FakeDriver.get_diagnostics: the pre-2.48 free-form (libvirt-style) dict, in its key order. */
export const FAKE_DIAGNOSTICS: Readonly<Record<string, number>> = {
  cpu0_time: 17300000000,
  memory: 524288,
  vda_errors: -1,
  vda_read: 262144,
  vda_read_req: 112,
  vda_write: 5778432,
  vda_write_req: 488,
  vnet1_rx: 2070139,
  vnet1_rx_drop: 0,
  vnet1_rx_errors: 0,
  vnet1_rx_packets: 26701,
  vnet1_tx: 140208,
  vnet1_tx_drop: 0,
  vnet1_tx_errors: 0,
  vnet1_tx_packets: 662,
};

/** FakeDriver.get_instance_diagnostics: the Diagnostics object (2.48 standard format). */
export interface InstanceDiagnostics {
  state: string;
  driver: string;
  hypervisor: string;
  hypervisorOs: string;
  uptime: number;
  configDrive: boolean;
  cpus: { id: number; time: number; utilisation: number }[];
  nics: {
    macAddress: string; rxOctets: number; rxErrors: number; rxDrop: number; rxPackets: number; rxRate: number;
    txOctets: number; txErrors: number; txDrop: number; txPackets: number; txRate: number;
  }[];
  disks: { readBytes: number; readRequests: number; writeBytes: number; writeRequests: number; errorsCount: number }[];
  memory: { maximum: number; used: number };
}

export const FAKE_INSTANCE_DIAGNOSTICS: InstanceDiagnostics = {
  state: 'running', driver: 'libvirt', hypervisor: 'kvm', hypervisorOs: 'ubuntu', uptime: 46664, configDrive: true,
  cpus: [{ id: 0, time: 17300000000, utilisation: 15 }],
  nics: [{
    macAddress: '01:23:45:67:89:ab', rxOctets: 2070139, rxErrors: 100, rxDrop: 200, rxPackets: 26701, rxRate: 300,
    txOctets: 140208, txErrors: 400, txDrop: 500, txPackets: 662, txRate: 600,
  }],
  disks: [{ readBytes: 262144, readRequests: 112, writeBytes: 5778432, writeRequests: 488, errorsCount: 1 }],
  memory: { maximum: 524288, used: 0 },
};
