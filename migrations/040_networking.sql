-- Neutron's resources (networks, subnets, ports, security groups and rules, floating IPs,
-- routers). One row per resource: the columns neutron joins and constrains on, plus the
-- resource's attributes as JSON (`doc`), written whole on every change. `seq` is the
-- standard attribute id: list order, as neutron's database returns rows.
CREATE TABLE neutron_resources (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL UNIQUE,
  project_id TEXT NOT NULL,
  network_id TEXT,
  device_id TEXT,
  mac_address TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX neutron_resources_kind ON neutron_resources (kind, seq);
CREATE INDEX neutron_resources_network ON neutron_resources (network_id, kind);
CREATE INDEX neutron_resources_device ON neutron_resources (device_id);
-- neutron: ports.network_id + mac_address is unique (MacAddressInUse)
CREATE UNIQUE INDEX neutron_ports_mac ON neutron_resources (network_id, mac_address) WHERE kind = 'port';

-- ipallocations: an address is held by one port per subnet (IpAddressAlreadyAllocated).
CREATE TABLE neutron_ip_allocations (
  subnet_id TEXT NOT NULL REFERENCES neutron_resources(id) ON DELETE CASCADE,
  ip_address TEXT NOT NULL,
  network_id TEXT NOT NULL,
  port_id TEXT NOT NULL REFERENCES neutron_resources(id) ON DELETE CASCADE,
  PRIMARY KEY (subnet_id, ip_address)
);
CREATE INDEX neutron_ip_allocations_port ON neutron_ip_allocations (port_id);

-- quotas: only the limits a PUT /quotas/{project} set; the rest are neutron's defaults.
CREATE TABLE neutron_quotas (
  project_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  hard_limit INTEGER NOT NULL,
  PRIMARY KEY (project_id, resource)
);
