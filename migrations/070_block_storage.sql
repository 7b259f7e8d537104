-- Cinder's data model, trimmed to what the v3 API and nova's volume calls use
-- (cinder/db/sqlalchemy/models.py: volume_types, volumes, volume_attachment, snapshots, quotas).
CREATE TABLE volume_types (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  is_public INTEGER NOT NULL DEFAULT 1,
  extra_specs TEXT NOT NULL DEFAULT '{}',   -- JSON object
  created_at TEXT NOT NULL
);
CREATE TABLE volumes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT,
  description TEXT,
  size INTEGER NOT NULL,
  status TEXT NOT NULL,                     -- creating, available, reserved, attaching, in-use, detaching, deleting, error, ...
  attach_status TEXT NOT NULL DEFAULT 'detached',
  bootable INTEGER NOT NULL DEFAULT 0,
  volume_type_id TEXT NOT NULL REFERENCES volume_types(id),
  availability_zone TEXT NOT NULL DEFAULT 'nova',
  snapshot_id TEXT,
  source_volid TEXT,
  image_id TEXT,
  host TEXT,                                -- backend@pool once scheduled
  service_uuid TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',      -- JSON object of strings
  image_metadata TEXT,                      -- JSON object (volume_glance_metadata), null when not from an image
  multiattach INTEGER NOT NULL DEFAULT 0,
  migration_status TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX volumes_project ON volumes(project_id);
CREATE TABLE volume_attachments (
  id TEXT PRIMARY KEY,
  volume_id TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
  instance_uuid TEXT,
  attach_status TEXT NOT NULL,              -- reserved, attaching, attached, detaching, error_attaching, ...
  attached_host TEXT,
  mountpoint TEXT,
  attach_mode TEXT NOT NULL DEFAULT 'null',
  connector TEXT,                           -- JSON object once updated
  connection_info TEXT,                     -- JSON object once updated
  attach_time TEXT,
  detach_time TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX volume_attachments_volume ON volume_attachments(volume_id);
CREATE INDEX volume_attachments_instance ON volume_attachments(instance_uuid);
CREATE TABLE volume_snapshots (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  volume_id TEXT NOT NULL,
  name TEXT,
  description TEXT,
  size INTEGER NOT NULL,
  status TEXT NOT NULL,                     -- creating, available, deleting, error, ...
  progress TEXT NOT NULL DEFAULT '0%',
  volume_type_id TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX volume_snapshots_volume ON volume_snapshots(volume_id);
CREATE TABLE volume_quotas (
  project_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  hard_limit INTEGER NOT NULL,
  PRIMARY KEY (project_id, resource)
);
