-- nova's virtual_interfaces (nova/db/main/models.py VirtualInterface), trimmed to what the API
-- reads: one row per port the compute gave an instance (allocate_for_instance,
-- allocate_port_for_instance), with the device tag asked for at boot (2.32, 2.42+) or attach
-- (2.49+); os-interface shows it from 2.70. Deallocation deletes the rows.
CREATE TABLE virtual_interfaces (
  port_id TEXT PRIMARY KEY,
  instance_uuid TEXT NOT NULL,
  network_id TEXT,
  tag TEXT
);
CREATE INDEX virtual_interfaces_instance ON virtual_interfaces (instance_uuid);
