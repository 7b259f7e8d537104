-- nova's instance_info_caches (the network info of each instance, as the compute last saw it
-- from Neutron) plus what the API recorded for the build: the requested networks (nova keeps
-- them on the build request / request spec) and the requested security groups.
CREATE TABLE instance_info_caches (
  instance_uuid TEXT PRIMARY KEY,
  -- JSON list of VIFs (src/networking-client/network-api.ts Vif)
  network_info TEXT NOT NULL DEFAULT '[]',
  -- JSON: null (no networks given), "auto", "none" or a list of {networkId, portId, fixedIp}
  requested_networks TEXT,
  -- JSON list of security group names or ids
  security_groups TEXT NOT NULL DEFAULT '["default"]'
);
