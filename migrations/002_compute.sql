-- Nova's data model, trimmed to what the compute API and workflows use (nova/db/main/models.py).
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  host TEXT NOT NULL,
  binary TEXT NOT NULL,               -- nova-compute, nova-conductor, nova-scheduler
  topic TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  disabled_reason TEXT,
  forced_down INTEGER NOT NULL DEFAULT 0,
  last_seen_up TEXT,
  version INTEGER NOT NULL DEFAULT 61,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  UNIQUE (host, binary)
);
CREATE TABLE compute_nodes (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,          -- also the resource provider uuid
  service_id INTEGER NOT NULL REFERENCES services(id),
  host TEXT NOT NULL,
  hypervisor_hostname TEXT NOT NULL UNIQUE,
  driver TEXT NOT NULL DEFAULT 'MediumFakeDriver',
  vcpus INTEGER NOT NULL,
  memory_mb INTEGER NOT NULL,
  local_gb INTEGER NOT NULL,
  traits TEXT NOT NULL DEFAULT '[]',  -- extra traits beyond the fake driver's, JSON list
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE TABLE flavors (
  id INTEGER PRIMARY KEY,             -- nova's internal instance_type_id
  flavorid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  vcpus INTEGER NOT NULL,
  memory_mb INTEGER NOT NULL,
  root_gb INTEGER NOT NULL,
  ephemeral_gb INTEGER NOT NULL DEFAULT 0,
  swap INTEGER NOT NULL DEFAULT 0,
  rxtx_factor REAL NOT NULL DEFAULT 1.0,
  vcpu_weight INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0,
  is_public INTEGER NOT NULL DEFAULT 1,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE TABLE flavor_extra_specs (
  flavor_id INTEGER NOT NULL REFERENCES flavors(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (flavor_id, key)
);
CREATE TABLE flavor_projects (
  flavor_id INTEGER NOT NULL REFERENCES flavors(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL,
  PRIMARY KEY (flavor_id, project_id)
);
CREATE TABLE instances (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  display_description TEXT,
  hostname TEXT,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  image_ref TEXT,
  flavor TEXT NOT NULL,               -- JSON snapshot of the current flavor (instance_extra.flavor "cur")
  old_flavor TEXT,                    -- JSON, during a resize
  new_flavor TEXT,                    -- JSON, during a resize
  vm_state TEXT NOT NULL,
  task_state TEXT,
  power_state INTEGER NOT NULL DEFAULT 0,
  host TEXT,
  node TEXT,
  availability_zone TEXT,
  requested_az TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  system_metadata TEXT NOT NULL DEFAULT '{}', -- JSON: old_vm_state during moves
  launched_on TEXT,
  root_device_name TEXT,
  key_name TEXT,
  key_data TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  locked_by TEXT,
  locked_reason TEXT,
  access_ip_v4 TEXT,
  access_ip_v6 TEXT,
  config_drive TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  trusted_certs TEXT,
  user_data TEXT,
  reservation_id TEXT,
  launch_index INTEGER NOT NULL DEFAULT 0,
  progress INTEGER,
  launched_at TEXT,
  terminated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  deleted_at TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX instances_project ON instances(project_id, deleted);
CREATE INDEX instances_host ON instances(host);
CREATE TABLE migrations (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  instance_uuid TEXT NOT NULL,
  source_compute TEXT,
  dest_compute TEXT,
  source_node TEXT,
  dest_node TEXT,
  dest_host TEXT,
  old_instance_type_id INTEGER,
  new_instance_type_id INTEGER,
  status TEXT NOT NULL,
  migration_type TEXT NOT NULL,       -- resize | migration | live-migration | evacuation
  hidden INTEGER NOT NULL DEFAULT 0,
  cross_cell_move INTEGER NOT NULL DEFAULT 0,
  user_id TEXT,
  project_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  deleted_at TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX migrations_instance ON migrations(instance_uuid);
CREATE TABLE instance_actions (
  id INTEGER PRIMARY KEY,
  instance_uuid TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  user_id TEXT,
  project_id TEXT,
  start_time TEXT NOT NULL,
  finish_time TEXT,
  message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX instance_actions_instance ON instance_actions(instance_uuid);
CREATE INDEX instance_actions_request ON instance_actions(request_id);
CREATE TABLE instance_action_events (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES instance_actions(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  start_time TEXT NOT NULL,
  finish_time TEXT,
  result TEXT,
  traceback TEXT,
  host TEXT,
  details TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE TABLE instance_faults (
  id INTEGER PRIMARY KEY,
  instance_uuid TEXT NOT NULL,
  code INTEGER NOT NULL,
  message TEXT NOT NULL,
  details TEXT,
  host TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX instance_faults_instance ON instance_faults(instance_uuid);
CREATE TABLE keypairs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  user_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  public_key TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT 'ssh',
  created_at TEXT NOT NULL,
  updated_at TEXT,
  UNIQUE (user_id, name)
);
CREATE TABLE quotas (
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  resource TEXT NOT NULL,
  hard_limit INTEGER NOT NULL,
  PRIMARY KEY (project_id, user_id, resource)
);
-- nova quota_classes 'default' overrides (quota-class-sets); absent rows = nova.conf defaults.
CREATE TABLE quota_classes (
  class_name TEXT NOT NULL,
  resource TEXT NOT NULL,
  hard_limit INTEGER NOT NULL,
  PRIMARY KEY (class_name, resource)
);
